package rules

import "github.com/dlint/dlint/parser"

var ddBridgeBip = &Rule{
	ID: "DD1015", Name: "bridge-with-bip", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "bridge and bip are both set, so dockerd refuses to start",
	Doc: "`bridge` attaches containers to an existing bridge whose address you manage; `bip` makes dockerd " +
		"create docker0 with that address. They exclude each other, and dockerd stops at start with \"You " +
		"specified -b & --bip, mutually exclusive options\" (the same for `bip6`), which `--validate` misses. " +
		"Keep one of them.",
	Bad:  `{"bridge": "br0", "bip": "172.26.0.1/16"}`,
	Good: `{"bip": "172.26.0.1/16"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		br, bk := ddString(f, "bridge")
		if bk == nil || br == "" {
			return
		}
		for _, name := range []string{"bip", "bip6"} {
			if v, k := ddString(f, name); k != nil && v != "" {
				p.Reportf(k.KeyRange, "%s is set together with bridge %q: the two are mutually exclusive and dockerd refuses to start", name, br)
			}
		}
	},
}
