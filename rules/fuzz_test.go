package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dlint/dlint/parser"
)

// FuzzLintDockerfile: linting any bytes as a Dockerfile ends without a
// panic or an internal error. ShellCheck (DL5190) is left out: it is a
// process per input, a hundred times slower than the rest, and
// FuzzShellCheckDockerfile covers it.
func FuzzLintDockerfile(f *testing.F) {
	addDockerfileSeeds(f)
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return r == shellcheckRule }}
	f.Fuzz(func(t *testing.T, src []byte) {
		lintForFuzz(t, src, cfg)
	})
}

// FuzzShellCheckDockerfile: the same with ShellCheck, when it is
// installed: the scripts dlint hands it and the positions it maps back
// hold for any bytes.
func FuzzShellCheckDockerfile(f *testing.F) {
	if !ShellCheckAvailable(nil) {
		f.Skip("shellcheck is not installed")
	}
	addDockerfileSeeds(f)
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return r != shellcheckRule }}
	f.Fuzz(func(t *testing.T, src []byte) {
		lintForFuzz(t, src, cfg)
	})
}

func addDockerfileSeeds(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fixtures/DL*/*")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func lintForFuzz(t *testing.T, src []byte, cfg *Config) {
	doc := parser.Parse("Dockerfile", src, parser.Dockerfile, parser.Options{})
	for _, fd := range Run(doc, cfg) {
		if fd.Rule == internalError {
			t.Fatalf("internal error: %s", fd.Message)
		}
	}
}
