package rules

import "github.com/dlint/dlint/parser"

var ddNoLiveRestore = &Rule{
	ID: "DD1037", Name: "no-live-restore", Aliases: []string{"CIS-2.14"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 1.5,
	Summary: "live-restore is off, so containers stop when dockerd restarts",
	Doc:     "Without `\"live-restore\": true` every container stops when dockerd stops, including for an engine upgrade or a crash. With it containers keep running while the daemon is down (not available with swarm mode).",
	Bad:     `{}`,
	Good:    `{"live-restore": true}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddBool(f, "live-restore"); k == nil {
			p.Report(f.RootRange(), "live-restore is not enabled: containers stop whenever dockerd restarts")
		} else if !v {
			p.Report(k.ValueRange, "live-restore is false: containers stop whenever dockerd restarts")
		}
	},
}
