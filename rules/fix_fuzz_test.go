package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

// FuzzFixDockerfile: fixing any Dockerfile ends, never breaks a file that
// parsed, and a second round changes nothing.
func FuzzFixDockerfile(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fixtures/DL*/*.Dockerfile")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	noShellCheck := &rules.Config{Disabled: func(r *rules.Rule, _ string) bool { return r.ID == "DL5190" }}
	lint := func(b []byte) []rules.Finding {
		return rules.Run(parser.Parse("Dockerfile", b, parser.Dockerfile, parser.Options{}), noShellCheck)
	}
	parses := func(b []byte) bool {
		return len(parser.Parse("Dockerfile", b, parser.Dockerfile, parser.Options{}).Errors) == 0
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, _ := fix.Converge("Dockerfile", src, lint, true)
		if parses(src) && !parses(out) {
			t.Fatalf("fixing broke the file:\n%s\n---\n%s", src, out)
		}
		if again, applied := fix.Converge("Dockerfile", out, lint, true); len(applied) > 0 && string(again) != string(out) {
			t.Fatalf("a second round changed the file:\n%s\n---\n%s", out, again)
		}
	})
}
