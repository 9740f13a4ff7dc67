// Command bareparse is the floor dlint's speed is measured against: it only
// parses each Dockerfile named on standard input with BuildKit's parser and
// instructions package and parses the shell of each RUN with mvdan/sh, the
// same parsing work dlint does before any rule runs.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	files, runs := 0, 0
	for sc.Scan() {
		src, err := os.ReadFile(sc.Text())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		files++
		res, err := bkparser.Parse(bytes.NewReader(src))
		if err != nil {
			continue
		}
		for _, n := range res.AST.Children {
			cmd, err := instructions.ParseInstruction(n)
			if err != nil {
				continue
			}
			if run, ok := cmd.(*instructions.RunCommand); ok && run.PrependShell {
				runs++
				p := syntax.NewParser()
				_, _ = p.Parse(strings.NewReader(strings.Join(run.CmdLine, " ")), "")
			}
		}
	}
	fmt.Fprintf(os.Stderr, "bareparse: %d files, %d RUN scripts\n", files, runs)
}
