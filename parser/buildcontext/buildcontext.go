// Package buildcontext models the directory a Dockerfile is built from: its
// ignore file, chosen as BuildKit chooses it, and a listing of its files.
package buildcontext

import (
	"os"
	"path/filepath"

	"github.com/dlint/dlint/parser/dockerignore"
	"github.com/dlint/dlint/parser/source"
)

// Context is one build context.
type Context struct {
	Dir        string             // the context directory on disk
	IgnorePath string             // the ignore file in use, "" when there is none
	Ignore     *dockerignore.File // nil when there is no ignore file
	IgnoreErrs []source.Error     // problems reading the ignore file
}

// ForDockerfile opens the context of the Dockerfile at dockerfilePath: dir, or
// the Dockerfile's own directory when dir is "". Like BuildKit, it prefers
// <Dockerfile name>.dockerignore beside the Dockerfile to .dockerignore at the
// context root.
func ForDockerfile(dockerfilePath, dir string) *Context {
	if dir == "" {
		dir = filepath.Dir(dockerfilePath)
	}
	c := &Context{Dir: dir}
	candidates := []string{
		dockerfilePath + ".dockerignore",
		filepath.Join(dir, ".dockerignore"),
	}
	for _, p := range candidates {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		c.IgnorePath = p
		c.Ignore, c.IgnoreErrs = dockerignore.Parse(src)
		break
	}
	return c
}

// Exists reports whether rel (slash-separated, relative to the context root)
// exists in the context directory, whether or not it is ignored.
func (c *Context) Exists(rel string) bool {
	_, err := os.Lstat(filepath.Join(c.Dir, filepath.FromSlash(rel)))
	return err == nil
}

// Sent reports whether rel exists and would be sent to the builder.
func (c *Context) Sent(rel string) bool {
	return c.Exists(rel) && !c.Ignore.Excludes(rel)
}
