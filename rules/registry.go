package rules

import (
	"slices"
	"strings"
	"sync"
)

// The catalogue is assembled from one list per family of rules, each kept
// sorted by ID in its own file, so that families grow independently:
//
//	registry_core.go         reserved rules and the core practices
//	registry_packages.go     package managers in RUN (apt, apk, yum/dnf, pip, npm, …)
//	registry_instructions.go instructions, stages and labels
//	registry_buildkit.go     `docker build --check`'s checks
//	registry_shell.go        other commands in RUN (curl, sudo, chmod, pipes, …)
//	registry_context.go      .dockerignore and build-context rules
//	registry_daemon.go       daemon.json rules
//
// A rule variable missing from every list is reported by the `unused` linter.
func families() [][]*Rule {
	return [][]*Rule{coreRules, packageRules, instructionRules, buildkitRules, shellRules, contextRules, daemonRules}
}

var (
	registryOnce sync.Once
	all          []*Rule
	byName       map[string][]*Rule
)

func load() {
	registryOnce.Do(func() {
		for _, fam := range families() {
			all = append(all, fam...)
		}
		slices.SortStableFunc(all, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
		byName = map[string][]*Rule{}
		for _, r := range all {
			for _, n := range r.Names() {
				key := strings.ToLower(n)
				if !slices.Contains(byName[key], r) {
					byName[key] = append(byName[key], r)
				}
			}
		}
	})
}

// All returns every rule, sorted by ID.
func All() []*Rule {
	load()
	return slices.Clone(all)
}

// ByID finds a rule by its ID.
func ByID(id string) (*Rule, bool) {
	load()
	for _, r := range all {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return nil, false
}

// Lookup finds the rules a user means by name: an ID, a name or an alias
// (case-insensitive). An alias may stand for several rules (BuildKit's
// MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK).
func Lookup(name string) []*Rule {
	load()
	return byName[strings.ToLower(strings.TrimSpace(name))]
}

// Suggest returns the registered name closest to name, for "did you mean".
func Suggest(name string) string {
	load()
	best, bestDist := "", 4
	lower := strings.ToLower(name)
	keys := make([]string, 0, len(byName))
	for k := range byName {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		rs := byName[key]
		if d := levenshtein(lower, key); d < bestDist {
			best, bestDist = rs[0].ID, d
			if key != strings.ToLower(rs[0].ID) {
				for _, n := range rs[0].Names() {
					if strings.ToLower(n) == key {
						best = n
					}
				}
			}
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
