package rules

import "github.com/dlint/dlint/parser"

var ddICCIptables = &Rule{
	ID: "DD1014", Name: "icc-needs-iptables", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "icc is false while iptables is false, so dockerd refuses to start",
	Doc: "`\"icc\": false` is enforced with iptables rules, so with `\"iptables\": false` the daemon stops at start " +
		"with \"You specified --iptables=false with --icc=false. ICC=false uses iptables to function\" — " +
		"`dockerd --validate` does not notice. The same holds for IPv6 with `ip6tables` false. Keep iptables on " +
		"(the default) or drop the icc setting.",
	Bad:  `{"icc": false, "iptables": false}`,
	Good: `{"icc": false}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		icc, ik := ddBool(f, "icc")
		if ik == nil || icc {
			return
		}
		if ipt, k := ddBool(f, "iptables"); k != nil && !ipt {
			p.Report(k.ValueRange, "iptables is false while icc is false: dockerd refuses to start (ICC=false uses iptables to function)")
			return
		}
		if v6, _ := ddBool(f, "ipv6"); v6 {
			if ipt, k := ddBool(f, "ip6tables"); k != nil && !ipt {
				p.Report(k.ValueRange, "ip6tables is false while icc is false and ipv6 is on: dockerd refuses to start")
			}
		}
	},
}
