package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/config"
	"github.com/dlint/dlint/internal/pathfast"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/rules"
)

// Precedence, for every setting: command-line flag, then DLINT_* environment
// variable, then the configuration file, then the default. Lists named on
// the command line or in the environment replace the file's list, except
// `ignore`, whose entries are added to the file's.

// envName is the environment variable of a flag: DLINT_FAIL_LEVEL for
// --fail-level.
func envName(flag string) string {
	return "DLINT_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// noEnv are the flags without an environment variable.
var noEnv = map[string]bool{"f": true, "o": true, "write-baseline": true, "stdin-filename": true, "version": true, "help": true, "force": true}

// withEnv appends "[$DLINT_…]" to each flag's usage, as the help shows it.
func withEnv(flags []cli.Flag) []cli.Flag {
	for _, f := range flags {
		// Each flag's Name, not Names(), which runs a regular expression.
		var name string
		var usage *string
		switch f := f.(type) {
		case *cli.StringFlag:
			name, usage = f.Name, &f.Usage
		case *cli.StringSliceFlag:
			name, usage = f.Name, &f.Usage
		case *cli.BoolFlag:
			name, usage = f.Name, &f.Usage
		case *cli.IntFlag:
			name, usage = f.Name, &f.Usage
		case *cli.GenericFlag:
			name, usage = f.Name, &f.Usage
		default:
			continue
		}
		if !noEnv[name] {
			*usage += " [$" + envName(name) + "]"
		}
	}
	return flags
}

// flagSource reads flags and their environment variables with their origin.
type flagSource struct {
	c     *cli.Context
	env   config.Env
	given map[string]bool // givenFlags(c)
}

func newFlagSource(c *cli.Context, env config.Env) flagSource {
	return flagSource{c: c, env: env, given: givenFlags(c)}
}

// givenFlags holds every name of each flag set on the command line, as
// cli.Context.IsSet answers for it (TestGivenFlagsIsIsSet). IsSet looks its
// flag up among all of them and runs a regular expression over each name
// it passes (urfave/cli v2's FlagNames): asked of each setting, it was a
// third of the time of a one-file run.
func givenFlags(c *cli.Context) map[string]bool {
	given := map[string]bool{}
	for _, n := range c.FlagNames() {
		given[n] = true
	}
	return given
}

// isSet is c.IsSet(name).
func (s flagSource) isSet(name string) bool { return s.given[name] }

func (s flagSource) envValue(name string) (string, bool) {
	if noEnv[name] {
		return "", false
	}
	v := s.env(envName(name))
	return v, v != ""
}

// str returns a string setting and where it came from ("" when unset).
func (s flagSource) str(name string) (string, string) {
	if s.isSet(name) {
		return s.c.String(name), "--" + name
	}
	if v, ok := s.envValue(name); ok {
		return v, "$" + envName(name)
	}
	return "", ""
}

// list returns a repeatable, comma-separated setting.
func (s flagSource) list(name string) ([]string, string) {
	var raw []string
	from := ""
	if s.isSet(name) {
		raw, from = s.c.StringSlice(name), "--"+name
	} else if v, ok := s.envValue(name); ok {
		raw, from = []string{v}, "$"+envName(name)
	}
	var out []string
	for _, r := range raw {
		for _, p := range strings.Split(r, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out, from
}

// boolean returns a boolean setting; environment values are 1/true/yes/on
// or 0/false/no/off.
func (s flagSource) boolean(name string) (bool, string, error) {
	if s.isSet(name) {
		return s.c.Bool(name), "--" + name, nil
	}
	if v, ok := s.envValue(name); ok {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "1", "true", "yes", "on", "y":
			return true, "$" + envName(name), nil
		case "0", "false", "no", "off", "n":
			return false, "$" + envName(name), nil
		}
		return false, "", usageError("$%s: want true or false, not %q", envName(name), v)
	}
	return false, "", nil
}

// origin is where an effective value came from: "--flag", "$DLINT_X",
// "path:line" of a configuration file, or "default".
type origin = string

// effective is the configuration that applies to one set of files: the
// command line and environment over one configuration file (or none).
type effective struct {
	file *config.File

	failLevel, minSeverity rules.Severity // failLevel 0: never fail
	failFrom, minFrom      origin

	ignore []namedRules // from the file and from --ignore

	trusted     []string
	trustedFrom origin
	labels      map[string]string
	labelsFrom  origin
	strict      bool
	strictFrom  origin
	buildArgs   map[string]string
	argsFrom    map[string]origin
	target      string
	targetFrom  origin
	daemonFlags *string
	daemonFrom  origin
	sizeLimit   int64
	sizeFrom    origin
	noPragmas   bool
	pragmasFrom origin
	unused      bool
	unusedFrom  origin
	ruleOptions map[string]map[string]any
	// shellcheck is the ShellCheck program the command line or the
	// environment names (a path a configuration file may not give).
	shellcheck     string
	shellcheckFrom origin
}

type namedRules struct {
	name  string
	rules []*rules.Rule
	from  origin
}

// cliLayer is what the command line and the environment set, read once.
type cliLayer struct {
	failLevel      *rules.Severity
	failFrom       origin
	minSeverity    *rules.Severity
	minFrom        origin
	ignore         []namedRules
	trusted        []string
	trustedFrom    origin
	labels         map[string]string
	labelsFrom     origin
	strict         *bool
	strictFrom     origin
	buildArgs      map[string]string
	argsFrom       origin
	target         *string
	targetFrom     origin
	daemonFlags    *string
	daemonFrom     origin
	noPragmas      *bool
	pragmasFrom    origin
	unused         *bool
	unusedFrom     origin
	shellcheck     string
	shellcheckFrom origin
	configPath     string
	configFrom     origin
	noConfig       bool
	noConfigFrom   origin
	kind           parser.Kind
	context        string
	stdinName      string
	jobs           int
	// contexts walks each build context once, however many Dockerfiles share it.
	contexts *buildcontext.Cache
	fixing   *fixMode
	// sourceRoot is the directory reported paths are relative to and
	// relative paths are taken from (the working directory); "" when it
	// cannot be known.
	sourceRoot    string
	verbose       bool
	noFail, quiet bool
	// fingerprints is set when a report writes findings' fingerprints:
	// they are computed as each file is linted.
	fingerprints bool
}

func parseLevel(what, s string, withNone bool) (rules.Severity, error) {
	if withNone && strings.EqualFold(s, "none") {
		return 0, nil
	}
	sev, ok := rules.ParseSeverity(s)
	if !ok {
		names := "error, warning, info or style"
		if withNone {
			names = "error, warning, info, style or none"
		}
		return 0, usageError("unknown %s %q (%s)", what, s, names)
	}
	return sev, nil
}

func readCLILayer(c *cli.Context, env config.Env) (*cliLayer, error) {
	s := newFlagSource(c, env)
	l := &cliLayer{stdinName: c.String("stdin-filename"), jobs: c.Int("jobs"), contexts: buildcontext.NewCache()}
	var err error
	if l.verbose, _, err = s.boolean("verbose"); err != nil {
		return nil, err
	}
	if v, from := s.str("fail-level"); from != "" {
		sev, err := parseLevel("fail level", v, true)
		if err != nil {
			return nil, err
		}
		l.failLevel, l.failFrom = &sev, from
	}
	if v, from := s.str("min-severity"); from != "" {
		sev, err := parseLevel("min severity", v, false)
		if err != nil {
			return nil, err
		}
		l.minSeverity, l.minFrom = &sev, from
	}
	names, from := s.list("ignore")
	for _, n := range names {
		rs := rules.Lookup(n)
		if len(rs) == 0 {
			msg := fmt.Sprintf("%s: unknown rule %q", from, n)
			if sug := rules.Suggest(n); sug != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", sug)
			}
			return nil, usageError("%s", msg)
		}
		l.ignore = append(l.ignore, namedRules{name: n, rules: rs, from: from})
	}
	if v, from := s.list("trusted-registry"); from != "" {
		l.trusted, l.trustedFrom = v, from
	}
	if v, from := s.list("require-label"); from != "" {
		l.labels, l.labelsFrom = map[string]string{}, from
		for _, lbl := range v {
			name, typ, _ := strings.Cut(lbl, ":")
			if typ == "" {
				typ = "text"
			}
			l.labels[name] = typ
		}
	}
	if b, from, err := s.boolean("strict-labels"); err != nil {
		return nil, err
	} else if from != "" {
		l.strict, l.strictFrom = &b, from
	}
	if v, from := s.list("build-arg"); from != "" {
		l.buildArgs, l.argsFrom = map[string]string{}, from
		for _, kv := range v {
			k, val, found := strings.Cut(kv, "=")
			if !found {
				// docker build takes a bare KEY from the environment.
				if val, found = os.LookupEnv(k); !found {
					continue
				}
			}
			l.buildArgs[k] = val
		}
	}
	if v, from := s.str("target"); from != "" {
		l.target, l.targetFrom = &v, from
	}
	if v, from := s.str("daemon-flags"); from != "" {
		l.daemonFlags, l.daemonFrom = &v, from
	}
	if b, from, err := s.boolean("no-ignore-pragmas"); err != nil {
		return nil, err
	} else if from != "" {
		l.noPragmas, l.pragmasFrom = &b, from
	}
	if b, from, err := s.boolean("report-unused-ignores"); err != nil {
		return nil, err
	} else if from != "" {
		l.unused, l.unusedFrom = &b, from
	}
	l.shellcheck, l.shellcheckFrom = s.str("shellcheck")
	l.configPath, l.configFrom = s.str("config")
	if l.noConfig, l.noConfigFrom, err = s.boolean("no-config"); err != nil {
		return nil, err
	}
	if l.noFail, _, err = s.boolean("no-fail"); err != nil {
		return nil, err
	}
	if l.quiet, _, err = s.boolean("quiet"); err != nil {
		return nil, err
	}
	if k, from := s.str("kind"); from != "" {
		var ok bool
		if l.kind, ok = parser.ParseKind(k); !ok {
			return nil, usageError("unknown kind %q (dockerfile, dockerignore or daemon.json)", k)
		}
	}
	if dir, from := s.str("context"); from != "" {
		// A mistyped context must not turn the build-context rules off in
		// silence.
		info, err := os.Stat(dir)
		if err != nil {
			return nil, usageError("%s: %s", from, pathError(dir, err))
		}
		if !info.IsDir() {
			return nil, usageError("%s: %s: not a directory", from, dir)
		}
		l.context = dir
	}
	if v, from := s.str("jobs"); from != "" && !s.isSet("jobs") {
		if _, err := fmt.Sscan(v, &l.jobs); err != nil {
			return nil, usageError("%s: want a number, not %q", from, v)
		}
	}
	return l, nil
}

// merge applies the command line and environment over a configuration
// file (nil for none).
func (l *cliLayer) merge(f *config.File) *effective {
	e := &effective{file: f, failLevel: rules.Warning, failFrom: "default", minSeverity: rules.Style, minFrom: "default",
		trustedFrom: "default", labelsFrom: "default", strictFrom: "default", argsFrom: map[string]origin{},
		targetFrom: "default", daemonFrom: "default", sizeFrom: "default", pragmasFrom: "default", unusedFrom: "default",
		buildArgs: map[string]string{}}
	if f != nil {
		if f.FailLevel != nil {
			e.failLevel, e.failFrom = *f.FailLevel, f.Where(key(f, "fail-level", "failure-threshold"))
		}
		if f.MinSeverity != nil {
			e.minSeverity, e.minFrom = *f.MinSeverity, f.Where("min-severity")
		}
		for _, ref := range f.Ignore {
			e.ignore = append(e.ignore, namedRules{name: ref.Name, rules: ref.Rules, from: f.At(ref.Line)})
		}
		if f.TrustedRegistries != nil {
			e.trusted, e.trustedFrom = f.TrustedRegistries, f.Where(key(f, "trusted-registries", "trustedRegistries"))
		}
		if f.LabelSchema != nil {
			e.labels, e.labelsFrom = f.LabelSchema, f.Where("label-schema")
		}
		if f.StrictLabels != nil {
			e.strict, e.strictFrom = *f.StrictLabels, f.Where("strict-labels")
		}
		for k, v := range f.BuildArgs {
			e.buildArgs[k], e.argsFrom[k] = v, f.Where("build-args")
		}
		if f.Target != nil {
			e.target, e.targetFrom = *f.Target, f.Where("target")
		}
		if f.DaemonFlags != nil {
			e.daemonFlags, e.daemonFrom = f.DaemonFlags, f.Where("daemon-flags")
		}
		if f.ContextSizeLimit != nil {
			e.sizeLimit, e.sizeFrom = *f.ContextSizeLimit, f.Where("context-size-limit")
		}
		if f.NoIgnorePragmas != nil {
			e.noPragmas, e.pragmasFrom = *f.NoIgnorePragmas, f.Where(key(f, "no-ignore-pragmas", "disable-ignore-pragma"))
		}
		if f.ReportUnusedIgnores != nil {
			e.unused, e.unusedFrom = *f.ReportUnusedIgnores, f.Where("report-unused-ignores")
		}
		for id, m := range f.RuleOptions {
			if e.ruleOptions == nil {
				e.ruleOptions = map[string]map[string]any{}
			}
			e.ruleOptions[id] = m
		}
	}
	if l.failLevel != nil {
		e.failLevel, e.failFrom = *l.failLevel, l.failFrom
	}
	if l.minSeverity != nil {
		e.minSeverity, e.minFrom = *l.minSeverity, l.minFrom
	}
	e.ignore = append(e.ignore, l.ignore...)
	if l.trustedFrom != "" {
		e.trusted, e.trustedFrom = l.trusted, l.trustedFrom
	}
	if l.labelsFrom != "" {
		e.labels, e.labelsFrom = l.labels, l.labelsFrom
	}
	if l.strict != nil {
		e.strict, e.strictFrom = *l.strict, l.strictFrom
	}
	for k, v := range l.buildArgs {
		e.buildArgs[k], e.argsFrom[k] = v, l.argsFrom
	}
	if l.target != nil {
		e.target, e.targetFrom = *l.target, l.targetFrom
	}
	if l.daemonFlags != nil {
		e.daemonFlags, e.daemonFrom = l.daemonFlags, l.daemonFrom
	}
	if l.noPragmas != nil {
		e.noPragmas, e.pragmasFrom = *l.noPragmas, l.pragmasFrom
	}
	if l.unused != nil {
		e.unused, e.unusedFrom = *l.unused, l.unusedFrom
	}
	e.shellcheck, e.shellcheckFrom = l.shellcheck, l.shellcheckFrom
	return e
}

// key is the name a setting has in the file's format.
func key(f *config.File, dlint, hadolint string) string {
	if f.Hadolint {
		return hadolint
	}
	return dlint
}

// profile is how the files under one configuration are linted.
type profile struct {
	eff       *effective
	cfg       rules.Config
	parseOpts parser.Options
	ignored   map[*rules.Rule]string // rule → the flag or variable that turns it off
	wd        string                 // the working directory ("" unknown)
	// keepSuppressed runs the rules the configuration file turns off, so
	// that their findings are reported as suppressed (SARIF).
	keepSuppressed bool
}

func newProfile(e *effective, keepSuppressed bool, wd string) *profile {
	p := &profile{eff: e, ignored: map[*rules.Rule]string{}, wd: wd}
	for _, n := range e.ignore {
		if !strings.HasPrefix(n.from, "--") && !strings.HasPrefix(n.from, "$") {
			continue // the file's own: see config.File.Silenced
		}
		for _, r := range n.rules {
			p.ignored[r] = n.from
		}
	}
	opts := &p.cfg.Options
	opts.BuildArgs = e.buildArgs
	opts.Target = e.target
	opts.TrustedRegistries = e.trusted
	opts.LabelSchema = e.labels
	opts.StrictLabels = e.strict
	opts.DaemonFlags = e.daemonFlags
	opts.ContextSizeLimit = e.sizeLimit
	opts.RuleOptions = e.ruleOptions
	if e.shellcheck != "" {
		// Under the rule's name: the configuration's options are under its
		// ID, and the name is read first.
		opts.RuleOptions = maps.Clone(e.ruleOptions)
		if opts.RuleOptions == nil {
			opts.RuleOptions = map[string]map[string]any{}
		}
		opts.RuleOptions["shellcheck"] = map[string]any{"path": e.shellcheck}
	}
	p.parseOpts.BuildArgs = e.buildArgs
	p.cfg.NoPragmas = e.noPragmas
	p.cfg.ReportUnusedIgnores = e.unused
	// Findings silenced in the source are kept, marked, whatever the
	// format: a file's findings are fingerprinted as they are linted, and
	// each identity counts the identical findings before it, silenced or
	// not, so that it is the same in every format. The report drops them.
	p.cfg.KeepSuppressed = true
	// Rules turned off for a file do not run on it at all. With SARIF,
	// those the configuration file silences run and their findings are
	// kept as suppressed, so that code scanning shows its alerts dismissed
	// rather than fixed; --ignore and DLINT_IGNORE turn a rule off for the
	// run in every format (often to skip a costly check: ShellCheck runs a
	// process per file).
	p.keepSuppressed = keepSuppressed
	p.cfg.Disabled = func(r *rules.Rule, path string) bool {
		return p.disabled(r, path, nil)
	}
	if f := e.file; f != nil && (len(f.Severity) > 0 || len(f.Overrides) > 0) {
		p.cfg.SeverityOf = func(r *rules.Rule, path string) (rules.Severity, bool) {
			return f.SeverityOf(r, absPathIn(p.wd, path))
		}
	}
	return p
}

// disabled reports whether rule r does not run on the file at path: set is
// the configuration file's setting for it, nil to look it up.
func (p *profile) disabled(r *rules.Rule, path string, set *config.PathSetting) bool {
	if _, ok := p.ignored[r]; ok {
		return true
	}
	f := p.eff.file
	if p.keepSuppressed || f == nil {
		return false
	}
	if set == nil {
		s := f.For(absPathIn(p.wd, path))
		set = &s
	}
	off, _ := set.Silenced(r)
	return off
}

// configFor is the rules' configuration for the file at path: the
// configuration file's setting for it is found once, not again for each
// of the hundred rules (the rules ask by path; a finding at another path
// is looked up as before).
func (p *profile) configFor(path string) *rules.Config {
	f := p.eff.file
	if f == nil {
		return &p.cfg
	}
	set := f.For(absPathIn(p.wd, path))
	cfg := p.cfg
	cfg.Disabled = func(r *rules.Rule, at string) bool {
		if at != path {
			return p.disabled(r, at, nil)
		}
		return p.disabled(r, at, &set)
	}
	if sevOf := p.cfg.SeverityOf; sevOf != nil {
		cfg.SeverityOf = func(r *rules.Rule, at string) (rules.Severity, bool) {
			if at != path {
				return sevOf(r, at)
			}
			return set.SeverityOf(r)
		}
	}
	return &cfg
}

// silenced reports whether the configuration turns rule r off for path,
// and why.
func (p *profile) silenced(r *rules.Rule, path string) (bool, string) {
	if from, ok := p.ignored[r]; ok {
		return true, "ignored by " + from
	}
	if f := p.eff.file; f != nil {
		return f.Silenced(r, absPathIn(p.wd, path))
	}
	return false, ""
}

// absPath is a file's path made absolute ("" and "-", standard input, are
// the working directory).
func absPath(p string) string {
	return absPathIn("", p)
}

// absPathIn is absPath with the working directory given (wd, "" when not
// known: filepath.Abs looks it up). A configuration file is asked about
// every rule of every file, by path: filepath.Abs looks the working
// directory up each time (two stats), and cleans a path that is already
// clean byte by byte.
func absPathIn(wd, p string) string {
	if p == "" || p == "-" {
		p = "."
	}
	p = filepath.FromSlash(p)
	switch {
	case filepath.IsAbs(p):
		return pathfast.Clean(p)
	case wd != "":
		return pathfast.Join(wd, p)
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// profiles finds and loads the configuration of each target, once per
// configuration file.
type profiles struct {
	layer   *cliLayer
	keep    bool
	notices func(string)

	mu     sync.Mutex
	finder *config.Finder
	byDir  map[string]string   // directory → configuration path ("" none)
	byPath map[string]*profile // configuration path → profile
}

func newProfiles(l *cliLayer, env config.Env, keep bool, notice func(string)) *profiles {
	finder := config.NewFinder(env)
	if l.contexts != nil {
		// The search for files read the repository's directories: a
		// configuration file one of them does not hold is not looked for.
		finder.MayHold = l.contexts.MayHold
	}
	return &profiles{layer: l, keep: keep, notices: notice, finder: finder,
		byDir: map[string]string{}, byPath: map[string]*profile{}}
}

// configFor is the configuration file for files in dir ("" for none).
func (ps *profiles) configFor(dir string) string {
	switch {
	case ps.layer.noConfig:
		return ""
	case ps.layer.configPath != "":
		return ps.layer.configPath
	}
	abs := absPathIn(ps.layer.sourceRoot, dir)
	if p, ok := ps.byDir[abs]; ok {
		return p
	}
	p := ps.finder.Find(abs)
	ps.byDir[abs] = p
	return p
}

// forTargets returns each target's profile, that of its directory, and
// in verbose mode says which configuration file it comes from.
func (ps *profiles) forTargets(targets []target) ([]*profile, error) {
	tprofs := make([]*profile, len(targets))
	for i, t := range targets {
		var err error
		if tprofs[i], err = ps.forDir(targetDir(t)); err != nil {
			return nil, err
		}
		if ps.layer.verbose && ps.notices != nil {
			cfgPath := "no configuration file"
			if f := tprofs[i].eff.file; f != nil {
				cfgPath = "configuration " + displayPath(f.Path)
			}
			ps.notices(fmt.Sprintf("%s: %s", t.path, cfgPath))
		}
	}
	return tprofs, nil
}

// forDir returns the profile for files in dir.
func (ps *profiles) forDir(dir string) (*profile, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	path := ps.configFor(dir)
	if p, ok := ps.byPath[path]; ok {
		return p, nil
	}
	var f *config.File
	if path != "" {
		var err error
		if f, err = config.Load(path); err != nil {
			return nil, cli.Exit(err.Error(), exitUsage)
		}
		f.Name = displayPath(f.Path)
		if f.Hadolint && ps.notices != nil {
			msg := "reading hadolint configuration " + displayPath(f.Path)
			if ps.layer.configPath == "" {
				msg += " (no .dlint.yaml found)"
			}
			var extra []string
			if len(f.Unsupported) > 0 {
				extra = append(extra, "keys not supported: "+strings.Join(f.Unsupported, ", "))
			}
			if len(f.UnknownRules) > 0 {
				extra = append(extra, "rules dlint does not have: "+strings.Join(f.UnknownRules, ", "))
			}
			if len(extra) > 0 {
				msg += "; " + strings.Join(extra, "; ")
			}
			ps.notices(msg)
		}
	}
	p := newProfile(ps.layer.merge(f), ps.keep, ps.layer.sourceRoot)
	ps.byPath[path] = p
	return p, nil
}

// targetDir is the directory whose configuration applies to a target.
func targetDir(t target) string {
	if t.fsPath == "" {
		if t.path == "" || t.path == "-" {
			return "."
		}
		return filepath.Dir(filepath.FromSlash(t.path))
	}
	return pathfast.Dir(t.fsPath)
}

// sortedKeys returns a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// strOnly is str without the origin.
func (s flagSource) strOnly(name string) string {
	v, _ := s.str(name)
	return v
}
