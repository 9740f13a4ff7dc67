package dockerignore

import "strings"

// The work of matching paths against ignore patterns is counted in units of
// about five nanoseconds. BuildKit's matcher compares a path with a pattern
// that has no wildcard (or only a leading "**/" or trailing "/**") as text,
// in about two units. It compiles any other pattern to a regular expression,
// which it runs over the path: up to about a unit for each byte of the
// pattern times each byte of the path, whatever the wildcards. Real patterns
// cost far less than that bound; a few hostile ones of a few kilobytes cost
// milliseconds a path, and a count of tests alone would let them run for
// hours over a large context.

// MatchBudget is the matching work one check may do through an ignore file
// (a walk of the context, one rule's tests): about three seconds at worst.
// A typical ignore file allows some 300,000 paths of 40 bytes within it.
const MatchBudget = 600_000_000

// Work is the matching a check has done, against MatchBudget.
type Work struct{ spent int64 }

// Spend reports whether units more fit within the budget and, when they do,
// counts them: a caller that is refused skips that test and may go on with
// cheaper ones.
func (w *Work) Spend(units int64) bool {
	if units < 0 || units > MatchBudget-w.spent {
		return false
	}
	w.spent += units
	return true
}

// TestCost is the work of comparing one path of pathLen bytes with the
// pattern alone.
func (p Pattern) TestCost(pathLen int) int64 {
	if !compiles(p.Cleaned) {
		return textCost
	}
	return textCost + regexpCost(len(p.Cleaned), pathLen)
}

// textCost is the work of one comparison, whatever the pattern.
const textCost = 2

// regexpCost is the most a regular expression made from a pattern of
// patternLen bytes adds to a comparison with a path of pathLen bytes.
func regexpCost(patternLen, pathLen int) int64 {
	return int64(patternLen) * int64(pathLen)
}

// MatchCost is the work of Matches(path): the pattern compared with path
// and with each directory above it.
func (p Pattern) MatchCost(path string) int64 {
	var n int64
	forEachLeading(path, func(lead string) {
		n += p.TestCost(len(lead))
		if p.Negated {
			n += textCost // the "**" an exception is matched after (aloneMatcher)
		}
	})
	return n
}

// TestCost is the work of comparing one path of pathLen bytes with every
// pattern of the file, as a walk of the context does for each entry.
func (f *File) TestCost(pathLen int) int64 {
	if f == nil {
		return 0
	}
	return textCost*int64(len(f.Patterns)) + regexpCost(f.compiledLen(), pathLen)
}

// ExcludesCost is the work of Excludes(path) (and of Deciding(path)): every
// pattern compared with path and with each directory above it.
func (f *File) ExcludesCost(path string) int64 {
	var n int64
	forEachLeading(path, func(lead string) { n += f.TestCost(len(lead)) })
	return n
}

// compiledLen is the bytes of the file's patterns that are compiled to
// regular expressions, counted once.
func (f *File) compiledLen() int {
	f.costOnce.Do(func() {
		for _, p := range f.Patterns {
			if compiles(p.Cleaned) {
				f.compiled += len(p.Cleaned)
			}
		}
	})
	return f.compiled
}

// forEachLeading calls fn with path and each leading part of it that ends
// before a slash ("a", "a/b" and "a/b/c" for "a/b/c"): the paths a match of
// path or its parents tests.
func forEachLeading(path string, fn func(lead string)) {
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			fn(path[:i])
		}
	}
	fn(path)
}

// compiles reports whether BuildKit's matcher compiles the cleaned pattern
// to a regular expression rather than comparing it as text: it compares a
// pattern with no wildcard, one that only starts with "**" (a suffix) and
// one whose only wildcard is a trailing "**" (a prefix). A backslash makes
// it compile the pattern on Linux; that counts as compiled everywhere.
func compiles(cleaned string) bool {
	if strings.ContainsAny(cleaned, `?[]\`) {
		return true
	}
	stars := strings.Count(cleaned, "*")
	switch {
	case stars == 0:
		return false
	case stars != 2 || !strings.Contains(cleaned, "**"):
		return true
	default: // one "**": text when it leads or ends the pattern
		return !strings.HasPrefix(cleaned, "**") && !strings.HasSuffix(cleaned, "**")
	}
}
