package rules

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// Helpers for the fixes rules attach to their findings: reading the exact
// source under a range, finding a whole token, and writing Dockerfile text
// in the file's own style.

// fixSrc returns the source text of a range that lies on one line, and
// whether the range is valid for it.
func fixSrc(p *Pass, r source.Range) (string, bool) {
	if p.Lines == nil || r.Start.Line == 0 || r.Start.Line != r.End.Line {
		return "", false
	}
	text := []rune(p.Lines.Text(r.Start.Line))
	s, e := r.Start.Column-1, r.End.Column-1
	if s < 0 || e > len(text) || s > e {
		return "", false
	}
	return string(text[s:e]), true
}

// fixLine returns line n of the document as code points.
func fixLine(p *Pass, n int) []rune {
	if p.Lines == nil {
		return nil
	}
	return []rune(p.Lines.Text(n))
}

// keywordWritten reports whether the instruction's keyword is written
// whole at its KeywordRange, so that an edit of the range replaces the
// keyword and nothing else. A keyword split by a line continuation
// ("FR\<newline>OM", which BuildKit joins) is not: its range covers the
// first line only.
func keywordWritten(p *Pass, in *dockerfile.Instruction) bool {
	return writtenAt(p, in.KeywordRange, in.Keyword)
}

// writtenAt reports whether the file holds text at r, on one line: an edit
// located from a word BuildKit joined across lines may not be.
func writtenAt(p *Pass, r source.Range, text string) bool {
	line := fixLine(p, r.Start.Line)
	return r.Start.Line == r.End.Line && r.Start.Column >= 1 && r.Start.Column <= r.End.Column &&
		r.End.Column-1 <= len(line) && string(line[r.Start.Column-1:r.End.Column-1]) == text
}

// fixFindToken locates token in the instruction's source after its
// keyword as a whole blank-separated word (not inside a longer word).
func fixFindToken(p *Pass, in *dockerfile.Instruction, token string) (source.Range, bool) {
	from := in.KeywordRange.End
	for range 64 {
		r, ok := in.FindAfter(token, from)
		if !ok {
			return r, false
		}
		line := fixLine(p, r.Start.Line)
		before := r.Start.Column - 2
		after := r.End.Column - 1
		okBefore := r.Start.Line == r.End.Line && (before < 0 || before < len(line) && (line[before] == ' ' || line[before] == '\t'))
		okAfter := r.Start.Line == r.End.Line && (after >= len(line) || line[after] == ' ' || line[after] == '\t')
		if okBefore && okAfter {
			return r, true
		}
		from = source.Position{Line: r.Start.Line, Column: r.Start.Column + 1}
	}
	return source.Range{}, false
}

// fixKeyword writes keyword (upper-case) in the casing of the instruction
// it replaces or sits beside: lower-case when that one is all lower-case.
func fixKeyword(like, keyword string) string {
	if like != "" && like == strings.ToLower(like) {
		return strings.ToLower(keyword)
	}
	return strings.ToUpper(keyword)
}

