package rules

// Shared by the .dockerignore rules (DI1006–DI1010).

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/parser/dockerignore"
)

// ignoreContext is the build context a .dockerignore document applies to:
// the one the CLI attached, or the directory of a file named .dockerignore
// read from disk. It is worked out once per document and kept on it, so the
// rules share one walk. Nil when there is none (standard input, a
// per-Dockerfile ignore file whose context is unknown).
func ignoreContext(p *Pass) *buildcontext.Context {
	if p.Context == nil && p.Ignore != nil {
		p.Context = buildcontext.ForIgnoreFile(filepath.FromSlash(p.Path), p.Ignore)
	}
	return p.Context
}

// ignoreGeneratedNames are files and directories that tools create and that an
// ignore file lists before they exist: a pattern for them is never stale.
var ignoreGeneratedNames = map[string]bool{
	"node_modules": true, "bower_components": true, "dist": true, "build": true, "out": true,
	"target": true, "bin": true, "obj": true, "tmp": true, "temp": true, "coverage": true,
	"venv": true, "env": true, "vendor": true, "logs": true, "log": true, "htmlcov": true,
	"__pycache__": true, "site": true, "public": true, "cache": true, "packages": true,
	"npm-debug.log": true, "yarn-error.log": true, "yarn-debug.log": true, "lerna-debug.log": true,
	"pnpm-debug.log": true, "Thumbs.db": true, "desktop.ini": true, "Desktop.ini": true,
	"docker-compose.override.yml": true, "compose.override.yaml": true, "compose.override.yml": true,
	"Dockerfile": true, "Containerfile": true, "docker-compose.yml": true, "docker-compose.yaml": true,
	"compose.yml": true, "compose.yaml": true, "README.md": true, "LICENSE": true, "Makefile": true,
	"secrets": true, "credentials.json": true, "kubeconfig": true, "pip-wheel-metadata": true,
	"wheels": true, "eggs": true, "develop-eggs": true, "lib": true, "lib64": true, "parts": true,
	"sdist": true, "var": true, "local": true, "data": true, "debug": true, "release": true,
}

// ignorePreemptive reports whether a pattern names something that tools
// generate or that people list before it exists: "**/" patterns and paths
// through dot-files, dot-directories or the names above.
func ignorePreemptive(pat dockerignore.Pattern) bool {
	c := pat.Cleaned
	if strings.Contains(c, "**") {
		return true
	}
	for _, comp := range strings.Split(c, "/") {
		if strings.HasPrefix(comp, ".") || ignoreGeneratedNames[comp] || ignoreGeneratedNames[strings.TrimRight(comp, "*")] {
			return true
		}
	}
	return false
}

// ignoreGlobPreemptive reports whether a wildcard pattern's last component
// is an extension or backup glob (*.log, *.pyc, *~) that people list in
// case such files appear.
func ignoreGlobPreemptive(pat dockerignore.Pattern) bool {
	base := path.Base(pat.Cleaned)
	return strings.HasPrefix(base, "*") || strings.HasSuffix(base, ".log") || strings.HasSuffix(base, ".tmp") ||
		strings.HasSuffix(base, "~") || strings.HasPrefix(base, "npm-debug") || strings.HasPrefix(base, "yarn-")
}

// ignoreUniversal reports whether a pattern matches every path.
func ignoreUniversal(pat dockerignore.Pattern) bool {
	switch pat.Cleaned {
	case "*", "**", "**/*", ".":
		return true
	}
	return false
}

// ignoreMatchesSomething reports whether pat matches an entry of the listing, or
// might match inside a directory the walk did not enter; known is false when
// the work of matching ran out before it could tell.
func ignoreMatchesSomething(entries []buildcontext.Entry, pat dockerignore.Pattern, work *dockerignore.Work) (matches, known bool) {
	for _, e := range entries {
		if !work.Spend(pat.MatchCost(e.Path)) {
			return false, false
		}
		if pat.Matches(e.Path) {
			return true, true
		}
		if e.Pruned && pat.MayMatchUnder(e.Path) {
			return true, true
		}
	}
	return false, true
}
