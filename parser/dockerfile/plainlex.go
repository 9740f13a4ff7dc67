package dockerfile

import (
	"strings"

	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"
)

// plainLex does what BuildKit's word processing (lex.ProcessWordWithMatches)
// does to the words most Dockerfiles hold: printable ASCII text, quoted
// strings without an escape character inside, and $NAME or ${NAME}
// references. ok is false for any other word, which BuildKit must
// process. BuildKit builds a scanner, a map of handlers and two maps of
// names for every word; this is a tenth of its cost, and the common case:
// nine words in ten of the corpus's. Values are asked of env in the order
// BuildKit asks, so that a budgetEnv counts them alike.
func plainLex(lex *bkshell.Lex, word string, env bkshell.EnvGetter) (res bkshell.ProcessWordResult, ok bool) {
	if lex.RawQuotes || lex.SkipProcessQuotes || lex.SkipUnsetEnv || !plainLexable(word) {
		return res, false
	}
	var b strings.Builder
	b.Grow(len(word))
	get := func(name string) {
		v, found := env.Get(name)
		set := &res.Unmatched
		if found {
			set = &res.Matched
			b.WriteString(v)
		}
		if *set == nil {
			*set = map[string]struct{}{}
		}
		(*set)[name] = struct{}{}
	}
	quote := byte(0) // the quote the scan is inside, if any
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case quote == '\'' && c != '\'':
			b.WriteByte(c)
		case c == '\'' || c == '"':
			switch quote {
			case 0:
				quote = c
			case c:
				quote = 0
			default:
				b.WriteByte(c) // a ' inside "…"
			}
		case c == '$':
			name, n := plainReference(word[i:])
			if n == 0 {
				return bkshell.ProcessWordResult{}, false
			}
			get(name)
			i += n - 1
		default:
			b.WriteByte(c)
		}
	}
	if quote != 0 {
		return bkshell.ProcessWordResult{}, false // BuildKit's error, worded by BuildKit
	}
	res.Result = b.String()
	return res, true
}

// plainLexable reports whether word has nothing plainLex leaves to
// BuildKit before looking at its references: no escape character (of
// either kind), heredoc "<", NUL, control or non-ASCII byte.
func plainLexable(word string) bool {
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case c < ' ' || c >= 0x7f, c == '\\', c == '`', c == '<':
			return false
		}
	}
	return true
}

// plainReference reads the $NAME or ${NAME} at the start of s (NAME a
// letter or underscore, then letters, digits and underscores) and returns
// the name and the reference's length; n is 0 for any other form ($1, $@,
// ${X:-y}, a lone $), which BuildKit handles.
func plainReference(s string) (name string, n int) {
	braced := len(s) > 1 && s[1] == '{'
	start := 1
	if braced {
		start = 2
	}
	end := start
	for end < len(s) && (isNameStart(s[end]) || end > start && s[end] >= '0' && s[end] <= '9') {
		end++
	}
	if end == start {
		return "", 0
	}
	if !braced {
		return s[start:end], end
	}
	if end < len(s) && s[end] == '}' {
		return s[start:end], end + 1
	}
	return "", 0
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
