package daemonjson

import (
	"sort"

	"github.com/dlint/dlint/parser/source"
)

// posIndex converts byte offsets into positions in constant time per call,
// also on a single very long line (minified JSON), where counting the code
// points from the start of the line for every key would be quadratic.
type posIndex struct {
	text   []byte
	starts []int // byte offset of each line's start
	runes  []int // code points before offset i*blockSize
}

const blockSize = 1024

func newPosIndex(text []byte) *posIndex {
	x := &posIndex{text: text, starts: []int{0}}
	n := 0
	for i, b := range text {
		if i%blockSize == 0 {
			x.runes = append(x.runes, n)
		}
		if b&0xC0 != 0x80 {
			n++
		}
		if b == '\n' {
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

// runesBefore counts the code points of text[:off].
func (x *posIndex) runesBefore(off int) int {
	if off <= 0 {
		return 0
	}
	blk := off / blockSize
	if blk >= len(x.runes) {
		blk = len(x.runes) - 1
	}
	n := x.runes[blk]
	for _, b := range x.text[blk*blockSize : off] {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func (x *posIndex) position(off int) source.Position {
	off = max(0, min(off, len(x.text)))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
	start := x.starts[line-1]
	return source.Position{Line: line, Column: x.runesBefore(off) - x.runesBefore(start) + 1}
}

func (x *posIndex) span(off, length int) source.Range {
	return source.Range{Start: x.position(off), End: x.position(off + length)}
}
