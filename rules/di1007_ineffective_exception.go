package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerignore"
)

// maxExceptionTests bounds DI1007's comparisons of an exception with a
// later pattern, which grow with the square of the file.
const maxExceptionTests = 5_000_000

var ineffectiveException = &Rule{
	ID:       "DI1007",
	Name:     "ineffective-ignore-exception",
	Kind:     parser.DockerIgnore,
	Severity: Info,
	Tags:     []string{TagCorrectness},
	Summary:  "A ! exception is undone by a later pattern",
	Doc: "Patterns apply in order and the last one that matches a path decides. An exception " +
		"(`!path`) followed by a pattern that excludes the same path again (`*`, `**`, the path " +
		"itself or one of its parent directories) has no effect: the file stays out of the build " +
		"context, and a COPY of it fails. Move the exception below the patterns it makes an " +
		"exception to. For exceptions with wildcards, only a later `*`, `**`, `**/*` or the same " +
		"pattern is recognised.",
	Bad:  "!README.md\n*",
	Good: "*\n!README.md",
	Check: func(p *Pass) {
		pats := p.Ignore.Patterns
		tests := 0
		var work dockerignore.Work
		for i, n := range pats {
			if !n.Negated {
				continue
			}
			// Each exception is compared with every later pattern: past
			// maxExceptionTests comparisons (tens of thousands of patterns,
			// no real file) the remaining exceptions are not checked.
			if tests += len(pats) - i - 1; tests > maxExceptionTests {
				return
			}
			var last *dockerignore.Pattern
			known := true
			for j := i + 1; j < len(pats) && known; j++ {
				q := &pats[j]
				hit := q.Cleaned == n.Cleaned || !q.Negated && ignoreUniversal(*q)
				if !hit && !n.HasWildcard() {
					// A comparison too costly leaves the exception unchecked.
					known = work.Spend(q.MatchCost(n.Cleaned))
					hit = known && q.Matches(n.Cleaned)
				}
				if hit {
					last = q
				}
			}
			if !known || last == nil || last.Negated {
				continue
			}
			p.Reportf(n.Range, "exception %q has no effect: %q on line %d excludes it again; move the exception below it",
				n.Raw, last.Raw, last.Range.Start.Line)
		}
	},
}
