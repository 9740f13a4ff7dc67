package source

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLines(t *testing.T) {
	src := []byte("FROM a\r\nRUN é x\nlast")
	l := NewLines(src)
	if got := l.Count(); got != 3 {
		t.Errorf("Count = %d", got)
	}
	for n, want := range map[int]string{1: "FROM a", 2: "RUN é x", 3: "last", 4: ""} {
		if got := l.Text(n); got != want {
			t.Errorf("Text(%d) = %q, want %q", n, got, want)
		}
	}
	// "x" on line 2 sits after a two-byte "é": byte offset 8+6, column 7.
	off := 8 + len("RUN é ")
	if got := l.Position(off); got != (Position{2, 7}) {
		t.Errorf("Position(%d) = %v", off, got)
	}
	if got := l.Offset(Position{2, 7}); got != off {
		t.Errorf("Offset = %d, want %d", got, off)
	}
	if got := l.ByteColumn(2, len("RUN é ")+1); got != 7 {
		t.Errorf("ByteColumn = %d", got)
	}
	if diff := cmp.Diff(Range{Position{1, 1}, Position{1, 5}}, l.Span(0, 4)); diff != "" {
		t.Error(diff)
	}
}

func TestLinesBOM(t *testing.T) {
	l := NewLines([]byte("\xEF\xBB\xBFFROM alpine\nRUN x\n"))
	if got := l.Text(1); got != "FROM alpine" {
		t.Errorf("Text(1) = %q", got)
	}
	if got := l.Position(3 + 5); got != (Position{1, 6}) {
		t.Errorf("Position after BOM = %v", got)
	}
	if got := l.Position(1); got != (Position{1, 1}) {
		t.Errorf("Position inside BOM = %v", got)
	}
	if got := l.Count(); got != 2 {
		t.Errorf("Count = %d", got)
	}
}

func TestTrailingNewlineCount(t *testing.T) {
	for src, want := range map[string]int{"": 1, "a": 1, "a\n": 1, "a\nb": 2, "a\n\n": 2} {
		if got := NewLines([]byte(src)).Count(); got != want {
			t.Errorf("Count(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestPositionRoundTrip: Offset undoes Position on ASCII and non-ASCII
// lines alike (the ASCII fast path must agree with the rune count).
func TestPositionRoundTrip(t *testing.T) {
	src := []byte("\xEF\xBB\xBFascii line\r\nnon-ascii é ü line\nlast")
	l := NewLines(src)
	for off := 3; off <= len(src); off++ {
		if off < len(src) && (src[off]&0xC0) == 0x80 {
			continue // inside a multi-byte rune
		}
		if off > 0 && src[off-1] == '\r' {
			continue // between \r and \n: not a column
		}
		p := l.Position(off)
		if got := l.Offset(p); got != off {
			t.Errorf("Offset(Position(%d) = %v) = %d", off, p, got)
		}
	}
}

// NewLines starts a line after every '\n' (and the first after a
// byte-order mark), on random texts of newlines, carriage returns, a mark
// and other bytes, long lines among them.
func TestNewLinesStarts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"\n", "\r\n", "\uFEFF", "a", "RUN echo hi", strings.Repeat("x", 100), "\xff", ""}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		want := []int{0}
		if bytes.HasPrefix(src, []byte("\uFEFF")) {
			want[0] = 3
		}
		for i, c := range src {
			if c == '\n' {
				want = append(want, i+1)
			}
		}
		if got := NewLines(src).starts; !slices.Equal(got, want) {
			t.Fatalf("NewLines(%q).starts = %v, want %v", src, got, want)
		}
	}
}
