// Package config reads dlint's configuration file (.dlint.yaml) and, for
// migration, hadolint's (.hadolint.yaml), strictly: an unknown key, a value
// of the wrong type or an unknown rule name is an error with the file's line
// and column, never silently ignored.
package config

import (
	"fmt"
	"github.com/dlint/dlint/internal/suggest"
	"path"
	"path/filepath"
	"sort"
	"strings"

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
// absPath, and which key did: "ignore", "severity" (off) or an override.
func (f *File) Silenced(r *rules.Rule, absPath string) (bool, string) {
	off, why := false, ""
	for _, ref := range f.Ignore {
		if has(ref.Rules, r) {
			off, why = true, "ignored in the configuration file "+f.At(ref.Line)
		}
	}
	for _, s := range f.Severity {
		if has(s.Rules, r) {
			off, why = s.Level.Off, "turned off (severity off) in the configuration file "+f.At(s.Line)
		}
	}
	for _, o := range f.Overrides {
		if !f.Matches(o, absPath) {
			continue
		}
		for _, ref := range o.Ignore {
			if has(ref.Rules, r) {
				off, why = true, "ignored by an override in the configuration file "+f.At(ref.Line)
			}
		}
		for _, s := range o.Severity {
			if has(s.Rules, r) {
				off, why = s.Level.Off, "turned off (severity off) by an override in the configuration file "+f.At(s.Line)
			}
		}
	}
	if !off {
		return false, ""
	}
	return true, why
}

// SeverityOf is the severity the file sets for rule r at absPath; ok is
// false when it sets none (or turns the rule off: see Silenced). Later
// entries win: overrides after the top-level map, in file order.
func (f *File) SeverityOf(r *rules.Rule, absPath string) (rules.Severity, bool) {
	var sev rules.Severity
	apply := func(list []SeverityRef) {
		for _, s := range list {
			if has(s.Rules, r) && !s.Level.Off {
				sev = s.Level.Severity
			}
		}
	}
	apply(f.Severity)
	for _, o := range f.Overrides {
		if f.Matches(o, absPath) {
			apply(o.Severity)
		}
	}
	return sev, sev != 0
}

// Matches reports whether an override's globs match the file at absPath.
// A glob without a slash matches the file name in any directory below the
// configuration file; one with a slash matches the path relative to it;
// "**" matches any number of directories.
func (f *File) Matches(o Override, absPath string) bool {
	rel, err := filepath.Rel(f.Dir, absPath)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
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
	glob = strings.TrimPrefix(glob, "./")
	if !strings.Contains(glob, "/") {
		ok, _ := path.Match(glob, path.Base(rel))
		return ok
	}
	return matchSegs(strings.Split(strings.TrimPrefix(glob, "/"), "/"), strings.Split(rel, "/"))
}

func matchSegs(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(p); i++ {
				if matchSegs(g[1:], p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], p[0]); !ok {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return len(p) == 0
}

func has(rs []*rules.Rule, r *rules.Rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
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
