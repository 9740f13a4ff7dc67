package rules

import "github.com/dlint/dlint/parser"

var ddNoUsernsRemap = &Rule{
	ID: "DD1033", Name: "no-userns-remap", Aliases: []string{"CIS-2.8"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 4.0,
	Summary: "User namespace remapping is off, so root in a container is root",
	Doc:     "Without `userns-remap` uid 0 inside a container is uid 0 on the host: after a container escape the attacker is root. `\"userns-remap\": \"default\"` maps container users to an unprivileged subordinate range (/etc/subuid, /etc/subgid). It changes the storage layout and is incompatible with some features (`--privileged`, host namespaces), so test it first; rootless Docker is the stronger alternative.",
	Bad:     `{}`,
	Good:    `{"userns-remap": "default"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddString(f, "userns-remap"); k == nil {
			p.Report(f.RootRange(), "userns-remap is not set: root in a container is root on the host")
		} else if v == "" {
			p.Report(k.ValueRange, "userns-remap is empty: root in a container is root on the host")
		}
	},
}
