package config

import (
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dlint/dlint/internal/pathfast"
	"github.com/dlint/dlint/rules"
)

// A run asks the configuration about every rule of every file it lints
// (Silenced, SeverityOf), and about every finding again. A configuration
// file is input too (found in the tree being linted), and one of thousands
// of overrides made each question match every override's globs: 300
// Dockerfiles took over two minutes under a 1 MiB file of 17,000. So the
// file's entries are folded once into what each block (the top level, each
// override) sets for each rule, and what the file sets for a path is
// merged once per path, from the blocks whose globs match it.

// resolver holds the folded blocks and the merged settings of recent paths.
type resolver struct {
	once      sync.Once
	top       block
	overrides []block  // in file order
	globs     [][]glob // each override's globs, compiled

	mu    sync.Mutex
	paths map[string]*setting // by absolute path
}

// maxCachedPaths bounds the settings kept: a path is asked about in bursts
// (its rules, then its findings), so an emptied cache costs little.
const maxCachedPaths = 4096

// block is what one part of the file sets for each rule it names.
type block struct {
	off map[*rules.Rule]offEffect      // as Silenced reads it
	sev map[*rules.Rule]rules.Severity // as SeverityOf reads it
}

// offEffect is a block's last word on whether a rule is off, and why: by
// which kind of entry, on which line of the file.
type offEffect struct {
	off  bool
	by   string
	line int
}

// setting is what the file sets for one path: the top level, then each
// override that matches it, later entries winning.
type setting block

// glob is an override glob split once: a glob without a slash matches the
// file name, one with a slash the path's segments.
type glob struct {
	name bool
	pat  string
	segs []string
}

func compileGlob(g string) glob {
	g = strings.TrimPrefix(g, "./")
	if !strings.Contains(g, "/") {
		return glob{name: true, pat: g}
	}
	return glob{segs: strings.Split(strings.TrimPrefix(g, "/"), "/")}
}

func (g glob) match(rel string, relSegs []string) bool {
	if g.name {
		ok, _ := path.Match(g.pat, path.Base(rel))
		return ok
	}
	return matchSegs(g.segs, relSegs)
}

// resolve returns the file's resolver, folded on first use. A File made
// without Parse gets one for the question alone.
func (f *File) resolve() *resolver {
	r := f.res
	if r == nil {
		r = &resolver{}
	}
	r.once.Do(func() { r.fold(f) })
	return r
}

func (r *resolver) fold(f *File) {
	r.top = newBlock(f.Ignore, f.Severity, "", "")
	for _, o := range f.Overrides {
		r.overrides = append(r.overrides, newBlock(o.Ignore, o.Severity, "ignored by an override", "turned off (severity off) by an override"))
		gs := make([]glob, len(o.Files))
		for i, g := range o.Files {
			gs[i] = compileGlob(g)
		}
		r.globs = append(r.globs, gs)
	}
}

// newBlock folds a block's entries as Silenced and SeverityOf read them:
// the ignore list, then the severity map, each in file order, the last
// entry naming a rule winning (for SeverityOf, the last that is not off).
func newBlock(ignore []RuleRef, severity []SeverityRef, ignoredBy, offBy string) block {
	if ignoredBy == "" {
		ignoredBy, offBy = "ignored", "turned off (severity off)"
	}
	b := block{off: map[*rules.Rule]offEffect{}, sev: map[*rules.Rule]rules.Severity{}}
	for _, ref := range ignore {
		for _, r := range ref.Rules {
			b.off[r] = offEffect{true, ignoredBy, ref.Line}
		}
	}
	for _, s := range severity {
		for _, r := range s.Rules {
			b.off[r] = offEffect{s.Level.Off, offBy, s.Line}
			if !s.Level.Off {
				b.sev[r] = s.Level.Severity
			}
		}
	}
	return b
}

// settingFor is what the file sets for the file at absPath.
func (f *File) settingFor(absPath string) *setting {
	r := f.resolve()
	r.mu.Lock()
	s := r.paths[absPath]
	r.mu.Unlock()
	if s != nil {
		return s
	}
	s = (*setting)(&r.top)
	rel, ok := f.relative(absPath)
	if ok {
		relSegs := strings.Split(rel, "/")
		for i, gs := range r.globs {
			if !matchAny(gs, rel, relSegs) {
				continue
			}
			if s == (*setting)(&r.top) { // the first override that applies: copy the top level
				s = &setting{off: make(map[*rules.Rule]offEffect, len(r.top.off)), sev: make(map[*rules.Rule]rules.Severity, len(r.top.sev))}
				for k, v := range r.top.off {
					s.off[k] = v
				}
				for k, v := range r.top.sev {
					s.sev[k] = v
				}
			}
			for k, v := range r.overrides[i].off {
				s.off[k] = v
			}
			for k, v := range r.overrides[i].sev {
				s.sev[k] = v
			}
		}
	}
	if f.res != nil {
		r.mu.Lock()
		if len(r.paths) >= maxCachedPaths || r.paths == nil {
			r.paths = map[string]*setting{}
		}
		r.paths[absPath] = s
		r.mu.Unlock()
	}
	return s
}

func matchAny(gs []glob, rel string, relSegs []string) bool {
	for _, g := range gs {
		if g.match(rel, relSegs) {
			return true
		}
	}
	return false
}

// relative is absPath relative to the file's directory, slash-separated;
// false when it lies outside it (no override applies there).
func (f *File) relative(absPath string) (string, bool) {
	rel, ok := pathfast.RelInside(f.Dir, absPath)
	return filepath.ToSlash(rel), ok
}
