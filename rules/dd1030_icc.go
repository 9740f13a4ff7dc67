package rules

import "github.com/dlint/dlint/parser"

var ddICCEnabled = &Rule{
	ID: "DD1030", Name: "icc-enabled", Aliases: []string{"CIS-2.1"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 3.1,
	Summary: "Containers on the default bridge can talk to each other (icc)",
	Doc:     "By default every container on the default `bridge` network can reach every other one on any port, so one compromised container can probe the rest. `\"icc\": false` blocks that traffic; containers that must talk then use a user-defined network (which `icc` does not affect) or published ports. Needs `iptables` on.",
	Bad:     `{"icc": true}`,
	Good:    `{"icc": false}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddBool(f, "icc"); k == nil {
			p.Report(f.RootRange(), "icc is not set to false: containers on the default bridge can reach each other")
		} else if v {
			p.Report(k.ValueRange, "icc is true: containers on the default bridge can reach each other")
		}
	},
}
