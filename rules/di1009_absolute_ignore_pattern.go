package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerignore"
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
		"Fix (safe): the leading slash is removed, unless the line would then read as another pattern: " +
		"`/#x` would become a comment, `/ x` would lose its blank (BuildKit trims lines, not patterns) and " +
		"`/../x` would keep its `..` (cleaning drops it after a leading slash only).",
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
			var fixes []Fix
			if slashRemovable(p.Ignore, pat, slash) {
				fixes = append(fixes, Fix{Message: "Remove the leading slash", Safe: true, Edits: []Edit{{Range: slash}}})
			}
			p.Report(slash, fmt.Sprintf("pattern %q has a leading \"/\" that BuildKit ignores: patterns are always relative to the context root", pat.Raw), fixes...)
		}
	},
}

// slashRemovable reports whether the line of pat without the slash at
// slash is still pat to BuildKit. It is not when the line would start with
// "#" (a comment), when blanks follow the slash (they are trimmed from the
// line but kept inside the pattern), or when ".." follows it (cleaning drops
// it after a root "/" only).
func slashRemovable(f *dockerignore.File, pat dockerignore.Pattern, slash source.Range) bool {
	n := slash.Start.Line
	text := f.Lines.Text(n)
	at := f.Lines.Offset(slash.Start) - f.Lines.LineStart(n)
	if at < 0 || at >= len(text) || text[at] != '/' {
		return false
	}
	fixed, _ := dockerignore.Parse([]byte(text[:at] + text[at+1:]))
	return len(fixed.Patterns) == 1 && fixed.Patterns[0].Cleaned == pat.Cleaned && fixed.Patterns[0].Negated == pat.Negated
}
