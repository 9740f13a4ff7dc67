package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

var updateGolden = flag.Bool("update", false, "rewrite fix golden files")

var wantLine = regexp.MustCompile(`(?m)^[ \t]*(#|//)[ \t]*want\b.*\n`)

// TestFixGoldens: for every testdata/fixtures/<ID>/<file>.golden, the
// fixes of rule ID (safe and unsafe) applied to <file> until nothing
// changes give exactly the golden content, and fixing that again changes
// nothing. `# want` lines are removed first, so goldens read like real files.
func TestFixGoldens(t *testing.T) {
	goldens, err := filepath.Glob("../testdata/fixtures/*/*.golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, golden := range goldens {
		input := strings.TrimSuffix(golden, ".golden")
		id := filepath.Base(filepath.Dir(golden))
		t.Run(id+"/"+filepath.Base(input), func(t *testing.T) {
			r, ok := rules.ByID(id)
			if !ok {
				t.Fatalf("no rule %s", id)
			}
			if r.ID == "DL5190" && !rules.ShellCheckAvailable(nil) {
				t.Skip("shellcheck is not installed; DL5190's fixes come from it")
			}
			src, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			src = wantLine.ReplaceAll(src, nil)
			kind := parser.KindOfNamed(input)
			if strings.HasSuffix(input, ".daemon.jsonc") {
				kind = parser.DaemonJSON
			}
			lint := func(b []byte) []rules.Finding {
				doc := parser.Parse(input, b, kind, parser.Options{})
				return rules.Run(doc, &rules.Config{Disabled: func(x *rules.Rule, _ string) bool { return x != r }})
			}
			got, applied := fix.Converge(input, src, lint, true)
			if len(applied) == 0 {
				t.Errorf("no fix of %s applied to %s", id, input)
			}
			if *updateGolden {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("fixed %s differs from %s (-want +got):\n%s", input, golden, diff)
			}
			if again, more := fix.Converge(input, got, lint, true); len(more) > 0 || string(again) != string(got) {
				t.Errorf("fixing %s a second time changed it", golden)
			}
		})
	}
}
