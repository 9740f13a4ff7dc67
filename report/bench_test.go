package report

import (
	"io"
	"os"
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

// lintedCorpus lints the corpus Dockerfiles once, or skips.
func lintedCorpus(b *testing.B) (docs []*parser.Document, findings [][]rules.Finding) {
	b.Helper()
	for _, f := range corpus.Files(b, "../../shared/corpus", parser.Dockerfile) {
		src, err := os.ReadFile(f.Path)
		if err != nil {
			b.Fatal(err)
		}
		doc := parser.Parse(f.Path, src, parser.Dockerfile, parser.Options{})
		docs = append(docs, doc)
		findings = append(findings, rules.Run(doc, &rules.Config{Disabled: func(r *rules.Rule, _ string) bool { return r.ID == "DL5190" }}))
	}
	return docs, findings
}

// BenchmarkFingerprintCorpus fingerprints the findings of every corpus
// Dockerfile, as the CLI does on its workers.
func BenchmarkFingerprintCorpus(b *testing.B) {
	docs, findings := lintedCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		for i, doc := range docs {
			SetFingerprints(findings[i], doc.Lines, doc.Path)
		}
	}
}

// BenchmarkJSONCorpus writes the JSON report of the whole corpus, the
// serial tail of a run.
func BenchmarkJSONCorpus(b *testing.B) {
	docs, findings := lintedCorpus(b)
	in := Input{Tool: "dlint", Version: "dev", Rules: rules.All(), Sources: map[string][]byte{}}
	for i, doc := range docs {
		SetFingerprints(findings[i], doc.Lines, doc.Path)
		in.Findings = append(in.Findings, findings[i]...)
		in.Sources[doc.Path] = doc.Src
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
