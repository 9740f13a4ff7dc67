package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var wgetProgress = &Rule{
	ID: "DL3047", Name: "wget-without-progress", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "wget prints a progress bar line per chunk into the build log",
	Doc: "Without a terminal, wget's default progress indicator writes a dot line for every few " +
		"kilobytes, so a large download floods the build log with thousands of lines. Pass " +
		"`--progress=dot:giga` (one dot per megabyte) or make wget quiet with `-q`/`--quiet`, " +
		"`-nv`/`--no-verbose`, or send its log elsewhere with `-o`/`--output-file` or `-a`/`--append-output`.\n\n" +
		"Fix (safe): `--progress=dot:giga` is inserted after `wget`, where the command is written on one line.",
	Bad:   "RUN wget https://example.com/big.tar.gz",
	Good:  "RUN wget --progress=dot:giga https://example.com/big.tar.gz",
	Check: checkWgetProgress,
}

func checkWgetProgress(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if !c.Is("wget") || !shExecuted(c) {
				continue
			}
			quiet := false
			for o := range shWgetOpts.options(c.Args) {
				switch {
				case o.Long && (o.Name == "progress" || o.Name == "quiet" || o.Name == "no-verbose" ||
					o.Name == "output-file" || o.Name == "append-output"):
					quiet = true
				case !o.Long && (o.Name == "q" || o.Name == "o" || o.Name == "a"):
					quiet = true
				case !o.Long && o.Name == "n" && o.Value == "v":
					quiet = true
				}
			}
			if quiet {
				continue
			}
			end := c.Name.Range.End
			fix := Fix{Message: "Add --progress=dot:giga", Safe: true,
				Edits: []Edit{{Range: source.Range{Start: end, End: end}, NewText: " --progress=dot:giga"}}}
			// No edit in exec form (it would break the JSON array) or across lines.
			// Nor where the source at the word's range is not the word (a
			// body of sh -c split over continuation lines).
			if src, ok := fixSrc(p, c.Name.Range); r.In.JSON || !ok || src != c.Name.Raw {
				d.report(c.Name.Range, `"wget" without --progress, -q or -nv floods the build log`)
				continue
			}
			d.report(c.Name.Range, `"wget" without --progress, -q or -nv floods the build log`, fix)
		}
	}
}
