package dockerignore

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"

	"github.com/dlint/dlint/internal/pathfast"
)

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
	return p.matches(path, isCleanRelative(path))
}

// matches is Matches, told whether path is clean and relative.
func (p Pattern) matches(path string, cleanRelative bool) bool {
	m := p.m
	if m == nil {
		var err error
		if m, err = aloneMatcher(p.matcherPattern(), p.Negated); err != nil {
			return false
		}
	}
	ok, err := matchesOrParent(m, path, cleanRelative)
	return err == nil && ok != p.Negated
}

// Excludes reports whether BuildKit would leave path (slash-separated,
// relative to the context root) out of the build context: what its
// matcher's MatchesOrParentMatches says, each pattern tested on its own
// with Matches, without the lock a shared matcher needs.
func (f *File) Excludes(path string) bool {
	if f == nil {
		return false
	}
	excluded := false
	clean := isCleanRelative(path)
	for _, p := range f.Patterns {
		// As the matcher does, skip a pattern that cannot change the
		// outcome: an exception while nothing is excluded, an inclusion
		// once it is.
		if p.Negated == excluded && p.matches(path, clean) {
			excluded = !p.Negated
		}
	}
	return excluded
}

// isCleanRelative reports whether path is clean and relative, which
// matchesOrParent needs to test each leading path as the matcher would.
// It is never true on Windows (pathfast.IsClean).
func isCleanRelative(path string) bool {
	return pathfast.IsClean(path) && !strings.HasPrefix(path, "/")
}

// matchesOrParent is m.MatchesOrParentMatches(path) for a matcher of one
// pattern (or of "**" and an exception, see aloneMatcher), which matches
// path when it matches path or a directory above it. For a clean relative
// path (cleanRelative) it tests each leading path in turn and carries the
// result down, as BuildKit's walk of a context does: MatchesOrParentMatches
// joins the parent's path anew for each pattern and level, work quadratic
// in the depth.
func matchesOrParent(m *patternmatcher.PatternMatcher, path string, cleanRelative bool) (bool, error) {
	if !cleanRelative {
		return m.MatchesOrParentMatches(filepath.FromSlash(path))
	}
	var (
		info patternmatcher.MatchInfo
		ok   bool
		err  error
	)
	forEachLeading(path, func(lead string) {
		if err == nil {
			ok, info, err = m.MatchesUsingParentResults(lead, info)
		}
	})
	return ok, err
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
