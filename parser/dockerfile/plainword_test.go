package dockerfile

import (
	"errors"
	"math/rand/v2"
	"os"
	"strings"
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

// captureStderr runs fn and returns what it wrote to standard error.
func captureStderr(t *testing.T, fn func()) string {
	t.Helper()
	tmp, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer tmp.Close()
	old := os.Stderr
	os.Stderr = tmp
	fn()
	os.Stderr = old
	b, err := os.ReadFile(tmp.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// LexWord gives what BuildKit gives, without BuildKit's scanner printing
// its complaints about invalid UTF-8 to dlint's standard error.
func TestLexWordIsBuildKitWithoutStderr(t *testing.T) {
	env := mapEnv{"A": "1"}
	for _, w := range []string{"$\xfc\xfc", "a\xffb$A", "\xe2\x82$A\xe2", "${A:-\xc3}", "plain $A é"} {
		var want bkshell.ProcessWordResult
		var wantErr error
		captureStderr(t, func() { want, wantErr = bkshell.NewLex('\\').ProcessWordWithMatches(w, env) })
		var got bkshell.ProcessWordResult
		var err error
		if out := captureStderr(t, func() { got, err = LexWord(bkshell.NewLex('\\'), w, env) }); out != "" {
			t.Errorf("LexWord(%q) wrote to standard error: %q", w, out)
		}
		if got.Result != want.Result || (err == nil) != (wantErr == nil) {
			t.Errorf("LexWord(%q) = %q, %v; BuildKit gives %q, %v", w, got.Result, err, want.Result, wantErr)
		}
	}
	if out := captureStderr(t, func() { _, _ = LexWord(bkshell.NewLex('\\'), "a\x00$A", env) }); out != "" {
		t.Errorf("a word with NUL wrote to standard error: %q", out)
	}
}

// BuildKit's lexer recurses once per nested ${…}: a word nested deeper than
// maxWordNesting is refused instead of overflowing the stack.
func TestLexWordRefusesDeepNesting(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("${a:-", n) + "x" + strings.Repeat("}", n) }
	if res, err := LexWord(bkshell.NewLex('\\'), nest(maxWordNesting), mapEnv{}); err != nil || res.Result != "x" {
		t.Errorf("%d levels: %q, %v; want x", maxWordNesting, res.Result, err)
	}
	for _, n := range []int{maxWordNesting + 1, 2_000_000} {
		if _, err := LexWord(bkshell.NewLex('\\'), nest(n), mapEnv{}); !errors.Is(err, errWordTooDeep) {
			t.Errorf("%d levels: %v, want errWordTooDeep", n, err)
		}
	}
}

// BuildKit's parser lexes every line that may open a heredoc: given invalid
// UTF-8 it must stay quiet, and given ${…} nested past the limit it must not
// be called at all (its recursion would overflow the stack).
func TestParseKeepsBuildKitsLexerSafe(t *testing.T) {
	var errs []string
	out := captureStderr(t, func() {
		_, es := Parse([]byte("FROM alpine\nRUN cat <<EOF \xff\xfe\nx\nEOF\n"), Options{})
		for _, e := range es {
			errs = append(errs, e.Message)
		}
	})
	if out != "" {
		t.Errorf("parsing invalid UTF-8 wrote to standard error: %q", out)
	}
	if len(errs) != 1 || errs[0] != "invalid UTF-8" {
		t.Errorf("errors = %q, want the invalid UTF-8", errs)
	}
	n := 600000
	deep := "FROM alpine\nRUN cat <<EOF \\\n" + strings.Repeat("${a:-\\\n", n) + "x\\\n" + strings.Repeat("}\\\n", n-1) + "}\nhi\nEOF\n"
	_, es := Parse([]byte(deep), Options{})
	if len(es) != 1 || !strings.Contains(es[0].Message, "nested more than") || es[0].Range.Start.Line != maxWordNesting+3 {
		t.Errorf("errors = %+v, want one at line %d: nested too deep", es, maxWordNesting+3)
	}
	// Continuations with blanks after the escape, and comment and blank
	// lines between, still join one logical line.
	sneaky := "FROM alpine\nRUN cat <<EOF \\\n" + strings.Repeat("${a:- \\  \n# c\n\n", maxWordNesting+1) + "x\n"
	if got := deepWordLine([]byte(sneaky)); got == 0 {
		t.Error("nesting spread over continued, comment and blank lines was not seen")
	}
	if got := deepWordLine([]byte("FROM a\n" + strings.Repeat("RUN echo ${A\n", 5000))); got != 0 {
		t.Errorf("unclosed ${ on separate lines counted as nesting (line %d)", got)
	}
}
