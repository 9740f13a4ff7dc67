package rules

// pkgmgr.go is the one place that knows how package managers are called in
// RUN: which options take a value, which words are subcommands, what a
// pinned version looks like and which words are install targets. Rules ask
// it; none re-derives any of this.

import (
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// Package-manager families.
const (
	famApt      = "apt"      // apt-get, apt, aptitude
	famApk      = "apk"      // apk
	famYum      = "yum"      // yum
	famDnf      = "dnf"      // dnf, microdnf, tdnf
	famZypper   = "zypper"   // zypper
	famRpm      = "rpm"      // rpm
	famPip      = "pip"      // pip, pip3, python -m pip, pipx
	famNpm      = "npm"      // npm
	famYarn     = "yarn"     // yarn
	famPnpm     = "pnpm"     // pnpm
	famGem      = "gem"      // gem
	famGo       = "go"       // go
	famCargo    = "cargo"    // cargo
	famComposer = "composer" // composer
)

// pmSpec describes one package manager's command line.
type pmSpec struct {
	family string
	// valueOpts take a value: as the next word, pmAfter "=" (long) or
	// attached (short: -tbookworm).
	valueOpts map[string]bool
	// singleDash: options are long names behind one dash (go: -ldflags).
	singleDash bool
	// nested subcommands are followed by a second subcommand word
	// ("yum module install", "yarn global add", "npm config set").
	nested map[string]bool
	// noSub: the tool has no subcommand words (rpm).
	noSub bool
}

var (
	pmAptOpts = pmSet("-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
		"-a", "--host-architecture", "-P", "--build-profiles", "--solver", "-F", "--display-format",
		"-w", "--width", "-O", "--sort")
	pmRPMOpts = pmSet("-c", "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo",
		"--repo", "--repoid", "--setopt", "-x", "--exclude", "-d", "--debuglevel", "-e", "--errorlevel",
		"--rpmverbosity", "--downloaddir", "--destdir", "--forcearch", "--color", "--disableplugin",
		"--enableplugin", "--repofrompath", "--comment", "--advisory", "--advisories", "--bz", "--bzs",
		"--cve", "--cves", "--sec-severity", "--secseverity", "--use-host-config", "--setvar",
		"--installroot", "--releasever-major", "--releasever-minor", "--from-repo", "--what")
)

var pmSpecs = map[string]*pmSpec{
	"apt-get":  {family: famApt, valueOpts: pmAptOpts},
	"apt":      {family: famApt, valueOpts: pmAptOpts},
	"aptitude": {family: famApt, valueOpts: pmAptOpts},
	"apk": {family: famApk, valueOpts: pmSet("-X", "--repository", "-t", "--virtual", "-p", "--root",
		"--repositories-file", "--arch", "--cache-dir", "--keys-dir", "--cache-max-age", "--timeout",
		"--from", "--allow-untrusted-keys")},
	"yum":      {family: famYum, valueOpts: pmRPMOpts, nested: pmSet("module", "group", "groups")},
	"dnf":      {family: famDnf, valueOpts: pmRPMOpts, nested: pmSet("module", "group", "groups")},
	"dnf5":     {family: famDnf, valueOpts: pmRPMOpts, nested: pmSet("module", "group", "groups")},
	"microdnf": {family: famDnf, valueOpts: pmRPMOpts, nested: pmSet("module")},
	"tdnf":     {family: famDnf, valueOpts: pmRPMOpts},
	"zypper": {family: famZypper, valueOpts: pmSet("-c", "--config", "-R", "--root", "-D", "--reposd-dir",
		"-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "--userdata",
		"-t", "--type", "-r", "--repo", "--from", "--download", "-p", "--plus-repo", "--plus-content",
		"--installroot", "--releasever")},
	"rpm": {family: famRpm, noSub: true, valueOpts: pmSet("--root", "--dbpath", "-D", "--define", "-E", "--eval",
		"--macros", "--rcfile", "--relocate", "--excludepath", "--prefix", "--pipe")},
	"pip": {family: famPip, valueOpts: pmSet("-i", "--index-url", "--extra-index-url", "-f", "--find-links",
		"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--prefix",
		"--root", "--src", "--platform", "--python-version", "--implementation", "--abi", "--trusted-host",
		"--cert", "--client-cert", "--proxy", "--retries", "--timeout", "--log", "--log-file", "--cache-dir",
		"--upgrade-strategy", "--progress-bar", "--no-binary", "--only-binary", "--global-option",
		"--install-option", "--config-settings", "-C", "--exists-action", "--python", "--keyring-provider",
		"--report", "--root-user-action", "--use-feature", "--use-deprecated", "--build", "-b", "--group",
		"--path", "--format", "--pip-args", "--suffix", "--spec", "--index-url", "--preinstall")},
	"npm": {family: famNpm, nested: pmSet("config", "cache"), valueOpts: pmSet("--registry", "--loglevel",
		"--prefix", "-C", "--cache", "--userconfig", "--globalconfig", "-w", "--workspace", "--omit",
		"--include", "--tag", "--install-strategy", "--before", "--otp", "--scope", "--location",
		"--script-shell", "--fetch-retries", "--fetch-timeout", "--maxsockets")},
	"yarn": {family: famYarn, nested: pmSet("global", "config", "cache"), valueOpts: pmSet("--cwd",
		"--modules-folder", "--cache-folder", "--network-timeout", "--registry", "--mutex", "--global-folder",
		"--link-folder", "--network-concurrency", "--use-yarnrc", "--prefix", "--preferred-cache-folder")},
	"pnpm": {family: famPnpm, nested: pmSet("config", "store"), valueOpts: pmSet("-C", "--dir", "-F", "--filter",
		"--store-dir", "--reporter", "--registry", "--loglevel", "--workspace-concurrency", "--virtual-store-dir",
		"--modules-dir")},
	"gem": {family: famGem, valueOpts: pmSet("-v", "--version", "-i", "--install-dir", "-n", "--bindir",
		"-s", "--source", "-P", "--trust-policy", "--platform", "-g", "--file", "--build-root",
		"-p", "--http-proxy", "--document", "--target-rbconfig")},
	"go": {family: famGo, singleDash: true, nested: pmSet("mod"), valueOpts: pmSet("-o", "-ldflags", "-gcflags",
		"-asmflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir", "-toolexec", "-overlay", "-buildmode",
		"-compiler", "-installsuffix", "-C", "-pgo", "-gccgoflags", "-covermode", "-coverpkg", "-exec")},
	"cargo": {family: famCargo, valueOpts: pmSet("--version", "--vers", "--git", "--branch", "--tag", "--rev",
		"--path", "--root", "--index", "--registry", "-F", "--features", "--target", "--target-dir",
		"--profile", "-j", "--jobs", "--config", "-Z", "--bin", "--example", "--color")},
	"composer": {family: famComposer, nested: pmSet("global"), valueOpts: pmSet("-d", "--working-dir")},
}

// pkgOpt is one option of a package-manager call.
type pkgOpt struct {
	Name     string     // "-y", "--no-cache", "-ldflags"; one letter per entry for -yq
	Value    string     // its value, "" when none
	HasValue bool       // a value was given (attached, pmAfter "=", or next word)
	Word     shell.Word // the word holding the option
	// ValueWord is the separate word holding the value, when there is one.
	ValueWord *shell.Word
	BeforeSub bool // written before the subcommand (a global option)
}

// pkgCall is one call of a package manager, with its words sorted into
// options, subcommand and positional arguments.
type pkgCall struct {
	Cmd    *shell.Command
	Tool   string     // canonical: "apt-get", "apk", "dnf", "pip", "npm", …
	Family string     // famApt, famPip, …
	Name   shell.Word // the word naming the tool (for `python -m pip`, the "pip" word)
	// Sub is the subcommand, nested ones joined by a space: "install",
	// "module install", "global add", "config set"; "" when none.
	Sub      string
	SubWords []shell.Word
	Opts     []pkgOpt
	Args     []shell.Word // positional words pmAfter the subcommand

	targets      []pkgTarget // Targets, once found
	targetsFound bool
}

// pmPipName matches pip, pip3, pip3.12.
var pmPipName = lazyregexp.New(`^pip(\d+(\.\d+)*)?$`)
var pmPythonName = lazyregexp.New(`^python(\d+(\.\d+)*)?$`)

// isPipName is pmPipName's test, asked of every command's name: most are
// not pip at all, and the prefix says so without the expression.
func isPipName(name string) bool {
	return strings.HasPrefix(name, "pip") && pmPipName.MatchString(name)
}

// parsePkgCall recognises a package-manager call; nil for other commands.
func parsePkgCall(c *shell.Command) *pkgCall {
	base := c.Base()
	if n := c.Name.Value; strings.Contains(n, "/") && !strings.HasPrefix(n, "/") {
		// ./apt is a local script, not the tool; venv/bin/pip and
		// node_modules/.bin/yarn are the tools.
		if d := path.Base(path.Dir(n)); d != "bin" && d != ".bin" {
			return nil
		}
	}
	words := c.Args
	name := c.Name
	tool := base
	switch {
	case isPipName(base), base == "pipx":
		tool = "pip"
		if base == "pipx" {
			tool = "pipx"
		}
	case strings.HasPrefix(base, "python") && pmPythonName.MatchString(base):
		// python [opts] -m pip …
		i := 0
		for ; i < len(words); i++ {
			v := words[i].Value
			if v == "-m" && i+1 < len(words) && isPipName(words[i+1].Value) {
				name, words, tool = words[i+1], words[i+2:], "pip"
				break
			}
			if v == "-mpip" {
				name, words, tool = words[i], words[i+1:], "pip"
				break
			}
			if !strings.HasPrefix(v, "-") || v == "-c" {
				return nil
			}
		}
		if tool != "pip" {
			return nil
		}
	}
	specKey := tool
	if tool == "pipx" {
		specKey = "pip"
	}
	spec, ok := pmSpecs[specKey]
	if !ok {
		return nil
	}
	pc := &pkgCall{Cmd: c, Tool: tool, Family: spec.family, Name: name}
	subDone := spec.noSub
	for i := 0; i < len(words); i++ {
		w := words[i]
		v := w.Value
		if v == "--" {
			pc.Args = append(pc.Args, words[i+1:]...)
			break
		}
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			i += pc.addOpt(words, i, spec, len(pc.SubWords) == 0 && !spec.noSub)
			continue
		}
		if !subDone {
			pc.addSub(w)
			subDone = len(pc.SubWords) > 1 || !spec.nested[pc.Sub]
			continue
		}
		pc.Args = append(pc.Args, w)
	}
	return pc
}

