package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var syntaxUnpinned = &Rule{
	ID: "DL5109", Name: "syntax-directive-unpinned", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagReproducibility},
	Summary: "The # syntax= frontend image is not pinned",
	Doc: "The `# syntax=` directive names the image that parses and builds the Dockerfile. A floating " +
		"tag such as `docker/dockerfile:1` (Docker's own recommendation, for automatic fixes) lets the " +
		"frontend, and so the build's behaviour, change between two builds of the same file. For " +
		"reproducible builds pin an exact release (`docker/dockerfile:1.9.0`) or, better, a digest " +
		"(`docker/dockerfile:1.9.0@sha256:…`), and update it on purpose.",
	Bad:   "# syntax=docker/dockerfile:1\nFROM alpine:3.20",
	Good:  "# syntax=docker/dockerfile:1.9.0@sha256:fe40cf4e92cd0c467be2cfc30657a680ae2398318afd50b0c80585784c604f28\nFROM alpine:3.20",
	Check: checkSyntaxUnpinned,
}

func checkSyntaxUnpinned(p *Pass) {
	f := p.Dockerfile
	if f == nil {
		return
	}
	d, ok := f.Directive("syntax")
	if !ok || d.Value == "" {
		return
	}
	ref := strings.TrimSpace(d.Value)
	if strings.Contains(ref, "@sha256:") || strings.Contains(ref, "$") {
		return
	}
	tag := ""
	if i := strings.LastIndex(ref, ":"); i >= 0 && !strings.Contains(ref[i:], "/") {
		tag = ref[i+1:]
	}
	if shExactVersion(tag) {
		return
	}
	r := d.Range
	if text := p.Lines.Text(r.Start.Line); strings.Contains(text, ref) {
		col := len([]rune(text[:strings.Index(text, ref)])) + 1
		r.Start.Column, r.End.Column = col, col+len([]rune(ref))
		r.End.Line = r.Start.Line
	}
	switch tag {
	case "":
		p.Reportf(r, "syntax frontend %q has no tag or digest", ref)
	default:
		p.Reportf(r, "syntax frontend %q floats; pin an exact version or a digest", ref)
	}
}

// shExactVersion: a full major.minor.patch version, optionally with a
// suffix (1.9.0, 1.9.0-labs, v0.5.1).
func shExactVersion(tag string) bool {
	tag = strings.TrimPrefix(tag, "v")
	core, _, _ := strings.Cut(tag, "-")
	parts := strings.Split(core, ".")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
