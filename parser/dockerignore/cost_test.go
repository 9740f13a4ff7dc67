package dockerignore

import (
	"reflect"
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
)

func TestWorkSpend(t *testing.T) {
	var w Work
	if !w.Spend(MatchBudget - 10) {
		t.Fatal("refused work within the budget")
	}
	if w.Spend(11) || w.Spend(-1) {
		t.Error("took work past the budget, or negative work")
	}
	if !w.Spend(10) || w.Spend(1) {
		t.Error("a refusal counted, or the budget is not spent exactly")
	}
}

func TestTestCost(t *testing.T) {
	f := parse(t, "node_modules\n**/*.log\n!**/keep\nlogs/**\n"+strings.Repeat("a*/", 1000)+"x\n")
	plain := []int{0, 2, 3} // text, a suffix, a prefix
	compiled := []int{1, 4} // regular expressions
	for _, i := range plain {
		if c, short := f.Patterns[i].TestCost(4000), f.Patterns[i].TestCost(1); c != short {
			t.Errorf("%q costs %d for a long path, %d for a short one: it is compared as text", f.Patterns[i].Raw, c, short)
		}
	}
	for _, i := range compiled {
		p := f.Patterns[i]
		short, long := p.TestCost(10), p.TestCost(1000)
		if short <= f.Patterns[0].TestCost(10) || long < 90*short {
			t.Errorf("%q costs %d for 10 bytes and %d for 1,000: want it to grow with the path", p.Raw, short, long)
		}
	}
	if a, b := f.Patterns[1].TestCost(40), f.Patterns[4].TestCost(40); b < 300*a {
		t.Errorf("a 3 KB pattern costs %d, not much more than **/*.log's %d", b, a)
	}
	var sum int64
	for _, p := range f.Patterns {
		sum += p.TestCost(40)
	}
	if got := f.TestCost(40); got != sum {
		t.Errorf("File.TestCost = %d, want the patterns' sum %d", got, sum)
	}
	if got, want := f.ExcludesCost("a/bb/ccc"), f.TestCost(1)+f.TestCost(4)+f.TestCost(8); got != want {
		t.Errorf("ExcludesCost = %d, want %d: the path and each directory above it", got, want)
	}
	// An exception is matched after "**" (aloneMatcher): one more each.
	if got, want := f.Patterns[2].MatchCost("a/b"), f.Patterns[2].TestCost(1)+f.Patterns[2].TestCost(3)+2*textCost; got != want {
		t.Errorf("MatchCost of an exception = %d, want %d", got, want)
	}
	var nilFile *File
	if nilFile.TestCost(10) != 0 || nilFile.ExcludesCost("a/b") != 0 {
		t.Error("a missing ignore file costs work")
	}
}

// compiledRegexp reports whether patternmatcher compiled the last pattern
// of m to a regular expression (it keeps that to itself).
func compiledRegexp(m *patternmatcher.PatternMatcher) bool {
	pats := m.Patterns()
	return !reflect.ValueOf(pats[len(pats)-1]).Elem().FieldByName("regexp").IsNil()
}

func TestCompilesAsTheMatcher(t *testing.T) {
	for _, p := range []string{"a", "a/b", "**", "**/a", "a/**", "**/a/**", "a/**/b", "*", "a*", "*.log", "a?", "[ab]", `a\b`, "***", "**/**", "a**", "**a"} {
		m, err := patternmatcher.New([]string{p})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.MatchesOrParentMatches("x"); err != nil {
			t.Fatal(err)
		}
		if got, want := compiles(m.Patterns()[0].String()), compiledRegexp(m); got != want {
			t.Errorf("compiles(%q) = %v, the matcher compiled it: %v", p, got, want)
		}
	}
}

// A pattern of more "**" than maxGlobstars declines the file, at its line.
func TestTooManyGlobstars(t *testing.T) {
	at := strings.Repeat("**/", maxGlobstars) + "x\n"
	if f, errs := Parse([]byte("a\n" + at)); len(errs) > 0 || f.Declined || len(f.Patterns) != 2 {
		t.Errorf("%d \"**\": declined %v, %v", maxGlobstars, f.Declined, errs)
	}
	f, errs := Parse([]byte("a\n**/" + at + "b\n"))
	if !f.Declined || len(f.Patterns) != 0 || len(errs) != 1 || errs[0].Range.Start.Line != 2 || !strings.Contains(errs[0].Message, "not analysed") {
		t.Errorf("%d \"**\": declined %v with %d patterns, %v", maxGlobstars+1, f.Declined, len(f.Patterns), errs)
	}
}
