package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var fromAsCasing = &Rule{
	ID: "DL5401", Name: "from-as-casing", Aliases: []string{"FromAsCasing"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "The AS keyword should have the same case as FROM",
	Doc: "`FROM image as name` mixes an uppercase instruction with a lowercase keyword. Write `AS` in the " +
		"case of its `FROM`. A mixed-case `From` is left to DL5402 (instruction casing), as " +
		"`docker build --check` does.\n\n" +
		"Fix (safe): `AS` is written in the keyword's casing.",
	Bad:  "FROM golang:1.23 as builder",
	Good: "FROM golang:1.23 AS builder",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			in := st.From
			if len(in.Args) < 3 {
				continue
			}
			kw, as := in.Keyword, in.Args[1]
			want := ""
			switch {
			case kw == strings.ToLower(kw):
				want = strings.ToLower(as)
			case kw == strings.ToUpper(kw):
				want = strings.ToUpper(as)
			default:
				continue
			}
			if as == want {
				continue
			}
			r := firstLine(in)
			var fixes []Fix
			if im := st.Image.Range; !im.IsZero() {
				if ar, ok := in.FindAfter(as, im.End); ok {
					r = ar
					fixes = append(fixes, Fix{Message: fmt.Sprintf("Write %q", want), Safe: true, Edits: []Edit{{Range: ar, NewText: want}}})
				}
			}
			bkReport(p, "FromAsCasing", in.Comments, r, fmt.Sprintf("keyword %q does not match the case of %q", as, kw), fixes...)
		}
	},
}