func (pc *pkgCall) addSub(w shell.Word) {
	pc.SubWords = append(pc.SubWords, w)
	if pc.Sub == "" {
		pc.Sub = w.Value
	} else {
		pc.Sub += " " + w.Value
	}
}

// addOpt records the option at words[i] and returns how many extra words
// (its value) it consumed.
func (pc *pkgCall) addOpt(words []shell.Word, i int, spec *pmSpec, beforeSub bool) int {
	w := words[i]
	v := w.Value
	next := func() (string, *shell.Word, bool) {
		if i+1 < len(words) {
			nw := words[i+1]
			return nw.Value, &nw, true
		}
		return "", nil, false
	}
	if strings.HasPrefix(v, "--") || spec.singleDash {
		name, val, hasEq := strings.Cut(v, "=")
		o := pkgOpt{Name: name, Word: w, BeforeSub: beforeSub}
		if hasEq {
			o.Value, o.HasValue = val, true
			pc.Opts = append(pc.Opts, o)
			return 0
		}
		key := name
		if spec.singleDash && strings.HasPrefix(key, "--") {
			key = key[1:]
		}
		if spec.valueOpts[key] {
			if nv, nw, ok := next(); ok {
				o.Value, o.HasValue, o.ValueWord = nv, true, nw
				pc.Opts = append(pc.Opts, o)
				return 1
			}
		}
		pc.Opts = append(pc.Opts, o)
		return 0
	}
	// Short options, possibly bundled: -yq, -tbookworm, -q=2.
	letters := v[1:]
	for j := 0; j < len(letters); j++ {
		name := "-" + letters[j:j+1]
		rest := letters[j+1:]
		o := pkgOpt{Name: name, Word: w, BeforeSub: beforeSub}
		if strings.HasPrefix(rest, "=") {
			o.Value, o.HasValue = rest[1:], true
			pc.Opts = append(pc.Opts, o)
			return 0
		}
		if spec.valueOpts[name] {
			if rest != "" {
				o.Value, o.HasValue = rest, true
				pc.Opts = append(pc.Opts, o)
				return 0
			}
			if nv, nw, ok := next(); ok {
				o.Value, o.HasValue, o.ValueWord = nv, true, nw
				pc.Opts = append(pc.Opts, o)
				return 1
			}
		}
		pc.Opts = append(pc.Opts, o)
	}
	return 0
}

