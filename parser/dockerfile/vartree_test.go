package dockerfile

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// contents lists a tree's variables in iteration order.
func contents(t varTree) []Var {
	var out []Var
	t.each(func(v Var) { out = append(out, v) })
	return out
}

// mapContents is what a map holds, in name order.
func mapContents(m map[string]Var) []Var {
	var out []Var
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b Var) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	return out
}

// Every version of the tree must keep holding what it held when it was
// made (scopes share it), and each must hold what a map would.
func TestVarTreeIsAPersistentMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var versions []varTree
	var expect []map[string]Var
	tree, m := varTree{}, map[string]Var{}
	for i := range 3000 {
		v := Var{Name: fmt.Sprintf("V%d", rng.IntN(700)), Value: fmt.Sprint(i), HasValue: i%3 != 0}
		tree = tree.with(v)
		m[v.Name] = v
		if i%97 == 0 {
			versions = append(versions, tree)
			expect = append(expect, maps(m))
		}
		if got, ok := tree.get(v.Name); !ok || got != v {
			t.Fatalf("get(%q) after setting it = %v, %v", v.Name, got, ok)
		}
	}
	for i, version := range versions {
		if diff := cmp.Diff(mapContents(expect[i]), contents(version)); diff != "" {
			t.Fatalf("version %d changed after later sets (-want +got):\n%s", i, diff)
		}
		if version.size != len(expect[i]) {
			t.Errorf("version %d: size %d, want %d", i, version.size, len(expect[i]))
		}
		for name, v := range expect[i] {
			if got, ok := version.get(name); !ok || got != v {
				t.Errorf("version %d: get(%q) = %v, %v; want %v", i, name, got, ok, v)
			}
		}
		if _, ok := version.get("absent"); ok {
			t.Errorf("version %d holds a name never set", i)
		}
	}
}

func maps(m map[string]Var) map[string]Var {
	c := make(map[string]Var, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// A stage of many ENV lines keeps a scope per instruction; they must share
// their variables rather than copy them (once quadratic in time and
// memory).
func TestManyEnvInstructionsShareTheirScopes(t *testing.T) {
	src := "FROM alpine:3.20\n"
	for i := range 5000 {
		src += fmt.Sprintf("ENV V%d=%d\n", i, i)
	}
	f := parse(t, src)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n := 0
	f.EachScope(nil, func(in *Instruction, s *Scope) { n++ })
	runtime.ReadMemStats(&after)
	if n != 5000 {
		t.Fatalf("EachScope visited %d instructions, want 5000 (the ENV lines)", n)
	}
	// A change allocates the O(log n) nodes of one path: some kilobytes
	// per ENV line. Copying the scope at each line would be over a
	// gigabyte.
	if b := after.TotalAlloc - before.TotalAlloc; b > 100<<20 {
		t.Errorf("EachScope over 5,000 ENV lines allocated %d MB: scopes are being copied", b>>20)
	}
	var last *Scope
	f.EachScope(nil, func(in *Instruction, s *Scope) { last = s })
	if v, ok := last.Get("V4998"); !ok || v != "4998" {
		t.Errorf("the last instruction sees V4998 = %q, %v; want 4998", v, ok)
	}
	if _, ok := last.Get("V4999"); ok {
		t.Error("the last ENV's own variable is visible before it")
	}
}
