package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var worldWritableChmod = &Rule{
	ID: "DL5210", Name: "world-writable-copy-mode", Kind: parser.Dockerfile, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 5.5,
	Summary: "COPY or ADD --chmod makes files writable by every user",
	Doc: "A mode such as 777 or 666 (or `o+w`, `a+w`) lets any user in the container, including " +
		"one an attacker gains through another process, replace the files: code, scripts, configuration. " +
		"Grant write access to the owner only (755 for directories and executables, 644 for data), and " +
		"give the runtime user ownership of the few paths it must write. Modes with the sticky bit " +
		"(1777, as for /tmp) are left alone. Stages whose files cannot reach the final image are not judged.",
	Bad:   "COPY --chmod=777 entrypoint.sh /usr/local/bin/",
	Good:  "COPY --chmod=755 entrypoint.sh /usr/local/bin/",
	Check: checkWorldWritableChmod,
}

func checkWorldWritableChmod(p *Pass) {
	for _, st := range p.RuntimeStages() {
		for _, in := range st.InstructionsOf("copy", "add") {
			fl, ok := in.Flag("chmod")
			if !ok || strings.Contains(fl.Value, "$") {
				continue
			}
			if ww, sticky, ok := shChmodMode(strings.Trim(fl.Value, `"'`)); ok && ww && !sticky {
				p.Report(fl.Range, fmt.Sprintf("--chmod=%s makes the copied files writable by every user in the container", fl.Value))
			}
		}
	}
}
