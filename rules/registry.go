package rules

import (
	"github.com/dlint/dlint/internal/suggest"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
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
		n := 0
		for _, fam := range families() {
			n += len(fam)
		}
		all = make([]*Rule, 0, n)
		for _, fam := range families() {
			all = append(all, fam...)
		}
		// IDs are unique (TestRegistry), so an unstable sort is as good.
		slices.SortFunc(all, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
		byName = nameIndex(all)
		sortedNames = slices.Sorted(maps.Keys(byName))
	})
}

// sortedNames are byName's keys in order, for Suggest.
var sortedNames []string

// nameIndex maps every name of the rules, lower-cased, to the rules it
// names. Every run looks rules up (--ignore, configuration, pragmas), so
// the index is built at every start and built lean: the lower-cased names
// share one string, the map is sized once, and a name that stands for one
// rule shares rs's array (clipped, so that a second rule of the name
// copies).
func nameIndex(rs []*Rule) map[string][]*Rule {
	count, size := 0, 0
	for _, r := range rs {
		count += 2 + len(r.Aliases)
		size += len(r.ID) + len(r.Name)
		for _, a := range r.Aliases {
			size += len(a)
		}
	}
	type name struct{ rule, from, to int }
	names := make([]name, 0, count)
	buf := make([]byte, 0, size)
	add := func(rule int, n string) {
		from := len(buf)
		buf = appendLower(buf, n)
		names = append(names, name{rule, from, len(buf)})
	}
	for i, r := range rs {
		add(i, r.ID)
		add(i, r.Name)
		for _, a := range r.Aliases {
			add(i, a)
		}
	}
	lowered := string(buf)
	index := make(map[string][]*Rule, count)
	for _, n := range names {
		key, r := lowered[n.from:n.to], rs[n.rule]
		switch have, ok := index[key]; {
		case !ok:
			index[key] = rs[n.rule : n.rule+1 : n.rule+1]
		case !slices.Contains(have, r):
			index[key] = append(have, r)
		}
	}
	return index
}

// appendLower appends s lower-cased as strings.ToLower does: copied whole,
// then lowered in place, which for ASCII names is a pass over bytes
// already appended.
func appendLower(buf []byte, s string) []byte {
	start := len(buf)
	buf = append(buf, s...)
	for i := start; i < len(buf); i++ {
		switch c := buf[i]; {
		case c >= utf8.RuneSelf:
			return append(buf[:start], strings.ToLower(s)...)
		case 'A' <= c && c <= 'Z':
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf
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
// The slice is the index's own: callers read it and do not change it.
func Lookup(name string) []*Rule {
	load()
	return byName[strings.ToLower(strings.TrimSpace(name))]
}

// Suggest returns the registered name closest to name, for "did you mean".
func Suggest(name string) string {
	load()
	best, bestDist := "", 4
	lower := strings.ToLower(name)
	for _, key := range sortedNames {
		// The distance is at least the difference in length.
		if d := len(key) - len(lower); d >= bestDist || -d >= bestDist {
			continue
		}
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
