package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
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
		// A repeat counts within a run of patterns of the same kind only:
		// in "*", "!src", "*" the repeat changes what the pattern in between
		// did. last is where each pattern of the current run was last seen.
		last := map[string]int{}
		for j := range pats {
			if j > 0 && pats[j-1].Negated != pats[j].Negated {
				clear(last)
			}
			i, seen := last[pats[j].Cleaned]
			last[pats[j].Cleaned] = j
			if !seen {
				continue
			}
			line := pats[j].Range.Start.Line
			fix := Fix{Message: "Remove the repeated pattern", Safe: true, Edits: []Edit{fixDeleteLine(p, line)}}
			p.Report(pats[j].Range, fmt.Sprintf("pattern %q repeats line %d", pats[j].Raw, pats[i].Range.Start.Line), fix)
		}
	},
}
