package shell_test

import (
	"strings"
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// corpusScripts are the shell-form RUN scripts of the corpus Dockerfiles,
// as BuildKit joins their words; the benchmark skips without the corpus.
func corpusScripts(b *testing.B) []string {
	b.Helper()
	var scripts []string
	for _, src := range corpus.Contents(b, "../../../shared/corpus", parser.Dockerfile) {
		f, _ := dockerfile.Parse(src, dockerfile.Options{})
		for _, in := range f.Instructions {
			if in.Cmd == "run" && !in.JSON {
				scripts = append(scripts, strings.Join(in.Args, " "))
			}
		}
	}
	return scripts
}

// BenchmarkParseCorpus parses every RUN script of the corpus and builds
// its commands.
func BenchmarkParseCorpus(b *testing.B) {
	scripts := corpusScripts(b)
	at := func(line, col int) source.Position { return source.Position{Line: line, Column: col} }
	corpus.Bench(b, scripts, "scripts", func(s string) { _, _ = shell.Parse(s, at) })
}
