package config

import (
	"errors"
	"testing"

	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/rules"
)

// FuzzParse: no input makes the parser panic or hang, what it accepts has
// every rule reference resolved, and what it sets for a path, rule by rule
// (folded once, merged once per path), is what reading every entry in
// file order gives.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "ignore: [DL3006]\n", Starter, "overrides:\n  - files: [a]\n    severity: {DL3006: off}\n",
		"a: &x [*x]\n", "rules:\n  DL3006: {a: [1, {b: c}]}\n", "severity: {DL3006: error, DL3006: info}\n",
		"context-size-limit: 99999999999999999999GB\n", "? [a]\n: b\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, data []byte, hadolint bool) {
		defer stderr.Check(t)
		cfg, err := Parse("/r/.dlint.yaml", data, hadolint)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, r := range cfg.Ignore {
			if len(r.Rules) == 0 {
				t.Fatalf("unresolved rule %q", r.Name)
			}
		}
		named := map[*rules.Rule]bool{}
		addRefs := func(refs []RuleRef, sevs []SeverityRef) {
			for _, ref := range refs {
				for _, r := range ref.Rules {
					named[r] = true
				}
			}
			for _, s := range sevs {
				for _, r := range s.Rules {
					named[r] = true
				}
			}
		}
		addRefs(cfg.Ignore, cfg.Severity)
		for _, o := range cfg.Overrides {
			addRefs(o.Ignore, o.Severity)
		}
		for _, p := range []string{"/r/Dockerfile", "/r/a/b/x.Dockerfile", "/r/.dockerignore", "/elsewhere/daemon.json"} {
			for r := range named {
				if diff := disagreement(cfg, r, p); diff != "" {
					t.Fatal(diff)
				}
			}
		}
	})
}
