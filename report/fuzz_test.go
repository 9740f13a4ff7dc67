package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dlint/dlint/internal/stderrcheck"
)

// FuzzReportStrings: whatever a linted file puts in a message, a path, a
// fix's text or a justification, every format stays well-formed: valid
// UTF-8; parseable JSON that gives back each message as the file had it
// (a byte that is not UTF-8 as U+FFFD); parseable XML; and the formats
// read by people (text, github, markdown, and the XML ones, shown by CI
// systems) and the JSON ones (printed to CI logs too) hold no character
// that could steer a terminal or reorder a line, and the line-oriented ones keep exactly the lines they have for
// plain text, so nothing read from a file can forge a line of a CI log.
// TestHostileStrings is its seed battery.
func FuzzReportStrings(f *testing.F) {
	for _, s := range []string{
		"x", "\x00", "\xed\xa0\x80", "\ufffe", "]]>", "\u2028\u202e", "%0A::error::x", "--> <!--",
		"a\rb\nc", "\xff", "\"'&<>", "\t", "::", "`|`", "@here", "\x1b]8;;http://x\x07", "\u0085\u009b", "\u2066x\u2069\u202a",
	} {
		f.Add(s)
	}
	lines := map[string]int{}
	for _, name := range FormatNames() {
		lines[name] = bytes.Count(render(f, name, hostileInput("x")), []byte("\n"))
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, h string) {
		defer stderr.Check(t)
		in := hostileInput(h)
		for _, name := range FormatNames() {
			out := render(t, name, in)
			if !utf8.Valid(out) {
				t.Fatalf("%s: output is not UTF-8 for %q", name, h)
			}
			switch name {
			case "json", "sarif", "gitlab":
				if !json.Valid(out) {
					t.Fatalf("%s: invalid JSON for %q", name, h)
				}
				if name == "json" {
					var doc struct{ Findings []struct{ Message string } }
					if err := json.Unmarshal(out, &doc); err != nil {
						t.Fatal(err)
					}
					if want := jsonText(in.Findings[1].Message); doc.Findings[1].Message != want {
						t.Fatalf("json: message %q, want %q", doc.Findings[1].Message, want)
					}
				}
			case "checkstyle", "junit":
				var v struct{}
				if err := xml.Unmarshal(out, &v); err != nil {
					t.Fatalf("%s: invalid XML for %q: %v", name, h, err)
				}
			case "text", "github", "markdown":
				if n := bytes.Count(out, []byte("\n")); n != lines[name] {
					t.Fatalf("%s: %d lines for %q, %d for plain text:\n%s", name, n, h, lines[name], out)
				}
			}
			// Escapes the formats write themselves are theirs (colour is
			// off here); none may come from the input.
			if i := strings.IndexFunc(string(out), func(r rune) bool { return r != '\n' && r != '\t' && isControl(r) }); i >= 0 {
				t.Fatalf("%s: a control or direction character %q reached the output for %q", name, []rune(string(out[i:]))[0], h)
			}
		}
	})
}

// jsonText is s as JSON carries it: each byte that is not UTF-8 as U+FFFD.
func jsonText(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // a byte that is not UTF-8 ranges as U+FFFD
	}
	return b.String()
}

// hostileInput is testInput with h around every message and in a path,
// a fix's text, a justification and an error.
func hostileInput(h string) Input {
	in := testInput()
	for j := range in.Findings {
		in.Findings[j].Message = h + in.Findings[j].Message + h
	}
	in.Findings[0].Path = "dir" + h + "/Dockerfile"
	in.Findings[0].Fixes[0].Edits[0].NewText = h
	in.Findings[5].Suppression.Justification = h
	in.Errors = []string{h + ": " + h}
	return in
}
