package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dlint/dlint/parser"
)

// corpusDockerfiles loads the corpus Dockerfiles into memory, or skips.
func corpusDockerfiles(b *testing.B) (names []string, srcs [][]byte) {
	b.Helper()
	root := filepath.Join(corpusDir, "dockerfiles")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		src, err := os.ReadFile(p)
		names, srcs = append(names, p), append(srcs, src)
		return err
	})
	if err != nil || len(srcs) == 0 {
		b.Skip("corpus not present")
	}
	return names, srcs
}

// BenchmarkLintCorpus parses and lints every corpus Dockerfile once per
// iteration, on one goroutine: the cost per file of the whole pipeline.
func BenchmarkLintCorpus(b *testing.B) {
	names, srcs := corpusDockerfiles(b)
	var bytes int64
	for _, s := range srcs {
		bytes += int64(len(s))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	// ShellCheck runs an external process; it is not dlint's own cost.
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return r == shellcheckRule }}
	for b.Loop() {
		for i, src := range srcs {
			doc := parser.Parse(names[i], src, parser.Dockerfile, parser.Options{})
			Run(doc, cfg)
		}
	}
	b.ReportMetric(float64(len(srcs)*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkParseCorpus is the parse alone, the floor under BenchmarkLintCorpus.
func BenchmarkParseCorpus(b *testing.B) {
	names, srcs := corpusDockerfiles(b)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			parser.Parse(names[i], src, parser.Dockerfile, parser.Options{})
		}
	}
	b.ReportMetric(float64(len(srcs)*b.N)/b.Elapsed().Seconds(), "files/s")
}
