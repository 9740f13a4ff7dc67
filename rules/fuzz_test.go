package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dlint/dlint/parser"
)

// FuzzLintDockerfile: linting any bytes as a Dockerfile ends without a
// panic or an internal error.
func FuzzLintDockerfile(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fixtures/DL*/*")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := parser.Parse("Dockerfile", src, parser.Dockerfile, parser.Options{})
		for _, fd := range Run(doc, &Config{}) {
			if fd.Rule == internalError {
				t.Fatalf("internal error: %s", fd.Message)
			}
		}
	})
}
