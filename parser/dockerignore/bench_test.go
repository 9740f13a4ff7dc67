package dockerignore_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlint/dlint/parser/dockerignore"
)

// BenchmarkParseCorpus parses every corpus file of this kind; it skips
// without the corpus.
func BenchmarkParseCorpus(b *testing.B) {
	var srcs [][]byte
	var bytes int64
	_ = filepath.WalkDir("../../../shared/corpus/dockerignore", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if src, err := os.ReadFile(p); err == nil {
				srcs = append(srcs, src)
				bytes += int64(len(src))
			}
		}
		return nil
	})
	if len(srcs) == 0 {
		b.Skip("corpus not present")
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			dockerignore.Parse(src)
		}
	}
	b.ReportMetric(float64(len(srcs)*b.N)/b.Elapsed().Seconds(), "files/s")
}
