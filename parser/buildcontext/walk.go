package buildcontext

import (
	"cmp"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/patternmatcher"

	"github.com/dlint/dlint/internal/pathfast"
	"github.com/dlint/dlint/parser/dockerignore"
)

// Limits bound a walk of the context.
type Limits struct {
	// MaxEntries is how many files and directories are listed before the
	// walk stops with Truncated set.
	MaxEntries int
	// MaxBytes bounds the memory of a listing, counted as entryBytes
	// for each entry: paths of a deep tree are long, and 50,000 files a
	// thousand directories down took 100 MB. The walk stops with
	// Truncated set.
	MaxBytes int64
	// MaxReadBytes is how much file content ReadSmall reads in all, for
	// the rules that look inside small files (a token in .npmrc).
	MaxReadBytes int64
	// MaxMatchWork bounds the matching of entries against the ignore
	// file, in the units of dockerignore's TestCost: every entry is tested
	// against every pattern (as BuildKit does), and a pattern compiled to
	// a regular expression costs with its length and the path's. The walk
	// stops with Truncated set.
	MaxMatchWork int64
}

// DefaultLimits lists up to 300,000 entries (a few hundred milliseconds)
// holding up to 64 MiB, matches them against the ignore file for up to
// dockerignore.MatchBudget (seconds, at worst), and reads up to 16 MiB of
// file content.
var DefaultLimits = Limits{MaxEntries: 300_000, MaxBytes: 64 << 20, MaxReadBytes: 16 << 20, MaxMatchWork: dockerignore.MatchBudget}

// entryBytes is what an entry of a listing holds: its Entry, its path and
// its place in the index.
func entryBytes(path string) int64 { return entryOverhead + int64(len(path)) }

const entryOverhead = 100

func (l Limits) orDefault() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultLimits.MaxEntries
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxReadBytes <= 0 {
		l.MaxReadBytes = DefaultLimits.MaxReadBytes
	}
	if l.MaxMatchWork <= 0 {
		l.MaxMatchWork = DefaultLimits.MaxMatchWork
	}
	return l
}

// Entry is one file, directory or symbolic link of the context.
type Entry struct {
	Path     string // slash-separated, relative to the context root
	Dir      bool
	Symlink  bool  // never followed
	Size     int64 // regular files only
	Excluded bool  // left out by the ignore file
	// Pruned marks an excluded directory that was not walked because no
	// exception of the ignore file can match inside it (as BuildKit does).
	Pruned bool
	end    int // for directories: index after the last descendant
}

// Listing is what a walk of the context found, in depth-first lexical
// order, so that a directory's descendants follow it contiguously.
type Listing struct {
	Entries   []Entry
	Truncated bool  // the walk stopped at one of its Limits
	Err       error // the context directory itself could not be read
	SentSize  int64 // bytes of the regular files that are not excluded
	SentFiles int   // regular files and symbolic links that are not excluded
	index     map[string]int
}

// walker carries the state of one walk.
type walker struct {
	root      string
	reads     *dirReads // shared with other walks; nil: the walk reads on its own
	absRoot   string    // root as an absolute path, for reads
	pm        *patternmatcher.PatternMatcher
	ignore    *dockerignore.File // pm's patterns, for the cost of matching
	prefixExc bool               // every exception is a plain path: excluded dirs can be pruned
	max       int
	maxBytes  int64
	bytes     int64 // entryBytes of the entries listed
	maxWork   int64
	work      int64 // the cost of matching the entries listed
	l         *Listing
}

// walk lists the context at root. reads, when not nil, shares directory
// reads with other walks; absRoot is then root as an absolute path.
func walk(root string, ignore *dockerignore.File, lim Limits, reads *dirReads, absRoot string) *Listing {
	l := &Listing{}
	w := &walker{root: root, reads: reads, absRoot: absRoot, max: lim.MaxEntries, maxBytes: lim.MaxBytes, maxWork: lim.MaxMatchWork, l: l, prefixExc: true}
	if ignore != nil && len(ignore.Patterns) > 0 {
		if pm, err := ignore.NewMatcher(); err == nil {
			w.pm, w.ignore = pm, ignore
			for _, p := range pm.Patterns() {
				if p.Exclusion() && strings.ContainsAny(withoutTrailingGlob(p), "*[]?^\\") {
					w.prefixExc = false
				}
			}
		}
	}
	if st, err := os.Stat(root); err != nil {
		l.Err = err
		return l
	} else if !st.IsDir() {
		l.Err = &fs.PathError{Op: "walk", Path: root, Err: fs.ErrInvalid}
		return l
	}
	w.dir("", patternmatcher.MatchInfo{})
	l.index = make(map[string]int, len(l.Entries))
	for i, e := range l.Entries {
		l.index[e.Path] = i
	}
	return l
}

