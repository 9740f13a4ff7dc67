package rules

import "github.com/dlint/dlint/parser"

var ddExperimental = &Rule{
	ID: "DD1039", Name: "experimental-enabled", Aliases: []string{"CIS-2.17"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 2.0,
	Summary: "Experimental daemon features are enabled",
	Doc:     "`\"experimental\": true` exposes features that are not covered by Docker's stability and security guarantees. Keep it off on production hosts.",
	Bad:     `{"experimental": true}`,
	Good:    `{"experimental": false}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddBool(f, "experimental"); k != nil && v {
			p.Report(k.ValueRange, "experimental features are enabled on this daemon")
		}
	},
}
