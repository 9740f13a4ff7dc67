package rules

import (
	"encoding/base64"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// The email check of DL3058, without net/mail.
//
// net/mail imports net, and a binary that links net is built dynamically
// linked (cgo DNS resolver) whenever a C compiler is present, which costs
// start time on every run. validEmail therefore reads the address itself.
// It accepts exactly the values mail.ParseAddress accepts (such an address
// always has an "@"), so the rule keeps its findings; FuzzEmail compares the
// two. The grammar, as net/mail reads it (RFC 5322 with RFC 6532 UTF-8):
//
//	address   = WSP* ( addr-spec [WSP* comment] / [phrase] WSP* "<" addr-spec ">"
//	            / phrase WSP* ":" WSP* mailbox CFWS ";" ) CFWS
//	addr-spec = WSP* (dot-atom / quoted-string) "@" WSP* (dot-atom / "[" IP "]")
//	phrase    = word *(CFWS word), words being quoted strings or atoms that may
//	            hold dots anywhere
//
// with these net/mail details kept on purpose:
//   - An addr-spec at the start is taken as the address: no display name
//     may follow it, only comments.
//   - No comment may come before the address, nor inside a display name
//     before its first plain (not encoded) word. Comments hold any bytes,
//     "\" escaping the next one.
//   - A group is accepted when it holds exactly one mailbox ("team: a@b;");
//     an empty group ("undisclosed:;") is no address.
//   - RFC 2047 encoded words (=?charset?enc?text?=) are only decoded in a
//     display name and in the comment after a bare addr-spec. One that is
//     well formed but names a charset other than UTF-8, ISO-8859-1 or
//     US-ASCII makes net/mail fail: the comment is then rejected, and the
//     display name ends at that word (rejected when no word with text came
//     before it). A malformed encoded word is just an ordinary word.
//
// There are no deliberate differences from net/mail. The scan is linear:
// each part is read at most twice (as an addr-spec, then as a display name).
func validEmail(v string) bool {
	sc := emailScanner{s: v}
	n, ok := sc.address(true)
	return ok && sc.cfws() && sc.i == len(sc.s) && n == 1
}

// emailScanner reads an address in s from byte offset i.
type emailScanner struct {
	s string
	i int
}

func (sc *emailScanner) more() bool { return sc.i < len(sc.s) }

func (sc *emailScanner) at(c byte) bool { return sc.i < len(sc.s) && sc.s[sc.i] == c }

func (sc *emailScanner) eat(c byte) bool {
	if sc.at(c) {
		sc.i++
		return true
	}
	return false
}

// wsp skips spaces and tabs (net/mail does not unfold CRLF).
func (sc *emailScanner) wsp() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// comment skips a comment whose "(" is already read, nested ones included,
// and reports whether it is closed. When text is not nil it receives the
// comment's text with escapes removed, as net/mail builds it.
func (sc *emailScanner) comment(text *[]byte) bool {
	depth := 1
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case c == '\\' && sc.i+1 < len(sc.s):
			sc.i++ // the escaped byte is text, never a parenthesis
			c = sc.s[sc.i]
		case c == '(':
			depth++
		case c == ')':
			depth--
		}
		sc.i++
		if depth == 0 {
			return true
		}
		if text != nil {
			*text = append(*text, c)
		}
	}
	return false
}

// cfws skips spaces and comments; false for a comment left open.
func (sc *emailScanner) cfws() bool {
	sc.wsp()
	for sc.eat('(') {
		if !sc.comment(nil) {
			return false
		}
		sc.wsp()
	}
	return true
}

// isAtext reports whether r may be in an atom (dot included): visible
// ASCII but the specials, or any non-ASCII character (RFC 6532).
func isAtext(r rune) bool {
	switch r {
	case '(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"':
		return false
	}
	return isVisible(r)
}

func isVisible(r rune) bool { return '!' <= r && r <= '~' || r >= utf8.RuneSelf }

