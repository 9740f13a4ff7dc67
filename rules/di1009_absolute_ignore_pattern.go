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
		"Fix (safe): the leading slashes are removed (all of them: `///dist` is `dist` too), with the blanks after them (`/ dist` is `dist` to BuildKit), unless the line would then read as another pattern: " +
		"`/#x` would become a comment, `!/ x` would lose its blank (an exception is ` x` with it, `x` without) and " +
		"`/../x` would keep its `..` (cleaning drops it after a leading slash only); then all but one go (`!// x` becomes `!/ x`).",
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
			// Every slash of the run goes in one edit, so that one round of
			// fixes leaves none; when the whole run cannot go (`//#x` would
			// become a comment), all but the last may, and one round still
			// leaves what the next would (a line that keeps one slash has
			// no fix).
			run := len(pat.Raw[i:]) - len(strings.TrimLeft(pat.Raw[i:], "/"))
			blanks := len(pat.Raw[i+run:]) - len(strings.TrimLeft(pat.Raw[i+run:], " \t"))
			cuts := []int{run, run - 1}
			if blanks > 0 {
				cuts = []int{run + blanks, run, run - 1}
			}
			var fixes []Fix
			for _, n := range cuts {
				if n < 1 {
					break
				}
				cut := slash
				cut.End.Column = col + n
				if slashesRemovable(p.Ignore, pat, cut, n) {
					fixes = append(fixes, Fix{Message: "Remove the leading slash", Safe: true, Edits: []Edit{{Range: cut}}})
					break
				}
			}
			p.Report(slash, fmt.Sprintf("pattern %q has a leading \"/\" that BuildKit ignores: patterns are always relative to the context root", pat.Raw), fixes...)
		}
	},
}

// slashesRemovable reports whether the line of pat without the n bytes at
// slashes (slashes, then perhaps the blanks after them) is still pat to
// BuildKit. It is not when the line would start with "#" (a comment), when
// an exception's blanks follow the slashes (the matcher trims a pattern's
// blanks, but an exception's only before its "!"), or when ".." follows
// them (cleaning drops it after a root "/" only).
func slashesRemovable(f *dockerignore.File, pat dockerignore.Pattern, slashes source.Range, n int) bool {
	line := slashes.Start.Line
	text := f.Lines.Text(line)
	at := f.Lines.Offset(slashes.Start) - f.Lines.LineStart(line)
	if at < 0 || at+n > len(text) {
		return false
	}
	if cut := text[at : at+n]; !strings.HasPrefix(cut, "/") || strings.Trim(strings.TrimLeft(cut, "/"), " \t") != "" {
		return false
	}
	fixed, _ := dockerignore.Parse([]byte(text[:at] + text[at+n:]))
	return len(fixed.Patterns) == 1 && fixed.Patterns[0].Cleaned == pat.Cleaned && fixed.Patterns[0].Negated == pat.Negated
}
