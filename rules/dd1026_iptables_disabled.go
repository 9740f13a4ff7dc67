package rules

import "github.com/dlint/dlint/parser"

var ddIptablesDisabled = &Rule{
	ID: "DD1026", Name: "iptables-disabled", Aliases: []string{"CIS-2.3"},
	Kind: parser.DaemonJSON, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 5.0,
	Summary: "iptables is false, so dockerd does not manage firewall rules",
	Doc: "With `\"iptables\": false` dockerd adds no NAT, forwarding or isolation rules: published ports, " +
		"isolation between networks and outbound masquerading all depend on rules maintained by hand, which " +
		"usually end up either broken or too open. Leave iptables on (the default) and restrict traffic in the " +
		"DOCKER-USER chain.",
	Bad:  `{"iptables": false}`,
	Good: `{"iptables": true}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddBool(f, "iptables"); k != nil && !v {
			p.Report(k.ValueRange, "iptables is false: dockerd adds no firewall rules, so port publishing and network isolation depend on hand-made rules")
		}
	},
}