// atomEnd returns the end of the atom at i. An atom stops at the first
// character that is not atext; invalid UTF-8 before that fails it. strict
// asks for an RFC 5322 dot-atom (no leading, trailing or double dot), as
// in an addr-spec; display names allow any dots ("John Q. Public").
func (sc *emailScanner) atomEnd(strict bool) (int, bool) {
	j := sc.i
	for j < len(sc.s) {
		r, size := utf8.DecodeRuneInString(sc.s[j:])
		if r == utf8.RuneError && size == 1 {
			return 0, false
		}
		if !isAtext(r) {
			break
		}
		j += size
	}
	atom := sc.s[sc.i:j]
	if atom == "" {
		return 0, false
	}
	if strict && (atom[0] == '.' || atom[len(atom)-1] == '.' || strings.Contains(atom, "..")) {
		return 0, false
	}
	return j, true
}

// quotedEnd returns the end of the quoted string at i (which is '"') and
// whether it is "" (no characters). Inside: visible characters, spaces and
// tabs, and "\" before one of those; valid UTF-8 only.
func (sc *emailScanner) quotedEnd() (end int, empty, ok bool) {
	j := sc.i + 1
	escaped := false
	for {
		r, size := utf8.DecodeRuneInString(sc.s[j:])
		switch {
		case size == 0, r == utf8.RuneError && size == 1:
			return 0, false, false
		case escaped:
			if !isVisible(r) && r != ' ' && r != '\t' {
				return 0, false, false
			}
			escaped = false
		case r == '"':
			return j + 1, j == sc.i+1, true
		case r == '\\':
			escaped = true
		case !isVisible(r) && r != ' ' && r != '\t':
			return 0, false, false
		}
		j += size
	}
}

// domainLiteralEnd returns the end of the "[...]" at i, which must hold an
// IP address with no zone. net/mail asks net.ParseIP, which is
// netip.ParseAddr refusing zones.
func (sc *emailScanner) domainLiteralEnd() (int, bool) {
	start := sc.i + 1
	j := start
	for {
		if j == len(sc.s) {
			return 0, false
		}
		if sc.s[j] == ']' {
			break
		}
		r, size := utf8.DecodeRuneInString(sc.s[j:])
		if r == utf8.RuneError && size == 1 || r == '[' || r == '\\' || !isVisible(r) {
			return 0, false
		}
		j += size
	}
	ip, err := netip.ParseAddr(sc.s[start:j])
	if err != nil || ip.Zone() != "" {
		return 0, false
	}
	return j + 1, true
}

// addrSpec reads local@domain, spaces allowed before each part but not
// before "@" or after the domain. On failure i is left where it was.
func (sc *emailScanner) addrSpec() bool {
	start := sc.i
	if sc.localPart() && sc.eat('@') && sc.domain() {
		return true
	}
	sc.i = start
	return false
}

func (sc *emailScanner) localPart() bool {
	sc.wsp()
	if sc.at('"') {
		end, empty, ok := sc.quotedEnd()
		if !ok || empty {
			return false
		}
		sc.i = end
		return true
	}
	end, ok := sc.atomEnd(true)
	if !ok {
		return false
	}
	sc.i = end
	return true
}

func (sc *emailScanner) domain() bool {
	sc.wsp()
	var end int
	var ok bool
	if sc.at('[') {
		end, ok = sc.domainLiteralEnd()
	} else {
		end, ok = sc.atomEnd(true)
	}
	if ok {
		sc.i = end
	}
	return ok
}

// address reads one address and returns how many mailboxes it holds: 1, or
// any number for a group (which only a top-level address may be).
func (sc *emailScanner) address(group bool) (int, bool) {
	sc.wsp()
	if !sc.more() {
		return 0, false
	}
	// A bare addr-spec is tried first, as net/mail does; once it is read
	// no display name can follow, only an optional comment.
	if sc.addrSpec() {
		sc.wsp()
		if sc.eat('(') {
			var text []byte
			if !sc.comment(&text) || !commentWordsDecode(text) {
				return 0, false
			}
		}
		return 1, true
	}
	if !sc.at('<') && !sc.phrase() {
		return 0, false
	}
	sc.wsp()
	if group && sc.eat(':') {
		return sc.groupList()
	}
	if !sc.eat('<') || !sc.addrSpec() || !sc.eat('>') {
		return 0, false
	}
	return 1, true
}