// Has reports whether any of the options is given.
func (pc *pkgCall) Has(names ...string) bool {
	_, ok := pc.Opt(names...)
	return ok
}

// Opt returns the first option with one of the names.
func (pc *pkgCall) Opt(names ...string) (pkgOpt, bool) {
	for _, o := range pc.Opts {
		for _, n := range names {
			if o.Name == n {
				return o, true
			}
		}
	}
	return pkgOpt{}, false
}

// Count is how often options with these names are given (-q -q).
func (pc *pkgCall) Count(names ...string) int {
	n := 0
	for _, o := range pc.Opts {
		for _, x := range names {
			if o.Name == x {
				n++
			}
		}
	}
	return n
}

// SubIs reports whether the subcommand is one of subs.
func (pc *pkgCall) SubIs(subs ...string) bool {
	for _, s := range subs {
		if pc.Sub == s {
			return true
		}
	}
	return false
}

// SubWord is the word of the (first) subcommand; the tool's word when there is none.
func (pc *pkgCall) SubWord() shell.Word {
	if len(pc.SubWords) > 0 {
		return pc.SubWords[len(pc.SubWords)-1]
	}
	return pc.Name
}

// Is reports whether the call is one of the tools (canonical names).
func (pc *pkgCall) Is(tools ...string) bool {
	for _, t := range tools {
		if pc.Tool == t {
			return true
		}
	}
	return false
}

// Installing subcommands per family.
var pmInstallSubs = map[string][]string{
	famApt:      {"install", "reinstall"},
	famApk:      {"add"},
	famYum:      {"install", "groupinstall", "localinstall", "reinstall", "group install", "groups install", "module install", "install-n", "install-na", "install-nevra"},
	famDnf:      {"install", "groupinstall", "localinstall", "reinstall", "group install", "groups install", "module install"},
	famZypper:   {"install", "in", "source-install", "si"},
	famPip:      {"install"},
	famNpm:      {"install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall"},
	famYarn:     {"add", "global add"},
	famPnpm:     {"add", "install", "i"},
	famGem:      {"install", "i"},
	famGo:       {"install", "get"},
	famCargo:    {"install"},
	famComposer: {"require", "global require"},
}

