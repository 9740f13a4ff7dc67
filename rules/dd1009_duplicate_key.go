package rules

import "github.com/dlint/dlint/parser"

var ddDuplicateKey = &Rule{
	ID: "DD1009", Name: "duplicate-key", Kind: parser.DaemonJSON, Severity: Warning,
	Tags:    []string{TagCorrectness, TagMaintainability},
	Summary: "A key appears twice in the same object; only the last one counts",
	Doc: "JSON decoders, dockerd's included, keep the last of two members with the same name and drop the " +
		"first without a word. Whoever reads the file sees the first value and assumes it is in effect. Merge " +
		"the two into one member.",
	Bad:  `{"debug": true, "log-level": "info", "debug": false}`,
	Good: `{"debug": false, "log-level": "info"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		for i, k := range f.Keys {
			if !k.Duplicate {
				continue
			}
			// Point at the nearest earlier member it overrides.
			for j := i - 1; j >= 0; j-- {
				if prev := f.Keys[j]; prev.Parent == k.Parent && prev.Name == k.Name {
					p.Reportf(prev.KeyRange, "key %q is set again on line %d; this earlier value is ignored", k.PathString(), k.KeyRange.Start.Line)
					break
				}
			}
		}
	},
}
