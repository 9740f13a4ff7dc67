// Package dockerignore reads .dockerignore files with their line numbers and
// matches paths exactly as BuildKit does.
package dockerignore

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/moby/patternmatcher"

	"github.com/dlint/dlint/parser/source"
)

// Pattern is one non-comment, non-blank line of an ignore file.
type Pattern struct {
	Raw     string // the line as written, without surrounding whitespace
	Cleaned string // as BuildKit uses it: cleaned, slash-separated, no leading "/"
	Negated bool   // a "!" exception
	Range   source.Range

	m *patternmatcher.PatternMatcher // this pattern alone, as an inclusion
}

// File is a parsed ignore file.
type File struct {
	Patterns []Pattern
	Lines    *source.Lines
	// Declined is set when the file is larger than dlint analyses (MaxSize,
	// MaxPatterns): it then has no patterns, Parse says why, and the build
	// contexts that use it are not analysed either.
	Declined bool

	once    sync.Once
	mu      sync.Mutex // patternmatcher is not safe for concurrent use
	matcher *patternmatcher.PatternMatcher
	err     error
}

// Parse reads an ignore file the way BuildKit's ignorefile.ReadAll does, but
// keeps each pattern's line. Invalid patterns are returned as errors with
// their line; the other patterns are kept.
func Parse(src []byte) (*File, []source.Error) {
	if len(src) > MaxSize {
		return &File{Lines: source.NewLines(nil), Declined: true}, []source.Error{{Range: source.LineRange(1, 1),
			Message: fmt.Sprintf("over %d MiB: the file is not analysed", MaxSize>>20)}}
	}
	f := &File{Lines: source.NewLines(src)}
	if at := overPatterns(f.Lines); at > 0 {
		f.Declined = true
		return f, []source.Error{{Range: source.LineRange(at, at),
			Message: fmt.Sprintf("over %d patterns: the file is not analysed", MaxPatterns)}}
	}
	if at := longLine(src); at > 0 {
		f.Declined = true
		return f, []source.Error{{Range: source.LineRange(at, at),
			Message: fmt.Sprintf("line over %d KiB: BuildKit cannot read the file (bufio.Scanner: token too long) and the build fails", maxLine>>10)}}
	}
	var errs []source.Error
	for n := 1; n <= f.Lines.Count(); n++ {
		pattern, ok := patternAt(f.Lines, n)
		if !ok {
			continue
		}
		p := Pattern{Raw: pattern, Range: lineSpan(f.Lines, n, pattern)}
		cleaned := pattern
		if cleaned[0] == '!' {
			cleaned = strings.TrimSpace(cleaned[1:])
			if cleaned == "" {
				errs = append(errs, source.Error{Range: p.Range, Message: `illegal exclusion pattern: "!"`})
				continue
			}
			p.Negated = true
		}
		cleaned = filepath.ToSlash(filepath.Clean(cleaned))
		if len(cleaned) > 1 && cleaned[0] == '/' {
			cleaned = cleaned[1:]
		}
		if trimmed := strings.TrimSpace(cleaned); !p.Negated && trimmed != "" {
			// "/!x" and "/ !x" are exceptions too: BuildKit's reader looks
			// for the "!" before it drops the leading slash, and hands the
			// matcher "!x" or " !x", which it trims and cleans once more
			// before it looks for a "!" itself.
			if t := filepath.ToSlash(filepath.Clean(trimmed)); t[0] == '!' {
				if t == "!" {
					errs = append(errs, source.Error{Range: p.Range, Message: `illegal exclusion pattern: "!"`})
					continue
				}
				p.Negated, cleaned = true, t[1:]
			}
		}
		p.Cleaned = cleaned
		if len(cleaned) > maxPatternLen {
			errs = append(errs, source.Error{Range: p.Range, Message: fmt.Sprintf(
				"pattern of %d bytes: longer than any path can be (%d), so not used", len(cleaned), maxPatternLen)})
			continue
		}
		m, err := patternmatcher.New([]string{matcherText(p.Cleaned)})
		if err == nil {
			// patternmatcher compiles lazily: match once to surface syntax errors.
			_, err = m.MatchesOrParentMatches("x")
		}
		if err != nil {
			errs = append(errs, source.Error{Range: p.Range, Message: "invalid pattern " + quote(pattern) + ": " + err.Error()})
			continue
		}
		p.m = m
		f.Patterns = append(f.Patterns, p)
	}
	return f, errs
}

