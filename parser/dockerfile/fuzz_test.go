package dockerfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/parser/source"
)

// FuzzParse: any input parses without a panic, and every position it
// hands out lies inside the file.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/fixtures/DL*/*")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("FROM a\nRUN <<EOF\nx\nEOF\n"))
	f.Add([]byte("# escape=`\nFROM a\nRUN a `\n b\n"))
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := Parse(src, Options{})
		stderr.Check(t)
		// BuildKit's word lexer, run on the raw bytes dlint never hands it
		// (a NUL, bytes that are not UTF-8), complains on standard error.
		checkAgreesWithBuildKit(t, src, file, errs)
		stderr.Discard()
		n := file.Lines.Count()
		for _, in := range file.Instructions {
			if in.Range.Start.Line < 1 || in.Range.End.Line > n {
				t.Fatalf("instruction range %v outside a %d-line file", in.Range, n)
			}
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				for _, w := range c.Words() {
					if w.Range.Start.Line < 1 || w.Range.Start.Line > n {
						t.Fatalf("word %q at %v outside a %d-line file", w.Value, w.Range.Start, n)
					}
				}
			}
		}
	})
}

// checkAgreesWithBuildKit: a file dlint reads without errors is one
// BuildKit's parser and instructions package take, instruction for
// instruction; and a UTF-8 text file they take gets no error from dlint but
// where dlint declines to analyse something ("not checked", "not analysed",
// "not parsed").
func checkAgreesWithBuildKit(t *testing.T, src []byte, file *File, errs []source.Error) {
	t.Helper()
	bkOK := true
	res, err := bkparser.Parse(bytes.NewReader(src))
	if err != nil {
		bkOK = false
	} else {
		for _, n := range res.AST.Children {
			if _, err := parseInstruction(n); err != nil {
				bkOK = false
			}
		}
	}
	if len(errs) == 0 {
		if !bkOK {
			t.Fatalf("dlint reads without errors a file BuildKit refuses:\n%q", src)
		}
		if len(file.Instructions) != len(res.AST.Children) {
			t.Fatalf("%d instructions, BuildKit's %d:\n%q", len(file.Instructions), len(res.AST.Children), src)
		}
		return
	}
	if !bkOK || !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		return
	}
	for _, e := range errs {
		if !strings.Contains(e.Message, "not checked") && !strings.Contains(e.Message, "not analysed") && !strings.Contains(e.Message, "not parsed") {
			t.Fatalf("dlint reports %q on a file BuildKit takes:\n%q", e.Message, src)
		}
	}
}
