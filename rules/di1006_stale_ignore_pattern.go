package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerignore"
)

var staleIgnorePattern = &Rule{
	ID:       "DI1006",
	Name:     "stale-ignore-pattern",
	Kind:     parser.DockerIgnore,
	Severity: Info,
	Tags:     []string{TagMaintainability},
	Summary:  "An ignore pattern matches nothing in the build context",
	Doc: "The pattern matches no file or directory of the build context: the path was renamed or " +
		"removed, the pattern has a typo, or it was copied from another project. Such patterns make " +
		"the ignore file harder to trust; remove or fix them. Only checked for a file named " +
		".dockerignore, against the directory it sits in (a per-Dockerfile ignore file applies to a " +
		"context that cannot be told from its path). Patterns for things tools create or people " +
		"list ahead of time are never reported: dot-files, extension globs such as `*.log`, `**/` " +
		"patterns, and common names such as `node_modules`, `dist`, `build`, `target`, `coverage`.",
	Bad:  "# the context has no src/legacy/\nsrc/legacy",
	Good: "node_modules\n*.log\nsrc/generated",
	Check: func(p *Pass) {
		c := ignoreContext(p)
		if c == nil {
			return
		}
		var work dockerignore.Work
		for _, pat := range p.Ignore.Patterns {
			if ignorePreemptive(pat) || ignoreUniversal(pat) {
				continue
			}
			if prefix := pat.LiteralPrefix(); prefix != "" {
				if !c.Exists(prefix) {
					p.Reportf(pat.Range, "pattern %q matches nothing in the build context: %q does not exist", pat.Raw, prefix)
					continue
				}
				if !pat.HasWildcard() {
					continue
				}
			}
			if ignoreGlobPreemptive(pat) {
				continue
			}
			if l := c.Listing(); l.Err != nil || l.Truncated {
				return
			}
			if matches, known := ignoreMatchesSomething(c.Listing().Entries, pat, &work); known && !matches {
				p.Reportf(pat.Range, "pattern %q matches nothing in the build context", pat.Raw)
			}
		}
	},
}
