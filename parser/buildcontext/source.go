package buildcontext

import (
	"path"
	"strings"
)

// Source is a COPY or ADD source path from the build context, resolved as
// BuildKit resolves it: relative to the context root (a leading "/" means
// the root too), cleaned, with wildcards matched one path component at a
// time as filepath.Match does, a matched directory bringing all it holds.
type Source struct {
	Raw   string   // as written
	Clean string   // relative, slash-separated, "" for the whole context
	parts []string // Clean split on "/" when it has wildcards
}

// ParseSource reads a source path.
func ParseSource(raw string) Source {
	c := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(raw, "\\", "/")), "/")
	s := Source{Raw: raw, Clean: c}
	if strings.ContainsAny(c, "*?[") {
		s.parts = strings.Split(c, "/")
	}
	return s
}

// Whole reports whether the source is the whole context ("." , "./", "/").
func (s Source) Whole() bool { return s.Clean == "" }

// Wildcard reports whether the source has wildcards.
func (s Source) Wildcard() bool { return s.parts != nil }

// Covers reports whether copying the source copies rel (slash-separated,
// relative to the context root).
func (s Source) Covers(rel string) bool {
	if s.Clean == "" {
		return true
	}
	if s.parts == nil {
		// rel is the source or under it (no concatenation: this runs for
		// every context entry against every source)
		return rel == s.Clean || len(rel) > len(s.Clean) && rel[len(s.Clean)] == '/' && strings.HasPrefix(rel, s.Clean)
	}
	rp := strings.Split(rel, "/")
	if len(rp) < len(s.parts) {
		return false
	}
	for i, p := range s.parts {
		ok, err := path.Match(p, rp[i])
		if err != nil || !ok {
			return false
		}
	}
	return true
}

// Within reports whether some of the source may lie inside directory dir:
// the source names dir or something under it, or covers dir whole.
func (s Source) Within(dir string) bool {
	if s.Covers(dir) {
		return true
	}
	if s.parts == nil {
		return strings.HasPrefix(s.Clean, dir+"/")
	}
	dp := strings.Split(dir, "/")
	if len(s.parts) <= len(dp) {
		return false
	}
	for i, d := range dp {
		if ok, err := path.Match(s.parts[i], d); err != nil || !ok {
			return false
		}
	}
	return true
}
