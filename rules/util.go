package rules

import (
	"strconv"
	"strings"
)

func itoa(i int) string { return strconv.Itoa(i) }

// baseName is the last element of a slash-separated path.
func baseName(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// firstWord is the first blank-separated word of s.
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