// IsInstall reports whether the call installs packages (a simulation,
// `apt-get install -s`, does not).
func (pc *pkgCall) IsInstall() bool {
	if pc.Simulated() {
		return false
	}
	if pc.Family == famRpm {
		return pc.Has("-i", "-U", "-F", "--install", "--upgrade", "--freshen")
	}
	return pc.SubIs(pmInstallSubs[pc.Family]...)
}

// Simulated reports whether the call only shows what it would do.
func (pc *pkgCall) Simulated() bool {
	switch pc.Family {
	case famApt:
		return pc.Has("-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act", "--print-uris")
	case famApk:
		return pc.Has("-s", "--simulate")
	case famPip, famNpm:
		return pc.Has("--dry-run")
	}
	return false
}

// pmUpgradeSubs also bring packages in (and so count as "using" an index update).
var pmUpgradeSubs = map[string][]string{
	famApt:    {"upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "download", "safe-upgrade"},
	famApk:    {"upgrade", "fix", "fetch"},
	famYum:    {"update", "upgrade", "downgrade", "distro-sync", "groupupdate", "group update", "module enable", "download"},
	famDnf:    {"update", "upgrade", "downgrade", "distro-sync", "group upgrade", "module enable", "download"},
	famZypper: {"update", "up", "dist-upgrade", "dup", "patch", "download"},
}

// IsUpgrade reports whether the call upgrades or downloads packages.
func (pc *pkgCall) IsUpgrade() bool { return pc.SubIs(pmUpgradeSubs[pc.Family]...) }

// IsIndexUpdate reports whether the call only refreshes the package index:
// apt-get update, apk update, yum/dnf makecache, zypper refresh.
func (pc *pkgCall) IsIndexUpdate() bool {
	switch pc.Family {
	case famApt, famApk:
		return pc.Sub == "update"
	case famYum, famDnf:
		return pc.SubIs("makecache", "check-update")
	case famZypper:
		return pc.SubIs("refresh", "ref")
	}
	return false
}

// pkgTarget is one install target of a call.
type pkgTarget struct {
	Word shell.Word
	// Pinned: the target names an exact or constrained version, a file, a
	// path or a URL that does not move.
	Pinned bool
	// Moving: the target names a moving tag such as @latest (and so is
	// not pinned even though it has a version part).
	Moving bool
}

// Targets returns the packages an installing call names. Words with
// variables, option values, groups, negations and globs are left out:
// they are not packages the linter can judge. They are found once per call
// (a call is made once per document; several rules ask); the slice must be
// treated as read-only.
func (pc *pkgCall) Targets() []pkgTarget {
	if !pc.targetsFound {
		pc.targets, pc.targetsFound = pc.findTargets(), true
	}
	return pc.targets
}

func (pc *pkgCall) findTargets() []pkgTarget {
	if !pc.IsInstall() {
		return nil
	}
	var out []pkgTarget
	for _, w := range pc.Args {
		v := w.Value
		if !w.Lit || v == "" || strings.Contains(v, "$") {
			continue
		}
		t := pkgTarget{Word: w}
		switch pc.Family {
		case famApt:
			if strings.HasSuffix(v, ".deb") || strings.HasPrefix(v, ".") || strings.HasPrefix(v, "~") ||
				strings.ContainsAny(v, "*?^[") {
				// files, globs and regular expressions, tasks (lamp-server^)
				continue
			}
			t.Pinned = strings.ContainsAny(v, "=/")
		case famApk:
			if strings.HasPrefix(v, "!") || strings.HasSuffix(v, ".apk") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, ".") {
				continue
			}
			t.Pinned = strings.ContainsAny(v, "=~<>")
		case famYum, famDnf:
			if pmSkipRPMTarget(pc, v) {
				continue
			}
			if strings.Contains(pc.Sub, "module") {
				t.Pinned = strings.Contains(v, ":")
			} else {
				t.Pinned = pmRPMPinned(v)
			}
		case famZypper:
			if typ, ok := pc.Opt("-t", "--type"); ok && typ.Value != "package" {
				continue
			}
			if strings.HasSuffix(v, ".rpm") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, ".") || strings.ContainsAny(v, "*?") {
				continue
			}
			t.Pinned = strings.ContainsAny(v, "=<>")
		case famPip:
			if pc.Has("-r", "--requirement", "-c", "--constraint") {
				return nil
			}
			if skip, pinned := pmPipTarget(v); skip {
				continue
			} else {
				t.Pinned = pinned
			}
		case famNpm, famYarn, famPnpm:
			skip, pinned, moving := pmNpmTarget(v)
			if skip {
				continue
			}
			t.Pinned, t.Moving = pinned, moving
		case famGem:
			if pc.Has("-g", "--file") {
				return nil
			}
			if strings.HasSuffix(v, ".gem") || strings.Contains(v, "/") {
				continue
			}
			t.Pinned = strings.Contains(v, ":") || pc.Has("-v", "--version")
		case famGo:
			skip, pinned, moving := pmGoTarget(v)
			if skip {
				continue
			}
			t.Pinned, t.Moving = pinned, moving
		case famCargo:
			if pc.Has("--path") {
				return nil
			}
			if pc.Has("--git") {
				t.Pinned = pc.Has("--rev", "--tag")
			} else {
				t.Pinned = strings.Contains(v, "@") || pc.Has("--version", "--vers")
			}
		case famComposer:
			t.Pinned = strings.ContainsAny(v, ":= ")
		default:
			continue
		}
		out = append(out, t)
	}
	return out
}

