package rules

import (
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// TestIgnoreLiteral: the pattern written for a path, read as BuildKit reads
// an ignore file, excludes that path (and what is under it) and no other
// path of the ones that differ from it by a character the pattern language
// gives a meaning.
func TestIgnoreLiteral(t *testing.T) {
	names := []string{
		"node_modules", ".git", "#x", "a#b", "!id_rsa", "a!b", " id_rsa", "id_rsa ", "\tx", "x\u00a0",
		"a[1]", "a]b", "a*b", "a?b", `a\b`, "a^b", "a$b", "a.b", "a+b(c)|{d}", "a b", "é", "dir/[x]/y z",
		"a b ", "**", "x/**/y", "-", "[!x]",
	}
	others := append([]string{"x", "a1", "ab", "aXb", "id_rsa", "a", "b", "ab ", "a.b.c", "aab", "dir/x/y z"}, names...)
	for _, name := range names {
		pat, ok := ignoreLiteral(name)
		if !ok {
			t.Errorf("%q: no pattern", name)
			continue
		}
		patterns, err := ignorefile.ReadAll(strings.NewReader(pat + "\n"))
		if err != nil || len(patterns) != 1 {
			t.Errorf("%q as %q: BuildKit reads %q (%v)", name, pat, patterns, err)
			continue
		}
		pm, err := patternmatcher.New(patterns)
		if err != nil {
			t.Errorf("%q as %q: %v", name, pat, err)
			continue
		}
		for _, other := range others {
			for _, p := range []string{other, other + "/in"} {
				got, err := pm.MatchesOrParentMatches(p)
				if want := other == name; err != nil || got != want {
					t.Errorf("%q as %q: %q excluded %v, want %v (%v)", name, pat, p, got, want, err)
				}
			}
		}
	}
	// No line matches these; a name that is not UTF-8 would make BuildKit
	// print a complaint at every build (DI1011).
	for _, name := range []string{"", "a\nb", "a\r", "caf\xe9", "\xff/node_modules"} {
		if pat, ok := ignoreLiteral(name); ok {
			t.Errorf("%q has pattern %q; want none", name, pat)
		}
	}
}
