// Package lazyregexp compiles a regular expression the first time it is
// used. A short run (a pre-commit hook on one small file) would otherwise
// compile every pattern of every rule at start-up, most of them for rules
// that never reach them on that file: a few tenths of a millisecond of a
// run that must answer within ten.
package lazyregexp

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use.
type Regexp struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
}

var (
	mu  sync.Mutex
	all []*Regexp
)

// New returns the regular expression pattern, to be compiled on first use
// (it panics then if the pattern is invalid: CompileAll lets a test find
// that out first).
func New(pattern string) *Regexp {
	r := &Regexp{pattern: pattern}
	mu.Lock()
	all = append(all, r)
	mu.Unlock()
	return r
}

// Re is the compiled regular expression.
func (r *Regexp) Re() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.pattern) })
	return r.re
}

// MatchString reports whether s holds a match.
func (r *Regexp) MatchString(s string) bool { return r.Re().MatchString(s) }

// Match reports whether b holds a match.
func (r *Regexp) Match(b []byte) bool { return r.Re().Match(b) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.Re().FindStringSubmatch(s) }

// CompileAll compiles every regular expression made with New so far and
// returns how many there are; it panics on an invalid pattern, which a
// test of the packages that make them turns into a failure.
func CompileAll() int {
	mu.Lock()
	rs := append([]*Regexp(nil), all...)
	mu.Unlock()
	for _, r := range rs {
		r.Re()
	}
	return len(rs)
}
