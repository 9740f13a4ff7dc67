package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

// RulesTable writes the catalogue for `dlint rules`: one aligned line per
// rule with its ID, name, kind, default severity and summary.
func RulesTable(w io.Writer, rs []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tKIND\tSEVERITY\tSUMMARY")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, kindName(r), r.Severity, Sanitize(r.Summary))
	}
	return tw.Flush()
}

// ExplainRule writes everything about one rule for `dlint rules ID`.
func ExplainRule(w io.Writer, r *rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", r.ID, r.Name, r.Summary)
	field := func(label, value string) { fmt.Fprintf(&b, "%-18s %s\n", label+":", value) }
	field("Severity", r.Severity.String())
	if sev, ok := securitySeverity(r); ok {
		field("Security severity", sev)
	}
	field("Kind", kindName(r))
	if len(r.Tags) > 0 {
		field("Tags", strings.Join(r.Tags, ", "))
	}
	if len(r.Aliases) > 0 {
		field("Aliases", strings.Join(r.Aliases, ", "))
	}
	if r.Doc != "" {
		fmt.Fprintf(&b, "\n%s\n", r.Documentation())
	}
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nBad:\n\n%s\n", indent(r.Bad, "    "))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nGood:\n\n%s\n", indent(r.Good, "    "))
	}
	fmt.Fprintf(&b, "\nDocumentation: %s\n", r.URL())
	_, err := io.WriteString(w, sanitizeLines(b.String()))
	return err
}

// sanitizeLines escapes control characters line by line, keeping the line
// breaks.
func sanitizeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Sanitize(l)
	}
	return strings.Join(lines, "\n")
}

// RulesMarkdown renders docs/rules.md: a table of every rule, then one
// section per rule whose anchor is the lower-case ID, as rules.Rule.URL
// links to it.
func RulesMarkdown(rs []*rules.Rule) []byte {
	var b bytes.Buffer
	b.WriteString("<!-- Generated from the rule definitions by `go test ./report -update`. Do not edit. -->\n\n")
	b.WriteString("# dlint rules\n\n")
	fmt.Fprintf(&b, "%d rules. IDs starting with `DL` check Dockerfiles, `DI` .dockerignore files and build contexts, `DD` daemon.json. ", len(rs))
	b.WriteString("Every rule can be named by its ID, its name or an alias in configuration, `--ignore` and `# dlint ignore=` comments.\n\n")
	b.WriteString("| ID | Name | Kind | Severity | Summary |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n",
			r.ID, strings.ToLower(r.ID), escapeCell(r.Name), kindName(r), r.Severity, escapeCell(r.Summary))
	}
	for _, r := range rs {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "`%s`: %s\n\n", r.Name, oneLine(r.Summary))
		fmt.Fprintf(&b, "- Severity: %s\n", r.Severity)
		if sev, ok := securitySeverity(r); ok {
			fmt.Fprintf(&b, "- Security severity: %s\n", sev)
		}
		fmt.Fprintf(&b, "- Kind: %s\n", kindName(r))
		if len(r.Tags) > 0 {
			fmt.Fprintf(&b, "- Tags: %s\n", strings.Join(r.Tags, ", "))
		}
		if len(r.Aliases) > 0 {
			codes := make([]string, len(r.Aliases))
			for i, a := range r.Aliases {
				codes[i] = codeSpan(a)
			}
			fmt.Fprintf(&b, "- Aliases: %s\n", strings.Join(codes, ", "))
		}
		if r.Doc != "" {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Documentation()))
		}
		lang := fenceLang(r.Kind)
		if r.Bad != "" {
			fmt.Fprintf(&b, "\nBad:\n\n%s\n", fence(r.Bad, lang))
		}
		if r.Good != "" {
			fmt.Fprintf(&b, "\nGood:\n\n%s\n", fence(r.Good, lang))
		}
	}
	return b.Bytes()
}

// kindName is the kind of file a rule checks; "any" for the engine's own
// rules (internal errors).
func kindName(r *rules.Rule) string {
	if r.Kind == parser.Unknown {
		return "any"
	}
	return r.Kind.String()
}

// escapeCell keeps Markdown written by rule authors (summaries may hold
// code spans) but stops it from breaking a table row.
func escapeCell(s string) string {
	return strings.ReplaceAll(oneLine(s), "|", "\\|")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// codeSpan wraps s in backticks, more of them than any run inside it.
func codeSpan(s string) string {
	n, run := 1, 0
	for _, c := range s {
		if c == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	ticks := strings.Repeat("`", n)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return ticks + " " + s + " " + ticks
	}
	return ticks + s + ticks
}