// maxLine is the longest line BuildKit's reader of ignore files takes,
// newline included (bufio.Scanner's MaxScanTokenSize).
const maxLine = bufio.MaxScanTokenSize

// longLine returns the first line of src that BuildKit's reader cannot
// take, or 0. A last line without a newline counts as if it had one: the
// reader fails once its buffer is full before the end of the file.
func longLine(src []byte) int {
	for n := 1; len(src) > 0; n++ {
		size := len(src) + 1
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			size = i + 1
		}
		if size > maxLine {
			return n
		}
		src = src[min(size, len(src)):]
	}
	return 0
}

// MaxSize bounds the bytes of an ignore file dlint reads (the CLI's cap on
// every file it reads); a longer one is declined.
const MaxSize = 8 << 20

// MaxPatterns bounds the patterns of an ignore file dlint analyses: each is
// compiled to a regular expression, some 3 KB, on its own and again for a
// context's walk, so 150,000 patterns took 480 MB. Real files hold tens.
const MaxPatterns = 10_000

// overPatterns returns the line of the pattern past MaxPatterns, or 0.
func overPatterns(lines *source.Lines) int {
	n := 0
	for line := 1; line <= lines.Count(); line++ {
		if _, ok := patternAt(lines, line); !ok {
			continue
		}
		if n++; n > MaxPatterns {
			return line
		}
	}
	return 0
}

// patternAt is the pattern of line n, trimmed; false for a comment or a
// blank line (as BuildKit's ignorefile reads them: a comment starts at the
// line's first byte). The first line's text already starts after a UTF-8
// byte-order mark (source.Lines leaves it out), and BuildKit strips only
// one: a second is the pattern's.
func patternAt(lines *source.Lines, n int) (string, bool) {
	text := lines.Text(n)
	if strings.HasPrefix(text, "#") {
		return "", false
	}
	pattern := strings.TrimSpace(text)
	return pattern, pattern != ""
}

// maxPatternLen is Linux's PATH_MAX. Compiling a pattern costs
// patternmatcher time quadratic in its length, so a hostile line of
// megabytes would never finish; no path in a context is longer than this.
const maxPatternLen = 4096

func quote(s string) string { return `"` + s + `"` }

// matcherPattern is the pattern in the form patternmatcher expects.
func (p Pattern) matcherPattern() string {
	if p.Negated {
		return "!" + matcherText(p.Cleaned)
	}
	return matcherText(p.Cleaned)
}

// matcherText is a pattern as dlint gives it to patternmatcher: each byte
// that is not UTF-8, and each NUL, written as U+FFFD. patternmatcher reads
// a pattern with text/scanner, which prints "<input>:1:1: invalid UTF-8
// encoding" (or "invalid character NUL") to the process's standard error,
// a line naming no file in the middle of dlint's output. For a byte that
// is not UTF-8 the regular expression built is the same either way; a NUL,
// which no path holds, then matches U+FFFD. A pattern without wildcards is
// compared byte for byte instead, so there dlint matches a path holding
// U+FFFD where BuildKit matches the byte. DI1011 reports such patterns.
func matcherText(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 || r == 0 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

func lineSpan(lines *source.Lines, n int, pattern string) source.Range {
	text := lines.Text(n)
	i := strings.Index(text, pattern)
	if i < 0 {
		return source.LineRange(n, n)
	}
	start := lines.LineStart(n) + i
	return lines.Span(start, len(pattern))
}

// Excludes reports whether BuildKit would leave path (slash-separated,
// relative to the context root) out of the build context.
func (f *File) Excludes(path string) bool {
	if f == nil || len(f.Patterns) == 0 {
		return false
	}
	m := f.Matcher()
	if m == nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ok, err := m.MatchesOrParentMatches(filepath.FromSlash(path))
	return err == nil && ok
}
