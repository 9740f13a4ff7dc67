package dockerfile

import (
	"strings"
	"testing"
)

// trimIndent must trim exactly what strings.TrimLeft(s, " \t\uFEFF") trims,
// on every string of up to four pieces among blanks, whole and partial
// byte-order marks, invalid bytes and text.
func TestTrimIndentIsTrimLeft(t *testing.T) {
	pieces := []string{"", " ", "\t", "\uFEFF", "\xEF", "\xEF\xBB", "\xBB\xBF", "\xFF", "#", "x", "\u00a0", "\n", "\uFEFF\uFEFF"}
	var each func(s string, n int)
	each = func(s string, n int) {
		if got, want := trimIndent(s), strings.TrimLeft(s, " \t\uFEFF"); got != want {
			t.Errorf("trimIndent(%q) = %q, want %q", s, got, want)
		}
		if n == 0 {
			return
		}
		for _, p := range pieces {
			each(s+p, n-1)
		}
	}
	each("", 4)
}