func pmSkipRPMTarget(pc *pkgCall, v string) bool {
	if strings.Contains(pc.Sub, "group") || pc.Sub == "groupinstall" {
		return true
	}
	return strings.HasPrefix(v, "@") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, ".") ||
		strings.HasSuffix(v, ".rpm") || strings.Contains(v, "://") || strings.ContainsAny(v, "()*?[")
}

// pmRPMRest is what may follow a version in an RPM name-version-release.arch.
var pmRPMRest = lazyregexp.New(`^[A-Za-z0-9.~^_:+*-]*$`)

// pmRPMPinned: "nginx-1.20.1", "bash-0:5.1-2.el9.x86_64", "pkg >= 1" written
// as one word. Some dash-separated piece pmAfter the name starts with a digit.
func pmRPMPinned(v string) bool {
	if strings.ContainsAny(v, "=<>") {
		return true
	}
	parts := strings.Split(v, "-")
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if p != "" && p[0] >= '0' && p[0] <= '9' && pmRPMRest.MatchString(strings.Join(parts[i:], "-")) {
			return true
		}
	}
	return false
}

// pmPipTarget judges one pip requirement: skip for paths, archives and URLs
// that are fixed; pinned for any version specifier or direct reference.
func pmPipTarget(v string) (skip, pinned bool) {
	for _, vcs := range []string{"git+", "hg+", "svn+", "bzr+"} {
		if strings.HasPrefix(v, vcs) {
			_, rest, _ := strings.Cut(v, "://")
			if i := strings.Index(rest, "/"); i >= 0 {
				return false, strings.Contains(rest[i:], "@")
			}
			return false, false
		}
	}
	if strings.ContainsAny(v, "=<>@") || strings.Contains(v, "~=") {
		return false, true
	}
	for _, ext := range []string{".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz"} {
		if strings.HasSuffix(v, ext) {
			return true, false
		}
	}
	if strings.HasPrefix(v, ".") || strings.Contains(v, "/") || strings.HasPrefix(v, "~") {
		return true, false
	}
	return false, false
}

// pmNpmTarget judges one npm/yarn/pnpm package spec.
func pmNpmTarget(v string) (skip, pinned, moving bool) {
	switch {
	case strings.HasPrefix(v, ".") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, "~") || strings.HasPrefix(v, "file:") || strings.HasPrefix(v, "link:") || strings.HasPrefix(v, "workspace:"):
		return true, false, false
	case strings.HasSuffix(v, ".tgz") || strings.HasSuffix(v, ".tar.gz") || strings.HasSuffix(v, ".tar"):
		return true, false, false
	}
	isGit := strings.HasPrefix(v, "git") || strings.HasPrefix(v, "github:") || strings.HasPrefix(v, "gitlab:") ||
		strings.HasPrefix(v, "bitbucket:") || strings.HasPrefix(v, "gist:") || strings.HasSuffix(v, ".git")
	if isGit || strings.Contains(v, "://") {
		return false, strings.Contains(v, "#"), false
	}
	name := v
	if strings.HasPrefix(name, "@") {
		name = name[1:]
	} else if strings.Contains(name, "/") && !strings.Contains(name, "@") {
		// github shorthand owner/repo
		return false, strings.Contains(v, "#"), false
	}
	i := strings.Index(name, "@")
	if i < 0 {
		return false, false, false
	}
	ver := name[i+1:]
	if ver == "" {
		return false, false, false
	}
	if ver == "latest" || ver == "next" || ver == "*" || ver == "x" {
		return false, false, true
	}
	return false, true, false
}

// pmGoTarget judges one `go install`/`go get` argument.
func pmGoTarget(v string) (skip, pinned, moving bool) {
	if strings.HasPrefix(v, ".") || strings.HasPrefix(v, "/") {
		return true, false, false
	}
	pkg, ver, hasAt := strings.Cut(v, "@")
	first, _, _ := strings.Cut(pkg, "/")
	if !strings.Contains(first, ".") {
		return true, false, false // std, cmd/…, a module-local path without a host
	}
	if !hasAt || ver == "" {
		return false, false, false
	}
	switch ver {
	case "none":
		return true, false, false // removal, not an install
	case "latest", "upgrade", "patch", "master", "main", "HEAD":
		return false, false, true
	}
	return false, true, false
}

// pkgRun is one RUN (or ONBUILD RUN) with its package-manager calls.
type pkgRun struct {
	In     *dockerfile.Instruction // the RUN (the inner one for ONBUILD)
	Stage  *dockerfile.Stage
	Script *shell.Script
	Calls  []*pkgCall
	Cmds   []*shell.Command // every command, deduplicated
	CallOf []*pkgCall       // the call each of Cmds makes; nil for other commands

	extremes map[extremeKey]*shell.Command // see extreme
}

