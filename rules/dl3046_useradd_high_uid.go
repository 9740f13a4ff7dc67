package rules

import (
	"fmt"
	"strconv"

	"github.com/dlint/dlint/parser"
)

var useraddHighUID = &Rule{
	ID: "DL3046", Name: "useradd-high-uid", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagSize},
	Summary: "useradd with a large UID and without -l bloats the image",
	Doc: "useradd records each user in /var/log/lastlog and /var/log/faillog, files indexed by UID. " +
		"With a UID of 100000 or more these sparse files are written into the layer at their full " +
		"size, tens of megabytes to gigabytes. Add `-l` (`--no-log-init`) or choose a smaller UID.\n\n" +
		"Fix (safe): `-l` is inserted right after `useradd`.",
	Bad:   "RUN useradd -u 1000000 app",
	Good:  "RUN useradd -l -u 1000000 app",
	Check: checkUseraddHighUID,
}

func checkUseraddHighUID(p *Pass) {
	forEachUserCommand(p.Dockerfile, func(c userCommand) {
		if c.Kind != "useradd" || c.NoLogInit || !c.UID.Lit {
			return
		}
		n, err := strconv.ParseUint(c.UID.Value, 10, 64)
		if err != nil || n < 100000 {
			return
		}
		p.Report(c.UID.Range, fmt.Sprintf("useradd with UID %d and without -l (--no-log-init) writes large lastlog and faillog files into the layer", n),
			pmInsertFix(p, c.In, c.Cmd.Name, " -l", "Add -l", true)...)
	})
}
