package rules

import (
	"testing"

	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/parser/dockerignore"
)

// DI1006 tells a pattern that matches nothing from one it could not finish
// matching: once its work is spent, it knows nothing, and reports nothing.
func TestIgnoreMatchesSomethingWithinWork(t *testing.T) {
	f, errs := dockerignore.Parse([]byte("src/*.tmp\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pat := f.Patterns[0]
	entries := []buildcontext.Entry{{Path: "src", Dir: true}, {Path: "src/a.go"}, {Path: "src/b.tmp"}}
	var work dockerignore.Work
	if m, known := ignoreMatchesSomething(entries, pat, &work); !m || !known {
		t.Errorf("src/b.tmp: matches %v, known %v", m, known)
	}
	if m, known := ignoreMatchesSomething(entries[:2], pat, &work); m || !known {
		t.Errorf("without src/b.tmp: matches %v, known %v", m, known)
	}
	var spent dockerignore.Work
	spent.Spend(dockerignore.MatchBudget - pat.MatchCost("src/a.go") + 1)
	if m, known := ignoreMatchesSomething(entries, pat, &spent); m || known {
		t.Errorf("past the budget: matches %v, known %v", m, known)
	}
}
