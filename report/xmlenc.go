package report

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Checkstyle's and JUnit's elements are written by hand rather than
// through encoding/xml, whose reflection cost those reports of tens of
// thousands of findings several times what the JSON report costs. The
// output is byte for byte what encoding/xml writes for the same values
// (report tests compare the two).

// appendXMLText appends s escaped as encoding/xml escapes attribute values
// and character data: the five markup characters and tab, line feed and
// carriage return as character references, and what XML cannot hold
// (other controls, surrogates, U+FFFE, U+FFFF, invalid UTF-8) as U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && xmlPlain[c] {
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if xmlChar(r) && !(r == utf8.RuneError && width == 1) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// xmlPlain marks the ASCII characters appendXMLText copies as they are.
var xmlPlain = func() (plain [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		plain[c] = !strings.ContainsRune(`"'&<>`, c)
	}
	return plain
}()

// xmlChar reports whether r may appear in an XML document (its Char
// production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// appendXMLAttr appends ` name="value"`, value escaped.
func appendXMLAttr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = appendXMLText(b, value)
	return append(b, '"')
}

// appendXMLIntAttr appends ` name="n"`.
func appendXMLIntAttr(b []byte, name string, n int) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, '"')
}
