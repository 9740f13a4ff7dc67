package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/dlint/dlint/parser"
)

var ignorePatternNotUTF8 = &Rule{
	ID:       "DI1011",
	Name:     "ignore-pattern-not-utf8",
	Kind:     parser.DockerIgnore,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "An ignore pattern holds bytes that are not UTF-8",
	Doc: "BuildKit's pattern matcher reads patterns as UTF-8. A byte that is not (a name saved in " +
		"Latin-1, a damaged file) makes it print `<input>:1:1: invalid UTF-8 encoding`, naming no file, " +
		"every time it reads the ignore file, and changes what the pattern matches: with a wildcard the " +
		"byte matches any byte that is not UTF-8 (and the character U+FFFD), without one it matches " +
		"that byte alone. dlint reads the byte as U+FFFD in both cases, so its analysis of the build " +
		"context may differ from the build here. Save the file as UTF-8, or match the name with `?`.",
	Bad:  "caf\\xe9/  (the byte 0xE9, é in Latin-1)",
	Good: "café/\ncaf?/",
	Check: func(p *Pass) {
		for _, pat := range p.Ignore.Patterns {
			if utf8.ValidString(pat.Raw) {
				continue
			}
			p.Report(pat.Range, fmt.Sprintf("pattern %q is not UTF-8: BuildKit's matcher prints \"invalid UTF-8 encoding\" for it at every build, and reads each such byte as U+FFFD where the pattern has a wildcard", pat.Raw))
		}
	},
}
