// Package suggest measures how far apart two names are, for the "did you
// mean" of unknown rules, configuration keys and daemon.json keys.
package suggest

// Distance is the Levenshtein edit distance between a and b, in bytes.
func Distance(a, b string) int {
	// Names are short: the two rows fit on the stack, which matters when
	// a file holds thousands of unknown keys, each measured against every
	// known one.
	var buf [2 * 64]int
	var prev, cur []int
	if len(b) < 64 {
		prev, cur = buf[:len(b)+1], buf[64:64+len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
