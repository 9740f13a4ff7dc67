package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

// FuzzLintDockerfile: linting any bytes as a Dockerfile ends without a
// panic or an internal error, every finding lies inside the file, and a
// second run finds the same in the same order. ShellCheck (DL5190) is left out: it is a
// process per input, a hundred times slower than the rest, and
// FuzzShellCheckDockerfile covers it.
func FuzzLintDockerfile(f *testing.F) {
	addDockerfileSeeds(f)
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return r == shellcheckRule }}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
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
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
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
	findings := Run(doc, cfg)
	for _, fd := range findings {
		if fd.Rule == internalError {
			t.Fatalf("internal error: %s", fd.Message)
		}
		checkFindingRanges(t, fd, src)
	}
	// A second run gives the same findings in the same order: nothing may
	// depend on the order of a map, or baselines and diffs of reports
	// would change from run to run.
	again := Run(parser.Parse("Dockerfile", src, parser.Dockerfile, parser.Options{}), cfg)
	if a, b := findingsText(findings), findingsText(again); !slices.Equal(a, b) {
		t.Fatalf("two runs differ:\n%s\n---\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// findingsText is each finding and its fixes as one line.
func findingsText(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, fd := range fs {
		out[i] = fmt.Sprintf("%s %s %s %q %+v", fd.Rule.ID, fd.Severity, fd.Range, fd.Message, fd.Fixes)
	}
	return out
}

// checkFindingRanges fails when a finding or an edit of its fixes to its
// own file points outside the file: a line it does not have, a column
// beyond its line (0 stands for the whole line), an end before the start.
// A SARIF consumer would place such a finding nowhere or somewhere else.
func checkFindingRanges(t *testing.T, fd Finding, src []byte) {
	t.Helper()
	lines := source.NewLines(src)
	last := lines.Position(len(src)).Line
	inFile := func(p source.Position) bool {
		if p.Line < 1 || p.Line > last || p.Column < 0 {
			return false
		}
		start, end := lines.LineStart(p.Line), len(src)
		if p.Line < last {
			end = lines.LineStart(p.Line+1) - 1 // the line's '\n'
		}
		return p.Column <= utf8.RuneCount(src[start:end])+1
	}
	check := func(what string, r source.Range) {
		if !inFile(r.Start) || r.End != (source.Position{}) && (!inFile(r.End) || r.End.Before(r.Start) && r.End.Column != 0) {
			t.Fatalf("%s %s of %s %q is outside the file (%d lines)", what, r, fd.Rule.ID, fd.Message, last)
		}
	}
	check("range", fd.Range)
	for _, fx := range fd.Fixes {
		for _, e := range fx.Edits {
			if fx.Path == "" {
				check("fix edit", e.Range)
			}
		}
	}
}
