package dockerfile

import (
	stdmaps "maps"
	"testing"

	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"
)

// plainLexEnv is the variables the plainLex tests expand against: set,
// empty, unknown and long values.
func plainLexEnv() mapEnv {
	return mapEnv{"A": "alpha", "B_1": "", "_": "under", "U": unknownValue, "LONG": string(make([]byte, maxSubstitution-3)), "Q": `"'$`}
}

// checkPlainLex fails when plainLex takes word and does not do exactly
// what BuildKit's lexer does: the result, the names found and not found,
// and what a budgetEnv counted.
func checkPlainLex(t *testing.T, escape rune, word string) (taken bool) {
	t.Helper()
	budget := &budgetEnv{env: plainLexEnv(), left: maxSubstitution}
	got, ok := plainLex(bkshell.NewLex(escape), word, budget)
	if !ok {
		return false // BuildKit's lexer alone, which LexWord guards against deep or NUL words
	}
	bkBudget := &budgetEnv{env: plainLexEnv(), left: maxSubstitution}
	want, err := bkshell.NewLex(escape).ProcessWordWithMatches(word, bkBudget)
	switch {
	case err != nil:
		t.Errorf("plainLex(%q) = %q; BuildKit fails: %v", word, got.Result, err)
	case got.Result != want.Result:
		t.Errorf("plainLex(%q) = %q, BuildKit: %q", word, got.Result, want.Result)
	case !stdmaps.Equal(got.Matched, want.Matched) || !stdmaps.Equal(got.Unmatched, want.Unmatched):
		t.Errorf("plainLex(%q) found %v, not %v; BuildKit found %v, not %v", word, got.Matched, got.Unmatched, want.Matched, want.Unmatched)
	case budget.left != bkBudget.left || budget.over != bkBudget.over || budget.unknown != bkBudget.unknown:
		t.Errorf("plainLex(%q) left the budget at %d (over %v, unknown %v), BuildKit at %d (%v, %v)",
			word, budget.left, budget.over, budget.unknown, bkBudget.left, bkBudget.over, bkBudget.unknown)
	}
	return true
}

func TestPlainLexIsBuildKits(t *testing.T) {
	cases := []struct {
		word  string
		taken bool
	}{
		{"plain", true}, {"$A", true}, {"${A}", true}, {"x$A-y", true}, {"$A$A", true}, {"$Ax", true},
		{"${A}x", true}, {"$B_1", true}, {"$_", true}, {"$nope", true}, {"${nope}", true}, {"$U", true},
		{"$LONG$LONG", true}, {`"a b"`, true}, {`'a $A b'`, true}, {`"$A's"`, true}, {`"'"'"'`, true},
		{`a"b"c'd'`, true}, {`""`, true}, {"$Q", true}, {"/usr/bin:$PATH", true},
		{"$", false}, {"$1", false}, {"${1}", false}, {"$@", false}, {"${A:-x}", false}, {"${A", false},
		{"${}", false}, {`a\b`, false}, {"a`b", false}, {"<<EOF", false}, {`"open`, false}, {"'open", false},
		{"tab\there", false}, {"é", false}, {"$$", false}, {"${A}}", true}, {"}", true},
	}
	for _, c := range cases {
		if got := checkPlainLex(t, '\\', c.word); got != c.taken {
			t.Errorf("plainLex takes %q: %v, want %v", c.word, got, c.taken)
		}
		checkPlainLex(t, '`', c.word)
	}
	// A lexer set to keep quotes or unset variables is left to BuildKit.
	for _, set := range []func(*bkshell.Lex){
		func(l *bkshell.Lex) { l.RawQuotes = true },
		func(l *bkshell.Lex) { l.SkipProcessQuotes = true },
		func(l *bkshell.Lex) { l.SkipUnsetEnv = true },
	} {
		lex := bkshell.NewLex('\\')
		set(lex)
		if _, ok := plainLex(lex, `"$A"`, plainLexEnv()); ok {
			t.Errorf("plainLex takes a word for a lexer set %+v", *lex)
		}
	}
}

func FuzzPlainLex(f *testing.F) {
	for _, s := range []string{"$A", `"x $A"`, `'$A'`, "${A}b", `a"b"c`, "${nope}x", "$LONG$LONG$A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		checkPlainLex(t, '\\', word)
		checkPlainLex(t, '`', word)
	})
}
