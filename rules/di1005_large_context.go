package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
)

// defaultContextSizeLimit applies when Options.ContextSizeLimit is 0. The
// tests lower it so that fixtures stay small (see context_test.go).
var defaultContextSizeLimit int64 = 100_000_000

var largeContext = &Rule{
	ID:       "DI1005",
	Name:     "large-build-context",
	Kind:     parser.BuildContext,
	Severity: Info,
	Tags:     []string{TagSize, TagPerformance},
	Summary:  "The COPY and ADD sources send a large part of the build context",
	Doc: "BuildKit transfers the parts of the build context that COPY and ADD read, and together " +
		"they exceed the size limit (100 MB unless configured with the context size limit option). " +
		"A large transfer slows every build, on CI especially, and usually means data sets, build " +
		"output, archives or dependencies are copied by accident. The message names the largest " +
		"top-level directories sent; exclude what the image does not need in .dockerignore, or copy " +
		"narrower paths.",
	Bad:  "FROM python:3.13-slim\nCOPY . /app   # 2 GB of data/ included",
	Good: "FROM python:3.13-slim\nCOPY src/ /app/src/",
	Check: func(p *Pass) {
		var limit int64
		if p.Options != nil {
			limit = p.Options.ContextSizeLimit
		}
		if limit <= 0 {
			limit = defaultContextSizeLimit
		}
		l := p.Context.Listing()
		if l.SentSize <= limit && !l.Truncated {
			return
		}
		srcs := contextSources(p)
		if len(srcs) == 0 {
			return
		}
		// The union of what every source copies, by top-level entry.
		var total int64
		var biggest *ctxSource
		var biggestBytes int64
		perSrc := make([]int64, len(srcs))
		tops := map[string]int64{}
		cover := newSourceIndex(srcs)
		partial := false // the sources were not tested against every entry
		for _, e := range l.Entries {
			if e.Excluded || e.Size == 0 {
				continue
			}
			hit := false
			if !cover.each(e.Path, func(i int) {
				perSrc[i] += e.Size
				hit = true
			}) {
				partial = true
				break
			}
			if hit {
				total += e.Size
				top, _, _ := strings.Cut(e.Path, "/")
				tops[top] += e.Size
			}
		}
		if total <= limit {
			return
		}
		for i := range srcs {
			if perSrc[i] > biggestBytes {
				biggest, biggestBytes = &srcs[i], perSrc[i]
			}
		}
		var parts []string
		for _, s := range ctxLargest(tops, 3) {
			parts = append(parts, fmt.Sprintf("%s (%s)", s.Path, ctxSizeText(s.Bytes)))
		}
		atLeast := ""
		if l.Truncated || partial {
			atLeast = "at least "
		}
		p.Reportf(biggest.Range, "the build context sends %s%s to COPY and ADD (limit %s); largest: %s",
			atLeast, ctxSizeText(total), ctxSizeText(limit), strings.Join(parts, ", "))
	},
}

func ctxLargest(m map[string]int64, n int) []buildcontext.Size {
	var out []buildcontext.Size
	for k, v := range m {
		out = append(out, buildcontext.Size{Path: k, Bytes: v})
	}
	// largest first, then by name, for a deterministic message
	slices.SortFunc(out, func(a, b buildcontext.Size) int {
		return cmp.Or(cmp.Compare(b.Bytes, a.Bytes), strings.Compare(a.Path, b.Path))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
