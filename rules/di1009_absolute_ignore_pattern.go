package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var absoluteIgnorePattern = &Rule{
	ID:       "DI1009",
	Name:     "leading-slash-ignore-pattern",
	Kind:     parser.DockerIgnore,
	Severity: Style,
	Tags:     []string{TagStyle},
	Summary:  "An ignore pattern starts with a redundant \"/\"",
	Doc: "Every .dockerignore pattern is relative to the root of the build context, and BuildKit " +
		"drops a leading `/`: `/dist` and `dist` are the same pattern. The slash suggests " +
		".gitignore's anchoring, where a pattern without it matches at any depth — in a " +
		".dockerignore neither form does; use `**/dist` for that. Remove the slash.\n\n" +
		"Fix (safe): the leading slash is removed.",
	Bad:  "/dist\n/.git",
	Good: "dist\n.git",
	Check: func(p *Pass) {
		for _, pat := range p.Ignore.Patterns {
			if !pat.Absolute() {
				continue
			}
			i := strings.Index(pat.Raw, "/")
			col := pat.Range.Start.Column + utf8.RuneCountInString(pat.Raw[:i])
			slash := source.Range{Start: source.Position{Line: pat.Range.Start.Line, Column: col}, End: source.Position{Line: pat.Range.Start.Line, Column: col + 1}}
			p.Report(slash, fmt.Sprintf("pattern %q has a leading \"/\" that BuildKit ignores: patterns are always relative to the context root", pat.Raw),
				Fix{Message: "Remove the leading slash", Safe: true, Edits: []Edit{{Range: slash}}})
		}
	},
}
