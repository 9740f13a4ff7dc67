package dockerfile

import (
	"math/rand/v2"
	"testing"

	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"
)

// A word PlainWord lets through must be one BuildKit's processing returns
// unchanged, or skipping that processing would change dlint's results.
func TestPlainWordIsWhatBuildKitLeavesAlone(t *testing.T) {
	alphabet := []string{"a", "Z", "0", " ", "\t", "/", ":", "-", "<", "<<", "{", "}", "~", "*", "#", "=",
		"$", "${", "'", "\"", "\\", "`", "é", "\xff", "\x00"}
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"", "alpine:3.20", "/usr/src/app", "a b", "<<EOF", "x<y"}
	for range 5000 {
		w := ""
		for n := rng.IntN(8); n > 0; n-- {
			w += alphabet[rng.IntN(len(alphabet))]
		}
		words = append(words, w)
	}
	env := mapEnv{"A": "1"}
	plain := 0
	for _, escape := range []rune{'\\', '`'} {
		for _, w := range words {
			if !PlainWord(w, escape) {
				continue
			}
			plain++
			res, err := bkshell.NewLex(escape).ProcessWordWithMatches(w, env)
			if err != nil || res.Result != w || len(res.Matched)+len(res.Unmatched) > 0 {
				t.Errorf("PlainWord(%q, %q) but BuildKit gives %q, %v, matched %v, unmatched %v", w, escape, res.Result, err, res.Matched, res.Unmatched)
			}
		}
	}
	if plain < 500 {
		t.Fatalf("only %d plain words generated: the test checks too little", plain)
	}
	for _, w := range []string{"$A", "'a'", `"a"`, `a\ b`, "é", "a\x00"} {
		if PlainWord(w, '\\') {
			t.Errorf("PlainWord(%q) = true, want false", w)
		}
	}
}
