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
	Cleaned string // as BuildKit's matcher uses it: cleaned, slash-separated, no "!"
	Negated bool   // a "!" exception
	Range   source.Range

	buildkit string                         // the line as BuildKit's reader hands it to the matcher
	m        *patternmatcher.PatternMatcher // this pattern alone (see aloneMatcher)
}

// File is a parsed ignore file.
type File struct {
	Patterns []Pattern
	Lines    *source.Lines
	// Declined is set when the file is larger than dlint analyses (MaxSize,
	// MaxPatterns): it then has no patterns, Parse says why, and the build
	// contexts that use it are not analysed either.
	Declined bool

	costOnce sync.Once
	compiled int // see compiledLen
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
		p := Pattern{Raw: pattern, Range: lineSpan(f.Lines, n, pattern), buildkit: readerPattern(pattern)}
		// BuildKit's matcher trims and cleans what the reader hands it once
		// more, and only then looks for a "!": "/ !x" reads as " !x", an
		// exception; "/ a" as " a", which matches "a"; "!/" as "!/", which
		// it refuses. patternmatcher itself says what each line becomes.
		read, err := patternmatcher.New([]string{p.buildkit})
		if err != nil {
			errs = append(errs, source.Error{Range: p.Range, Message: patternError(pattern, err)})
			continue
		}
		if len(read.Patterns()) == 0 {
			continue // only whitespace once the slash is gone: the matcher drops it
		}
		p.Negated = read.Patterns()[0].Exclusion()
		p.Cleaned = filepath.ToSlash(read.Patterns()[0].String())
		if len(p.Cleaned) > maxPatternLen {
			errs = append(errs, source.Error{Range: p.Range, Message: fmt.Sprintf(
				"pattern of %d bytes: longer than any path can be (%d), so not used", len(p.Cleaned), maxPatternLen)})
			continue
		}
		if n := strings.Count(p.Cleaned, "**"); n > maxGlobstars {
			return &File{Lines: f.Lines, Declined: true}, []source.Error{{Range: p.Range, Message: fmt.Sprintf(
				`pattern with %d "**": over %d, the file is not analysed (matching it takes memory with the square of their number)`, n, maxGlobstars)}}
		}
		m := read // an inclusion of plain text is its own matcher
		if text := p.matcherPattern(); p.Negated || text != p.buildkit {
			m, err = aloneMatcher(text, p.Negated)
		}
		if err == nil {
			// patternmatcher compiles lazily: match once to surface syntax errors.
			_, err = m.MatchesOrParentMatches("x")
		}
		if err != nil {
			errs = append(errs, source.Error{Range: p.Range, Message: patternError(pattern, err)})
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

// maxGlobstars bounds the "**" of a pattern dlint matches. The matcher
// makes each a capture group of the pattern's regular expression, and Go's
// regexp gives each thread of a match room for every group: a pattern of
// 1,365 took 128 MB for each path it was compared with, and time with it.
// Real patterns hold one or two.
const maxGlobstars = 32

// maxPatternLen is Linux's PATH_MAX. Compiling a pattern costs
// patternmatcher time quadratic in its length, so a hostile line of
// megabytes would never finish; no path in a context is longer than this.
const maxPatternLen = 4096

func quote(s string) string { return `"` + s + `"` }

// readerPattern is a line's pattern (trimmed, not a comment) as BuildKit's
// reader of ignore files hands it to the matcher: a leading "!" kept, the
// rest trimmed and cleaned, one leading "/" dropped.
func readerPattern(pattern string) string {
	invert := pattern[0] == '!'
	if invert {
		pattern = strings.TrimSpace(pattern[1:])
	}
	if pattern != "" {
		pattern = filepath.ToSlash(filepath.Clean(pattern))
		if len(pattern) > 1 && pattern[0] == '/' {
			pattern = pattern[1:]
		}
	}
	if invert {
		return "!" + pattern
	}
	return pattern
}

// patternError is the message for a pattern patternmatcher refuses. Its
// "illegal exclusion pattern" already quotes the pattern's "!".
func patternError(pattern string, err error) string {
	if strings.HasPrefix(err.Error(), "illegal exclusion pattern") {
		return err.Error()
	}
	return "invalid pattern " + quote(pattern) + ": " + err.Error()
}

// aloneMatcher matches one pattern on its own, an exception as if it were
// an inclusion. An exception follows "**", which matches every path, so
// the matcher leaves out what the exception does not bring back: the
// exception matches where it does not. Building the inclusion from the
// exception's cleaned text instead would not round-trip: the matcher would
// trim and clean it again, and read a leading "!" as another exception.
func aloneMatcher(pattern string, exception bool) (*patternmatcher.PatternMatcher, error) {
	if exception {
		return patternmatcher.New([]string{"**", pattern})
	}
	return patternmatcher.New([]string{pattern})
}

// matcherPattern is the pattern in the form patternmatcher expects: as
// BuildKit's reader gave it, or for a Pattern made elsewhere, its cleaned
// form.
func (p Pattern) matcherPattern() string {
	if p.buildkit != "" {
		return matcherText(p.buildkit)
	}
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
