package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var packageIndexUpdateAlone = &Rule{
	ID:       "DL5302",
	Name:     "package-index-update-alone",
	Aliases:  []string{"DS-0017", "CKV_DOCKER_5", "CIS-4.7"},
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Update the package index in the same RUN that installs",
	Doc: `A RUN that only refreshes the package index (` + "`apt-get update`" + `, ` + "`apk update`" + `,
` + "`yum makecache`" + `, ` + "`zypper refresh`" + `) becomes a cached layer. When a later RUN's install line
changes, the build reuses the old index from the cache, and the install fails on versions that
are gone or silently gets old ones. Update and install in one RUN:
` + "`RUN apt-get update && apt-get install -y …`" + `.`,
	Bad:  "RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl",
	Good: "RUN apt-get update && apt-get install -y --no-install-recommends curl",
	Check: func(p *Pass) {
		for _, r := range pkgRuns(p) {
			var update *pkgCall
			alone := true
			wrappers := map[*shell.Command]bool{}
			for _, c := range r.Cmds {
				if c.Via != nil {
					wrappers[c.Via] = true
				}
			}
			calls := map[*shell.Command]*pkgCall{}
			for _, c := range r.Calls {
				calls[c.Cmd] = c
			}
			for _, c := range r.Cmds {
				pc := calls[c]
				switch {
				case pc != nil && pc.IsIndexUpdate():
					if update == nil {
						update = pc
					}
				case wrappers[c], pmTrivialCmds[c.Base()]:
				default:
					alone = false
				}
			}
			if update != nil && alone {
				p.Report(update.SubWord().Range, update.Tool+" "+update.Sub+" runs alone: a later install reuses this cached index, which goes stale; update and install in the same RUN")
			}
		}
	},
}
