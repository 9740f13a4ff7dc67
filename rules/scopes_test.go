package rules

import (
	"fmt"
	"testing"
)

func TestSuggestNameIsBoundedByTheNumberOfCandidates(t *testing.T) {
	names := func(n int) func() []string {
		return func() []string {
			out := []string{"NODE_VERSION"}
			for i := 1; i < n; i++ {
				out = append(out, fmt.Sprintf("V%d", i))
			}
			return out
		}
	}
	if s, ok := suggestName("NODE_VERSON", maxSuggestCandidates, names(maxSuggestCandidates)); !ok || s != "NODE_VERSION" {
		t.Errorf("with %d candidates: suggestion %q, %v; want NODE_VERSION", maxSuggestCandidates, s, ok)
	}
	if s, ok := suggestName("NODE_VERSON", maxSuggestCandidates+1, names(maxSuggestCandidates+1)); ok {
		t.Errorf("with %d candidates: suggestion %q, want none (the search is bounded)", maxSuggestCandidates+1, s)
	}
}
