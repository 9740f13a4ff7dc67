// Package dockerfile is a typed view over BuildKit's Dockerfile parser: stages
// with their base images, instructions with flags and positions, directives,
// heredocs, and the shell of every RUN parsed into commands.
package dockerfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// Options change how a Dockerfile is read.
type Options struct {
	// BuildArgs are --build-arg values; they override ARG defaults when
	// base images are expanded.
	BuildArgs map[string]string
}

// File is a parsed Dockerfile.
type File struct {
	Src        []byte
	Lines      *source.Lines
	Escape     rune // '\\' or '`'
	Directives []Directive
	// Instructions lists every top-level instruction in order.
	Instructions []*Instruction
	// Preamble holds the instructions before the first FROM (meta ARGs).
	Preamble []*Instruction
	Stages   []*Stage
	// Warnings are BuildKit's parse warnings (empty continuation lines).
	Warnings []Warning
	// Comments lists every comment line outside heredoc bodies.
	Comments []Comment
	// GlobalArgs are the meta ARGs' values (defaults overridden by build args).
	GlobalArgs map[string]string

	lex        lexer
	stageNames map[string]*Stage // the first stage of each name: FROM and COPY --from look stages up by name
	// invalidUTF8 is set when Src is not UTF-8: BuildKit was then given it
	// with each run of bad bytes replaced by U+FFFD, and the words it gives
	// back hold U+FFFD where Src holds the bytes.
	invalidUTF8 bool
}

// Directive is a parser directive at the top of the file (syntax, escape, check).
type Directive struct {
	Name, Value string
	Range       source.Range
}

// Warning is a parse warning BuildKit emits (and still builds).
type Warning struct {
	Range   source.Range
	Message string
}

// Comment is one comment line.
type Comment struct {
	Line int
	Text string // after "#", surrounding space trimmed
}

// Directive returns the value of directive name ("" when absent).
func (f *File) Directive(name string) (Directive, bool) {
	for _, d := range f.Directives {
		if d.Name == name {
			return d, true
		}
	}
	return Directive{}, false
}

// FinalStage is the last stage, the one `docker build` ships without --target.
func (f *File) FinalStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// StageByName finds the first stage of a name (case-insensitive, as
// BuildKit), nil when none has it.
func (f *File) StageByName(name string) *Stage {
	lower := strings.ToLower(name)
	if f.stageNames != nil {
		return f.stageNames[lower]
	}
	for _, s := range f.Stages { // a File not made by Parse
		if s.Name != "" && s.Name == lower {
			return s
		}
	}
	return nil
}

// Parse reads a Dockerfile. A file that BuildKit cannot parse yields what
// could be read and the errors, each with its line.
func Parse(src []byte, opts Options) (*File, []source.Error) {
	f := newFile(src, source.NewLines(src))
	var errs []source.Error
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return f, []source.Error{{Range: source.LineRange(1, 1), Message: "the file is UTF-16 text; BuildKit reads Dockerfiles as UTF-8"}}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return f, []source.Error{{Range: f.Lines.Span(i, 1), Message: "not a text file: NUL byte"}}
	}
	validUTF8 := utf8.Valid(src)
	f.invalidUTF8 = !validUTF8
	if !validUTF8 {
		off := source.InvalidUTF8(src)
		errs = append(errs, source.Error{Range: f.Lines.Span(off, 1), Message: "invalid UTF-8"})
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")))) == 0 {
		return f, append(errs, source.Error{Range: source.LineRange(1, 1), Message: "the Dockerfile is empty"})
	}
	// BuildKit's parser runs its word lexer over every line that may open
	// a heredoc: a line nesting ${…} hundreds of thousands deep overflows
	// its stack (a fatal error), so such a file is not handed to it.
	if line := deepWordLine(src); line > 0 {
		return f, append(errs, source.Error{Range: source.LineRange(line, line),
			Message: fmt.Sprintf("variables nested more than %d levels deep: the file is not parsed", maxWordNesting)})
	}
	bkSrc := src
	if !validUTF8 {
		// That lexer also prints "invalid UTF-8 encoding" to standard error
		// for each bad byte; it is given U+FFFD in their place (one per run
		// of bad bytes). Lines stay where they are; the error above reports
		// the bytes, and positions come from the original text.
		bkSrc = []byte(strings.ToValidUTF8(string(src), "\uFFFD"))
	}
	res, err := bkparser.Parse(bytes.NewReader(bkSrc))
	if err != nil {
		return f, append(errs, f.parseError(err, src))
	}
	if n := len(res.AST.Children); n > maxInstructions {
		at := res.AST.Children[maxInstructions].StartLine
		return f, append(errs, source.Error{Range: source.LineRange(at, at),
			Message: fmt.Sprintf("over %d instructions (%d): the file is not analysed", maxInstructions, n)})
	}
	if at := overWords(res.AST.Children); at != nil {
		return f, append(errs, source.Error{Range: source.LineRange(at.StartLine, at.StartLine),
			Message: fmt.Sprintf("over %d words in its instructions: the file is not analysed", maxWords)})
	}
	f.Escape = res.EscapeToken
	f.lex = newLexer(f.Escape)
	f.readDirectives(src)
	f.readComments()
	for _, w := range res.Warnings {
		r := source.LineRange(1, 1)
		if w.Location != nil {
			r = source.LineRange(w.Location.Start.Line, w.Location.End.Line)
		}
		f.Warnings = append(f.Warnings, Warning{Range: r, Message: w.Short})
	}
	b := builder{f: f, opts: opts, room: make([]Instruction, 0, len(res.AST.Children))}
	f.Instructions = make([]*Instruction, 0, len(res.AST.Children))
	for _, node := range res.AST.Children {
		if e := b.add(node); e != nil {
			errs = append(errs, *e)
		}
	}
	b.finish()
	if at, v := chainVolume(f.Stages); at != nil {
		return newFile(src, f.Lines), append(errs, source.Error{Range: at.From.firstLine(), Message: fmt.Sprintf(
			"FROM <stage> chains too long: the stages inherit %d instructions in all, over the %d dlint analyses; the file is not analysed", v, maxChainVolume)})
	}
	// A script too deep to analyse is not a Dockerfile error for BuildKit,
	// but the user must learn that its RUN was not checked.
	for _, in := range f.Instructions {
		for _, x := range []*Instruction{in, in.Inner} {
			if x != nil && shell.Declined(x.ScriptErr) {
				errs = append(errs, source.Error{Range: x.firstLine(), Message: "RUN not checked: " + x.ScriptErr.Error()})
			}
		}
	}
	return f, errs
}

