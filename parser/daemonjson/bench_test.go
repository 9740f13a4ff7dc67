package daemonjson_test

import (
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

// BenchmarkParseCorpus parses every corpus file of this kind; it skips
// without the corpus.
func BenchmarkParseCorpus(b *testing.B) {
	srcs := corpus.Contents(b, "../../../shared/corpus", parser.DaemonJSON)
	corpus.Bench(b, srcs, "files", func(src []byte) { daemonjson.Parse(src) })
}
