package rules

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
)

// corpusDockerfiles loads the corpus Dockerfiles into memory, or skips.
func corpusDockerfiles(b *testing.B) (names []string, srcs [][]byte) {
	b.Helper()
	for _, f := range corpus.Files(b, corpusDir, parser.Dockerfile) {
		src, err := os.ReadFile(f.Path)
		if err != nil {
			b.Fatal(err)
		}
		names, srcs = append(names, f.Path), append(srcs, src)
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

// BenchmarkRulesCorpus is the rules alone: every corpus Dockerfile is
// parsed once, before the clock starts, and linted once per iteration.
func BenchmarkRulesCorpus(b *testing.B) {
	names, srcs := corpusDockerfiles(b)
	docs := make([]*parser.Document, len(srcs))
	for i, src := range srcs {
		docs[i] = parser.Parse(names[i], src, parser.Dockerfile, parser.Options{})
	}
	b.ReportAllocs()
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return r == shellcheckRule }}
	for b.Loop() {
		for _, doc := range docs {
			Run(doc, cfg)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "files/s")
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

// BenchmarkLintLarge lints generated files that expose quadratic
// behaviour: ns/op should grow linearly with n (compare the sizes).
func BenchmarkLintLarge(b *testing.B) {
	gens := map[string]func(n int) string{
		"instructions": func(n int) string {
			return "FROM alpine:3.20\n" + strings.Repeat("RUN echo x\n", n)
		},
		"env": func(n int) string {
			var sb strings.Builder
			sb.WriteString("FROM alpine:3.20\n")
			for i := 0; i < n; i++ {
				fmt.Fprintf(&sb, "ENV V%d=${V%d:-x}\n", i, i-1)
			}
			return sb.String()
		},
		"undefined-vars": func(n int) string {
			var sb strings.Builder
			sb.WriteString("FROM alpine:3.20\n")
			for i := 0; i < n; i++ {
				fmt.Fprintf(&sb, "ENV A%d=$B%d\n", i, i)
			}
			return sb.String()
		},
		"copies": func(n int) string {
			var sb strings.Builder
			sb.WriteString("FROM alpine:3.20\n")
			for i := 0; i < n; i++ {
				fmt.Fprintf(&sb, "COPY a%d b%d /d%d/\n", i, i, i)
			}
			return sb.String()
		},
		"stages": func(n int) string {
			var sb strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&sb, "FROM alpine:3.20 AS s%d\nRUN echo %d\n", i, i)
			}
			return sb.String()
		},
		"heredoc-lines": func(n int) string {
			return "FROM alpine:3.20\nRUN <<EOF\n" + strings.Repeat("echo x | tee -a log\n", n) + "EOF\n"
		},
		"substitutions": func(n int) string {
			return "FROM alpine:3.20\nRUN <<EOF\n" + strings.Repeat("echo $(cat f | wc -l) $(sudo curl -s x)\n", n) + "EOF\n"
		},
	}
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return r == shellcheckRule }}
	for _, name := range []string{"instructions", "env", "undefined-vars", "copies", "stages", "heredoc-lines", "substitutions"} {
		for _, n := range []int{1000, 10000} {
			src := []byte(gens[name](n))
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					Run(parser.Parse("Dockerfile", src, parser.Dockerfile, parser.Options{}), cfg)
				}
			})
		}
	}
}

// BenchmarkLintLargeDaemonJSON lints a daemon.json of n misspelt keys, each
// measured against every key dockerd knows and offered a rename: ns/op
// should grow linearly with n.
func BenchmarkLintLargeDaemonJSON(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		var sb strings.Builder
		sb.WriteString("{")
		for i := range n {
			fmt.Fprintf(&sb, "%q: {\"log-drivr\": 1, \"debugg\": true}, \"max-concurent-uploads%d\": 1, ", fmt.Sprint("x", i), i)
		}
		sb.WriteString("\"log-driver\": \"local\"}")
		src := []byte(sb.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Run(parser.Parse("daemon.json", src, parser.DaemonJSON, parser.Options{}), nil)
			}
		})
	}
}
