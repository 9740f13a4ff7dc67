package rules

import (
	"strings"
	"testing"
)

// A trustSet judges a registry as comparing it with each pattern in turn
// does (that comparison, below, is how DL3026 matched before the sets).
func TestTrustSetAsEachPattern(t *testing.T) {
	eachPattern := func(reg string, trusted []string) bool {
		for _, t := range trusted {
			t = strings.ToLower(strings.TrimSpace(t))
			if reg == "docker.io" && (t == "hub.docker.com" || t == "index.docker.io") {
				return true
			}
			switch {
			case t == "*" || t == reg:
				return true
			case strings.HasPrefix(t, "*.") && strings.HasSuffix(reg, t[1:]):
				return true
			case strings.HasSuffix(t, "*") && !strings.HasPrefix(t, "*") && strings.HasPrefix(reg, strings.TrimSuffix(t, "*")):
				return true
			}
		}
		return false
	}
	patterns := []string{"*", "docker.io", " GHCR.io ", "hub.docker.com", "index.docker.io", "*.example.com", "*.", "registry.*", "reg*",
		"a**", "*.x*", "*x", "localhost:5000", "*.io", "quay.io*", ""}
	regs := []string{"docker.io", "ghcr.io", "a.example.com", "example.com", "b.a.example.com", "registry.local", "registry", "re",
		"reg", "localhost:5000", "a*b", "quay.io", "quay.io.evil", "x.io", "hub.docker.com", "", "a*", "q.x*"}
	for i := range patterns {
		for j := i; j <= len(patterns); j++ {
			list := patterns[i:j]
			ts := newTrustSet(list)
			for _, reg := range regs {
				if got, want := ts.trusts(reg), eachPattern(reg, list); got != want {
					t.Errorf("%q in %q: trusted %v, each pattern says %v", reg, list, got, want)
				}
			}
		}
	}
	if trustSetOf(nil) != nil {
		t.Error("a set for no list")
	}
	list := []string{"ghcr.io"}
	if a, b := trustSetOf(list), trustSetOf(list); a != b || !a.trusts("ghcr.io") {
		t.Error("the set of a list is made again")
	}
}
