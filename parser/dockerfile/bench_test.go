package dockerfile_test

import (
	"bytes"
	"testing"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
)

// BenchmarkBuildKitParserCorpus is BuildKit's parser alone on the corpus
// Dockerfiles: the part of dlint's parse (rules.BenchmarkParseCorpus) that
// dlint cannot change, most of it a regular expression BuildKit runs on
// every line. Compare it across BuildKit versions.
func BenchmarkBuildKitParserCorpus(b *testing.B) {
	srcs := corpus.Contents(b, "../../../shared/corpus", parser.Dockerfile)
	corpus.Bench(b, srcs, "files", func(src []byte) { _, _ = bkparser.Parse(bytes.NewReader(src)) })
}
