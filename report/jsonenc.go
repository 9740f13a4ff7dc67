package report

import (
	"strconv"
	"unicode/utf8"
)

// The JSON and GitLab reports are written by hand rather than through
// encoding/json: a corpus run prints tens of thousands of findings, and
// reflection plus re-indenting cost a quarter of the run. The output is
// byte for byte what encoding/json writes with SetEscapeHTML(false) and
// SetIndent (report tests compare the two).

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping (invalid UTF-8 becomes U+FFFD, and
// U+2028 and U+2029 are escaped so the text is also valid JavaScript), and
// with the characters escapeInvisible escapes written as \u escapes too.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs escaping: findings are
		// mostly plain ASCII, and this loop is most of the report's cost.
		for i+8 <= len(s) && plain8(load8(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case isControl(r): // U+2028, U+2029, C1 controls, direction marks: all below U+10000
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// escapeInvisible rewrites, in JSON that encoding/json wrote, the
// characters that text output escapes (isControl) and encoding/json leaves
// as they are: DEL, the C1 controls U+0080 to U+009F, among them a
// terminal's one-byte CSI, and the marks that reverse the direction of the
// text shown around them (U+202A to U+202E, U+2066 to U+2069). Each becomes
// a \u escape, which every JSON reader decodes to the same character, so a
// report printed to a CI log can neither drive the terminal nor show a
// line in another order than it is, and the values read back unchanged.
// encoding/json writes valid UTF-8 whose only bytes from DEL up are inside
// strings (it escapes every control character below DEL itself), so each
// such character found is in a string. isControl's characters from DEL up
// are all below U+10000, so four hex digits hold each.
func escapeInvisible(b []byte) []byte {
	for i := 0; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf-1 { // DEL or above: maybe one
			return appendEscapedInvisible(append(make([]byte, 0, len(b)+16), b[:i]...), b[i:])
		}
	}
	return b
}

// appendEscapedInvisible appends b, JSON that encoding/json wrote, with
// the characters escapeInvisible escapes written as \u escapes.
func appendEscapedInvisible(dst, b []byte) []byte {
	start := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf-1 { // below DEL
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if !isControl(r) {
			i += size
			continue
		}
		dst = append(dst, b[start:i]...)
		dst = append(dst, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		i += size
		start = i
	}
	return append(dst, b[start:]...)
}

// load8 reads the eight bytes of s at i as a little-endian word.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plain8 reports whether none of the eight bytes of w needs escaping: each
// is ASCII, not a control character (DEL included), not '"' and not '\\'.
// The tests are the classic word-at-a-time ones (a byte below n:
// (w - n*ones) &^ w has its high bit set; a byte equal to c: the same with
// n = 1 on w ^ c*ones), exact for the whole word when no byte has its high
// bit set, and w itself is or-ed in for those that do.
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash, del := w^('"'*ones), w^('\\'*ones), w^(0x7f*ones)
	bad := (w - 0x20*ones) &^ w
	bad |= (quote - ones) &^ quote
	bad |= (backslash - ones) &^ backslash
	bad |= (del - ones) &^ del
	return (bad|w)&highs == 0
}

// jsonObject appends the members of one indented JSON object, as
// encoding/json lays them out under a prefix with a two-space indent.
type jsonObject struct {
	b      []byte
	prefix string // the indentation of the object's braces
	n      int    // members written so far
}

func (o *jsonObject) key(k string) {
	if o.n == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '\n')
	o.b = append(o.b, o.prefix...)
	o.b = append(o.b, "  "...)
	if plainKey(k) {
		o.b = append(o.b, '"')
		o.b = append(o.b, k...)
		o.b = append(o.b, '"', ':', ' ')
		return
	}
	o.b = appendJSONString(o.b, k)
	o.b = append(o.b, ": "...)
}

// plainKey reports whether k is written in JSON as it is: the member names
// of dlint's documents (letters), which are most of the strings written.
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

// encoded writes a member whose value is already encoded JSON.
func (o *jsonObject) encoded(k string, v []byte) {
	o.key(k)
	o.b = append(o.b, v...)
}

func (o *jsonObject) int(k string, v int) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObject) boolean(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObject) strs(k string, vs []string) {
	o.key(k)
	o.b = appendJSONStrings(o.b, vs, o.prefix+"  ")
}

// end closes the object and returns the bytes.
func (o *jsonObject) end() []byte {
	if o.n == 0 {
		return append(o.b, "{}"...)
	}
	o.b = append(o.b, '\n')
	o.b = append(o.b, o.prefix...)
	return append(o.b, '}')
}

// appendJSONStrings appends an array of strings whose brackets are
// indented by prefix; an empty or nil slice is written as [].
func appendJSONStrings(b []byte, vs []string, prefix string) []byte {
	if len(vs) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, prefix...)
		b = append(b, "  "...)
		b = appendJSONString(b, v)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, ']')
}