// withoutTrailingGlob drops a trailing "/**" or "/*", as BuildKit does before
// deciding whether exceptions are plain paths.
func withoutTrailingGlob(p *patternmatcher.Pattern) string {
	s := filepath.ToSlash(p.String())
	s = strings.TrimSuffix(s, "/**")
	return strings.TrimSuffix(s, "/*")
}

// dir lists the directory rel (relative, "" for the root); info is the
// ignore matcher's result for rel.
func (w *walker) dir(rel string, info patternmatcher.MatchInfo) {
	read, ok := w.readDir(rel)
	if !ok {
		w.l.Truncated = true
		return
	}
	if read.err != nil && rel == "" {
		w.l.Err = read.err
	}
	for i, d := range read.ents {
		p := d.name
		if rel != "" {
			p = rel + "/" + p
		}
		w.bytes += entryBytes(p)
		if w.pm != nil {
			w.work += w.ignore.TestCost(len(p))
		}
		if len(w.l.Entries) >= w.max || w.bytes > w.maxBytes || w.work > w.maxWork {
			w.l.Truncated = true
			return
		}
		typ := d.typ
		e := Entry{Path: p, Dir: typ.IsDir(), Symlink: typ&fs.ModeSymlink != 0}
		var mi patternmatcher.MatchInfo
		if w.pm != nil {
			m, i, err := w.pm.MatchesUsingParentResults(filepath.FromSlash(p), info)
			if err == nil {
				e.Excluded, mi = m, i
			}
		}
		if e.Dir && e.Excluded && w.prunable(p) {
			e.Pruned = true
		}
		if typ.IsRegular() && !e.Excluded {
			e.Size = read.size(i)
		}
		idx := len(w.l.Entries)
		w.l.Entries = append(w.l.Entries, e)
		if !e.Excluded && !e.Dir && (typ.IsRegular() || e.Symlink) {
			w.l.SentFiles++
			w.l.SentSize += e.Size
		}
		if e.Dir && !e.Pruned {
			w.dir(p, mi)
		}
		w.l.Entries[idx].end = len(w.l.Entries)
		if w.l.Truncated {
			return
		}
	}
}

// readDir reads the directory rel of the context; ok is false when the
// walk must stop (see dirReads).
func (w *walker) readDir(rel string) (d *dirRead, ok bool) {
	if w.reads == nil {
		return readDir(pathfast.Join(w.root, filepath.FromSlash(rel))), true
	}
	return w.reads.read(pathfast.Join(w.absRoot, filepath.FromSlash(rel)), len(rel))
}

// prunable reports whether the excluded directory rel can be skipped: no
// exception can match inside it. Like BuildKit, it only prunes when every
// exception is a plain path, and keeps a directory that an exception names
// or lies within.
func (w *walker) prunable(rel string) bool {
	if !w.pm.Exclusions() {
		return true
	}
	if !w.prefixExc {
		return false
	}
	dirSlash := rel + "/"
	for _, p := range w.pm.Patterns() {
		if p.Exclusion() && strings.HasPrefix(withoutTrailingGlob(p)+"/", dirSlash) {
			return false
		}
	}
	return true
}

// Lookup finds the entry at rel.
func (l *Listing) Lookup(rel string) (Entry, bool) {
	i, ok := l.index[rel]
	if !ok {
		return Entry{}, false
	}
	return l.Entries[i], true
}

// Under returns the entry at rel and, for a directory, everything listed
// inside it; nil when rel was not listed.
func (l *Listing) Under(rel string) []Entry {
	i, ok := l.index[rel]
	if !ok {
		return nil
	}
	end := l.Entries[i].end
	if end <= i {
		end = i + 1
	}
	return l.Entries[i:end]
}

// SizeOf is the number of bytes under rel (a file or a directory) that
// would be sent.
func (l *Listing) SizeOf(rel string) int64 {
	var n int64
	for _, e := range l.Under(rel) {
		if !e.Excluded {
			n += e.Size
		}
	}
	return n
}

// Size is a path with the bytes under it that would be sent.
type Size struct {
	Path  string
	Bytes int64
}

// Largest returns the n top-level entries of the context that send the
// most bytes, largest first.
func (l *Listing) Largest(n int) []Size {
	var out []Size
	for i := 0; i < len(l.Entries); {
		e := l.Entries[i]
		end := max(e.end, i+1)
		var b int64
		for _, x := range l.Entries[i:end] {
			if !x.Excluded {
				b += x.Size
			}
		}
		if b > 0 {
			out = append(out, Size{Path: e.Path, Bytes: b})
		}
		i = end
	}
	slices.SortStableFunc(out, func(a, b Size) int { return cmp.Compare(b.Bytes, a.Bytes) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
