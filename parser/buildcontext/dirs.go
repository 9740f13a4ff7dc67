package buildcontext

import (
	"hash/maphash"
	"io/fs"
	"iter"
	"os"
	"sync"

	"github.com/dlint/dlint/internal/pathfast"
)

// dirEnt is one entry of a directory as a walk reads it.
type dirEnt struct {
	name string
	typ  fs.FileMode // the type bits only
}

// dirRead is one directory read, sorted by name. Like os.ReadDir, it holds
// what could be read along with an error. The sizes of its regular files
// are read on first use: a directory whose files an ignore file excludes
// needs none.
type dirRead struct {
	path  string
	once  sync.Once // reads ents and err, when shared between walks
	ents  []dirEnt
	err   error
	sized sync.Once
	sizes []int64 // of the regular files of ents (0 when it cannot be read)
	// whole is set, before the read is shared, when ents came whole from
	// elsewhere (hold): they can be read without waiting for once.
	whole bool
}

func readDir(path string) *dirRead {
	d := &dirRead{path: path}
	d.read()
	return d
}

func (d *dirRead) read() {
	ds, err := os.ReadDir(d.path)
	d.ents, d.err = make([]dirEnt, len(ds)), err
	for i, e := range ds {
		d.ents[i] = dirEnt{name: e.Name(), typ: e.Type()}
	}
}

// size is the size of the regular file ents[i].
func (d *dirRead) size(i int) int64 {
	d.sized.Do(func() {
		sizes := make([]int64, len(d.ents))
		for i, e := range d.ents {
			if e.typ.IsRegular() {
				if fi, err := os.Lstat(pathfast.Join(d.path, e.name)); err == nil {
					sizes[i] = fi.Size()
				}
			}
		}
		d.sizes = sizes
	})
	return d.sizes[i]
}

// hold keeps a directory that was read whole elsewhere, as os.ReadDir
// returns it, for the walks to use as if one of them had read it, when
// there is room for it and it is not held already.
func (r *dirReads) hold(path string, ents []fs.DirEntry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byPath[path] != nil || r.held+len(ents) > maxHeldEntries {
		return
	}
	d := &dirRead{path: path, ents: make([]dirEnt, len(ents)), whole: true}
	for i, e := range ents {
		d.ents[i] = dirEnt{name: e.Name(), typ: e.Type()}
	}
	d.once.Do(func() {}) // read: a walk takes the entries as they are
	r.byPath[path] = d
	r.held += len(d.ents)
}

// wholeNames returns the names of the directory at path when it is held whole
// (see hold), in order.
func (r *dirReads) wholeNames(path string) (iter.Seq[string], bool) {
	r.mu.Lock()
	d := r.byPath[path]
	r.mu.Unlock()
	if d == nil || !d.whole {
		return nil, false
	}
	return func(yield func(string) bool) {
		for _, e := range d.ents {
			if !yield(e.name) {
				return
			}
		}
	}, true
}

// dirReads shares directory reads between the walks of one Cache. Build
// contexts nested in each other (a repository's root and each of its
// services, every one with a Dockerfile) list the same directories: each
// context needs its own listing, matched against its own ignore file, but
// the directories need reading once. Without this, a tree of 200 nested
// contexts over 20,000 files spent 27 s in the kernel.
//
// Reading once still leaves each nested context listing everything below
// it, a cost that grows with the square of the nesting: a hostile tree of a
// thousand levels over 300,000 files would make 300 million entries. So a
// run lists at most relistBudget (in entryBytes) of directories an earlier
// walk of the run has already listed; past that, a walk that comes to such
// a directory stops there, its listing Truncated, and the rules that need
// a whole listing pass over it, as they do for a context over
// Limits.MaxEntries. Contexts that do not overlap never spend it.
type dirReads struct {
	mu       sync.Mutex
	byPath   map[string]*dirRead // the reads held, by absolute path
	held     int                 // entries in byPath
	listed   map[uint64]bool     // every directory a walk of the run has listed, by pathHash
	seed     maphash.Seed        // of pathHash
	relisted int64               // entryBytes of the directories listed again
	budget   int64               // relistBudget, unless a test says otherwise
}

// relistBudget is how much of directories already listed a run lists
// again, in entryBytes, a few seconds' worth: 200 contexts nested over
// 20,000 files of short paths.
const relistBudget = 1 << 30

// maxHeldEntries bounds the directory entries a Cache holds for later
// walks, some 50 bytes each: a repository larger than that is read again
// where its contexts overlap.
const maxHeldEntries = 500_000

func newDirReads() *dirReads {
	return &dirReads{byPath: map[string]*dirRead{}, listed: map[uint64]bool{}, seed: maphash.MakeSeed(), budget: relistBudget}
}

// pathHash stands for a directory in listed: a run over a repository of a
// million directories would hold 100 MB of their paths, and a collision
// only makes a directory count against the budget.
func (r *dirReads) pathHash(path string) uint64 { return maphash.String(r.seed, path) }

// read returns the directory at path (absolute), reading it unless a walk
// of the run did already and its read is still held; relLen is the length
// of its path in the walk's listing. ok is false when the directory was
// listed before and the run's budget for listing again is spent: the walk
// must stop.
func (r *dirReads) read(path string, relLen int) (d *dirRead, ok bool) {
	h := r.pathHash(path)
	r.mu.Lock()
	again := r.listed[h]
	if again && r.relisted >= r.budget {
		r.mu.Unlock()
		return nil, false
	}
	r.listed[h] = true
	d = r.byPath[path]
	if d == nil {
		d = &dirRead{path: path}
		r.byPath[path] = d
	}
	r.mu.Unlock()

	d.once.Do(func() {
		d.read()
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.byPath[path] == d {
			delete(r.byPath, path) // kept below if there is room
		}
		if len(d.ents) > maxHeldEntries {
			return
		}
		if r.held+len(d.ents) > maxHeldEntries {
			// Emptied rather than trimmed: the walks that overlap most
			// are the nested ones, which read the same directories
			// close together.
			clear(r.byPath)
			r.held = 0
		}
		r.byPath[path] = d
		r.held += len(d.ents)
	})
	if again {
		var cost int64
		if relLen > 0 {
			relLen++ // and a slash
		}
		for _, e := range d.ents {
			cost += entryBytes(e.name) + int64(relLen)
		}
		r.mu.Lock()
		r.relisted += cost
		r.mu.Unlock()
	}
	return d, true
}
