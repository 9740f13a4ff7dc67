package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

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
		type slot struct {
			parent *daemonjson.Key
			name   string
		}
		last := map[slot]*daemonjson.Key{}
		for _, k := range f.Keys {
			s := slot{k.Parent, k.Name}
			if prev := last[s]; prev != nil && k.Duplicate {
				p.Reportf(prev.KeyRange, "key %q is set again on line %d; this earlier value is ignored", k.PathString(), k.KeyRange.Start.Line)
			}
			last[s] = k
		}
	},
}
