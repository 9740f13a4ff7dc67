package config

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/dlint/dlint/rules"
)

// recursiveMatchSegs is the definition matchSegs must agree with: "**"
// takes any number of segments, tried one split after another.
func recursiveMatchSegs(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(p); i++ {
				if recursiveMatchSegs(g[1:], p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], p[0]); !ok {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return len(p) == 0
}

func TestMatchSegsAgreesWithTheDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	globWords := []string{"**", "**", "*", "a", "b", "?", "a*", "[ab]", "", "["}
	pathWords := []string{"a", "b", "ab", "", "ba"}
	pick := func(words []string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = words[rng.IntN(len(words))]
		}
		return out
	}
	for range 200000 {
		g, p := pick(globWords, rng.IntN(7)), pick(pathWords, rng.IntN(7))
		if got, want := matchSegs(g, p), recursiveMatchSegs(g, p); got != want {
			t.Fatalf("matchSegs(%q, %q) = %v, want %v", g, p, got, want)
		}
	}
}

// A glob of many "**" that cannot match a deep path returns at once (trying
// every split for every "**" never returned).
func TestMatchSegsManyStars(t *testing.T) {
	g := append(strings.Split(strings.Repeat("**/", 40), "/"), "nomatch")
	p := strings.Split(strings.Repeat("d/", 60)+"Dockerfile", "/")
	done := make(chan bool, 1)
	go func() { done <- matchSegs(g, p) }()
	select {
	case got := <-done:
		if got {
			t.Error("matched")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("matchSegs did not return")
	}
}

// referenceSilenced and referenceSeverityOf are the rules the folded
// settings must give: every entry read in file order, the last naming the
// rule winning.
func referenceSilenced(f *File, r *rules.Rule, absPath string) (bool, string) {
	off, why := false, ""
	apply := func(ignore []RuleRef, severity []SeverityRef, ignoredBy, offBy string) {
		for _, ref := range ignore {
			if hasRule(ref.Rules, r) {
				off, why = true, ignoredBy+" in the configuration file "+f.At(ref.Line)
			}
		}
		for _, s := range severity {
			if hasRule(s.Rules, r) {
				off, why = s.Level.Off, offBy+" in the configuration file "+f.At(s.Line)
			}
		}
	}
	apply(f.Ignore, f.Severity, "ignored", "turned off (severity off)")
	for _, o := range f.Overrides {
		if f.Matches(o, absPath) {
			apply(o.Ignore, o.Severity, "ignored by an override", "turned off (severity off) by an override")
		}
	}
	if !off {
		return false, ""
	}
	return true, why
}

func referenceSeverityOf(f *File, r *rules.Rule, absPath string) (rules.Severity, bool) {
	var sev rules.Severity
	apply := func(list []SeverityRef) {
		for _, s := range list {
			if hasRule(s.Rules, r) && !s.Level.Off {
				sev = s.Level.Severity
			}
		}
	}
	apply(f.Severity)
	for _, o := range f.Overrides {
		if f.Matches(o, absPath) {
			apply(o.Severity)
		}
	}
	return sev, sev != 0
}

// disagreement says how what f sets for rule r at path p differs from
// reading every entry, or is "".
func disagreement(f *File, r *rules.Rule, p string) string {
	off, why := f.Silenced(r, p)
	wantOff, wantWhy := referenceSilenced(f, r, p)
	sev, ok := f.SeverityOf(r, p)
	wantSev, wantOK := referenceSeverityOf(f, r, p)
	if off == wantOff && why == wantWhy && sev == wantSev && ok == wantOK {
		return ""
	}
	return fmt.Sprintf("%s at %s: Silenced %v %q, SeverityOf %v %v; reading every entry gives %v %q, %v %v",
		r.ID, p, off, why, sev, ok, wantOff, wantWhy, wantSev, wantOK)
}

func hasRule(rs []*rules.Rule, r *rules.Rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// Random configuration files: top-level ignore and severity entries and
// overrides with globs, asked about random rules and paths, twice (the
// second answer comes from the cache), give what reading every entry gives.
func TestFoldedSettingsAgreeWithEveryEntry(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ids := []string{"DL3006", "DL3007", "DL3008", "DI1001", "DD1001"}
	levels := []string{"error", "warning", "info", "style", "off"}
	globs := []string{"Dockerfile", "*.Dockerfile", "a/**", "**/b/*", "a/*", "**", "c/**/Dockerfile", "./a/Dockerfile"}
	paths := []string{"/r/Dockerfile", "/r/a/Dockerfile", "/r/a/b/x.Dockerfile", "/r/c/d/Dockerfile", "/elsewhere/Dockerfile", "/r/b/Dockerfile"}
	list := func() string {
		var ws []string
		for range 1 + rng.IntN(3) {
			ws = append(ws, ids[rng.IntN(len(ids))])
		}
		return "[" + strings.Join(ws, ", ") + "]"
	}
	sevMap := func() string {
		var ws []string
		seen := map[string]bool{}
		for range 1 + rng.IntN(3) {
			id := ids[rng.IntN(len(ids))]
			if !seen[id] {
				seen[id] = true
				ws = append(ws, id+": "+levels[rng.IntN(len(levels))])
			}
		}
		return "{" + strings.Join(ws, ", ") + "}"
	}
	for n := range 300 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			fmt.Fprintf(&b, "ignore: %s\n", list())
		}
		if rng.IntN(2) == 0 {
			fmt.Fprintf(&b, "severity: %s\n", sevMap())
		}
		if k := rng.IntN(5); k > 0 {
			b.WriteString("overrides:\n")
			for range k {
				fmt.Fprintf(&b, "  - files: [%q, %q]\n", globs[rng.IntN(len(globs))], globs[rng.IntN(len(globs))])
				if rng.IntN(2) == 0 {
					fmt.Fprintf(&b, "    ignore: %s\n", list())
				}
				fmt.Fprintf(&b, "    severity: %s\n", sevMap())
			}
		}
		f, err := Parse("/r/.dlint.yaml", []byte(b.String()), false)
		if err != nil {
			t.Fatalf("configuration %d:\n%s\n%v", n, b.String(), err)
		}
		for range 2 {
			for _, p := range paths {
				for _, id := range ids {
					r, _ := rules.ByID(id)
					if diff := disagreement(f, r, p); diff != "" {
						t.Fatalf("configuration:\n%s%s", b.String(), diff)
					}
				}
			}
		}
	}
}

// BenchmarkSilencedManyOverrides asks what a configuration of 5,000
// overrides sets, rule by rule, for one file after another, as a run does.
func BenchmarkSilencedManyOverrides(b *testing.B) {
	var src strings.Builder
	src.WriteString("overrides:\n")
	for i := range 5000 {
		fmt.Fprintf(&src, "  - files: [\"**/x%d/**/*.Dockerfile\"]\n    ignore: [DL3006]\n", i)
	}
	f, err := Parse("/r/.dlint.yaml", []byte(src.String()), false)
	if err != nil {
		b.Fatal(err)
	}
	all := rules.All()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := fmt.Sprintf("/r/svc%d/Dockerfile", i)
		i++
		for _, r := range all {
			f.Silenced(r, p)
		}
	}
}