// extremeKey names what extreme looked for, and whether the last or the
// first command.
type extremeKey struct {
	what   string
	latest bool
}

// extreme is the first (or, latest, the last) of the RUN's commands, by
// position, for which match holds; nil when none does. It is found once per
// RUN and name (what stands for match: callers' matches differ), so that a
// check of every call against every other command (a later cleanup, an
// earlier "yes |") does not grow with their product: 40,000 pip calls in
// one RUN took 13 s.
func (r *pkgRun) extreme(what string, latest bool, match func(o *shell.Command, oc *pkgCall) bool) *shell.Command {
	key := extremeKey{what, latest}
	if o, ok := r.extremes[key]; ok {
		return o
	}
	var found *shell.Command
	for i, o := range r.Cmds {
		if (found == nil || pmAfter(found, o) == latest) && match(o, r.CallOf[i]) {
			found = o
		}
	}
	if r.extremes == nil {
		r.extremes = map[extremeKey]*shell.Command{}
	}
	r.extremes[key] = found
	return found
}

// pkgRuns returns every RUN of the Dockerfile, ONBUILD RUN included, with
// its package-manager calls. A command reached twice (behind a wrapper and
// on its own) is counted once.
func pkgRuns(p *Pass) []*pkgRun {
	return p.Memo(pkgRunsKey{}, func() any { return buildPkgRuns(p) }).([]*pkgRun)
}

type pkgRunsKey struct{}

func buildPkgRuns(p *Pass) []*pkgRun {
	f := p.Dockerfile
	if f == nil {
		return nil
	}
	// The file's runs, and the call of each of their commands, are a few
	// allocations for the file rather than a few for every RUN. runOf is
	// the RUN an instruction is (an ONBUILD's inner one), nil when it is
	// none or its script was not parsed.
	runOf := func(in *dockerfile.Instruction) *dockerfile.Instruction {
		if in.Cmd == "onbuild" && in.Inner != nil {
			in = in.Inner
		}
		if in.Cmd != "run" || in.Script == nil {
			return nil
		}
		return in
	}
	n := 0
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			if runOf(in) != nil {
				n++
			}
		}
	}
	runs := make([]pkgRun, 0, n)
	cmds := 0
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			if run := runOf(in); run != nil {
				runs = append(runs, pkgRun{In: run, Stage: st, Script: run.Script, Cmds: distinctCommands(run.Script.Commands)})
				cmds += len(runs[len(runs)-1].Cmds)
			}
		}
	}
	callOf := make([]*pkgCall, cmds)
	out := make([]*pkgRun, len(runs))
	for r := range runs {
		pr := &runs[r]
		pr.CallOf, callOf = callOf[:len(pr.Cmds):len(pr.Cmds)], callOf[len(pr.Cmds):]
		for i, c := range pr.Cmds {
			if pc := parsePkgCall(c); pc != nil {
				pr.Calls = append(pr.Calls, pc)
				pr.CallOf[i] = pc
			}
		}
		out[r] = pr
	}
	return out
}

// hasRepeatedCommand reports whether a command of cmds is reached twice: a
// wrapper's command, which has the same name at the same place as the
// command it runs.
func hasRepeatedCommand(cmds []*shell.Command) bool {
	for i, c := range cmds {
		for _, d := range cmds[:i] {
			if c.Name.Range == d.Name.Range && c.Name.Raw == d.Name.Raw {
				return true
			}
		}
	}
	return false
}