// fixDockerQuote double-quotes s for a Dockerfile word that is expanded
// (LABEL, ENV): the escape character, quotes and $ are escaped so the
// value stays literal.
func fixDockerQuote(s string, escape rune) string {
	if escape == 0 {
		escape = '\\'
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == escape || r == '"' || r == '$' {
			b.WriteRune(escape)
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// fixInsert is an edit that inserts text at pos.
func fixInsert(pos source.Position, text string) Edit {
	return Edit{Range: source.Range{Start: pos, End: pos}, NewText: text}
}

// fixDeleteLine is the edit that removes line n and its line break. The
// last line of a file without a final line break has none: the break
// before it goes instead, so the range stays inside the file.
func fixDeleteLine(p *Pass, n int) Edit {
	next := p.Lines.Position(p.Lines.LineStart(n + 1))
	if n > 1 && next.Line == n {
		prev := source.Position{Line: n - 1, Column: utf8.RuneCountInString(p.Lines.Text(n-1)) + 1}
		return Edit{Range: source.Range{Start: prev, End: next}}
	}
	return Edit{Range: source.Range{Start: source.Position{Line: n, Column: 1}, End: next}}
}

// fixLineEnd is the position after the last non-blank character of line n.
func fixLineEnd(p *Pass, n int) source.Position {
	text := strings.TrimRight(p.Lines.Text(n), " \t")
	return source.Position{Line: n, Column: len([]rune(text)) + 1}
}

// fixIndent is the leading white space of line n.
func fixIndent(p *Pass, n int) string {
	text := p.Lines.Text(n)
	return text[:len(text)-len(strings.TrimLeft(text, " \t"))]
}

// ddFixable reports whether edits can be made to the daemon.json: its
// positions are those of its bytes (not a UTF-16 file, which dlint reads
// decoded). A file that does not parse has no members to fix: Parse stops
// at the error (the FuzzFixDaemonJSON seed {}A"" { holds it there).
func ddFixable(p *Pass) bool {
	src := p.Src
	return p.Lines != nil && !(len(src) >= 2 && (src[0] == 0xFF && src[1] == 0xFE || src[0] == 0xFE && src[1] == 0xFF))
}

// ctxIgnoreEntries are the ignore-file lines that exclude clutter items:
// a directory by its path from the context root, log files by their
// directory ("*.log", "logs/*.log"); each once, in order, and none that the
// ignore file already has.
func ctxIgnoreEntries(c *buildcontext.Context, items []ctxClutterItem) []string {
	// A line already in the file is not written again, unless an exception
	// after it may let back in what it leaves out: the entry appended after
	// the exception then wins.
	have := map[string]bool{}
	if c != nil && c.Ignore != nil {
		lastException := -1
		for i, pat := range c.Ignore.Patterns {
			if pat.Negated {
				lastException = i
			}
		}
		for _, pat := range c.Ignore.Patterns[lastException+1:] {
			have[pat.Raw] = true
		}
	}
	var out []string
	for _, it := range items {
		e, ok := ignoreLiteral(it.Path)
		if !it.Dir {
			e, ok = ignoreLiteral(path.Dir(it.Path))
			e = path.Join(e, "*.log")
			if path.Dir(it.Path) == "." {
				e, ok = "*.log", true
			}
		}
		if ok && !have[e] {
			have[e] = true
			out = append(out, e)
		}
	}
	return out
}

// ignoreLiteral writes a path of the build context as an ignore-file
// pattern that BuildKit matches to that path alone, or reports false when
// no line can (a name with a line break) or should (a name that is not
// UTF-8: BuildKit would print a complaint at every build, and DI1011
// report the line). What BuildKit would read
// otherwise is put in a character class, which reads the same on every
// system: a bracket (a[1]), a backslash, a # or ! that would start a
// comment or an exception, white space at either end that would be
// trimmed, a caret (the matcher leaves it a regular expression's anchor).
// A wildcard (* or ?) is read even in a class, so it is escaped with a
// backslash, as the matcher reads it but on Windows, whose names have
// neither.
func ignoreLiteral(p string) (string, bool) {
	if p == "" || strings.ContainsAny(p, "\n\r") || !utf8.ValidString(p) {
		return "", false
	}
	var b strings.Builder
	last := len(p) - 1
	for i, r := range p {
		edge := i == 0 || i+utf8.RuneLen(r) > last
		switch {
		case r == '*' || r == '?':
			// A class would not do: the matcher reads these even in one.
			// (Windows names have neither.)
			b.WriteString(`\` + string(r))
		case r == '[' || i == 0 && (r == '#' || r == '!') || edge && unicode.IsSpace(r):
			b.WriteString("[" + string(r) + "]")
		case r == '\\':
			b.WriteString(`[\\]`)
		case r == '^':
			b.WriteString(`[\^]`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

// ctxIgnoreFixPath names the ignore file at diskPath the way the
// Dockerfile's path names the Dockerfile (relative stays relative), so that
// Fix.Path is comparable with Finding.Path.
func ctxIgnoreFixPath(p *Pass, diskPath string) string {
	docDir := path.Dir(p.Path)
	rel, err := filepath.Rel(filepath.Dir(filepath.FromSlash(p.Path)), diskPath)
	if err != nil {
		absDoc, err1 := filepath.Abs(filepath.Dir(filepath.FromSlash(p.Path)))
		absIgn, err2 := filepath.Abs(diskPath)
		if err1 != nil || err2 != nil {
			return ""
		}
		if rel, err = filepath.Rel(absDoc, absIgn); err != nil {
			return ""
		}
	}
	return path.Join(docDir, filepath.ToSlash(rel))
}

// ctxIgnoreFix adds entries to the build context's ignore file, creating
// .dockerignore at the context root when there is none. Unsafe: the files
// are no longer sent, so a COPY that relied on them changes.
func ctxIgnoreFix(p *Pass, entries []string) []Fix {
	c := p.Context
	if c == nil || len(entries) == 0 || p.Path == "" || p.Path == "-" {
		return nil
	}
	text := strings.Join(entries, "\n") + "\n"
	msg := "Add " + strings.Join(entries, ", ") + " to "
	if c.IgnorePath == "" {
		fp := ctxIgnoreFixPath(p, filepath.Join(c.Dir, ".dockerignore"))
		if fp == "" {
			return nil
		}
		start := source.Position{Line: 1, Column: 1}
		return []Fix{{Message: msg + "a new .dockerignore", Path: fp, Edits: []Edit{{Range: source.Range{Start: start, End: start}, NewText: text}}}}
	}
	src, err := os.ReadFile(c.IgnorePath)
	fp := ctxIgnoreFixPath(p, c.IgnorePath)
	if err != nil || fp == "" {
		return nil
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		text = "\n" + text
	}
	end := source.NewLines(src).Position(len(src))
	return []Fix{{Message: msg + filepath.Base(c.IgnorePath), Path: fp, Edits: []Edit{{Range: source.Range{Start: end, End: end}, NewText: text}}}}
}
