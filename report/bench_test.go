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

// BenchmarkReportCorpus writes the report of the whole corpus in each
// format, the serial tail of a run (34,000 findings): a format that
// costs much more per finding than the others shows here.
func BenchmarkReportCorpus(b *testing.B) {
	docs, findings := lintedCorpus(b)
	in := Input{Tool: "dlint", Version: "dev", Rules: rules.All(), Sources: map[string][]byte{}}
	for i, doc := range docs {
		SetFingerprints(findings[i], doc.Lines, doc.Path)
		in.Findings = append(in.Findings, findings[i]...)
		in.Sources[doc.Path] = doc.Src
	}
	for _, name := range FormatNames() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Formats[name](io.Discard, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