// maxInstructions bounds the instructions of a Dockerfile dlint analyses:
// each holds BuildKit's typed command, dlint's model and, for a RUN, its
// script and its findings, 5 to 15 KB with the room the collector leaves:
// a file of a million one-word RUNs took 7 GB, and 8 MiB of 100,000
// package installs (eight findings each) 1.4 GB. At this bound such a file
// takes 400 MB. Real Dockerfiles hold tens to hundreds of instructions; the
// bench's largest shape holds 20,000.
const maxInstructions = 25_000

// maxWords bounds the words of a Dockerfile's instructions (BuildKit's AST
// nodes: a keyword, each argument, each key and value): one LABEL of
// 700,000 pairs took 1.3 GB. The bench's largest shape holds 30,000.
const maxWords = 400_000

// overWords returns the instruction at which the words pass maxWords, or nil.
func overWords(children []*bkparser.Node) *bkparser.Node {
	n := 0
	for _, child := range children {
		stack := []*bkparser.Node{child}
		for len(stack) > 0 {
			node := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for ; node != nil; node = node.Next {
				if n++; n > maxWords {
					return child
				}
				stack = append(stack, node.Children...)
			}
		}
	}
	return nil
}

func newFile(src []byte, lines *source.Lines) *File {
	return &File{Src: src, Lines: lines, Escape: '\\', GlobalArgs: map[string]string{}, stageNames: map[string]*Stage{}}
}

// maxChainVolume bounds the instructions the stages of one file inherit
// through FROM <stage>, each counted once per stage that inherits it. Rules
// that follow a stage's chain (the WORKDIR, USER or variables it inherits)
// cost that much, which grows with the square of a chain's length: a file
// of a few megabytes chaining hundreds of thousands of stages would take
// hours. A chain of 2,000 stages stays under it; real Dockerfiles chain a
// handful.
const maxChainVolume = 4_000_000

// chainVolume returns the first stage at which the instructions inherited
// so far exceed maxChainVolume, and that count; nil when they never do.
// The FROM of each stage counts as one of its instructions.
func chainVolume(stages []*Stage) (*Stage, int) {
	inChain := make([]int, len(stages)) // by stage index: the chain's instructions
	total := 0
	for i, st := range stages {
		n := len(st.Instructions) + 1
		if p := st.Parent; p != nil && p.Index < i {
			n += inChain[p.Index]
		}
		inChain[i] = n
		if total += n; total > maxChainVolume {
			return st, total
		}
	}
	return nil, total
}

