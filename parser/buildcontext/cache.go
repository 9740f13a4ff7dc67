package buildcontext

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// Cache shares one Context, and so one walk, between the Dockerfiles that
// are built from the same directory with the same ignore file (a monorepo
// whose Dockerfiles all use the repository root as context). It is safe for
// concurrent use; a Context's walk happens once whoever asks first. It also
// reads each directory's ignore file once, however many Dockerfiles the
// directory holds.
type Cache struct {
	mu      sync.Mutex
	ctxs    map[string]*Context
	ignores map[string]ignoreRead  // by absolute path
	own     map[string]*ownIgnores // by absolute directory, with a trailing separator
	cwd     string                 // for absolute paths without a getcwd per call
}

type ignoreRead struct {
	src []byte
	ok  bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	c := &Cache{ctxs: map[string]*Context{}, ignores: map[string]ignoreRead{}}
	c.cwd, _ = os.Getwd()
	return c
}

// ForDockerfile is ForDockerfile, returning the cached Context when another
// Dockerfile already opened the same directory with the same ignore file.
func (c *Cache) ForDockerfile(dockerfilePath, dir string) *Context {
	return c.context(chooseIgnore(dockerfilePath, dir, c.readOwnIgnore, c.readIgnore))
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
// a directory looks, the directory is listed, and a name no entry matches
// is not opened. The listing only rules files out: a name it matches
// (compared without case, as a case-insensitive file system opens it) is
// opened as before. Directories with an entry that is not ASCII, where
// Unicode folding and normalization might make names match, and Windows,
// whose file names have more aliases, are not listed.
func (c *Cache) readOwnIgnore(p string) ([]byte, bool) {
	dir, name := filepath.Split(c.abs(p))
	if runtime.GOOS == "windows" || !isASCII(name) {
		return readIgnoreFile(p)
	}
	c.mu.Lock()
	if c.own == nil {
		c.own = map[string]*ownIgnores{}
	}
	d := c.own[dir]
	if d == nil {
		d = &ownIgnores{}
		c.own[dir] = d
	}
	d.asked++
	list := d.asked > 1
	c.mu.Unlock()
	if list {
		d.once.Do(func() { d.names, d.ok = listOwnIgnores(dir) })
		if d.ok && !d.names[strings.ToLower(name)] {
			return nil, false
		}
	}
	return readIgnoreFile(p)
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
			if n = strings.ToLower(n); strings.HasSuffix(n, ".dockerignore") {
				names[n] = true
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
		src, ok := readIgnoreFile(p)
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
	key := c.abs(dir) + "\x00" + c.abs(ignorePath)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ctxs == nil {
		c.ctxs = map[string]*Context{}
	}
	if old, ok := c.ctxs[key]; ok {
		return old
	}
	ctx := newContext(dir, ignorePath, src, found)
	c.ctxs[key] = ctx
	return ctx
}

func (c *Cache) abs(p string) string {
	if p == "" {
		return ""
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	if c.cwd != "" {
		return filepath.Join(c.cwd, p)
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
