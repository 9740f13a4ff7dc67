package buildcontext

import (
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dlint/dlint/internal/pathfast"
	"github.com/dlint/dlint/parser/dockerignore"
)

// Cache shares one Context, and so one walk, between the Dockerfiles that
// are built from the same directory with the same ignore file (a monorepo
// whose Dockerfiles all use the repository root as context). It is safe for
// concurrent use; a Context's walk happens once whoever asks first. It also
// reads each directory's ignore file once, however many Dockerfiles the
// directory holds.
//
// A Context holds the listing of its directory once a rule asks for it.
// When the caller says beforehand which Dockerfiles will come (Expect) and
// when each is finished with its Context (Done), the Cache lets go of a
// directory's contexts once no Dockerfile still expects them, so that a run
// over a repository of many build contexts holds the listings of those in
// use, not of every one it has seen.
type Cache struct {
	mu      sync.Mutex
	ctxs    map[string]map[string]*Context // by absolute directory, then ignore file
	pending map[string]int                 // by absolute directory: Dockerfiles expected and not done
	ignores map[string]ignoreRead          // by absolute path
	own     map[string]*ownIgnores         // by absolute directory, with a trailing separator
	reads   *dirReads                      // the walks' directory reads
	cwd     string                         // for absolute paths without a getcwd per call
}

type ignoreRead struct {
	src []byte
	ok  bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	c := &Cache{ctxs: map[string]map[string]*Context{}, ignores: map[string]ignoreRead{}, reads: newDirReads()}
	c.cwd, _ = os.Getwd()
	return c
}

// ForDockerfile is ForDockerfile, returning the cached Context when another
// Dockerfile already opened the same directory with the same ignore file.
func (c *Cache) ForDockerfile(dockerfilePath, dir string) *Context {
	return c.context(chooseIgnore(dockerfilePath, dir, c.readOwnIgnore, c.readIgnore))
}

// ForIgnoreFile is ForIgnoreFile, its walk sharing the run's directory
// reads: a .dockerignore linted on its own lists the directory the
// Dockerfiles beside it list, and the search for files read already.
func (c *Cache) ForIgnoreFile(ignorePath string, ignore *dockerignore.File) *Context {
	ctx := ForIgnoreFile(ignorePath, ignore)
	if ctx != nil && c.reads != nil {
		ctx.reads, ctx.absDir = c.reads, c.abs(ctx.Dir)
	}
	return ctx
}

// Seed hands the cache a directory that was read whole elsewhere, its
// entries as os.ReadDir returns them: the search for the files to lint
// reads every directory it enters, and the walk of a build context that
// comes to one uses its entries rather than reading it again. The entries
// are held with the walks' own reads (up to 500,000 entries).
func (c *Cache) Seed(dir string, ents []fs.DirEntry) {
	if c.reads != nil {
		c.reads.hold(c.abs(dir), ents)
	}
}

// listed gives the names of the directory dir when the cache holds it as
// Seed gave it (ok false otherwise).
func (c *Cache) listed(dir string) (names iter.Seq[string], ok bool) {
	if c.reads == nil {
		return nil, false
	}
	return c.reads.wholeNames(c.abs(dir))
}

// MayHold reports whether the directory dir may hold an entry named name:
// false only when Seed gave the directory's names and none can be name.
// The names rule a name out as they do a Dockerfile's ignore files (see
// readOwnIgnore): compared without case, as a case-insensitive file system
// opens a name; not at all when a name is not ASCII, where Unicode folding
// and normalization might make names match, nor on Windows, whose file
// names have more aliases. Configuration discovery asks it of the names it
// would otherwise stat in every directory of a repository.
func (c *Cache) MayHold(dir, name string) bool {
	if runtime.GOOS == "windows" || !isASCII(name) {
		return true
	}
	names, ok := c.listed(dir)
	if !ok {
		return true
	}
	for n := range names {
		if !isASCII(n) || len(n) == len(name) && strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// Expect notes that the Dockerfile at dockerfilePath will open its
// context, dir (as ForDockerfile takes it), and call Done when finished.
func (c *Cache) Expect(dockerfilePath, dir string) {
	key := c.abs(contextDir(dockerfilePath, dir))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending == nil {
		c.pending = map[string]int{}
	}
	c.pending[key]++
}

// Done notes that a Dockerfile Expect was told of is finished with its
// context. When it was the last one expected, the Cache drops the contexts
// of that directory: a later ForDockerfile makes them again. Those who
// still hold one may go on using it.
func (c *Cache) Done(dockerfilePath, dir string) {
	key := c.abs(contextDir(dockerfilePath, dir))
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.pending[key]
	if !ok {
		return
	}
	if n > 1 {
		c.pending[key] = n - 1
		return
	}
	delete(c.pending, key)
	delete(c.ctxs, key)
}

// Len is the number of contexts the Cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, byIgnore := range c.ctxs {
		n += len(byIgnore)
	}
	return n
}

