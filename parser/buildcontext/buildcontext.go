// Package buildcontext models the directory a Dockerfile is built from: its
// ignore file, chosen as BuildKit chooses it, and a listing of its files,
// walked lazily, once, the way BuildKit's file sync walks it.
package buildcontext

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/dlint/dlint/internal/nonblock"
	"github.com/dlint/dlint/internal/pathfast"
	"github.com/dlint/dlint/parser/dockerignore"
	"github.com/dlint/dlint/parser/source"
)

// Context is one build context.
type Context struct {
	Dir        string             // the context directory on disk
	IgnorePath string             // the ignore file in use (a path on disk), "" when there is none
	Ignore     *dockerignore.File // nil when there is no ignore file
	IgnoreErrs []source.Error     // problems reading the ignore file
	// Limits bound the walk; the zero value means DefaultLimits.
	Limits Limits

	reads   *dirReads // shared with the other contexts of a Cache; nil: none
	absDir  string    // Dir as an absolute path, when reads is set
	once    sync.Once
	listing *Listing
	read    atomic.Int64 // bytes read by ReadSmall

	memoMu sync.Mutex
	memo   map[any]any
}

// Memo returns the value build computes for key, once per context: what
// rules derive from the listing is shared by every Dockerfile built from
// the same context. The value must be treated as read-only.
func (c *Context) Memo(key any, build func() any) any {
	c.memoMu.Lock()
	defer c.memoMu.Unlock()
	if v, ok := c.memo[key]; ok {
		return v
	}
	if c.memo == nil {
		c.memo = map[any]any{}
	}
	v := build()
	c.memo[key] = v
	return v
}

// ForDockerfile opens the context of the Dockerfile at dockerfilePath: dir, or
// the Dockerfile's own directory when dir is "". Like BuildKit, it prefers
// <Dockerfile name>.dockerignore beside the Dockerfile to .dockerignore at the
// context root. The CLI goes through a Cache, which shares contexts and
// ignore files between Dockerfiles.
func ForDockerfile(dockerfilePath, dir string) *Context {
	dir, ignorePath, src, found := chooseIgnore(dockerfilePath, dir, readIgnoreFile, readIgnoreFile)
	return newContext(dir, ignorePath, src, found)
}

// ignoreSuffix ends the name of a Dockerfile's own ignore file
// (<Dockerfile name>.dockerignore); listOwnIgnores looks for it too.
const ignoreSuffix = ".dockerignore"

// chooseIgnore finds the ignore file BuildKit uses for a Dockerfile: its own
// (<Dockerfile name>.dockerignore, read by that Dockerfile only), else the
// context root's, read with readShared (which a Cache answers once per
// directory); readOwn reads the former. dir is the context directory,
// defaulted.
func chooseIgnore(dockerfilePath, dir string, readOwn, readShared func(string) ([]byte, bool)) (ctxDir, ignorePath string, src []byte, found bool) {
	dir = contextDir(dockerfilePath, dir)
	own := dockerfilePath + ignoreSuffix
	if src, ok := readOwn(own); ok {
		return dir, own, src, true
	}
	shared := pathfast.Join(dir, ".dockerignore")
	if src, ok := readShared(shared); ok {
		return dir, shared, src, true
	}
	return dir, "", nil, false
}

// contextDir is the context directory of the Dockerfile at dockerfilePath:
// dir, or the Dockerfile's own directory when dir is "".
func contextDir(dockerfilePath, dir string) string {
	if dir == "" {
		return pathfast.Dir(dockerfilePath)
	}
	return dir
}

// readIgnoreFile reads an ignore file, up to one byte past
// dockerignore.MaxSize: a longer file is declined by its parser, whatever
// its size. Only a regular file (a link to one included, as docker build
// follows it) is an ignore file: a FIFO would block the open and every read
// after it, a device never end.
func readIgnoreFile(p string) ([]byte, bool) {
	f, err := nonblock.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, false
	}
	src, err := io.ReadAll(io.LimitReader(f, dockerignore.MaxSize+1))
	return src, err == nil
}

// newContext is the context of dir with the ignore file at ignorePath, whose
// content is src, when found.
func newContext(dir, ignorePath string, src []byte, found bool) *Context {
	ctx := &Context{Dir: dir}
	if found {
		ctx.IgnorePath = ignorePath
		ctx.Ignore, ctx.IgnoreErrs = dockerignore.Parse(src)
	}
	return ctx
}

// ForIgnoreFile is the context an ignore file read on its own applies to:
// the directory it sits in, when it is named exactly ".dockerignore" and
// that directory can be read. A per-Dockerfile ignore file
// (app.Dockerfile.dockerignore) applies to a context that cannot be told
// from its path, so it has none: nil. ignore is the parsed file.
func ForIgnoreFile(ignorePath string, ignore *dockerignore.File) *Context {
	if ignorePath == "" || ignorePath == "-" || filepath.Base(ignorePath) != ".dockerignore" {
		return nil
	}
	dir := filepath.Dir(ignorePath)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	if _, err := os.Lstat(ignorePath); err != nil {
		return nil // not on disk (standard input named .dockerignore): no context to compare with
	}
	return &Context{Dir: dir, IgnorePath: ignorePath, Ignore: ignore}
}

// Exists reports whether rel (slash-separated, relative to the context root)
// exists in the context directory, whether or not it is ignored.
func (c *Context) Exists(rel string) bool {
	_, err := os.Lstat(pathfast.Join(c.Dir, filepath.FromSlash(rel)))
	return err == nil
}

// Listing walks the context the first time it is called and returns the
// same listing after that. It never fails: an unreadable context gives an
// empty listing with Err set.
func (c *Context) Listing() *Listing {
	c.once.Do(func() {
		if c.Ignore != nil && c.Ignore.Declined {
			// What it leaves out is unknown: no listing is better than a
			// wrong one.
			c.listing = &Listing{Err: fmt.Errorf("%s is not analysed: the context is not listed", c.IgnorePath)}
			return
		}
		c.listing = walk(c.Dir, c.Ignore, c.Limits.orDefault(), c.reads, c.absDir)
	})
	return c.listing
}

// ReadSmall reads a file of the context when it is a regular file of at most
// max bytes and the context's read budget (Limits.MaxReadBytes) allows it;
// ok is false otherwise. Symbolic links are not followed.
func (c *Context) ReadSmall(rel string, max int64) (data []byte, ok bool) {
	p := pathfast.Join(c.Dir, filepath.FromSlash(rel))
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() > max {
		return nil, false
	}
	if c.read.Add(st.Size()) > c.Limits.orDefault().MaxReadBytes {
		return nil, false
	}
	data, err = os.ReadFile(p)
	return data, err == nil
}
