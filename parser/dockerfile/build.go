package dockerfile

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/dlint/dlint/parser/source"
)

type lexer struct{ *bkshell.Lex }

func newLexer(escape rune) lexer { return lexer{bkshell.NewLex(escape)} }

// mapEnv adapts a map to BuildKit's EnvGetter.
type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m mapEnv) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// ProcessWord runs BuildKit's word processing (LexWord) on word with the
// file's escape character. It reuses the file's lexer: each holds a text
// scanner with a kilobyte of buffer, too much to make for every word. Like
// Expand, it must not be called from two goroutines on one File.
func (f *File) ProcessWord(word string, env bkshell.EnvGetter) (bkshell.ProcessWordResult, error) {
	if f.lex.Lex == nil {
		escape := f.Escape
		if escape == 0 {
			escape = '\\'
		}
		f.lex = newLexer(escape)
	}
	return LexWord(f.lex.Lex, word, env)
}

// Expand substitutes variables in word as BuildKit does. unresolved is set
// when a variable without a value is used (and has no ${V:-default}), and
// when the value is past what dlint works out (over maxSubstitution bytes
// substituted, or made from such a value): the value is then unknownValue.
func (f *File) Expand(word string, vars map[string]string) (value string, unresolved bool) {
	if !strings.ContainsRune(word, '$') {
		return word, false
	}
	if f.lex.Lex == nil {
		f.lex = newLexer(f.Escape)
	}
	res, err := LexWord(f.lex.Lex, word, mapEnv(vars))
	if errors.Is(err, errSubstitutionTooLong) || errors.Is(err, errUnknownValue) {
		return unknownValue, true // stored in vars, it keeps what it touches unknown
	}
	if err != nil {
		return word, true
	}
	for name := range res.Unmatched {
		if !defaulted(word, name) {
			return res.Result, true
		}
	}
	return res.Result, false
}

// defaulted reports whether every use of variable name in word carries a
// default (${name:-x}, ${name-x}) or an alternative (${name:+x}, ${name+x}),
// so its being unset still yields a value chosen by the author.
func defaulted(word, name string) bool {
	found := false
	for i := 0; ; {
		j := strings.Index(word[i:], "$")
		if j < 0 {
			return found
		}
		rest := word[i+j+1:]
		switch {
		case strings.HasPrefix(rest, "{"+name):
			op := rest[len(name)+1:]
			if !(strings.HasPrefix(op, ":-") || strings.HasPrefix(op, "-") || strings.HasPrefix(op, ":+") || strings.HasPrefix(op, "+")) {
				return false
			}
			found = true
		case strings.HasPrefix(rest, name) && (len(rest) == len(name) || !isNameChar(rest[len(name)])):
			return false
		}
		i += j + 1
	}
}

