package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var packageCacheMount = &Rule{
	ID:       "DL5303",
	Name:     "package-cache-mount",
	Kind:     parser.Dockerfile,
	Severity: Info,
	Tags:     []string{TagPerformance, TagSize},
	Summary:  "With BuildKit, prefer a cache mount to cleaning package caches",
	Doc: `Deleting the package cache keeps it out of the image but throws away the downloads: every
rebuild fetches everything again. With BuildKit, ` + "`RUN --mount=type=cache,target=<cache dir>`" + `
keeps the cache out of the image *and* reuses it between builds. This suggestion appears only in
Dockerfiles that already use BuildKit features (a ` + "`# syntax=`" + ` line or a ` + "`RUN --mount`" + `), at
most once per package manager and file, and never for a RUN that already mounts a cache.

Cache directories: apt /var/cache/apt and /var/lib/apt (add ` + "`sharing=locked`" + `, and remove
/etc/apt/apt.conf.d/docker-clean in Debian and Ubuntu images so apt keeps the downloads); apk
/var/cache/apk (link /etc/apk/cache to it); dnf /var/cache/dnf (libdnf5 for dnf5); yum
/var/cache/yum; zypper /var/cache/zypp; pip /root/.cache/pip; npm /root/.npm; yarn
/usr/local/share/.cache/yarn.`,
	Bad:  "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt",
	Good: "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
	Check: func(p *Pass) {
		if !pmUsesBuildKit(p.Dockerfile) {
			return
		}
		seen := map[string]bool{}
		for _, r := range pkgRuns(p) {
			if pmCacheMount(r.In, func(string) bool { return true }) {
				continue
			}
			calls := map[*shell.Command]*pkgCall{}
			for _, c := range r.Calls {
				calls[c.Cmd] = c
			}
			for _, o := range r.Cmds {
				fam, w := cacheCleanup(o, calls[o])
				if fam == "" || seen[fam] {
					continue
				}
				seen[fam] = true
				p.Report(w.Range, "this file uses BuildKit: a cache mount ("+cacheMountHint[fam]+") keeps the "+fam+" cache out of the image and reuses it across builds, instead of discarding it")
			}
		}
	},
}

var cacheMountHint = map[string]string{
	famApt:    "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked",
	famApk:    "--mount=type=cache,target=/var/cache/apk",
	famYum:    "--mount=type=cache,target=/var/cache/yum",
	famDnf:    "--mount=type=cache,target=/var/cache/dnf",
	famZypper: "--mount=type=cache,target=/var/cache/zypp",
	famPip:    "--mount=type=cache,target=/root/.cache/pip",
	famNpm:    "--mount=type=cache,target=/root/.npm",
	famYarn:   "--mount=type=cache,target=/usr/local/share/.cache/yarn",
}

// cacheCleanup recognises a command that discards a package cache and
// returns the family and the word to point at.
func cacheCleanup(o *shell.Command, c *pkgCall) (string, shell.Word) {
	if c != nil {
		switch {
		case c.Family == famApt && c.Sub == "clean":
			return famApt, c.SubWord()
		case c.Family == famApk && c.Sub == "add":
			if opt, ok := c.Opt("--no-cache"); ok {
				return famApk, opt.Word
			}
		case (c.Family == famYum || c.Family == famDnf || c.Family == famZypper) && c.SubIs("clean", "cc"):
			return c.Family, c.SubWord()
		case c.Tool == "pip" && c.Sub == "install":
			// With --no-index pip only installs local files: nothing to cache.
			if _, offline := c.Opt("--no-index"); offline {
				return "", shell.Word{}
			}
			if opt, ok := c.Opt("--no-cache-dir"); ok {
				return famPip, opt.Word
			}
		case (c.Family == famNpm || c.Family == famYarn) && c.Sub == "cache clean":
			return c.Family, c.SubWord()
		}
		return "", shell.Word{}
	}
	if pmRemoves(o, "/var/lib/apt/lists", "/var/cache/apt") {
		return famApt, o.Name
	}
	return "", shell.Word{}
}
