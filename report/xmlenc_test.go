package report

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// xmlPieces are what the hand-written XML must escape as encoding/xml
// does: markup, the blanks it writes as references, controls XML cannot
// hold, surrogates and invalid bytes, the non-characters U+FFFE and U+FFFF,
// a genuine U+FFFD, and characters that pass unchanged.
var xmlPieces = []string{
	`"`, `'`, "&", "<", ">", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\u0085", "\ud7ff", "\ue000",
	"\xed\xa0\x80", "\ufffe", "\uffff", "\ufffd", "\U0010ffff", "\xf4\x90\x80\x80", "\xff", "\xc3",
	"é", "🐳", "a", "plain text ", "]]>", "&#34;",
}

func randomXMLString(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(8) {
		b.WriteString(xmlPieces[rng.IntN(len(xmlPieces))])
	}
	return b.String()
}

func TestAppendXMLTextMatchesEncodingXML(t *testing.T) {
	var cases []string
	for r := rune(0); r <= 0x3000; r++ {
		cases = append(cases, string(r), "a"+string(r)+"b")
	}
	cases = append(cases, xmlPieces...)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		cases = append(cases, randomXMLString(rng))
	}
	for _, s := range cases {
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := appendXMLText(nil, s); string(got) != want.String() {
			t.Errorf("appendXMLText(%q) = %q, encoding/xml writes %q", s, got, want.String())
		}
	}
}

// encodeXML is what encoding/xml writes for v as an element named name,
// indented as indent asks ("" for none).
func encodeXML(t *testing.T, v any, name, indent string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	if indent != "" {
		enc.Indent(indent, indent)
	}
	if err := enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: name}}); err != nil {
		t.Fatal(err)
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestCheckstyleElementsMatchEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		e := checkstyleError{
			Line: rng.IntN(3) * rng.IntN(100000), Column: rng.IntN(3) * rng.IntN(200),
			Severity: randomXMLString(rng), Message: randomXMLString(rng), Source: randomXMLString(rng),
		}
		if diff := cmp.Diff(encodeXML(t, e, "error", ""), string(appendCheckstyleError(nil, e))); diff != "" {
			t.Fatalf("<error> %+v (-encoding/xml +by hand):\n%s", e, diff)
		}
		name := randomXMLString(rng)
		file := struct {
			Name string `xml:"name,attr"`
		}{name}
		want := strings.TrimSuffix(encodeXML(t, file, "file", ""), "</file>")
		if got := string(appendCheckstyleFileStart(nil, name)); got != want {
			t.Fatalf("<file> of %q = %q, encoding/xml writes %q", name, got, want)
		}
	}
}

func TestJUnitSuiteMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	problem := func() *junitProblem {
		if rng.IntN(3) == 0 {
			return nil
		}
		return &junitProblem{Message: randomXMLString(rng), Type: randomXMLString(rng), Body: randomXMLString(rng)}
	}
	for range 1000 {
		su := junitSuite{
			Name: randomXMLString(rng), Tests: rng.IntN(50), Failures: rng.IntN(50), Errors: rng.IntN(5), Skipped: rng.IntN(2),
		}
		for range rng.IntN(4) {
			su.Cases = append(su.Cases, junitCase{
				Classname: randomXMLString(rng), Name: randomXMLString(rng), File: randomXMLString(rng),
				Failure: problem(), Error: problem(),
			})
		}
		want := encodeXML(t, su, "testsuite", "  ")
		if diff := cmp.Diff(want, string(appendJUnitSuite(nil, &su))); diff != "" {
			t.Fatalf("<testsuite> %+v (-encoding/xml +by hand):\n%s", su, diff)
		}
	}
}
