package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
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
	bw := bufio.NewWriter(w)
	tool := nonEmpty(in.Tool, "dlint")
	fs := active(in.Findings)
	files := len(fileList(&in))
	counts := map[rules.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	suppressed := len(in.Findings) - len(fs)

	fmt.Fprintf(bw, "### %s\n\n", escapeMarkdown(tool))
	if len(fs) == 0 {
		fmt.Fprintf(bw, "No problems found in %s.", plural(files, "file"))
	} else {
		fmt.Fprintf(bw, "**%s** in %s.", plural(len(fs), "problem"), plural(files, "file"))
	}
	if suppressed > 0 {
		fmt.Fprintf(bw, " %d suppressed.", suppressed)
	}
	bw.WriteString("\n")
	if len(fs) > 0 {
		bw.WriteString("\n| Severity | Count |\n| --- | ---: |\n")
		for _, s := range []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style} {
			fmt.Fprintf(bw, "| %s | %d |\n", s, counts[s])
		}
		bw.WriteString("\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n")
		sorted := slices.Clone(fs)
		slices.SortStableFunc(sorted, func(a, b rules.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
		for i, f := range sorted {
			if i == markdownMaxRows {
				fmt.Fprintf(bw, "\n…and %d more; see the full report.\n", len(sorted)-markdownMaxRows)
				break
			}
			r := ruleOf(&f)
			fmt.Fprintf(bw, "| %s | %s | [%s](%s) %s | %s |\n",
				f.Severity, escapeMarkdown(displayPath(&in, f.Path)+":"+spanOf(f.Range).pos()),
				escapeMarkdown(r.ID), r.URL(), escapeMarkdown(r.Name), escapeMarkdown(f.Message))
		}
	}
	if len(in.Errors) > 0 {
		bw.WriteString("\nFiles that could not be checked:\n\n")
		for _, e := range in.Errors {
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
