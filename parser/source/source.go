// Package source holds the position model shared by every file kind: 1-based
// lines and columns that copy straight into a SARIF region.
package source

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Position is a 1-based line and column. Columns count Unicode code points
// (SARIF's "unicodeCodePoints" column kind). Column 0 means "the whole line".
type Position struct {
	Line   int
	Column int
}

func (p Position) String() string {
	if p.Column == 0 {
		return fmt.Sprintf("%d", p.Line)
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// Before reports whether p comes strictly before q.
func (p Position) Before(q Position) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

// Range is a span of source. Lines are inclusive and End.Column is exclusive.
// A zero End means the range is just its start.
type Range struct {
	Start Position
	End   Position
}

// LineRange covers the whole of lines first..last.
func LineRange(first, last int) Range {
	return Range{Start: Position{Line: first}, End: Position{Line: last}}
}

// IsZero reports whether the range is unset.
func (r Range) IsZero() bool { return r.Start.Line == 0 }

// Lines maps byte offsets of one file to positions and back.
type Lines struct {
	src    []byte
	text   string // src as a string, so that Text returns a slice of it
	starts []int  // byte offset at which each line starts
	// ascii caches, per line, whether it is pure ASCII (1) or not (2), so
	// that columns on long lines cost O(1) instead of a rune count.
	ascii []uint8
}

// isASCII reports whether line index i (0-based) holds only ASCII bytes.
func (l *Lines) isASCII(i int) bool {
	if l.ascii == nil {
		l.ascii = make([]uint8, len(l.starts))
	}
	if l.ascii[i] == 0 {
		end := len(l.src)
		if i+1 < len(l.starts) {
			end = l.starts[i+1]
		}
		l.ascii[i] = 1
		for _, b := range l.src[l.starts[i]:end] {
			if b >= utf8.RuneSelf {
				l.ascii[i] = 2
				break
			}
		}
	}
	return l.ascii[i] == 1
}

// NewLines indexes src. Lines end at '\n'; a '\r' before it belongs to the
// line terminator, not to the line's text. A UTF-8 byte-order mark is not
// part of the first line: columns count from after it, as editors show them.
func NewLines(src []byte) *Lines {
	// Counted first: a file of millions of short lines would otherwise
	// allocate its index five times over while it grows.
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		starts[0] = 3
	}
	// From newline to newline with IndexByte, which looks at many bytes
	// at once: every file is indexed, and most of its bytes are not '\n'.
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return &Lines{src: src, text: string(src), starts: starts}
}

// Count is the number of lines (a trailing newline does not start a line).
func (l *Lines) Count() int {
	n := len(l.starts)
	if n > 1 && l.starts[n-1] == len(l.src) {
		n--
	}
	return n
}

// Text returns line n (1-based) without its terminator, or "" when out of range.
func (l *Lines) Text(n int) string {
	if n < 1 || n > len(l.starts) {
		return ""
	}
	start := l.starts[n-1]
	end := len(l.src)
	if n < len(l.starts) {
		end = l.starts[n] - 1
	}
	if end > start && l.src[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return l.text[start:end]
}

// LineStart is the byte offset at which line n begins.
func (l *Lines) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}

// Position converts a byte offset into a position.
func (l *Lines) Position(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(l.src) {
		offset = len(l.src)
	}
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	if line == 0 {
		return Position{Line: 1, Column: 1} // inside the byte-order mark
	}
	start := l.starts[line-1]
	if l.isASCII(line - 1) {
		return Position{Line: line, Column: offset - start + 1}
	}
	return Position{Line: line, Column: utf8.RuneCount(l.src[start:offset]) + 1}
}

// Offset converts a position back into a byte offset. Column 0 is the line's start.
func (l *Lines) Offset(p Position) int {
	off := l.LineStart(p.Line)
	if p.Column <= 1 {
		return off
	}
	if p.Line >= 1 && p.Line <= len(l.starts) && l.isASCII(p.Line-1) {
		end := len(l.src)
		if p.Line < len(l.starts) {
			end = l.starts[p.Line] - 1 // the '\n'
		}
		return min(off+p.Column-1, end)
	}
	for col := 1; col < p.Column && off < len(l.src) && l.src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(l.src[off:])
		off += size
	}
	return off
}

// ByteColumn converts a 1-based byte column on line n into a code-point column.
func (l *Lines) ByteColumn(n, byteCol int) int {
	if n >= 1 && n <= len(l.starts) && l.isASCII(n-1) {
		return max(byteCol, 1)
	}
	text := l.Text(n)
	if byteCol-1 > len(text) {
		return utf8.RuneCountInString(text) + 1 + (byteCol - 1 - len(text))
	}
	if byteCol < 1 {
		return 1
	}
	return utf8.RuneCountInString(text[:byteCol-1]) + 1
}

// Span is the range covering text that starts at byte offset off.
func (l *Lines) Span(off, length int) Range {
	return Range{Start: l.Position(off), End: l.Position(off + length)}
}

// Error is a problem found while reading a file: the parse errors that become
// the reserved DL1000, DI1000 and DD1000 findings.
type Error struct {
	Range   Range
	Message string
}

func (e Error) Error() string { return e.Range.Start.String() + ": " + e.Message }

// InvalidUTF8 is the byte offset of the first byte of b that is not valid
// UTF-8, or -1 when b is valid.
func InvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
