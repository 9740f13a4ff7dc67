package rules

// Shared knowledge of the build-context rules (DI1001–DI1005): which COPY
// and ADD sources come from the context, which paths are clutter or
// secrets, and how to name the ignore file.

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// ctxSource is one source of a COPY or ADD that reads the build context.
type ctxSource struct {
	In      *dockerfile.Instruction
	Verb    string // "COPY" or "ADD", upper-case
	Src     buildcontext.Source
	Range   source.Range // the source token
	exclude []string     // --exclude patterns
}

// Covers reports whether the instruction copies rel through this source,
// after its --exclude patterns.
func (s ctxSource) Covers(rel string) bool {
	if !s.Src.Covers(rel) {
		return false
	}
	if len(s.exclude) == 0 {
		return true
	}
	inner := rel
	if !s.Src.Wildcard() && s.Src.Clean != "" {
		inner = strings.TrimPrefix(strings.TrimPrefix(rel, s.Src.Clean), "/")
	}
	for _, x := range s.exclude {
		for _, cand := range []string{inner, rel} {
			if ok, _ := path.Match(strings.TrimPrefix(x, "/"), cand); ok {
				return false
			}
			if strings.HasPrefix(cand, strings.TrimSuffix(strings.TrimPrefix(x, "/"), "/")+"/") {
				return false
			}
		}
	}
	return true
}

// Above reports whether the source names a directory strictly above rel
// (or the whole context), rather than rel itself or something inside it.
func (s ctxSource) Above(rel string) bool {
	if s.Src.Clean == "" {
		return true
	}
	return strings.Count(s.Src.Clean, "/") < strings.Count(rel, "/")
}

// contextSources lists every COPY (without --from) and ADD source that is a
// path of the build context, in every stage, in source order. Sources with
// variables that do not resolve, URLs and git repositories are left out;
// ONBUILD triggers too (they run in another build).
func contextSources(p *Pass) []ctxSource {
	return p.Memo(contextSourcesKey{}, func() any { return findContextSources(p) }).([]ctxSource)
}

type contextSourcesKey struct{}

func findContextSources(p *Pass) []ctxSource {
	f := p.Dockerfile
	if f == nil {
		return nil
	}
	var out []ctxSource
	var buildArgs map[string]string
	if p.Options != nil {
		buildArgs = p.Options.BuildArgs
	}
	// The stage's ARG and ENV values known so far; only a source with a
	// variable needs them, and most files have none.
	vars := map[string]string{}
	needVars := slices.ContainsFunc(f.Instructions, copiesVariablePath)
	for _, in := range f.Instructions {
		var paths, excl []string
		switch c := in.Command.(type) {
		case *instructions.Stage:
			vars = map[string]string{}
			continue
		case *instructions.ArgCommand:
			if in.Stage == nil || !needVars {
				continue
			}
			for _, kv := range c.Args {
				if v, ok := buildArgs[kv.Key]; ok {
					vars[kv.Key] = v
				} else if kv.Value != nil {
					vars[kv.Key], _ = f.Expand(*kv.Value, vars)
				} else if v, ok := f.GlobalArgs[kv.Key]; ok {
					vars[kv.Key] = v
				}
			}
			continue
		case *instructions.EnvCommand:
			if !needVars {
				continue
			}
			for _, kv := range c.Env {
				vars[kv.Key], _ = f.Expand(kv.Value, vars)
			}
			continue
		case *instructions.CopyCommand:
			if c.From != "" {
				continue
			}
			paths, excl = c.SourcePaths, c.ExcludePatterns
		case *instructions.AddCommand:
			paths, excl = c.SourcePaths, c.ExcludePatterns
		default:
			continue
		}
		verb := strings.ToUpper(in.Cmd)
		after := in.KeywordRange.End
		for _, fl := range in.Flags {
			if fl.Range.End.Line > after.Line || fl.Range.End.Line == after.Line && fl.Range.End.Column > after.Column {
				after = fl.Range.End
			}
		}
		for _, raw := range paths {
			rng, ok := in.FindAfter(raw, after)
			if ok {
				after = rng.End
			} else {
				rng = in.Find(raw)
			}
			val := raw
			if strings.Contains(raw, "$") {
				v, unresolved := f.Expand(raw, vars)
				if unresolved {
					continue
				}
				val = v
			}
			if ctxIsRemote(val) {
				continue
			}
			src := buildcontext.ParseSource(val)
			src.Raw = raw // as written, for messages
			out = append(out, ctxSource{In: in, Verb: verb, Src: src, Range: rng, exclude: excl})
		}
	}
	return out
}

