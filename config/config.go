// Package config reads dlint's configuration file (.dlint.yaml) and, for
// migration, hadolint's (.hadolint.yaml), strictly: an unknown key, a value
// of the wrong type or an unknown rule name is an error with the file's line
// and column, never silently ignored.
package config

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dlint/dlint/internal/suggest"
	"github.com/dlint/dlint/rules"
)

// Level is a severity override: a severity, or off.
type Level struct {
	Off      bool
	Severity rules.Severity
}

func (l Level) String() string {
	if l.Off {
		return "off"
	}
	return l.Severity.String()
}

// ParseLevel reads error, warning, info, style or off.
func ParseLevel(s string) (Level, bool) {
	if strings.EqualFold(s, "off") {
		return Level{Off: true}, true
	}
	sev, ok := rules.ParseSeverity(s)
	return Level{Severity: sev}, ok
}

// RuleRef is a rule as the file names it: the name written, the rules it
// stands for (an alias may stand for several) and where it was written.
type RuleRef struct {
	Name  string
	Rules []*rules.Rule
	Line  int
}

// SeverityRef is one entry of a severity map.
type SeverityRef struct {
	RuleRef
	Level Level
}

// Override applies ignores and severities to the files its globs match.
type Override struct {
	Files    []string // globs, relative to the configuration file's directory
	Ignore   []RuleRef
	Severity []SeverityRef
	Line     int
}

// File is one parsed configuration file. Pointer and nil fields are unset.
type File struct {
	Path     string // absolute
	Name     string // how messages name the file (default: Path)
	Dir      string // absolute; override globs are relative to it
	Hadolint bool   // read from hadolint's format
	// Unsupported lists the hadolint keys present that dlint does not
	// read, and UnknownRules the hadolint rule codes dlint does not have.
	Unsupported  []string
	UnknownRules []string

	Ignore            []RuleRef
	Severity          []SeverityRef
	FailLevel         *rules.Severity // 0: none (never fail)
	MinSeverity       *rules.Severity
	TrustedRegistries []string
	LabelSchema       map[string]string
	StrictLabels      *bool
	BuildArgs         map[string]string
	Target            *string
	DaemonFlags       *string
	ContextSizeLimit  *int64
	// NoIgnorePragmas and ReportUnusedIgnores are --no-ignore-pragmas and
	// --report-unused-ignores.
	NoIgnorePragmas     *bool
	ReportUnusedIgnores *bool
	Overrides           []Override
	// RuleOptions are per-rule settings by rule ID (rules.Options.RuleOptions).
	RuleOptions map[string]map[string]any

	// Lines maps each top-level key present to its line.
	Lines map[string]int

	res *resolver // made by Parse: what the file sets for each path
}

// Where is "file:line" for a top-level key, or the file's path.
func (f *File) Where(key string) string {
	if n, ok := f.Lines[key]; ok {
		return fmt.Sprintf("%s:%d", f.name(), n)
	}
	return f.name()
}

func (f *File) name() string {
	if f.Name != "" {
		return f.Name
	}
	return f.Path
}

// At is "file:line" for a line of the file.
func (f *File) At(line int) string { return fmt.Sprintf("%s:%d", f.name(), line) }

// Silenced reports whether the file turns rule r off for the file at
// absPath, and why. Later entries win: the ignore list, then the severity
// map, then each override that matches, in file order.
func (f *File) Silenced(r *rules.Rule, absPath string) (bool, string) {
	return f.For(absPath).Silenced(r)
}

// SeverityOf is the severity the file sets for rule r at absPath; ok is
// false when it sets none (or turns the rule off: see Silenced). Later
// entries win: overrides after the top-level map, in file order.
func (f *File) SeverityOf(r *rules.Rule, absPath string) (rules.Severity, bool) {
	return f.For(absPath).SeverityOf(r)
}

// PathSetting is what a configuration file sets for one file: Silenced and
// SeverityOf for it without finding its setting again for every rule.
type PathSetting struct {
	f *File
	s *setting
}

// For is what the file sets for the file at absPath.
func (f *File) For(absPath string) PathSetting {
	return PathSetting{f, f.settingFor(absPath)}
}

// Silenced is File.Silenced for the setting's file.
func (ps PathSetting) Silenced(r *rules.Rule) (bool, string) {
	if e := ps.s.off[r]; e.off {
		return true, e.by + " in the configuration file " + ps.f.At(e.line)
	}
	return false, ""
}

// SeverityOf is File.SeverityOf for the setting's file.
func (ps PathSetting) SeverityOf(r *rules.Rule) (rules.Severity, bool) {
	sev := ps.s.sev[r]
	return sev, sev != 0
}

// Matches reports whether an override's globs match the file at absPath.
// A glob without a slash matches the file name in any directory below the
// configuration file; one with a slash matches the path relative to it;
// "**" matches any number of directories.
func (f *File) Matches(o Override, absPath string) bool {
	rel, ok := f.relative(absPath)
	if !ok {
		return false
	}
	for _, g := range o.Files {
		if MatchGlob(g, rel) {
			return true
		}
	}
	return false
}

// MatchGlob matches a slash-separated relative path against a glob with
// path.Match syntax per segment plus "**" for any number of segments.
func MatchGlob(glob, rel string) bool {
	return compileGlob(glob).match(rel, strings.Split(rel, "/"))
}

// matchSegs reports whether the path segments p match the glob segments g,
// where "**" matches any number of segments (none included) and any other
// glob segment matches one path segment (path.Match). It is the classic
// wildcard match with "**" as the star: on a mismatch it goes back to the
// last "**" and lets it take one more segment, which is enough (each part
// between stars matched as early as it can leaves the most room for the
// rest), so it takes at most len(g)·len(p) steps. Trying every split for
// every "**" took time exponential in their number: a configuration with a
// glob of sixteen never returned on a deep path.
func matchSegs(g, p []string) bool {
	gi, pi := 0, 0
	star, taken := -1, 0 // the last "**" met, and where the segments it takes end
	for pi < len(p) {
		switch {
		case gi < len(g) && g[gi] == "**":
			star, taken = gi, pi
			gi++
		case gi < len(g) && segmentMatches(g[gi], p[pi]):
			gi++
			pi++
		case star >= 0:
			taken++
			gi, pi = star+1, taken
		default:
			return false
		}
	}
	for gi < len(g) && g[gi] == "**" {
		gi++
	}
	return gi == len(g)
}

func segmentMatches(pattern, segment string) bool {
	ok, _ := path.Match(pattern, segment)
	return ok
}

// Error is a problem in a configuration file, with its position.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// suggest returns the candidate closest to s, or "".
func closestName(s string, candidates []string) string {
	best, bestDist := "", 4
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if d := suggest.Distance(strings.ToLower(s), strings.ToLower(c)); d < bestDist && d < max(len(c), 2) {
			best, bestDist = c, d
		}
	}
	return best
}
