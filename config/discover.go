package config

import (
	"os"
	"path/filepath"
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
	if env == nil {
		env = os.Getenv
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if p := walkUp(abs, Names); p != "" {
		return p
	}
	userDir := userConfigDir(env)
	if userDir != "" {
		for _, n := range []string{"config.yaml", "config.yml"} {
			if p := filepath.Join(userDir, "dlint", n); isFile(p) {
				return p
			}
		}
	}
	if p := walkUp(abs, HadolintNames); p != "" {
		return p
	}
	if userDir != "" {
		for _, n := range []string{"hadolint.yaml", "hadolint.yml"} {
			if p := filepath.Join(userDir, n); isFile(p) {
				return p
			}
		}
	}
	return ""
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
// including the repository root.
func walkUp(dir string, names []string) string {
	for {
		for _, n := range names {
			if p := filepath.Join(dir, n); isFile(p) {
				return p
			}
		}
		if exists(filepath.Join(dir, ".git")) {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
