package rules

import (
	"sync"
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
)

// corpusDir holds real-world files from public repositories, shared beside
// the project for smoke runs; it is absent in an ordinary clone.
const corpusDir = "../../shared/corpus"

// TestCorpusSmoke lints every corpus file: no panic, no internal error, and
// every finding positioned on a line of its file.
func TestCorpusSmoke(t *testing.T) {
	type job = corpus.File
	jobs := corpus.Files(t, corpusDir)
	if len(jobs) < 3000 {
		t.Fatalf("only %d corpus files found", len(jobs))
	}
	var mu sync.Mutex
	counts := map[string]int{}
	corpus.Each(t, jobs, func(j job, src []byte) {
		doc := parser.Parse(j.Path, src, j.Kind, parser.Options{})
		// ShellCheck runs a process per file; its own tests cover it.
		fs := Run(doc, &Config{Disabled: func(r *Rule, _ string) bool { return r == shellcheckRule }})
		mu.Lock()
		defer mu.Unlock()
		for _, f := range fs {
			counts[f.Rule.ID]++
			if f.Rule == internalError {
				t.Errorf("%s: %s", j.Path, f.Message)
			}
			if f.Path != doc.Path {
				t.Errorf("%s: %s finding reported in another file, %s", j.Path, f.Rule.ID, f.Path)
			}
			if f.Range.Start.Line < 1 || f.Range.Start.Line > doc.Lines.Count()+1 {
				t.Errorf("%s: %s finding on line %d of a %d-line file", j.Path, f.Rule.ID, f.Range.Start.Line, doc.Lines.Count())
			}
		}
	})
	t.Logf("%d files; findings by rule: %v", len(jobs), counts)
}