// ownIgnores is what the Cache knows of one directory's per-Dockerfile
// ignore files.
type ownIgnores struct {
	asked int             // Dockerfiles of the directory that looked for theirs
	once  sync.Once       // lists the directory, for the second of them
	names map[string]bool // *.dockerignore entries, in lower case
	ok    bool            // names can be trusted: listed, every entry ASCII
}

// readOwnIgnore reads a Dockerfile's own ignore file. Most Dockerfiles have
// none, and looking costs a failed open each: once a second Dockerfile of
// a directory looks, the directory is listed (or its listing taken from
// Seed, for the first), and a name no entry matches is not opened. The
// listing only rules files out: a name it matches (compared without case,
// as a case-insensitive file system opens it) is opened as before.
// Directories with an entry that is not ASCII, where Unicode folding and
// normalization might make names match, and Windows, whose file names
// have more aliases, are not listed.
func (c *Cache) readOwnIgnore(p string) ([]byte, bool) {
	if c.lacks(p, true) {
		return nil, false
	}
	return readIgnoreFile(p)
}

// lacks reports whether the ignore file at p surely does not exist: its
// directory was listed (see readOwnIgnore) and no entry can be it. A
// Dockerfile's own ignore file (own) counts as one more look in its
// directory; a directory is listed for the second look, or at once when
// Seed gave its names.
func (c *Cache) lacks(p string, own bool) bool {
	abs := c.abs(p)
	dir, name := filepath.Split(abs)
	if runtime.GOOS == "windows" || !isASCII(name) {
		return false
	}
	names, seeded := c.listed(dir)
	c.mu.Lock()
	if c.own == nil {
		c.own = map[string]*ownIgnores{}
	}
	d := c.own[dir]
	if d == nil {
		d = &ownIgnores{}
		c.own[dir] = d
	}
	if own {
		d.asked++
	}
	list := d.asked > 1 || seeded
	c.mu.Unlock()
	if !list {
		return false
	}
	d.once.Do(func() {
		if seeded {
			d.names, d.ok = ignoreNames(names)
		} else {
			d.names, d.ok = listOwnIgnores(dir)
		}
	})
	return d.ok && !d.names[strings.ToLower(name)]
}

// ignoreNames is listOwnIgnores for names already read.
func ignoreNames(names iter.Seq[string]) (map[string]bool, bool) {
	found := map[string]bool{}
	for n := range names {
		if !isASCII(n) {
			return nil, false
		}
		if isIgnoreName(n) {
			found[strings.ToLower(n)] = true
		}
	}
	return found, true
}

// isIgnoreName reports whether n ends in ".dockerignore" in any case,
// compared before lower-casing: most names are not ignore files, and a
// directory may hold thousands.
func isIgnoreName(n string) bool {
	return len(n) >= len(ignoreSuffix) && strings.EqualFold(n[len(n)-len(ignoreSuffix):], ignoreSuffix)
}

// listOwnIgnores names the entries of dir that end in ".dockerignore", in
// lower case; false when dir cannot be listed or has an entry that is not
// ASCII.
func listOwnIgnores(dir string) (map[string]bool, bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	names := map[string]bool{}
	for {
		batch, err := f.Readdirnames(1024)
		for _, n := range batch {
			if !isASCII(n) {
				return nil, false
			}
			if isIgnoreName(n) {
				names[strings.ToLower(n)] = true
			}
		}
		if err == io.EOF {
			return names, true
		}
		if err != nil {
			return nil, false
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (c *Cache) readIgnore(p string) ([]byte, bool) {
	key := c.abs(p)
	c.mu.Lock()
	r, done := c.ignores[key]
	c.mu.Unlock()
	if !done {
		var src []byte
		ok := false
		if !c.lacks(p, false) {
			src, ok = readIgnoreFile(p)
		}
		r = ignoreRead{src: src, ok: ok}
		c.mu.Lock()
		if c.ignores == nil {
			c.ignores = map[string]ignoreRead{}
		}
		c.ignores[key] = r
		c.mu.Unlock()
	}
	return r.src, r.ok
}

// context returns the cached Context of dir with the ignore file at
// ignorePath, making it from src when there is none yet.
func (c *Cache) context(dir, ignorePath string, src []byte, found bool) *Context {
	dirKey, ignoreKey := c.abs(dir), c.abs(ignorePath)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ctxs == nil {
		c.ctxs = map[string]map[string]*Context{}
	}
	byIgnore := c.ctxs[dirKey]
	if old, ok := byIgnore[ignoreKey]; ok {
		return old
	}
	if byIgnore == nil {
		byIgnore = map[string]*Context{}
		c.ctxs[dirKey] = byIgnore
	}
	ctx := newContext(dir, ignorePath, src, found)
	if c.reads != nil {
		ctx.reads, ctx.absDir = c.reads, dirKey
	}
	byIgnore[ignoreKey] = ctx
	return ctx
}

func (c *Cache) abs(p string) string {
	if p == "" {
		return ""
	}
	if filepath.IsAbs(p) {
		return pathfast.Clean(p)
	}
	if c.cwd != "" {
		return pathfast.Join(c.cwd, p)
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
