package rules

import (
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
		"deliberate and not reported. When the whole context is copied with no ignore file at all, DI1001 reports it instead.",
	Bad:  "# .dockerignore:\n#   *.md\nFROM node:22-alpine\nCOPY . /app   # node_modules/ is sent",
	Good: "# .dockerignore:\n#   *.md\n#   node_modules\nFROM node:22-alpine\nCOPY . /app",
	Check: func(p *Pass) {
		c := p.Context
		items := ctxClutter(c.Listing())
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
		for _, it := range items {
			for i := range srcs {
				s := &srcs[i]
				if c.Ignore == nil && s.Src.Whole() {
					continue // DI1001
				}
				if !s.Covers(it.Path) || !s.Above(it.Path) {
					continue // `COPY node_modules ./node_modules` is deliberate
				}
				g := byIn[s]
				if g == nil {
					g = &group{src: *s}
					byIn[s] = g
					groups = append(groups, g)
				}
				g.items = append(g.items, it)
				break
			}
		}
		for _, g := range groups {
			if c.Ignore == nil {
				p.Reportf(g.src.Range, "%s %s sends %s: no .dockerignore excludes them", g.src.Verb, g.src.Src.Raw, ctxDescribeClutter(g.items))
				continue
			}
			p.Reportf(g.src.Range, "%s %s sends %s: %s does not exclude them", g.src.Verb, g.src.Src.Raw, ctxDescribeClutter(g.items), ignoreName(c))
		}
	},
}
