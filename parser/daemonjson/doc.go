package daemonjson

import (
	"fmt"
	"sort"
	"strings"
)

// Renderings of the schema table for rule documentation and listings, so
// that the docs say exactly what the checks enforce.

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// DocKeys lists every accepted key with its JSON type.
func DocKeys() string {
	var parts []string
	for _, name := range KeyNames() {
		s := Lookup(name)
		t := s.Type.String()
		if s.Type == List && s.Elem != nil && s.Elem.Type == String {
			t = "array of strings"
		}
		parts = append(parts, fmt.Sprintf("`%s` (%s)", name, strings.TrimPrefix(strings.TrimPrefix(t, "an "), "a ")))
	}
	return strings.Join(parts, ", ")
}

// DocRemoved lists the removed keys with their release.
func DocRemoved() string {
	var parts []string
	for _, name := range sortedKeys(RemovedKeys) {
		r := RemovedKeys[name]
		parts = append(parts, fmt.Sprintf("`%s` (removed in %s; %s)", name, r.Release, r.Hint))
	}
	return strings.Join(parts, ", ")
}

// DocIgnored lists the keys dockerd accepts and ignores: the flag names
// that differ from their key, and the other ignored names.
func DocIgnored() string {
	var parts []string
	var flags []string
	byFlag := index().byFlag
	for name := range byFlag {
		if SingularFlag(name) != nil {
			flags = append(flags, name)
		}
	}
	sort.Strings(flags)
	for _, name := range flags {
		parts = append(parts, fmt.Sprintf("`%s` (use `%s`)", name, byFlag[name].Name))
	}
	for _, name := range sortedKeys(IgnoredKeys) {
		if ig := IgnoredKeys[name]; ig.Use != "" {
			parts = append(parts, fmt.Sprintf("`%s` (use `%s`)", name, ig.Use))
		} else {
			parts = append(parts, fmt.Sprintf("`%s`", name))
		}
	}
	return strings.Join(parts, ", ")
}

// DocLogOpts lists the options each built-in log driver accepts.
func DocLogOpts() string {
	var parts []string
	for _, d := range LogDrivers {
		if d.Name == "none" || d.Windows || d.Removed != "" {
			continue
		}
		var own []string
		for _, o := range d.Opts {
			own = append(own, o.Name)
		}
		own = append(own, d.Meta...)
		parts = append(parts, fmt.Sprintf("%s: %s", d.Name, strings.Join(own, ", ")))
	}
	var common []string
	for _, o := range CommonLogOpts {
		common = append(common, o.Name)
	}
	return strings.Join(parts, "; ") + ". Every driver but none also takes " + strings.Join(common, ", ") + "."
}

// DocValues lists the keys with a fixed set of values.
func DocValues() string {
	var parts []string
	for _, name := range KeyNames() {
		if s := Lookup(name); len(s.Values) > 0 {
			parts = append(parts, fmt.Sprintf("`%s`: %s", name, strings.Join(s.Values, ", ")))
		}
	}
	return strings.Join(parts, "; ")
}
