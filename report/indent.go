package report

import "bytes"

// AppendIndentedJSON appends src, one JSON value as encoding/json writes it
// without indentation (no blank outside its strings), indented byte for
// byte as json.Indent indents it with prefix and indent, and with the
// characters of its strings that could drive a terminal or reorder a line
// (DEL, the C1 controls, the direction marks: escapeInvisible's) written
// as \u escapes. A blank outside the strings (the newline an Encoder ends
// a value with) is dropped.
//
// It does the work of an Encoder's SetIndent and escapeInvisible in one
// pass, and copies each string whole: json.Indent runs its scanner over
// every byte, which cost a SARIF report of tens of thousands of results
// more than encoding them.
func AppendIndentedJSON(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	open := false // a '{' or '[' just written: its first member, or its end, is next
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = appendIndentLine(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = appendEscapedInvisible(dst, src[i:end])
			i = end - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendIndentLine(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open { // empty: {} and [] stay on one line
				open = false
			} else {
				depth--
				dst = appendIndentLine(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd is the index just past the JSON string that starts with the
// quote at src[start], or len(src) if it does not end: its closing quote is
// the first one not escaped by an odd run of backslashes before it.
func stringEnd(src []byte, start int) int {
	for i := start + 1; i < len(src); i++ {
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			break
		}
		i += q
		backslashes := 0
		for j := i - 1; j > start && src[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return i + 1
		}
	}
	return len(src)
}

func appendIndentLine(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
