package rules

import (
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
