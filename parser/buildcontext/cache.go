package buildcontext

import (
	"os"
	"path/filepath"
	"sync"
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
	ignores map[string]ignoreRead // by absolute path
	cwd     string                // for absolute paths without a getcwd per call
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
	return c.context(chooseIgnore(dockerfilePath, dir, c.readIgnore))
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
