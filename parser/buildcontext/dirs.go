package buildcontext

import (
	"hash/maphash"
	"io/fs"
	"os"
	"sync"
)

// dirEnt is one entry of a directory as a walk reads it.
type dirEnt struct {
	name string
	typ  fs.FileMode // the type bits only
	size int64       // regular files: their size (0 when it cannot be read)
}

// readDir reads the directory at path, sorted by name, with the size of
// each regular file. Like os.ReadDir, it returns what it could read along
// with an error.
func readDir(path string) ([]dirEnt, error) {
	ds, err := os.ReadDir(path)
	ents := make([]dirEnt, len(ds))
	for i, d := range ds {
		ents[i] = dirEnt{name: d.Name(), typ: d.Type()}
		if ents[i].typ.IsRegular() {
			if fi, err := d.Info(); err == nil {
				ents[i].size = fi.Size()
			}
		}
	}
	return ents, err
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

type dirRead struct {
	once sync.Once
	ents []dirEnt
	err  error
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

// read returns the entries of the directory at path (absolute), reading it
// unless a walk of the run did already and its read is still held; relLen
// is the length of its path in the walk's listing. ok is false when the
// directory was listed before and the run's budget for listing again is
// spent: the walk must stop.
func (r *dirReads) read(path string, relLen int) (ents []dirEnt, ok bool, err error) {
	h := r.pathHash(path)
	r.mu.Lock()
	again := r.listed[h]
	if again && r.relisted >= r.budget {
		r.mu.Unlock()
		return nil, false, nil
	}
	r.listed[h] = true
	d := r.byPath[path]
	if d == nil {
		d = &dirRead{}
		r.byPath[path] = d
	}
	r.mu.Unlock()

	d.once.Do(func() {
		d.ents, d.err = readDir(path)
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
	return d.ents, true, d.err
}
