package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var stageNameCasing = &Rule{
	ID: "DL5400", Name: "stage-name-casing", Aliases: []string{"StageNameCasing"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "Stage names should be lowercase",
	Doc: "BuildKit lowercases stage names, so `AS Builder` declares `builder` and `COPY --from=Builder` " +
		"still works, but the name as written no longer matches what `--target` and error messages show. " +
		"Write stage names in lowercase. Reported for `FROM image AS Name` (exactly three words), as " +
		"`docker build --check` does.\n\n" +
		"Fix (safe): the name is lowercased together with every reference to it written in another case: " +
		"`FROM <stage>`, `COPY --from=<stage>` and `RUN --mount=…,from=<stage>` in the stages that follow.",
	Bad:  "FROM golang:1.23 AS Builder",
	Good: "FROM golang:1.23 AS builder",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			in := st.From
			if len(in.Args) != 3 {
				continue
			}
			name := in.Args[2]
			if name == strings.ToLower(name) {
				continue
			}
			r := st.NameRange
			if r.IsZero() {
				r = firstLine(in)
			}
			var fixes []Fix
			if !st.NameRange.IsZero() {
				fixes = append(fixes, Fix{Message: "Lowercase the stage name and its references", Safe: true,
					Edits: append([]Edit{{Range: st.NameRange, NewText: strings.ToLower(name)}}, stageRefEdits(p, st)...)})
			}
			bkReport(p, "StageNameCasing", in.Comments, r, fmt.Sprintf("stage name %q should be lowercase", name), fixes...)
		}
	},
}

// stageRefEdits lowercases the references to stage st that later
// instructions write in another case than the stage's (lower-case) name.
func stageRefEdits(p *Pass, st *dockerfile.Stage) []Edit {
	var edits []Edit
	ref := func(r source.Range, written string) {
		if strings.EqualFold(written, st.Name) && written != st.Name {
			if src, ok := fixSrc(p, r); ok && src == written {
				edits = append(edits, Edit{Range: r, NewText: st.Name})
			}
		}
	}
	// value returns the range of the n code points that follow prefix at
	// the start of r.
	value := func(r source.Range, prefix, val string) source.Range {
		start := source.Position{Line: r.Start.Line, Column: r.Start.Column + utf8.RuneCountInString(prefix)}
		return source.Range{Start: start, End: source.Position{Line: start.Line, Column: start.Column + utf8.RuneCountInString(val)}}
	}
	for _, later := range p.Dockerfile.Stages[st.Index+1:] {
		if later.Image.Stage == st {
			ref(later.Image.Range, later.Image.Ref)
		}
		for _, in := range later.Instructions {
			for _, fl := range in.Flags {
				src, ok := fixSrc(p, fl.Range)
				if !ok || src != "--"+fl.Name+"="+fl.Value {
					continue
				}
				switch {
				case fl.Name == "from" && in.Cmd == "copy":
					ref(value(fl.Range, "--from=", fl.Value), fl.Value)
				case fl.Name == "mount" && in.Cmd == "run":
					off := "--mount="
					for _, field := range strings.Split(fl.Value, ",") {
						if k, v, ok := strings.Cut(field, "="); ok && k == "from" {
							ref(value(fl.Range, off+k+"=", v), v)
						}
						off += field + ","
					}
				}
			}
		}
	}
	return edits
}
