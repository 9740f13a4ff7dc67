package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var rootOnlyIgnorePattern = &Rule{
	ID:       "DI1010",
	Name:     "root-only-ignore-pattern",
	Kind:     parser.DockerIgnore,
	Severity: Info,
	Tags:     []string{TagSize, TagCorrectness},
	Summary:  "A pattern matches only at the context root but the name occurs deeper",
	Doc: "Unlike .gitignore, a .dockerignore pattern without a slash matches only at the root of the " +
		"build context: `__pycache__` or `*.pyc` leaves `app/__pycache__/` in the context. The rule " +
		"fires when entries with that name exist deeper in the context and are still sent. Write " +
		"`**/__pycache__` to match at any depth. Only checked for a file named .dockerignore, against " +
		"the directory it sits in.\n\n" +
		"Fix (unsafe: the pattern then also excludes files deeper in the context): the pattern is rewritten as `**/<pattern>`.",
	Bad:  "# the context has app/__pycache__/\n__pycache__",
	Good: "**/__pycache__",
	Check: func(p *Pass) {
		c := ignoreContext(p)
		if c == nil {
			return
		}
		for _, pat := range p.Ignore.Patterns {
			if pat.Negated || strings.Contains(pat.Cleaned, "/") || ignoreUniversal(pat) || strings.HasPrefix(pat.Cleaned, "**") {
				continue
			}
			l := c.Listing()
			if l.Err != nil {
				return
			}
			var deeper []string
			skip := ""
			for _, e := range l.Entries {
				if skip != "" && strings.HasPrefix(e.Path, skip) {
					continue
				}
				skip = ""
				if e.Excluded || !strings.Contains(e.Path, "/") {
					continue
				}
				if ok, _ := path.Match(pat.Cleaned, path.Base(e.Path)); !ok {
					continue
				}
				deeper = append(deeper, fmt.Sprintf("%q", e.Path))
				if e.Dir {
					skip = e.Path + "/"
				}
			}
			if len(deeper) == 0 {
				continue
			}
			fixed := "**/" + pat.Cleaned
			p.Report(pat.Range, fmt.Sprintf("pattern %q matches only at the context root, so %s %s still sent; write %q to match at any depth",
				pat.Raw, ctxListNames(deeper, 3), map[bool]string{true: "is", false: "are"}[len(deeper) == 1], fixed),
				Fix{Message: "Match at any depth", Edits: []Edit{{Range: source.Range{Start: pat.Range.Start, End: pat.Range.End}, NewText: fixed}}})
		}
	},
}
