package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
)

// TestDaemonRuleExamples checks that every daemon.json rule fires on its
// Bad example and stays silent on its Good one.
func TestDaemonRuleExamples(t *testing.T) {
	for _, r := range daemonRules {
		cfg := onlyRule(r)
		if r == ddFlagConflict {
			flags := "dockerd -H fd://"
			cfg.Options.DaemonFlags = &flags
		}
		count := func(example string) int {
			src := example
			if i := strings.Index(src, "  # "); i >= 0 {
				src = src[:i] // a note on the command line, not JSON
			}
			doc := parser.Parse("daemon.json", []byte(src), parser.DaemonJSON, parser.Options{})
			n := 0
			for _, f := range Run(doc, cfg) {
				if f.Rule == r {
					n++
				}
			}
			return n
		}
		if count(r.Bad) == 0 {
			t.Errorf("%s does not fire on its Bad example %s", r.ID, r.Bad)
		}
		if n := count(r.Good); n != 0 {
			t.Errorf("%s fires %d times on its Good example %s", r.ID, n, r.Good)
		}
	}
}

// TestDaemonSafeFixes applies the safe fixes of DD1002 and DD1006 and
// checks the result is clean for them.
func TestDaemonSafeFixes(t *testing.T) {
	src := "{\n  \"icc\": \"false\",\n  \"max-concurrent-downloads\": \"3\",\n  \"log-opts\": {\"max-size\": \"10m\", \"max-file\": 5, \"compress\": true}\n}\n"
	doc := parser.Parse("daemon.json", []byte(src), parser.DaemonJSON, parser.Options{})
	var edits []Edit
	for _, f := range Run(doc, &Config{}) {
		for _, fx := range f.Fixes {
			if fx.Safe {
				edits = append(edits, fx.Edits...)
			}
		}
	}
	if len(edits) != 4 {
		t.Fatalf("safe edits = %d, want 4", len(edits))
	}
	// Apply from the end so earlier offsets stay valid.
	out := []byte(src)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		start, end := doc.Lines.Offset(e.Range.Start), doc.Lines.Offset(e.Range.End)
		out = append(out[:start:start], append([]byte(e.NewText), out[end:]...)...)
	}
	fixed := parser.Parse("daemon.json", out, parser.DaemonJSON, parser.Options{})
	for _, f := range Run(fixed, &Config{}) {
		if f.Severity == Error {
			t.Errorf("after the fixes: %s %s\n%s", f.Rule.ID, f.Message, out)
		}
	}
}

// A file's unknown keys get a "did you mean" up to maxKeySuggestions: each
// is measured against every known key.
func TestKeySuggestionsBounded(t *testing.T) {
	suggested := func(src string) bool {
		doc := parser.Parse("daemon.json", []byte(src), parser.DaemonJSON, parser.Options{})
		for _, f := range Run(doc, nil) {
			if strings.Contains(f.Message, `"debugg"`) {
				return strings.Contains(f.Message, `did you mean "debug"?`)
			}
		}
		t.Fatalf("no finding for debugg in %.80q", src)
		return false
	}
	if !suggested(`{"debugg": true}`) {
		t.Fatal("no suggestion for debugg")
	}
	var b strings.Builder
	b.WriteString("{")
	for i := range maxKeySuggestions {
		fmt.Fprintf(&b, `"zz%d": 1, `, i)
	}
	b.WriteString(`"debugg": true}`)
	if suggested(b.String()) {
		t.Errorf("%d unknown keys before it, and debugg still got a suggestion", maxKeySuggestions)
	}
}
