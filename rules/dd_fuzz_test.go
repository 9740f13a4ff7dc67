package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/parser"
)

// FuzzDaemonLint lints arbitrary daemon.json text with every rule: no
// panic (an internal-error finding), every finding has a position in the
// file, and a second run finds the same in the same order.
func FuzzDaemonLint(f *testing.F) {
	files, _ := filepath.Glob("../testdata/fixtures/DD*/*.daemon.jsonc")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)))
	flags := "dockerd -H fd:// --containerd=/run/containerd/containerd.sock -D"
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
		doc := parser.Parse("daemon.json", src, parser.DaemonJSON, parser.Options{})
		for _, cfg := range []*Config{{}, {Options: Options{DaemonFlags: &flags}}} {
			findings := Run(doc, cfg)
			again := Run(parser.Parse("daemon.json", src, parser.DaemonJSON, parser.Options{}), cfg)
			if a, b := findingsText(findings), findingsText(again); !slices.Equal(a, b) {
				t.Fatalf("two runs differ:\n%s\n---\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
			}
			for _, fd := range findings {
				if fd.Rule == internalError {
					t.Fatalf("internal error: %s", fd.Message)
				}
				if fd.Range.Start.Line < 1 || fd.Range.Start.Column < 1 {
					t.Fatalf("%s without position: %s", fd.Rule.ID, fd.Message)
				}
				if doc.Daemon != nil && len(doc.Daemon.Text) == len(src) {
					checkFindingRanges(t, fd, src) // UTF-8, no BOM: positions are of src
				}
			}
		}
	})
}