// copiesVariablePath reports whether in copies from the build context a
// source path that uses a variable.
func copiesVariablePath(in *dockerfile.Instruction) bool {
	var paths []string
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return false
		}
		paths = c.SourcePaths
	case *instructions.AddCommand:
		paths = c.SourcePaths
	}
	return slices.ContainsFunc(paths, func(p string) bool { return strings.Contains(p, "$") })
}

func ctxIsRemote(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "git@")
}

// ignoreName is the ignore file's name for messages: ".dockerignore" or
// "Dockerfile.dockerignore"; "" when there is none.
func ignoreName(c *buildcontext.Context) string {
	if c == nil || c.IgnorePath == "" {
		return ""
	}
	return filepath.Base(c.IgnorePath)
}

// ctxSizeText writes a byte count the way people read it: 312 B, 4.2 kB, 120 MB.
func ctxSizeText(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v >= 100 {
		return fmt.Sprintf("%.0f %cB", v, "kMGTPE"[exp])
	}
	return fmt.Sprintf("%.1f %cB", v, "kMGTPE"[exp])
}

// ctxListNames joins up to max names and says how many more there are.
func ctxListNames(names []string, max int) string {
	extra := 0
	if len(names) > max {
		names, extra = names[:max], len(names)-max
	}
	var s string
	switch len(names) {
	case 0:
		return ""
	case 1:
		s = names[0]
	default:
		s = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	if extra > 0 {
		s = strings.Join(names, ", ") + fmt.Sprintf(" and %d more", extra)
	}
	return s
}

// Clutter: what a build context should not send. Version-control history,
// installed dependencies and caches are rebuilt in the image or not needed.
var (
	ctxVCSDirs     = map[string]bool{".git": true, ".hg": true, ".svn": true}
	ctxClutterDirs = map[string]bool{
		"node_modules": true, "bower_components": true, ".venv": true, "venv": true,
		"__pycache__": true, ".pytest_cache": true, ".mypy_cache": true, ".ruff_cache": true,
		".tox": true, ".nox": true, ".gradle": true, ".terraform": true, ".next": true,
		".nuxt": true, ".parcel-cache": true, ".turbo": true,
	}
)

// ctxClutterItem is one thing the context should not send.
type ctxClutterItem struct {
	Path  string // a directory, or a *.log file
	Dir   bool
	Bytes int64
}

// ctxClutter lists the version-control, dependency and cache directories
// and the log files of a context that its ignore file does not exclude; it
// does not look inside a directory it already reported. A directory holding
// CACHEDIR.TAG (Cargo's target/, many caches) counts as a cache. It is
// computed once per context, however many Dockerfiles share it.
func ctxClutter(c *buildcontext.Context) []ctxClutterItem {
	return c.Memo(ctxClutterKey{}, func() any { return findClutter(c.Listing()) }).([]ctxClutterItem)
}

type ctxClutterKey struct{}

func findClutter(l *buildcontext.Listing) []ctxClutterItem {
	var out []ctxClutterItem
	skip := ""
	for _, e := range l.Entries {
		if skip != "" && strings.HasPrefix(e.Path, skip) {
			continue
		}
		if e.Excluded || e.Symlink {
			continue
		}
		base := path.Base(e.Path)
		if e.Dir {
			junk := ctxVCSDirs[base] || ctxClutterDirs[base]
			if !junk {
				if t, ok := l.Lookup(e.Path + "/CACHEDIR.TAG"); ok && !t.Dir {
					junk = true
				}
			}
			if junk {
				out = append(out, ctxClutterItem{Path: e.Path, Dir: true, Bytes: l.SizeOf(e.Path)})
				skip = e.Path + "/"
			}
			continue
		}
		if strings.HasSuffix(base, ".log") {
			out = append(out, ctxClutterItem{Path: e.Path, Bytes: e.Size})
		}
	}
	return out
}

// ctxDescribeClutter names clutter items for a message: directories by name
// and size, log files counted.
func ctxDescribeClutter(items []ctxClutterItem) string {
	var names []string
	logs, logBytes := 0, int64(0)
	for _, it := range items {
		if it.Dir {
			names = append(names, fmt.Sprintf("%s/ (%s)", it.Path, ctxSizeText(it.Bytes)))
		} else {
			logs++
			logBytes += it.Bytes
		}
	}
	s := ctxListNames(names, 4)
	if logs > 0 {
		l := fmt.Sprintf("%d *.log files (%s)", logs, ctxSizeText(logBytes))
		if logs == 1 {
			l = fmt.Sprintf("1 *.log file (%s)", ctxSizeText(logBytes))
		}
		if s == "" {
			s = l
		} else {
			s += " and " + l
		}
	}
	return s
}

// sourceIndex finds the sources that copy a path without testing every
// source against every entry of the context (thousands of COPY lines over a
// tree of thousands of files would be millions of tests): a plain path is
// looked up with each directory above the entry, the whole context needs no
// test, and only sources with wildcards or --exclude are tested one by one,
// within maxSourceWork.
type sourceIndex struct {
	srcs   []ctxSource
	byPath map[string][]int // plain sources by their path
	whole  []int            // sources that copy the whole context
	tested []int            // the others
	// The cost of testing a path of n bytes against every tested source is
	// testedFixed + testedPerByte*n; work is what the tests made so far cost.
	testedFixed, testedPerByte, work int64
}

// maxSourceWork bounds the tests of sources with wildcards or --exclude
// against paths, in units of about 7 ns: path.Match takes about that for
// each byte of the pattern and of the name it scans, so a test costs
// sourceTestBase plus the bytes of the source, its --exclude patterns and
// the path (twice for each --exclude: the path inside the source and the
// whole one). That is about three seconds; 10,000 wildcard COPY lines over
// 300,000 entries would take minutes.
const maxSourceWork = 400_000_000

// sourceTestBase is the fixed part of a test, its allocations.
const sourceTestBase = 10

func newSourceIndex(srcs []ctxSource) *sourceIndex {
	x := &sourceIndex{srcs: srcs, byPath: map[string][]int{}}
	for i, s := range srcs {
		switch {
		case len(s.exclude) > 0 || s.Src.Wildcard():
			x.tested = append(x.tested, i)
			x.testedFixed += sourceTestBase + int64(len(s.Src.Clean))
			x.testedPerByte++
			for _, e := range s.exclude {
				x.testedFixed += 2 * int64(len(e))
				x.testedPerByte += 2
			}
		case s.Src.Clean == "":
			x.whole = append(x.whole, i)
		default:
			x.byPath[s.Src.Clean] = append(x.byPath[s.Src.Clean], i)
		}
	}
	return x
}

// each calls fn with the index of every source that copies rel, in no
// particular order. It returns false, and calls fn for none, when testing
// rel against the sources with wildcards would pass maxSourceWork: the
// caller then knows no more.
func (x *sourceIndex) each(rel string, fn func(i int)) bool {
	if len(x.tested) > 0 {
		cost := x.testedFixed + x.testedPerByte*int64(len(rel))
		if cost > maxSourceWork-x.work {
			x.work = maxSourceWork // and every later path is refused too
			return false
		}
		x.work += cost
	}
	for _, i := range x.whole {
		fn(i)
	}
	for p := rel; p != ""; {
		for _, i := range x.byPath[p] {
			fn(i)
		}
		j := strings.LastIndexByte(p, '/')
		if j < 0 {
			break
		}
		p = p[:j]
	}
	for _, i := range x.tested {
		if x.srcs[i].Covers(rel) {
			fn(i)
		}
	}
	return true
}
