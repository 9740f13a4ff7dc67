package rules

import "github.com/dlint/dlint/parser"

var ddUserlandProxy = &Rule{
	ID: "DD1038", Name: "userland-proxy-enabled", Aliases: []string{"CIS-2.15"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 2.0,
	Summary: "The userland proxy is on for published ports",
	Doc:     "With the userland proxy every published port also gets a `docker-proxy` process, which hides the client's address from the container and adds attack surface; with `\"userland-proxy\": false` the kernel's NAT rules do the work (hairpin NAT handles loopback). Some old kernels or exotic setups still need the proxy.",
	Bad:     `{}`,
	Good:    `{"userland-proxy": false}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddBool(f, "userland-proxy"); k == nil {
			p.Report(f.RootRange(), "userland-proxy is not disabled: each published port runs a docker-proxy process")
		} else if v {
			p.Report(k.ValueRange, "userland-proxy is true: each published port runs a docker-proxy process")
		}
	},
}
