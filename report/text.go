package report

import (
	"bufio"
	"fmt"
	"io"
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
func Text(w io.Writer, in Input) error {
	bw := bufio.NewWriter(w)
	for _, f := range in.Findings {
		if f.Suppression != nil {
			continue
		}
		pos := fmt.Sprintf("%s:%d", Sanitize(f.Path), f.Range.Start.Line)
		if f.Range.Start.Column > 0 {
			pos += fmt.Sprintf(":%d", f.Range.Start.Column)
		}
		sev := f.Severity.String()
		if in.Color {
			sev = severityColor[f.Severity] + sev + colorReset
		}
		fmt.Fprintf(bw, "%s: %s: %s (%s %s)\n", pos, sev, Sanitize(f.Message), ruleOf(&f).ID, ruleOf(&f).Name)
	}
	return bw.Flush()
}

// Sanitize escapes control characters so that text taken from a linted file
// can never move the cursor or rewrite a CI log, and replaces invalid UTF-8
// with U+FFFD.
func Sanitize(s string) string {
	if strings.IndexFunc(s, isControl) < 0 && utf8.ValidString(s) {
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

func isControl(r rune) bool {
	return (unicode.IsControl(r) && r != '\t') || r == '\u2028' || r == '\u2029' || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// Summary is the one line printed on stderr after the text report.
func Summary(fs []rules.Finding, files int) string {
	counts := map[rules.Severity]int{}
	n := 0
	for _, f := range fs {
		if f.Suppression == nil {
			counts[f.Severity]++
			n++
		}
	}
	if n == 0 {
		return fmt.Sprintf("%s checked, no problems found", plural(files, "file"))
	}
	var parts []string
	for _, s := range []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style} {
		if counts[s] > 0 {
			parts = append(parts, plural(counts[s], s.String()))
		}
	}
	return fmt.Sprintf("%s checked, %s (%s)", plural(files, "file"), plural(n, "problem"), strings.Join(parts, ", "))
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