// groupList reads the mailboxes of a group after its ":", up to the ";".
func (sc *emailScanner) groupList() (int, bool) {
	sc.wsp()
	if sc.eat(';') {
		return 0, sc.cfws()
	}
	n := 0
	for {
		sc.wsp()
		if _, ok := sc.address(false); !ok {
			return 0, false
		}
		n++
		if !sc.cfws() {
			return 0, false
		}
		if sc.eat(';') {
			return n, sc.cfws()
		}
		if !sc.eat(',') {
			return 0, false
		}
	}
}

// phrase reads a display name: words (quoted strings and atoms) with
// spaces between, and comments once a plain word is read. It stops at the
// first thing that is not a word and reports whether a word with text was
// read; the caller then wants "<" or ":" there.
func (sc *emailScanner) phrase() bool {
	plain := false // a word that is not an encoded word was read
	text := false  // a word with text was read (an empty encoded word has none)
	for {
		if plain && !sc.cfws() {
			return false
		}
		sc.wsp()
		if !sc.more() {
			return text // nothing follows: the caller fails
		}
		if sc.at('"') {
			end, _, ok := sc.quotedEnd()
			if !ok {
				return text
			}
			sc.i = end
			plain, text = true, true
			continue
		}
		end, ok := sc.atomEnd(false)
		if !ok {
			return text
		}
		word := sc.s[sc.i:end]
		sc.i = end
		switch encodedWord(word) {
		case notEncoded:
			plain, text = true, true
		case encodedText:
			text = true
		case encodedEmpty:
		case encodedBadCharset:
			// net/mail stops the name after this word, which it has read.
			return text
		}
	}
}

// commentWordsDecode reports whether net/mail can decode the encoded words
// of the comment after a bare addr-spec (its display name there): every
// word, split at spaces and tabs, is tried.
func commentWordsDecode(text []byte) bool {
	for _, w := range strings.FieldsFunc(string(text), func(r rune) bool { return r == ' ' || r == '\t' }) {
		if encodedWord(w) == encodedBadCharset {
			return false
		}
	}
	return true
}

// What an RFC 2047 encoded word is, as mime.WordDecoder decodes it.
const (
	notEncoded        = iota // not one, or malformed: an ordinary word
	encodedEmpty             // decodes to no text
	encodedText              // decodes to some text
	encodedBadCharset        // well formed, in a charset net/mail cannot convert
)

// encodedWord classifies w. The form is "=?charset?B-or-Q?text?=" with no
// other "?", at least 8 bytes; the text must decode (base64 with padding,
// or Q: printable ASCII, "_" and "=XX" hex escapes). Only UTF-8, ISO-8859-1
// and US-ASCII convert without a charset reader, which net/mail has not;
// those names compare with Unicode case folding (strings.EqualFold), as in
// package mime.
func encodedWord(w string) int {
	if len(w) < 8 || !strings.HasPrefix(w, "=?") || !strings.HasSuffix(w, "?=") || strings.Count(w, "?") != 4 {
		return notEncoded
	}
	charset, rest, _ := strings.Cut(w[2:len(w)-2], "?")
	enc, text, _ := strings.Cut(rest, "?")
	if charset == "" || len(enc) != 1 {
		return notEncoded
	}
	var n int
	switch enc[0] {
	case 'B', 'b':
		b, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return notEncoded
		}
		n = len(b)
	case 'Q', 'q':
		if !validQEncoding(text) {
			return notEncoded
		}
		n = len(text) // every character or escape is one byte
	default:
		return notEncoded
	}
	if !strings.EqualFold(charset, "utf-8") && !strings.EqualFold(charset, "iso-8859-1") && !strings.EqualFold(charset, "us-ascii") {
		return encodedBadCharset
	}
	if n == 0 {
		return encodedEmpty
	}
	return encodedText
}

// validQEncoding reports whether s is Q-encoded text as package mime reads
// it: printable ASCII, tab, CR, LF, and "=" followed by two hex digits.
func validQEncoding(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			if i+2 >= len(s) || !isASCIIHex(s[i+1]) || !isASCIIHex(s[i+2]) {
				return false
			}
			i += 2
		case ' ' <= c && c <= '~', c == '\t', c == '\r', c == '\n':
		default:
			return false
		}
	}
	return true
}
