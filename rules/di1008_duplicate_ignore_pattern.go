package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var duplicateIgnorePattern = &Rule{
	ID:       "DI1008",
	Name:     "duplicate-ignore-pattern",
	Kind:     parser.DockerIgnore,
	Severity: Style,
	Tags:     []string{TagStyle, TagMaintainability},
	Summary:  "The same ignore pattern appears twice",
	Doc: "The pattern repeats an earlier one (after BuildKit's normalisation: `/dist/`, `./dist` and " +
		"`dist` are the same) with no exception of the opposite kind in between, so it changes " +
		"nothing. Remove the repeat.\n\n" +
		"Fix (safe): the repeated line is removed.",
	Bad:  "node_modules\n*.log\n/node_modules/",
	Good: "node_modules\n*.log",
	Check: func(p *Pass) {
		pats := p.Ignore.Patterns
		for j := range pats {
			for i := j - 1; i >= 0; i-- {
				if pats[i].Negated != pats[j].Negated {
					break // "*", "!src", "*": the repeat changes what the pattern in between did
				}
				if pats[i].Cleaned != pats[j].Cleaned {
					continue
				}
				line := pats[j].Range.Start.Line
				fix := Fix{Message: "Remove the repeated pattern", Safe: true, Edits: []Edit{{
					Range: source.Range{Start: source.Position{Line: line, Column: 1}, End: source.Position{Line: line + 1, Column: 1}},
				}}}
				p.Report(pats[j].Range, fmt.Sprintf("pattern %q repeats line %d", pats[j].Raw, pats[i].Range.Start.Line), fix)
				break
			}
		}
	},
}
