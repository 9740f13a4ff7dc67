package rules

import (
	"encoding/json"
	"regexp"
	"testing"
)

// optionsRE matches a fixture line `# options: {...}`: the Options (JSON,
// with Options' field names) the fixture is linted with, so rules driven by
// configuration (trusted registries, the label schema, --target) can be
// tested like any other. A fixture without it is linted with no options.
var optionsRE = regexp.MustCompile(`(?m)^\s*#\s*options:\s*(\{.*\})\s*$`)

// fixtureConfig is onlyRule(r) with the fixture's options.
func fixtureConfig(t *testing.T, r *Rule, path string, src []byte) *Config {
	t.Helper()
	cfg := onlyRule(r)
	m := optionsRE.FindSubmatch(src)
	if m == nil {
		return cfg
	}
	if err := json.Unmarshal(m[1], &cfg.Options); err != nil {
		t.Errorf("%s: bad options comment: %v", path, err)
	}
	return cfg
}

func TestFixtureOptions(t *testing.T) {
	cfg := fixtureConfig(t, internalError, "x", []byte("FROM a\n# options: {\"TrustedRegistries\": [\"docker.io\"], \"StrictLabels\": true}\n"))
	if len(cfg.Options.TrustedRegistries) != 1 || !cfg.Options.StrictLabels {
		t.Errorf("options not read: %+v", cfg.Options)
	}
}