func isNameChar(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

type builder struct {
	f       *File
	opts    Options
	current *Stage
	shell   []string
	// stageShell is the current stage's default shell: cmd on Windows images.
	stageShell []string
	// scriptWords counts the words of the scripts parsed so far, against
	// shell.MaxFileWords.
	scriptWords int
	// room holds the file's instructions, one allocation for all of them
	// (at most maxInstructions); an ONBUILD's inner one has its own.
	room []Instruction
}

// newInstruction returns a zero Instruction from room.
func (b *builder) newInstruction() *Instruction {
	if len(b.room) == cap(b.room) {
		return new(Instruction)
	}
	b.room = b.room[:len(b.room)+1]
	return &b.room[len(b.room)-1]
}

// The shells RUN uses without a SHELL instruction, on Linux and on Windows.
var (
	defaultShell = []string{"/bin/sh", "-c"}
	windowsShell = []string{"cmd", "/S", "/C"}
)

func (b *builder) add(node *bkparser.Node) *source.Error {
	f := b.f
	in := b.instruction(node)
	f.Instructions = append(f.Instructions, in)
	var perr *source.Error
	typed, err := parseInstruction(node)
	if err != nil {
		perr = &source.Error{Range: in.KeywordRange, Message: cleanError(in.Cmd, err)}
	} else {
		in.Command = typed
	}
	if in.Cmd == "onbuild" && node.Next != nil && len(node.Next.Children) > 0 {
		child := node.Next.Children[0]
		// BuildKit leaves the trigger's lines unset; it sits on the ONBUILD's.
		if child.StartLine == 0 {
			child.StartLine, child.EndLine = node.StartLine, node.EndLine
		}
		in.Inner = b.instruction(child)
		in.Inner.Range, in.Inner.Stage = in.Range, b.current
		if kw, ok := in.FindAfter(in.Inner.Keyword, in.KeywordRange.End); ok {
			in.Inner.KeywordRange = kw
		}
		if c, err := parseInstruction(node.Next.Children[0]); err == nil {
			in.Inner.Command = c
		}
	}
	switch in.Cmd {
	case "from":
		b.from(in)
		return perr
	case "arg":
		if b.current == nil {
			b.metaArg(in)
		}
	case "shell":
		if sh, ok := in.Command.(*instructions.ShellCommand); ok {
			b.shell = sh.Shell
		}
	}
	if b.current == nil {
		f.Preamble = append(f.Preamble, in)
	} else {
		// A stage's instructions follow its FROM in the file's list: the
		// stage's list is that run of it (clipped, so that an append
		// copies).
		in.Stage = b.current
		n := len(f.Instructions)
		b.current.Instructions = f.Instructions[n-len(b.current.Instructions)-1 : n : n]
	}
	if in.Cmd == "run" {
		b.parseRun(in, in.KeywordRange.End, b.shell)
	}
	if in.Inner != nil && in.Inner.Cmd == "run" {
		b.parseRun(in.Inner, in.Inner.KeywordRange.End, b.shell)
	}
	return perr
}

func cleanError(cmd string, err error) string {
	msg := stableSuggestion(cmd, err)
	return strings.TrimPrefix(msg, "dockerfile parse error: ")
}

func (b *builder) instruction(node *bkparser.Node) *Instruction {
	f := b.f
	in := b.newInstruction()
	*in = Instruction{
		Node:    node,
		Keyword: node.Value,
		Cmd:     strings.ToLower(node.Value),
		Args:    nodeArgs(node),
		JSON:    node.Attributes["json"],
		file:    f,
	}
	first := f.Lines.Text(node.StartLine)
	col, width := 0, utf8.RuneCountInString(node.Value)
	replaced, n := -1, 0
	if strings.ContainsRune(node.Value, utf8.RuneError) {
		replaced, n = indexReplaced([]byte(first), node.Value)
	}
	if i := keywordIndex(first, node.Value); i >= 0 {
		col = utf8.RuneCountInString(first[:i]) + 1
	} else if replaced >= 0 {
		// BuildKit was given a run of bytes that are not UTF-8 as one
		// U+FFFD: the keyword, the line's first word, spans what the
		// file holds.
		col, width = utf8.RuneCountInString(first[:replaced])+1, utf8.RuneCountInString(first[replaced:replaced+n])
	} else {
		// A keyword split by a line continuation ("FR\<newline>OM", or
		// all of it on the next line): the range is its part on the first
		// line, from the line's first word.
		i := len(first) - len(strings.TrimLeft(first, " \t"))
		col = utf8.RuneCountInString(first[:i]) + 1
		width = max(min(width, utf8.RuneCountInString(first[i:])), 0)
	}
	in.KeywordRange = source.Range{
		Start: source.Position{Line: node.StartLine, Column: col},
		End:   source.Position{Line: node.StartLine, Column: col + width},
	}
	last := node.EndLine
	in.Range = source.Range{
		Start: in.KeywordRange.Start,
		End:   source.Position{Line: last, Column: utf8.RuneCountInString(f.Lines.Text(last)) + 1},
	}
	in.Comments = node.PrevComment
	cursor := in.KeywordRange.End
	for _, raw := range node.Flags {
		name, value, _ := strings.Cut(strings.TrimPrefix(raw, "--"), "=")
		fl := Flag{Name: name, Value: value, Range: in.KeywordRange}
		if r, ok := in.FindAfter(raw, cursor); ok {
			fl.Range, cursor = r, r.End
		} else if r, ok := in.findFlag(name, cursor); ok {
			// The value was quoted in the source; BuildKit unquotes it.
			fl.Range, cursor = r, r.End
		}
		in.Flags = append(in.Flags, fl)
	}
	for _, h := range node.Heredocs {
		in.Heredocs = append(in.Heredocs, Heredoc{Name: h.Name, Content: h.Content, Expand: h.Expand, Chomp: h.Chomp})
	}
	return in
}

func (b *builder) metaArg(in *Instruction) {
	cmd, ok := in.Command.(*instructions.ArgCommand)
	if !ok {
		return
	}
	for _, kv := range cmd.Args {
		if v, ok := b.opts.BuildArgs[kv.Key]; ok {
			b.f.GlobalArgs[kv.Key] = v
			continue
		}
		if kv.Value != nil {
			v, _ := b.f.Expand(*kv.Value, b.f.GlobalArgs)
			b.f.GlobalArgs[kv.Key] = v
		} else {
			delete(b.f.GlobalArgs, kv.Key)
		}
	}
}

func (b *builder) from(in *Instruction) {
	f := b.f
	st := &Stage{Index: len(f.Stages), From: in}
	in.Stage = st
	args := in.Args
	ref := ""
	if len(args) > 0 {
		ref = args[0]
	}
	if len(args) == 3 && strings.EqualFold(args[1], "as") {
		st.Name = strings.ToLower(args[2])
	}
	if p, ok := in.Flag("platform"); ok {
		st.Platform = p.Value
	}
	im := Image{Ref: ref}
	im.Expanded, im.Unresolved = f.Expand(ref, f.GlobalArgs)
	im.Range = in.Find(ref)
	if r, ok := in.FindAfter(ref, in.KeywordRange.End); ok {
		im.Range = r
		if st.Name != "" {
			if nr, ok := in.FindAfter(args[2], r.End); ok {
				st.NameRange = nr
			}
		}
	}
	lower := strings.ToLower(im.Expanded)
	switch {
	case lower == "scratch":
		im.Scratch = true
	case !im.Unresolved && f.StageByName(lower) != nil:
		im.Stage = f.StageByName(lower)
		st.Parent = im.Stage
		st.root, st.depth = im.Stage.Root(), im.Stage.depth+1
	default:
		im.Registry, im.Repository, im.Tag, im.Digest = splitImage(im.Expanded)
	}
	st.Image = im
	if st.root == nil {
		st.root, st.depth = st, 1
	}
	f.Stages = append(f.Stages, st)
	if _, taken := f.stageNames[st.Name]; st.Name != "" && !taken && f.stageNames != nil {
		f.stageNames[st.Name] = st
	}
	b.current = st
	// SHELL is part of the image config, so a stage built on another
	// inherits it; a stage built on an image starts from the default.
	b.shell = nil
	if st.Parent != nil {
		b.shell = st.Parent.EndShell()
	}
	b.stageShell = defaultShell
	if st.Root().Image.Windows() {
		b.stageShell = windowsShell
	}
}

// EndShell is the SHELL in effect at the end of the stage, set in it or in
// a stage it is built FROM; nil when none is (the default shell). It must
// be asked of a complete stage: the parser asks it when a later stage is
// built FROM this one, and remembers it, since a chain of thousands of
// stages would otherwise walk back to its root for each of them.
func (s *Stage) EndShell() []string {
	if s.endShellOK {
		return s.endShell
	}
	var sh []string
	found := false
	for i := len(s.Instructions) - 1; i >= 0 && !found; i-- {
		if c, ok := s.Instructions[i].Command.(*instructions.ShellCommand); ok {
			sh, found = c.Shell, true
		}
	}
	if !found && s.Parent != nil && s.Parent.Index < s.Index {
		sh = s.Parent.EndShell()
	}
	s.endShell, s.endShellOK = sh, true
	return sh
}

// finish drops comment lines that are heredoc body text.
func (b *builder) finish() {
	f := b.f
	var bodies []source.Range
	for _, in := range f.Instructions {
		for _, h := range in.Heredocs {
			if !h.Body.IsZero() {
				bodies = append(bodies, h.Body)
			}
		}
	}
	if len(bodies) == 0 {
		return
	}
	kept := f.Comments[:0]
	for _, c := range f.Comments {
		inBody := false
		for _, r := range bodies {
			if c.Line >= r.Start.Line && c.Line <= r.End.Line {
				inBody = true
				break
			}
		}
		if !inBody {
			kept = append(kept, c)
		}
	}
	f.Comments = kept
}
