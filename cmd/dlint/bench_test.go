package main

import (
	"io"
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/internal/gctune"
	"github.com/dlint/dlint/parser"
)

// BenchmarkCLICorpus runs dlint in process as its command line does, over
// every corpus Dockerfile named as an argument (as scripts/bench runs it),
// in the formats a terminal, a CI gate and a code-scanning upload read:
// the whole of a run but the process start. Its CPU profile is what
// scripts/pgo turns into default.pgo.
func BenchmarkCLICorpus(b *testing.B) {
	files := corpus.Files(b, corpusPath, parser.Dockerfile)
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	b.Cleanup(gctune.Tune(gctune.MinHeapGoal)) // the command's policy
	b.ReportAllocs()
	for _, format := range []string{"text", "json", "sarif"} {
		b.Run(format, func(b *testing.B) {
			// ShellCheck runs an external process: not dlint's own cost.
			args := append([]string{"dlint", "--no-config", "--ignore", "DL5190", "--fail-level", "none", "-f", format}, paths...)
			for b.Loop() {
				if code := run(args, nil, io.Discard, io.Discard); code != exitClean {
					b.Fatalf("dlint exited %d", code)
				}
			}
			b.ReportMetric(float64(len(paths)*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
