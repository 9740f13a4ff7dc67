package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dlint/dlint/rules"
)

var severityColor = map[rules.Severity]string{
	rules.Error:   "\x1b[1;31m",
	rules.Warning: "\x1b[1;33m",
	rules.Info:    "\x1b[1;36m",
	rules.Style:   "\x1b[1;35m",
}

const colorReset = "\x1b[0m"

// Text writes one finding a line in the compiler convention editors and CI
// problem matchers parse: path:line:col: severity: message (ID name).
// Unreadable files are not listed: the CLI says so on standard error.
func Text(w io.Writer, in Input) error {
	return writeAll(newTextStream(w, in), in)
}

type textStream struct {
	bw    *bufio.Writer
	color bool
	line  []byte // the finding's line, reused
}

func newTextStream(w io.Writer, in Input) Stream {
	return &textStream{bw: bufio.NewWriter(w), color: in.Color}
}

func (s *textStream) Write(findings []rules.Finding) error {
	for i := range findings {
		f := &findings[i]
		if f.Suppression != nil {
			continue
		}
		// Appended rather than formatted: a repository's run can print
		// tens of thousands of lines.
		b := append(s.line[:0], Sanitize(f.Path)...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(f.Range.Start.Line), 10)
		if f.Range.Start.Column > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(f.Range.Start.Column), 10)
		}
		b = append(b, ": "...)
		if s.color {
			b = append(b, severityColor[f.Severity]...)
			b = append(b, f.Severity.String()...)
			b = append(b, colorReset...)
		} else {
			b = append(b, f.Severity.String()...)
		}
		b = append(b, ": "...)
		b = append(b, Sanitize(f.Message)...)
		r := ruleOf(f)
		b = append(b, " ("...)
		b = append(b, r.ID...)
		b = append(b, ' ')
		b = append(b, r.Name...)
		b = append(b, ")\n"...)
		s.bw.Write(b)
		s.line = b
	}
	return nil
}

func (s *textStream) Close([]string) error { return s.bw.Flush() }

// Sanitize escapes control characters so that text taken from a linted file
// can never move the cursor or rewrite a CI log, and replaces invalid UTF-8
// with U+FFFD.
func Sanitize(s string) string {
	if !needsSanitizing(s) {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&sb, "\\x%02x", r)
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// SanitizeLines is Sanitize for text whose lines must stay lines (a diff):
// it keeps line feeds and the carriage return of each CRLF, and writes an
// invalid byte as \xNN rather than U+FFFD. changed reports whether it
// escaped anything.
func SanitizeLines(s string) (out string, changed bool) {
	var sb strings.Builder
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		invalid := r == utf8.RuneError && size == 1
		keep := r == '\n' || (r == '\r' && strings.HasPrefix(s[i+1:], "\n"))
		if !invalid && (keep || !isControl(r)) {
			i += size
			continue
		}
		sb.WriteString(s[start:i])
		if invalid {
			fmt.Fprintf(&sb, "\\x%02x", s[i])
		} else {
			fmt.Fprintf(&sb, "\\x%02x", r)
		}
		i += size
		start = i
	}
	if start == 0 {
		return s, false
	}
	sb.WriteString(s[start:])
	return sb.String(), true
}

// needsSanitizing reports whether s has a character Sanitize escapes or
// replaces. It looks at bytes while they are ASCII, as nearly all are:
// strings.IndexFunc and utf8.ValidString, two passes over every rune, were
// most of the time of the reports that write a finding on a line.
func needsSanitizing(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t') || c == 0x7f { // isControl of ASCII
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || isControl(r) {
			return true
		}
		i += size
	}
	return false
}

func isControl(r rune) bool {
	return (unicode.IsControl(r) && r != '\t') || r == '\u2028' || r == '\u2029' || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// Summary is the one line printed on stderr after the text report.
func Summary(fs []rules.Finding, files int) string {
	var t Tally
	t.Add(fs)
	return t.Summary(files)
}

// Tally counts the active findings of a run by severity, as they come.
type Tally struct {
	counts [rules.Error + 1]int
	n      int
}

// Add counts the findings that are not suppressed.
func (t *Tally) Add(fs []rules.Finding) {
	for _, f := range fs {
		if f.Suppression == nil {
			if f.Severity >= 0 && int(f.Severity) < len(t.counts) {
				t.counts[f.Severity]++
			}
			t.n++
		}
	}
}

// Summary is the line Summary prints for the findings counted.
func (t *Tally) Summary(files int) string {
	if t.n == 0 {
		return fmt.Sprintf("%s checked, no problems found", plural(files, "file"))
	}
	var parts []string
	for _, s := range []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style} {
		if t.counts[s] > 0 {
			parts = append(parts, plural(t.counts[s], s.String()))
		}
	}
	return fmt.Sprintf("%s checked, %s (%s)", plural(files, "file"), plural(t.n, "problem"), strings.Join(parts, ", "))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "s") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
