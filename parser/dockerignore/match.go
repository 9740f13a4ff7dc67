package dockerignore

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"
)

// Matcher is BuildKit's matcher for the whole file, built once; nil when the
// file has no patterns. It is not safe for concurrent use: callers that
// share a File use Excludes, or build their own with NewMatcher.
func (f *File) Matcher() *patternmatcher.PatternMatcher {
	if f == nil || len(f.Patterns) == 0 {
		return nil
	}
	f.once.Do(func() { f.matcher, f.err = f.NewMatcher() })
	if f.err != nil {
		return nil
	}
	return f.matcher
}

// NewMatcher builds a fresh matcher over every pattern, in order.
func (f *File) NewMatcher() (*patternmatcher.PatternMatcher, error) {
	pats := make([]string, len(f.Patterns))
	for i, p := range f.Patterns {
		pats[i] = p.matcherPattern()
	}
	return patternmatcher.New(pats)
}

// HasExceptions reports whether any pattern is a "!" exception.
func (f *File) HasExceptions() bool {
	if f == nil {
		return false
	}
	for _, p := range f.Patterns {
		if p.Negated {
			return true
		}
	}
	return false
}

// Deciding returns the pattern that decides whether path is left out: the
// last pattern that matches path or one of its parents. ok is false when no
// pattern matches.
func (f *File) Deciding(path string) (Pattern, bool) {
	if f == nil {
		return Pattern{}, false
	}
	for i := len(f.Patterns) - 1; i >= 0; i-- {
		if f.Patterns[i].Matches(path) {
			return f.Patterns[i], true
		}
	}
	return Pattern{}, false
}

// Matches reports whether this pattern alone (ignoring "!") matches path
// (slash-separated, relative to the context root) or one of its parents.
func (p Pattern) Matches(path string) bool {
	if p.m == nil {
		m, err := aloneMatcher(p.matcherPattern(), p.Negated)
		if err != nil {
			return false
		}
		p.m = m
	}
	ok, err := p.m.MatchesOrParentMatches(filepath.FromSlash(path))
	return err == nil && ok != p.Negated
}

// wildcards are the characters that make a pattern more than a plain path.
const wildcards = `*?[]\^`

// HasWildcard reports whether the pattern is more than a literal path.
func (p Pattern) HasWildcard() bool {
	return strings.ContainsAny(p.Cleaned, wildcards)
}

// Absolute reports whether the pattern was written with a leading "/",
// which BuildKit drops: every pattern is relative to the context root.
func (p Pattern) Absolute() bool {
	raw := strings.TrimSpace(strings.TrimPrefix(p.Raw, "!"))
	return strings.HasPrefix(raw, "/") && p.Cleaned != "/"
}

// LiteralPrefix is the leading path components of the pattern that hold no
// wildcard: "docs" for "docs/**/*.md", the whole path for a literal pattern,
// "" when the first component has a wildcard.
func (p Pattern) LiteralPrefix() string {
	parts := strings.Split(p.Cleaned, "/")
	var lit []string
	for _, c := range parts {
		if strings.ContainsAny(c, wildcards) {
			break
		}
		lit = append(lit, c)
	}
	return strings.Join(lit, "/")
}

// MayMatchUnder reports whether the pattern could match something strictly
// inside directory dir (slash-separated, relative). It compares component by
// component; "**" matches any depth, so it says yes.
func (p Pattern) MayMatchUnder(dir string) bool {
	if p.Cleaned == "." || dir == "" || dir == "." {
		return true
	}
	pc := strings.Split(p.Cleaned, "/")
	dc := strings.Split(dir, "/")
	for i, d := range dc {
		if i >= len(pc) {
			return false // the pattern ends above dir: it matches an ancestor, not inside
		}
		if strings.Contains(pc[i], "**") {
			return true
		}
		ok, err := path.Match(pc[i], d)
		if err != nil || !ok {
			return false
		}
	}
	return len(pc) > len(dc)
}
