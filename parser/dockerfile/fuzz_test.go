package dockerfile

import (
	"os"
	"path/filepath"
	"testing"
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
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := Parse(src, Options{})
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
