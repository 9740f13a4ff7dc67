package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var clutterNotIgnored = &Rule{
	ID:       "DI1002",
	Name:     "context-clutter-not-ignored",
	Kind:     parser.BuildContext,
	Severity: Warning,
	Tags:     []string{TagSize, TagPerformance},
	Summary:  "A COPY sends .git, node_modules, caches or logs the ignore file misses",
	Doc: "A COPY or ADD source reaches a version-control directory (`.git`, `.hg`, `.svn`), " +
		"installed dependencies (`node_modules`, `.venv`, `venv`), a cache (`__pycache__`, " +
		"`.gradle`, any directory with a CACHEDIR.TAG such as Cargo's `target/`) or log files that " +
		"exist in the build context, and the ignore file does not exclude them (or there is no ignore " +
		"file and the COPY names a directory holding them). They are sent to the builder and copied " +
		"into the image: larger images, slower builds, broken layer caching. Add them to the " +
		".dockerignore. A COPY that names such a directory itself (`COPY node_modules ./node_modules`) is " +
		"deliberate and not reported. When the whole context is copied with no ignore file at all, DI1001 reports it instead.\n\n" +
		"Fix (unsafe: those files no longer reach the image): the reported directories (by their path from the " +
		"context root) and log files (`*.log` per directory) are appended to the ignore file in use, or written " +
		"to a new .dockerignore at the context root when there is none; a path the pattern language would read " +
		"otherwise (`#logs`, `a[1]`) is written to match itself alone (`[#]logs`, `a[[]1]`). A path with a line break or bytes that are not UTF-8 is not " +
		"written (see DI1011): add it yourself.",
	Bad:  "# .dockerignore:\n#   *.md\nFROM node:22-alpine\nCOPY . /app   # node_modules/ is sent",
	Good: "# .dockerignore:\n#   *.md\n#   node_modules\nFROM node:22-alpine\nCOPY . /app",
	Check: func(p *Pass) {
		c := p.Context
		items := ctxClutter(c)
		if len(items) == 0 {
			return
		}
		srcs := contextSources(p)
		type group struct {
			src   ctxSource
			items []ctxClutterItem
		}
		var groups []*group
		byIn := map[*ctxSource]*group{}
		cover := newSourceIndex(srcs)
		for _, it := range items {
			first := -1 // the first source that copies it and is reported here
			if !cover.each(it.Path, func(i int) {
				s := &srcs[i]
				if c.Ignore == nil && s.Src.Whole() {
					return // DI1001
				}
				if !s.Above(it.Path) {
					return // `COPY node_modules ./node_modules` is deliberate
				}
				if first < 0 || i < first {
					first = i
				}
			}) {
				break
			}
			if first < 0 {
				continue
			}
			s := &srcs[first]
			g := byIn[s]
			if g == nil {
				g = &group{src: *s}
				byIn[s] = g
				groups = append(groups, g)
			}
			g.items = append(g.items, it)
		}
		// Each entry is added by the first finding that needs it, so that
		// fixes applied together do not write it twice.
		added := map[string]bool{}
		if c.Ignore == nil {
			for _, s := range srcs {
				if s.Src.Whole() {
					// DI1001's fix creates the ignore file with every entry.
					for _, it := range items {
						for _, e := range ctxIgnoreEntries(c, []ctxClutterItem{it}) {
							added[e] = true
						}
					}
				}
			}
		}
		for _, g := range groups {
			var entries []string
			for _, e := range ctxIgnoreEntries(c, g.items) {
				if !added[e] {
					added[e] = true
					entries = append(entries, e)
				}
			}
			fixes := ctxIgnoreFix(p, entries)
			if c.Ignore == nil {
				p.Report(g.src.Range, fmt.Sprintf("%s %s sends %s: no .dockerignore excludes them", g.src.Verb, g.src.Src.Raw, ctxDescribeClutter(g.items)), fixes...)
				continue
			}
			p.Report(g.src.Range, fmt.Sprintf("%s %s sends %s: %s does not exclude them", g.src.Verb, g.src.Src.Raw, ctxDescribeClutter(g.items), ignoreName(c)), fixes...)
		}
	},
}
