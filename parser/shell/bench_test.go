package shell_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// corpusScripts are the shell-form RUN scripts of the corpus Dockerfiles,
// as BuildKit joins their words; the benchmark skips without the corpus.
func corpusScripts(b *testing.B) []string {
	b.Helper()
	var scripts []string
	_ = filepath.WalkDir("../../../shared/corpus/dockerfiles", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		f, _ := dockerfile.Parse(src, dockerfile.Options{})
		for _, in := range f.Instructions {
			if in.Cmd == "run" && !in.JSON {
				scripts = append(scripts, strings.Join(in.Args, " "))
			}
		}
		return nil
	})
	if len(scripts) == 0 {
		b.Skip("corpus not present")
	}
	return scripts
}

// BenchmarkParseCorpus parses every RUN script of the corpus and builds
// its commands.
func BenchmarkParseCorpus(b *testing.B) {
	scripts := corpusScripts(b)
	at := func(line, col int) source.Position { return source.Position{Line: line, Column: col} }
	var bytes int64
	for _, s := range scripts {
		bytes += int64(len(s))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range scripts {
			_, _ = shell.Parse(s, at)
		}
	}
	b.ReportMetric(float64(len(scripts)*b.N)/b.Elapsed().Seconds(), "scripts/s")
}
