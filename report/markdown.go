package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/dlint/dlint/rules"
)

// markdownMaxRows keeps a report under GitHub's 65,536-character limit for
// a pull-request comment.
const markdownMaxRows = 250

// Markdown writes a summary for a pull-request comment or
// $GITHUB_STEP_SUMMARY: the counts by severity, then a table of findings
// (severity, location, rule with a link to its documentation, message),
// most serious first, at most markdownMaxRows of them. Text from the linted
// files is escaped so that it can neither break the table nor inject markup.
func Markdown(w io.Writer, in Input) error {
	return writeAll(newMarkdownStream(w, in), in)
}

// markdownStream counts the findings as they come and keeps only those the
// table can show: the first markdownMaxRows of each severity, in report
// order, hold the table's rows whatever comes later.
type markdownStream struct {
	in         Input
	w          io.Writer
	files      map[string]bool // shown paths
	counts     map[rules.Severity]int
	rows       map[rules.Severity][]rules.Finding
	problems   int
	suppressed int
}

func newMarkdownStream(w io.Writer, in Input) Stream {
	return &markdownStream{in: in, w: w, files: map[string]bool{},
		counts: map[rules.Severity]int{}, rows: map[rules.Severity][]rules.Finding{}}
}

func (s *markdownStream) File(path string) { s.files[displayPath(&s.in, path)] = true }

func (s *markdownStream) Write(findings []rules.Finding) error {
	for _, f := range findings {
		s.File(f.Path)
		if f.Suppression != nil {
			s.suppressed++
			continue
		}
		s.problems++
		s.counts[f.Severity]++
		if len(s.rows[f.Severity]) < markdownMaxRows {
			f.Fixes = nil // not shown
			s.rows[f.Severity] = append(s.rows[f.Severity], f)
		}
	}
	return nil
}

func (s *markdownStream) Close(errors []string) error {
	bw := bufio.NewWriter(s.w)
	tool := nonEmpty(s.in.Tool, "dlint")
	files := len(s.files)

	fmt.Fprintf(bw, "### %s\n\n", escapeMarkdown(tool))
	if s.problems == 0 {
		fmt.Fprintf(bw, "No problems found in %s.", plural(files, "file"))
	} else {
		fmt.Fprintf(bw, "**%s** in %s.", plural(s.problems, "problem"), plural(files, "file"))
	}
	if s.suppressed > 0 {
		fmt.Fprintf(bw, " %d suppressed.", s.suppressed)
	}
	bw.WriteString("\n")
	if s.problems > 0 {
		bw.WriteString("\n| Severity | Count |\n| --- | ---: |\n")
		for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style} {
			fmt.Fprintf(bw, "| %s | %d |\n", sev, s.counts[sev])
		}
		bw.WriteString("\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n")
		sevs := slices.Collect(maps.Keys(s.rows))
		slices.SortFunc(sevs, func(a, b rules.Severity) int { return cmp.Compare(b, a) })
		shown := 0
	rows:
		for _, sev := range sevs {
			for _, f := range s.rows[sev] {
				if shown == markdownMaxRows {
					fmt.Fprintf(bw, "\n…and %d more; see the full report.\n", s.problems-markdownMaxRows)
					break rows
				}
				shown++
				r := ruleOf(&f)
				fmt.Fprintf(bw, "| %s | %s | [%s](%s) %s | %s |\n",
					f.Severity, escapeMarkdown(displayPath(&s.in, f.Path)+":"+spanOf(f.Range).pos()),
					escapeMarkdown(r.ID), r.URL(), escapeMarkdown(r.Name), escapeMarkdown(f.Message))
			}
		}
	}
	if len(errors) > 0 {
		bw.WriteString("\nFiles that could not be checked:\n\n")
		for _, e := range errors {
			fmt.Fprintf(bw, "- %s\n", escapeMarkdown(e))
		}
	}
	return bw.Flush()
}

// escapeMarkdown makes text literal in a GitHub-flavoured Markdown table
// cell: control characters are made visible, line breaks become spaces, and
// every character that could start markup (or end the cell) is
// backslash-escaped, and "@" is followed by a zero-width space so that no
// one is mentioned.
func escapeMarkdown(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	s = Sanitize(s)
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '@':
			b.WriteString("@&#8203;")
			continue
		case strings.ContainsRune("\\`*_[]<>|~&", c):
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
