package config

import (
	"os"
	"path/filepath"
	"sync"
)

// Names are the file names of a dlint configuration, in order of preference.
var Names = []string{".dlint.yaml", ".dlint.yml"}

// HadolintNames are hadolint's configuration file names, read when no dlint
// configuration is found.
var HadolintNames = []string{".hadolint.yaml", ".hadolint.yml"}

// Env reads an environment variable; os.Getenv in production.
type Env func(string) string

// Find returns the configuration that applies to files in dir: the nearest
// .dlint.yaml (or .yml) in dir or a parent, stopping at the repository root
// (a directory holding .git); then $XDG_CONFIG_HOME/dlint/config.yaml
// (~/.config/dlint/config.yaml when XDG_CONFIG_HOME is unset); then, for
// migration, the nearest .hadolint.yaml found the same way and
// $XDG_CONFIG_HOME/hadolint.yaml. It returns "" when there is none.
func Find(dir string, env Env) string {
	return NewFinder(env).Find(dir)
}

// Finder is Find for many directories: it remembers what it found in each
// directory it looked at. The Dockerfiles of a tree share their parents,
// and without it every directory looked at each of its parents again: a
// tree of Dockerfiles a thousand directories deep made a million lookups,
// each of a path a thousand directories long, and took over a minute.
// It is safe for concurrent use.
type Finder struct {
	env      Env
	mu       sync.Mutex
	dlint    map[string]string // by absolute directory: the nearest of Names, "" none
	hadolint map[string]string // the same for HadolintNames
	// user and hadolintUser are the user's configuration files ("" none),
	// looked for once: every directory without a .dlint.yaml asks.
	user, hadolintUser string
	userLooked         bool

	// MayHold, when set, reports whether the directory dir may hold an
	// entry named name (false: surely not, and it is not looked for on
	// disk). The CLI's search for files to lint reads every directory of a
	// repository (see buildcontext.Cache.MayHold), and each of them would
	// otherwise cost a failed stat for each of the five names Find looks
	// for.
	MayHold func(dir, name string) bool
}

// mayHold is MayHold, true when it is not set.
func (fd *Finder) mayHold(dir, name string) bool {
	return fd.MayHold == nil || fd.MayHold(dir, name)
}

// NewFinder returns a Finder reading the environment with env (os.Getenv
// when nil).
func NewFinder(env Env) *Finder {
	if env == nil {
		env = os.Getenv
	}
	return &Finder{env: env, dlint: map[string]string{}, hadolint: map[string]string{}}
}

// Find is Find, for dir.
func (fd *Finder) Find(dir string) string {
	env := fd.env
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	fd.mu.Lock()
	defer fd.mu.Unlock()
	if p := fd.walkUp(abs, Names, fd.dlint); p != "" {
		return p
	}
	if !fd.userLooked {
		fd.userLooked = true
		if userDir := userConfigDir(env); userDir != "" {
			fd.user = fd.firstFile(filepath.Join(userDir, "dlint"), []string{"config.yaml", "config.yml"})
			fd.hadolintUser = fd.firstFile(userDir, []string{"hadolint.yaml", "hadolint.yml"})
		}
	}
	if fd.user != "" {
		return fd.user
	}
	if p := fd.walkUp(abs, HadolintNames, fd.hadolint); p != "" {
		return p
	}
	return fd.hadolintUser
}

func userConfigDir(env Env) string {
	if x := env("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return x
	}
	if h := env("HOME"); h != "" {
		return filepath.Join(h, ".config")
	}
	return ""
}

// walkUp looks for one of names in dir and its parents, up to and
// including the repository root. found holds what earlier walks found
// from each directory they passed, and gets what this one finds.
func (fd *Finder) walkUp(dir string, names []string, found map[string]string) string {
	var passed []string // directories whose answer is that of a parent
	result := ""
	for {
		if p, ok := found[dir]; ok {
			result = p
			break
		}
		if p := fd.firstFile(dir, names); p != "" {
			found[dir], result = p, p
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir || fd.mayHold(dir, ".git") && exists(filepath.Join(dir, ".git")) {
			found[dir] = ""
			break
		}
		passed = append(passed, dir)
		dir = parent
	}
	for _, d := range passed {
		found[d] = result
	}
	return result
}

// firstFile is the first of names that is a file in dir, "" when none is.
func (fd *Finder) firstFile(dir string, names []string) string {
	for _, n := range names {
		if !fd.mayHold(dir, n) {
			continue
		}
		if p := filepath.Join(dir, n); isFile(p) {
			return p
		}
	}
	return ""
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
