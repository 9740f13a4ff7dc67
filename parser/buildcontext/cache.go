package buildcontext

import (
	"path/filepath"
	"sync"
)

// Cache shares one Context, and so one walk, between the Dockerfiles that
// are built from the same directory with the same ignore file (a monorepo
// whose Dockerfiles all use the repository root as context). It is safe for
// concurrent use; a Context's walk happens once whoever asks first.
type Cache struct {
	mu   sync.Mutex
	ctxs map[string]*Context
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{ctxs: map[string]*Context{}} }

// ForDockerfile is ForDockerfile, returning the cached Context when another
// Dockerfile already opened the same directory with the same ignore file.
func (c *Cache) ForDockerfile(dockerfilePath, dir string) *Context {
	ctx := ForDockerfile(dockerfilePath, dir)
	key := absPath(ctx.Dir) + "\x00" + absPath(ctx.IgnorePath)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ctxs == nil {
		c.ctxs = map[string]*Context{}
	}
	if old, ok := c.ctxs[key]; ok {
		return old
	}
	c.ctxs[key] = ctx
	return ctx
}

func absPath(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
