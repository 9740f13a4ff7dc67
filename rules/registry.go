package rules

import (
	"github.com/dlint/dlint/internal/suggest"
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
		if d := suggest.Distance(lower, key); d < bestDist {
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