// distinctCommands drops the commands whose name was seen already at the
// same place: one command reached twice through a wrapper. Most scripts are
// a few commands, compared without a map.
func distinctCommands(cmds []*shell.Command) []*shell.Command {
	type cmdKey struct {
		rng source.Range
		raw string
	}
	keyOf := func(c *shell.Command) cmdKey { return cmdKey{c.Name.Range, c.Name.Raw} }
	if len(cmds) <= 16 && !hasRepeatedCommand(cmds) {
		return slices.Clip(cmds) // read only, as the script's own list is
	}
	var seen map[cmdKey]bool
	if len(cmds) > 16 {
		seen = make(map[cmdKey]bool, len(cmds))
	}
	out := make([]*shell.Command, 0, len(cmds))
	for _, c := range cmds {
		key := keyOf(c)
		if seen != nil {
			if seen[key] {
				continue
			}
			seen[key] = true
		} else if slices.ContainsFunc(out, func(d *shell.Command) bool { return keyOf(d) == key }) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// pmInFinalImage reports whether the stage's layers end up in the image that
// is built: the final stage (or --target) and the stages it is built FROM.
func pmInFinalImage(p *Pass, st *dockerfile.Stage) bool {
	final := p.FinalStage()
	if final == nil || st == nil {
		return false
	}
	for _, s := range final.Chain() {
		if s == st {
			return true
		}
	}
	return false
}

// pmMount is one --mount of a RUN.
type pmMount struct {
	Type, Target string
}

// pmMounts parses the RUN's --mount flags.
func pmMounts(in *dockerfile.Instruction) []pmMount {
	var out []pmMount
	for _, v := range in.FlagValues("mount") {
		m := pmMount{Type: "bind"}
		for _, kv := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
			switch strings.ToLower(k) {
			case "type":
				m.Type = strings.ToLower(val)
			case "target", "dst", "destination":
				m.Target = path.Clean(strings.Trim(val, `"'`))
			}
		}
		out = append(out, m)
	}
	return out
}

// pmCacheMount reports whether the RUN pmMounts a cache or tmpfs on a
// directory for which match is true.
func pmCacheMount(in *dockerfile.Instruction, match func(target string) bool) bool {
	for _, m := range pmMounts(in) {
		if (m.Type == "cache" || m.Type == "tmpfs") && m.Target != "" && match(m.Target) {
			return true
		}
	}
	return false
}

// pmCoversDir: a mount target that is dir or one of its parents.
func pmCoversDir(dirs ...string) func(string) bool {
	return func(t string) bool {
		for _, d := range dirs {
			if t == d || strings.HasPrefix(d, t+"/") && t != "/" {
				return true
			}
		}
		return false
	}
}

// pmRemoves reports whether c deletes a path inside or equal to one of
// dirs: `rm -rf /var/lib/apt/lists/*`, `find /var/cache/apk -delete`.
func pmRemoves(c *shell.Command, dirs ...string) bool {
	hit := func(v string) bool {
		v = strings.TrimRight(v, "*")
		v = strings.TrimSuffix(v, "/")
		for _, d := range dirs {
			if v == d || strings.HasPrefix(v, d+"/") || strings.HasPrefix(v, d) && strings.HasSuffix(d, "*") {
				return true
			}
			// rm -rf /var/lib/apt removes the lists too.
			if v != "" && strings.HasPrefix(d, v+"/") && strings.Count(v, "/") >= 3 {
				return true
			}
		}
		return false
	}
	switch {
	case c.Is("sh", "bash", "dash", "ash", "zsh", "ksh"):
		// A `bash -c "…$VAR…"` body with expansions is not parsed into
		// commands; a removal written in it still counts, so that the
		// rules stay silent rather than guess.
		for _, a := range c.Args {
			if a.Lit || !strings.Contains(a.Value, "rm ") {
				continue
			}
			for _, d := range dirs {
				if strings.Contains(a.Value, d) {
					return true
				}
			}
		}
	case c.Is("rm"):
		for _, a := range c.Args {
			if !strings.HasPrefix(a.Value, "-") && hit(a.Value) {
				return true
			}
		}
	case c.Is("find"):
		del := false
		for _, a := range c.Args {
			if a.Value == "-delete" || a.Value == "rm" {
				del = true
			}
		}
		if del {
			for _, a := range c.Args {
				if strings.HasPrefix(a.Value, "-") {
					break
				}
				if hit(a.Value) {
					return true
				}
			}
		}
	}
	return false
}

// pmAfter reports whether command b starts pmAfter command a in the source.
func pmAfter(a, b *shell.Command) bool {
	return a.Name.Range.Start.Before(b.Name.Range.Start)
}

// pmInsertFix inserts text right pmAfter word w, when the source at w's range is
// exactly w.Raw (so the edit lands where we think); nil otherwise.
func pmInsertFix(p *Pass, in *dockerfile.Instruction, w shell.Word, text, msg string, safe bool) []Fix {
	if in.JSON || !pmSourceIs(p, w.Range, w.Raw) {
		return nil
	}
	return []Fix{{Message: msg, Safe: safe, Edits: []Edit{{Range: source.Range{Start: w.Range.End, End: w.Range.End}, NewText: text}}}}
}

// pmReplaceFix replaces word w by text under the same guard as pmInsertFix.
func pmReplaceFix(p *Pass, in *dockerfile.Instruction, w shell.Word, text, msg string, safe bool) []Fix {
	if in.JSON || !pmSourceIs(p, w.Range, w.Raw) {
		return nil
	}
	return []Fix{{Message: msg, Safe: safe, Edits: []Edit{{Range: w.Range, NewText: text}}}}
}

func pmSourceIs(p *Pass, r source.Range, raw string) bool {
	if p.Lines == nil || r.Start.Line != r.End.Line || raw == "" {
		return false
	}
	// Columns count runes: find their bytes without converting the line.
	text := p.Lines.Text(r.Start.Line)
	s, e := r.Start.Column-1, r.End.Column-1
	if s < 0 || s >= e {
		return false
	}
	from, to, n := -1, -1, 0
	for i := range text {
		if n == s {
			from = i
		}
		if n == e {
			to = i
			break
		}
		n++
	}
	if n == e && to < 0 {
		to = len(text)
	}
	if from < 0 || to < 0 {
		return false
	}
	if seg := text[from:to]; !utf8.ValidString(seg) {
		return string([]rune(seg)) == raw // an invalid byte reads as U+FFFD, as it always has
	}
	return text[from:to] == raw
}

// pmUsesBuildKit reports whether the Dockerfile already relies on
// BuildKit: a `# syntax=` directive or a RUN --mount.
func pmUsesBuildKit(f *dockerfile.File) bool {
	if f == nil {
		return false
	}
	if _, ok := f.Directive("syntax"); ok {
		return true
	}
	for _, in := range f.Instructions {
		run := in
		if in.Inner != nil {
			run = in.Inner
		}
		if len(run.FlagValues("mount")) > 0 {
			return true
		}
	}
	return false
}

// pmTrivialCmds do nothing that could use a package index.
var pmTrivialCmds = map[string]bool{"set": true, "echo": true, "true": true, ":": true, "printf": true, "export": true, "rm": true, "sleep": true}

// pmEnvInChain reports whether NAME is set by ENV or ARG in the stage's
// chain (before the instruction in its own stage) with a value for which
// ok is true.
func pmEnvInChain(st *dockerfile.Stage, before *dockerfile.Instruction, name string, ok func(string) bool) bool {
	for i, s := range st.Chain() {
		for _, in := range s.Instructions {
			if i == 0 && before != nil && !in.Range.Start.Before(before.Range.Start) {
				break
			}
			switch cmd := in.Command.(type) {
			case *instructions.EnvCommand:
				for _, kv := range cmd.Env {
					if kv.Key == name && ok(kv.Value) {
						return true
					}
				}
			case *instructions.ArgCommand:
				for _, kv := range cmd.Args {
					if kv.Key == name && kv.Value != nil && ok(*kv.Value) {
						return true
					}
				}
			}
		}
	}
	return false
}

func pmSet(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// pmCalls runs fn for every package-manager call of every RUN.
func pmCalls(p *Pass, fn func(r *pkgRun, c *pkgCall)) {
	for _, r := range pkgRuns(p) {
		for _, c := range r.Calls {
			fn(r, c)
		}
	}
}

// pmCheckUnpinned reports the unpinned targets of the calls for which
// match is true; example shows how a pinned target is written.
func pmCheckUnpinned(p *Pass, match func(c *pkgCall) bool, example func(c *pkgCall, name string) string) {
	pmCalls(p, func(_ *pkgRun, c *pkgCall) {
		if !match(c) {
			return
		}
		for _, t := range c.Targets() {
			switch {
			case t.Moving:
				p.Reportf(t.Word.Range, "package %q names a moving tag, not a version; pin it as %s", t.Word.Value, example(c, t.Word.Value))
			case !t.Pinned:
				p.Reportf(t.Word.Range, "package %q is not pinned to a version; pin it as %s", t.Word.Value, example(c, t.Word.Value))
			}
		}
	})
}

// pmPipedFromYes: `yes | apt-get install …` answers the prompts.
func pmPipedFromYes(r *pkgRun, c *pkgCall) bool {
	if !c.Cmd.InPipeline {
		return false
	}
	yes := r.extreme("yes |", false, func(o *shell.Command, _ *pkgCall) bool { return o.Is("yes") && o.InPipeline })
	return yes != nil && pmAfter(yes, c.Cmd)
}

// pmCleanedAfter reports whether a command after c in the same RUN
// satisfies clean, which what names (see pkgRun.extreme).
func pmCleanedAfter(r *pkgRun, c *pkgCall, what string, clean func(o *shell.Command, oc *pkgCall) bool) bool {
	last := r.extreme(what, true, clean)
	return last != nil && pmAfter(c.Cmd, last)
}

// pmTruthy is a value that turns a boolean setting on.
func pmTruthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// pmFalsy is a value that turns a boolean setting off.
func pmFalsy(v string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(v), `"';`)) {
	case "0", "false", "no", "off":
		return true
	}
	return false
}

