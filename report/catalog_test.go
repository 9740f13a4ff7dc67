package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/rules"
)

const rulesDoc = "../docs/rules.md"

// docs/rules.md is generated from the rule definitions; it must not drift.
func TestRulesDocUpToDate(t *testing.T) {
	got := RulesMarkdown(rules.All())
	if *update {
		if err := os.MkdirAll(filepath.Dir(rulesDoc), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(rulesDoc, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatalf("%v: run go test ./report -update", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("docs/rules.md is stale; run go test ./report -update (-old +new):\n%s", diff)
	}
}

// Every rule's URL points at an anchor that docs/rules.md defines.
func TestRulesMarkdownAnchors(t *testing.T) {
	doc := string(RulesMarkdown(fakeRules))
	for _, r := range fakeRules {
		anchor := r.URL()[strings.Index(r.URL(), "#")+1:]
		if anchor != strings.ToLower(r.ID) || !strings.Contains(doc, "\n## "+r.ID+"\n") {
			t.Errorf("%s: no section for anchor #%s", r.ID, anchor)
		}
		if !strings.Contains(doc, "["+r.ID+"](#"+anchor+")") {
			t.Errorf("%s: not linked from the table", r.ID)
		}
	}
	if !strings.HasPrefix(rules.DocsURL, "https://github.com/dlint/dlint/blob/main/docs/rules.md") {
		t.Errorf("rules.DocsURL %q does not point at docs/rules.md", rules.DocsURL)
	}
	// A summary with a pipe must not break the table.
	if !strings.Contains(doc, `A pattern \| with a pipe`) {
		t.Error("pipe in a summary not escaped")
	}
	// A fence must be longer than any backtick run inside the example.
	if !strings.Contains(doc, "````json\n") {
		t.Error("an example holding ``` was not fenced with four backticks")
	}
}

func TestCatalogGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := RulesTable(&buf, fakeRules); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("----\n")
	for _, r := range fakeRules {
		if err := ExplainRule(&buf, r); err != nil {
			t.Fatal(err)
		}
		buf.WriteString("----\n")
	}
	buf.WriteString(string(RulesMarkdown(fakeRules)))
	golden := filepath.Join("testdata", "catalog.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("catalog output differs (-want +got); run go test ./report -update if intended:\n%s", diff)
	}
}
