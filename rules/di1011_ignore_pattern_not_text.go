package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dlint/dlint/parser"
)

var ignorePatternNotText = &Rule{
	ID:       "DI1011",
	Name:     "ignore-pattern-not-text",
	Kind:     parser.DockerIgnore,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "An ignore pattern holds bytes that are not UTF-8, or a NUL",
	Doc: "BuildKit's pattern matcher reads patterns as UTF-8 text. A byte that is not UTF-8 (a name " +
		"saved in Latin-1, a damaged file) makes it print `<input>:1:1: invalid UTF-8 encoding`, naming " +
		"no file, every time it reads the ignore file, and changes what the pattern matches: with a " +
		"wildcard the byte matches any byte that is not UTF-8 (and the character U+FFFD), without one " +
		"it matches that byte alone. A NUL (a binary file taken for an ignore file) gets `invalid " +
		"character NUL` and matches nothing, as no file name holds one. dlint reads each such byte as " +
		"U+FFFD, so its analysis of the build context may differ from the build here. Save the file as " +
		"UTF-8, or match the name with `?`.",
	Bad:  "caf\\xe9/  (the byte 0xE9, é in Latin-1)",
	Good: "café/\ncaf?/",
	Check: func(p *Pass) {
		for _, pat := range p.Ignore.Patterns {
			switch {
			case !utf8.ValidString(pat.Raw):
				p.Report(pat.Range, fmt.Sprintf("pattern %q is not UTF-8: BuildKit's matcher prints \"invalid UTF-8 encoding\" for it at every build, and reads each such byte as U+FFFD where the pattern has a wildcard", pat.Raw))
			case strings.IndexByte(pat.Raw, 0) >= 0:
				p.Report(pat.Range, fmt.Sprintf("pattern %q holds a NUL: BuildKit's matcher prints \"invalid character NUL\" for it at every build, and no file name holds one", pat.Raw))
			}
		}
	},
}
