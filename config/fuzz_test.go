package config

import (
	"errors"
	"testing"

	"github.com/dlint/dlint/internal/stderrcheck"
)

// FuzzParse: no input makes the parser panic or hang, and what it accepts
// has every rule reference resolved.
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
	})
}
