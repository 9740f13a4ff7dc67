// Command bareparse is the floor dlint's speed is measured against: it only
// parses each Dockerfile named on standard input with BuildKit's parser and
// instructions package and parses the shell of each RUN with mvdan/sh, the
// same parsing work dlint does before any rule runs.
//
// It parses on as many goroutines as dlint lints (-j, by default one per
// CPU), so that the two are compared on the same cores: a floor measured on
// one core would hide the whole cost of the rules behind the parallelism.
// With -gc dlint it collects garbage as dlint does (internal/gctune), which
// spares it about a fifth of its time: dlint's work beyond parsing is then
// compared with the same collector policy on both sides.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"

	"github.com/dlint/dlint/internal/gctune"
)

func main() {
	jobs := flag.Int("j", runtime.NumCPU(), "files parsed at once")
	gc := flag.String("gc", "go", "collector policy: go (the runtime's default) or dlint (dlint's)")
	flag.Parse()
	switch *gc {
	case "go":
	case "dlint":
		gctune.Tune(gctune.MinHeapGoal)
	default:
		fmt.Fprintf(os.Stderr, "bareparse: -gc %q: want go or dlint\n", *gc)
		os.Exit(2)
	}
	var paths []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		paths = append(paths, sc.Text())
	}
	var (
		next, runs atomic.Int64
		failed     atomic.Bool
		wg         sync.WaitGroup
	)
	for range max(*jobs, 1) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				n, err := parseFile(paths[i])
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					failed.Store(true)
					return
				}
				runs.Add(int64(n))
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "bareparse: %d files, %d RUN scripts (heredocs among them), %d workers\n", len(paths), runs.Load(), *jobs)
}

// parseFile parses one Dockerfile and the shell of its RUNs and returns how
// many scripts it parsed.
func parseFile(path string) (int, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	res, err := bkparser.Parse(bytes.NewReader(src))
	if err != nil {
		return 0, nil // a file BuildKit rejects is parsed no further
	}
	scripts := 0
	for _, n := range res.AST.Children {
		scripts += parseRuns(n)
	}
	return scripts, nil
}

// parseRuns parses the instruction n and, when it is a RUN in shell form,
// its script and the scripts of its heredocs; an ONBUILD RUN is a RUN too.
// These are the scripts dlint parses (dlint leaves out a heredoc whose #!
// line names another interpreter, which the corpus hardly has).
func parseRuns(n *bkparser.Node) int {
	cmd, err := instructions.ParseInstruction(n)
	if err != nil {
		return 0
	}
	switch c := cmd.(type) {
	case *instructions.RunCommand:
		if !c.PrependShell {
			return 0
		}
		parseShell(strings.Join(c.CmdLine, " "))
		for _, f := range c.Files {
			parseShell(f.Data)
		}
		return 1 + len(c.Files)
	case *instructions.OnbuildCommand:
		if n.Next != nil && len(n.Next.Children) > 0 {
			return parseRuns(n.Next.Children[0])
		}
	}
	return 0
}

func parseShell(script string) {
	p := syntax.NewParser()
	_, _ = p.Parse(strings.NewReader(script), "")
}
