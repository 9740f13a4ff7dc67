package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/internal/gctune"
	"github.com/dlint/dlint/internal/testtree"
	"github.com/dlint/dlint/parser"
)

// BenchmarkCLICorpus runs dlint in process as its command line does, over
// every corpus Dockerfile named as an argument (as scripts/bench runs it),
// in the formats a terminal, a CI gate and a code-scanning upload read,
// once more with a configuration file (it is asked about every rule of
// every file), and over the corpus laid out as a repository: the whole of
// a run but the process start. Its CPU profile is what scripts/pgo turns
// into default.pgo.
func BenchmarkCLICorpus(b *testing.B) {
	files := corpus.Files(b, corpusPath, parser.Dockerfile)
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	cfg := filepath.Join(b.TempDir(), ".dlint.yaml")
	err := os.WriteFile(cfg, []byte("ignore: [DL3008]\nseverity: {DL3009: info}\noverrides:\n  - files: ['*.dev.Dockerfile']\n    ignore: [DL3002]\n"), 0o644)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(gctune.Tune(gctune.MinHeapGoal)) // the command's policy
	b.ReportAllocs()
	for _, c := range []struct{ name, format, config string }{
		{"text", "text", ""}, {"json", "json", ""}, {"sarif", "sarif", ""}, {"json-config", "json", cfg},
	} {
		b.Run(c.name, func(b *testing.B) {
			// ShellCheck runs an external process: not dlint's own cost.
			args := []string{"dlint", "--no-config", "--ignore", "DL5190", "--fail-level", "none", "-f", c.format}
			if c.config != "" {
				args[1] = "--config=" + c.config
			}
			args = append(args, paths...)
			for b.Loop() {
				if code := run(args, nil, io.Discard, io.Discard); code != exitClean {
					b.Fatalf("dlint exited %d", code)
				}
			}
			b.ReportMetric(float64(len(paths)*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
	// The corpus as a repository, linted as a CI gate lints one (dlint .):
	// a directory per Dockerfile beside a source directory, a third with a
	// .dockerignore, configuration discovery on. It adds the search, each
	// build context's listing, the ignore files and the search for
	// configuration files.
	b.Run("repo", func(b *testing.B) {
		repo := b.TempDir()
		files := map[string]string{".git/HEAD": ""}
		for i, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			dir := fmt.Sprintf("svc%d/app%d/", i%100, i)
			files[dir+"Dockerfile"], files[dir+"src/main.go"] = string(src), ""
			if i%3 == 0 {
				files[dir+".dockerignore"] = ".git\nnode_modules\n*.log\n"
			}
		}
		testtree.Write(b, repo, files)
		b.Chdir(repo)
		args := []string{"dlint", "--ignore", "DL5190", "--fail-level", "none", "-f", "json", "."}
		for b.Loop() {
			if code := run(args, nil, io.Discard, io.Discard); code != exitClean {
				b.Fatalf("dlint exited %d", code)
			}
		}
		b.ReportMetric(float64(len(paths)*b.N)/b.Elapsed().Seconds(), "files/s")
	})
}