// pmPromptingSubs are the yum/dnf subcommands that ask before changing the system.
var pmPromptingSubs = []string{"install", "groupinstall", "localinstall", "reinstall", "update", "upgrade",
	"remove", "erase", "downgrade", "distro-sync", "autoremove", "group install", "groups install",
	"group remove", "group upgrade", "module install", "module remove", "groupremove", "groupupdate", "swap"}

// pmRPMAssumesYes: -y, --assumeyes, or --setopt=assumeyes=1.
func pmRPMAssumesYes(c *pkgCall) bool {
	if c.Has("-y", "--assumeyes") {
		return true
	}
	for _, o := range c.Opts {
		if o.Name == "--setopt" {
			k, v, _ := strings.Cut(o.Value, "=")
			if k == "assumeyes" && pmTruthy(v) {
				return true
			}
		}
	}
	return false
}

// pmRPMCleaned: a later `<yum|dnf|microdnf|tdnf> clean all` or removal of the
// cache directories, in the same RUN.
func pmRPMCleaned(r *pkgRun, c *pkgCall, dirs ...string) bool {
	return pmCleanedAfter(r, c, "rpm clean all or rm "+strings.Join(dirs, " "), func(o *shell.Command, oc *pkgCall) bool {
		if oc != nil && (oc.Family == famYum || oc.Family == famDnf) && oc.Sub == "clean" {
			for _, a := range oc.Args {
				if a.Value == "all" {
					return true
				}
			}
		}
		return pmRemoves(o, dirs...)
	})
}