// deepWordLine is the first line at which ${…} nest deeper than
// maxWordNesting within one logical line, or 0. It errs on the deep side:
// depth carries over lines that continue (an escape character before
// trailing blanks) and over blank and comment lines, which BuildKit skips
// inside a continued instruction.
func deepWordLine(src []byte) int {
	// Each level opens with "${": a file with no more of them than the
	// bound cannot nest past it (nearly every file; counting is fast).
	if bytes.Count(src, []byte("${")) <= maxWordNesting {
		return 0
	}
	depth := 0
	for n, rest := 0, src; len(rest) > 0 || n == 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		for i := 0; i < len(line); i++ {
			switch {
			case line[i] == '$' && i+1 < len(line) && line[i+1] == '{':
				if depth++; depth > maxWordNesting {
					return n + 1
				}
				i++
			case line[i] == '}' && depth > 0:
				depth--
			}
		}
		t := bytes.TrimRight(line, " \t\r")
		code := bytes.TrimLeft(t, " \t")
		if len(code) == 0 || code[0] == '#' || t[len(t)-1] == '\\' || t[len(t)-1] == '`' {
			continue
		}
		depth = 0 // the logical line ends here
	}
	return 0
}

// parseError turns a BuildKit parse error into a positioned error.
func (f *File) parseError(err error, src []byte) source.Error {
	r := source.LineRange(1, 1)
	var le *bkparser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		loc := le.Locations[0][0]
		r = source.LineRange(loc.Start.Line, loc.End.Line)
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "token too long") || strings.Contains(msg, "max allowed size"):
		// The line BuildKit names depends on where its reading stopped.
		msg = "a line is longer than the 65,535 bytes BuildKit accepts"
		if n := firstLongLine(src); n > 0 {
			r = source.LineRange(n, n)
		}
	case strings.Contains(msg, "invalid escape token") || strings.Contains(msg, "parser directive can be used"):
		// Found while reading the directive's line: BuildKit names the
		// lines read before it.
		r = source.LineRange(r.Start.Line+1, r.Start.Line+1)
	}
	return source.Error{Range: r, Message: msg}
}

// firstLongLine is the first line of src too long for BuildKit's line
// scanner, whose 64 KiB buffer must hold a line and one byte more (its
// line break, or the end of the file), or 0.
func firstLongLine(src []byte) int {
	for n := 1; len(src) > 0; n++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		if end >= bufio.MaxScanTokenSize {
			return n
		}
		src = src[min(end+1, len(src)):]
	}
	return 0
}

func (f *File) readDirectives(src []byte) {
	dp := bkparser.DirectiveParser{}
	// Directives can only open the file: hand the parser the leading
	// comment lines, not the whole file.
	head := leadingComments(src)
	if bytes.IndexByte(head, '#') < 0 {
		return // no comment, so no directive
	}
	ds, err := dp.ParseAll(head)
	if err != nil {
		return
	}
	for _, d := range ds {
		r := source.LineRange(1, 1)
		if len(d.Location) > 0 {
			n := d.Location[0].Start.Line
			r = f.lineTextRange(n)
		}
		f.Directives = append(f.Directives, Directive{Name: d.Name, Value: d.Value, Range: r})
	}
}

// leadingComments is the start of src up to the first line that is
// neither a comment nor blank.
func leadingComments(src []byte) []byte {
	off := 0
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		} else {
			end++
		}
		line := bytes.TrimSpace(bytes.TrimPrefix(src[off:off+end], []byte("\xEF\xBB\xBF")))
		if len(line) > 0 && line[0] != '#' {
			break
		}
		off += end
	}
	return src[:off]
}

// trimIndent is strings.TrimLeft(s, " \t\uFEFF") (a byte-order mark may
// precede the first line's text), without decoding runes: every line of a
// file is trimmed, and TrimLeft takes its slow path for a cutset that is not
// ASCII.
func trimIndent(s string) string {
	for {
		switch {
		case s != "" && (s[0] == ' ' || s[0] == '\t'):
			s = s[1:]
		case strings.HasPrefix(s, "\uFEFF"):
			s = s[len("\uFEFF"):]
		default:
			return s
		}
	}
}

// lineTextRange covers line n from its first non-blank character to its end.
func (f *File) lineTextRange(n int) source.Range {
	text := f.Lines.Text(n)
	trimmed := trimIndent(text)
	start := utf8.RuneCountInString(text[:len(text)-len(trimmed)]) + 1
	return source.Range{
		Start: source.Position{Line: n, Column: start},
		End:   source.Position{Line: n, Column: utf8.RuneCountInString(strings.TrimRight(text, " \t")) + 1},
	}
}

func (f *File) readComments() {
	// Comment lines inside heredoc bodies are dropped in finish(). Counted
	// first, so that millions of them are allocated once.
	comment := func(n int) (string, bool) {
		t := trimIndent(f.Lines.Text(n))
		return t, strings.HasPrefix(t, "#")
	}
	count := 0
	for n := 1; n <= f.Lines.Count(); n++ {
		if _, ok := comment(n); ok {
			count++
		}
	}
	if count == 0 {
		return
	}
	f.Comments = make([]Comment, 0, count)
	for n := 1; n <= f.Lines.Count(); n++ {
		if t, ok := comment(n); ok {
			f.Comments = append(f.Comments, Comment{Line: n, Text: strings.TrimSpace(t[1:])})
		}
	}
}
