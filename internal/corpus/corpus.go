// Package corpus lists the shared corpus of real-world files that tests and
// benchmarks run over. The corpus lies beside the project (../shared) for
// developers and CI; an ordinary clone has none, and callers skip.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/dlint/dlint/parser"
)

// File is one corpus file and the kind its category folder says it is.
type File struct {
	Path string // slash-separated
	Kind parser.Kind
}

// categories map the corpus's folders to file kinds.
var categories = map[string]parser.Kind{
	"dockerfiles":  parser.Dockerfile,
	"dockerignore": parser.DockerIgnore,
	"daemon-json":  parser.DaemonJSON,
}

// Files lists the corpus files of the given kinds (every kind when none is
// given) below root, sorted by path; tb is skipped when root is absent.
func Files(tb testing.TB, root string, kinds ...parser.Kind) []File {
	tb.Helper()
	if _, err := os.Stat(root); err != nil {
		tb.Skip("corpus not present:", err)
	}
	want := map[parser.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []File
	for _, dir := range []string{"daemon-json", "dockerfiles", "dockerignore"} {
		kind := categories[dir]
		if len(want) > 0 && !want[kind] {
			continue
		}
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				out = append(out, File{Path: filepath.ToSlash(p), Kind: kind})
			}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// Each reads every file and calls fn with its content, on as many
// goroutines as there are CPUs; fn guards what it shares. A file that
// cannot be read fails tb and is skipped.
func Each(tb testing.TB, files []File, fn func(f File, src []byte)) {
	tb.Helper()
	next := make(chan File)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				src, err := os.ReadFile(f.Path)
				if err != nil {
					tb.Error(err)
					continue
				}
				fn(f, src)
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
}

// Contents reads the corpus files of the given kinds below root, in path
// order; tb is skipped when root is absent.
func Contents(tb testing.TB, root string, kinds ...parser.Kind) [][]byte {
	tb.Helper()
	var srcs [][]byte
	for _, f := range Files(tb, root, kinds...) {
		src, err := os.ReadFile(f.Path)
		if err != nil {
			tb.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	return srcs
}

// Bench runs parse over every one of inputs in each iteration of b and
// reports bytes and inputs (named unit: "files", "scripts") per second and
// allocations.
func Bench[T ~string | ~[]byte](b *testing.B, inputs []T, unit string, parse func(T)) {
	b.Helper()
	var bytes int64
	for _, in := range inputs {
		bytes += int64(len(in))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			parse(in)
		}
	}
	b.ReportMetric(float64(len(inputs)*b.N)/b.Elapsed().Seconds(), unit+"/s")
}
