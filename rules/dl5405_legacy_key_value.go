package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var legacyKeyValue = &Rule{
	ID: "DL5405", Name: "legacy-key-value-format", Aliases: []string{"LegacyKeyValueFormat"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle, TagMaintainability},
	Summary: "Use ENV key=value and LABEL key=value",
	Doc: "`ENV key value` (without `=`) is a legacy form that sets one variable to the whole rest of the line " +
		"(`ENV A 1 B 2` sets A to `1 B 2`) and cannot set several variables at once. Write `ENV key=value`. " +
		"Reported for ENV and LABEL, as `docker build --check` does; `ARG a b` declares two args and is fine. " +
		"ONBUILD triggers, which BuildKit checks in a stage built FROM their stage, are not checked.\n\n" +
		"Fix (safe): the blanks between key and value become `=`; a value with blanks (or continued over " +
		"several lines) is put in double quotes (no fix when such a value already holds quotes or escapes, " +
		"or when the key does: `key=value` would read it differently). A value that starts on the next " +
		"line loses that line's indentation: the legacy form drops it, `key=value` would keep it in the value.",
	Bad:  "FROM alpine:3.20\nENV APP_HOME /app",
	Good: "FROM alpine:3.20\nENV APP_HOME=/app",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			for _, in := range st.Instructions {
				var kvs instructions.KeyValuePairs
				switch c := in.Command.(type) {
				case *instructions.EnvCommand:
					kvs = c.Env
				case *instructions.LabelCommand:
					kvs = c.Labels
				default:
					continue
				}
				for _, kv := range kvs {
					if !kv.NoDelim {
						continue
					}
					kw := strings.ToUpper(in.Keyword)
					bkReport(p, "LegacyKeyValueFormat", in.Comments, in.Find(kv.Key),
						fmt.Sprintf("%s %s uses the legacy \"%s key value\" form; write %s %s=…", kw, kv.Key, kw, kw, kv.Key),
						legacyKeyValueFix(p, in, kv.Key)...)
				}
			}
		}
	},
}

// legacyKeyValueFix rewrites `KEY key value` as `KEY key=value`; a value
// continued over several lines is quoted as a whole.
func legacyKeyValueFix(p *Pass, in *dockerfile.Instruction, key string) []Fix {
	first, last := in.Range.Start.Line, in.Range.End.Line
	escape := p.Dockerfile.Escape
	// The legacy form takes the key as written; key=value reads it as a
	// word (quotes, escapes and variables processed): only a plain key
	// stays the same key.
	if key == "" || len(in.Heredocs) > 0 || !dockerfile.PlainWord(key, escape) {
		return nil
	}
	// The blanks BuildKit splits the legacy form on; key=value splits its
	// words on every Unicode space, so a value holding one is quoted.
	blank := func(r rune) bool { return r == ' ' || r == '\t' || r == '\v' || r == '\f' || r == '\r' }
	line := fixLine(p, first)
	i := in.KeywordRange.End.Column - 1
	for i < len(line) && blank(line[i]) {
		i++
	}
	k := utf8.RuneCountInString(key)
	if i+k > len(line) || string(line[i:i+k]) != key {
		return nil
	}
	gapStart := i + k
	j := gapStart
	for j < len(line) && blank(line[j]) {
		j++
	}
	// The value as BuildKit joins it: each line without its trailing
	// escape; every line but the last must end with one.
	var value []rune
	end := 0
	for n := first; n <= last; n++ {
		text := fixLine(p, n)
		from := 0
		if n == first {
			from = j
		}
		e := len(text)
		for e > from && blank(text[e-1]) {
			e--
		}
		if n < last {
			if e == from || text[e-1] != escape {
				return nil // a comment or blank line inside the instruction
			}
			e--
		} else {
			end = e
		}
		if trimmed := strings.TrimSpace(string(text)); n > first && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			return nil
		}
		value = append(value, text[from:e]...)
	}
	if j == gapStart || j >= len(line) || len(value) == 0 {
		return nil
	}
	// A value that starts on the next line after blanks (`ENV DEPS \`, then
	// indented words): BuildKit drops the blanks with the gap, key=value
	// would keep them, so the fix deletes them.
	var lead []Edit
	if blank(value[0]) {
		k := 0
		for k < len(value) && blank(value[k]) {
			k++
		}
		next := fixLine(p, first+1)
		if first == last || k == len(value) || k >= len(next) || blank(next[k]) || !slices.Equal(value[:k], next[:k]) {
			return nil // the blanks do not all open the next line
		}
		value = value[k:]
		lead = []Edit{{Range: source.Range{Start: source.Position{Line: first + 1, Column: 1}, End: source.Position{Line: first + 1, Column: k + 1}}}}
	}
	quoted, special := rune(0), false
	spaced := false
	// Words are read as BuildKit's key=value parser reads them: an escape
	// takes the character after it as it is (a quote or a space too),
	// except inside single quotes, where it is itself.
	for i := 0; i < len(value); i++ {
		switch r := value[i]; {
		case r == escape && quoted != '\'':
			special = true
			i++
		case r == '"' || r == '\'':
			special = true
			if quoted == 0 {
				quoted = r
			} else if quoted == r {
				quoted = 0
			}
		case unicode.IsSpace(r) && quoted == 0:
			spaced = true
		}
	}
	gap := source.Range{Start: source.Position{Line: first, Column: gapStart + 1}, End: source.Position{Line: first, Column: j + 1}}
	switch {
	case !spaced:
		return []Fix{{Message: "Write " + key + "=value", Safe: true, Edits: append([]Edit{{Range: gap, NewText: "="}}, lead...)}}
	case !special:
		return []Fix{{Message: "Write " + key + "=\"value\"", Safe: true, Edits: append([]Edit{
			{Range: gap, NewText: "=\""}, fixInsert(source.Position{Line: last, Column: end + 1}, "\""),
		}, lead...)}}
	}
	return nil
}
