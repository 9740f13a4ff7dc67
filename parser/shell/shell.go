// Package shell parses the shell scripts of RUN instructions with
// mvdan.cc/sh into simple commands whose words keep their position in the
// Dockerfile, so rules reason about commands, never about raw text.
package shell

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dlint/dlint/parser/source"
)

// Mapper turns a position in the script text (1-based line, 1-based byte
// column) into a position in the file the script came from.
type Mapper func(line, byteCol int) source.Position

// Word is one shell word.
type Word struct {
	Raw   string // as written, quotes included
	Value string // quotes removed; expansions kept as written ("$PKGS")
	Lit   bool   // no expansion at all: Value is exactly what the shell sees
	Range source.Range
}

// Command is one simple command.
type Command struct {
	Name    Word
	Args    []Word
	Assigns []Word // VAR=value prefixes
	Range   source.Range
	// Op is the operator that joins this command to the one before it
	// ("&&", "||", "|", ";" or "" for the first); InPipeline is set for every
	// command on either side of a pipe.
	Op         string
	InPipeline bool
	// InSubshell is set for commands run in a subshell, a command or
	// process substitution: what they change (cd, variables) does not last.
	InSubshell bool
	// Via is the command this one was found inside: the wrapper of a
	// `sudo CMD`, `env X=1 CMD`, `xargs CMD`, or the `sh -c '…'` whose body it is.
	Via *Command
	// Wraps is the command a wrapper runs: CMD for `sudo CMD` (whose Via
	// is then this command).
	Wraps *Command
	// Container is the command whose words hold this one in a command or
	// process substitution (`echo $(CMD)`), nil for a command of its own.
	Container *Command

	base string // Base, set when the command joins a Script
}

// Base is the command's name without its directory: "/usr/bin/apt-get" → "apt-get".
// Rules ask it of every command many times over; a Script's commands have
// it computed once.
func (c *Command) Base() string {
	if c.base != "" {
		return c.base
	}
	return path.Base(c.Name.Value)
}

// push appends a command to the script's list.
func (s *Script) push(c *Command) {
	c.base = path.Base(c.Name.Value)
	s.Commands = append(s.Commands, c)
}

// Is reports whether the command's base name is one of names.
func (c *Command) Is(names ...string) bool {
	b := c.Base()
	for _, n := range names {
		if b == n {
			return true
		}
	}
	return false
}

// Words returns the name followed by the arguments.
func (c *Command) Words() []Word { return append([]Word{c.Name}, c.Args...) }

// ArgValues returns the arguments' values.
func (c *Command) ArgValues() []string {
	out := make([]string, len(c.Args))
	for i, a := range c.Args {
		out[i] = a.Value
	}
	return out
}

// Script is a parsed shell script.
type Script struct {
	// Commands lists every simple command in source order, including those
	// inside subshells, conditionals, loops, command substitutions, `sh -c`
	// bodies and behind wrappers such as sudo (those carry Via).
	Commands []*Command
	// Comments holds where each shell comment (`cmd # note`) starts: text
	// added after one on its line is part of it.
	Comments []source.Position
}

// parsers are reused: a parser's buffers are most of the cost of a small script.
var parsers sync.Map // LangVariant → *sync.Pool

func getParser(lang syntax.LangVariant) *syntax.Parser {
	// Load before LoadOrStore: the pool LoadOrStore is given is allocated
	// at every call, whether it is stored or not.
	pool, ok := parsers.Load(lang)
	if !ok {
		pool, _ = parsers.LoadOrStore(lang, &sync.Pool{New: func() any {
			return syntax.NewParser(syntax.Variant(lang), syntax.KeepComments(true))
		}})
	}
	return pool.(*sync.Pool).Get().(*syntax.Parser)
}

func putParser(lang syntax.LangVariant, p *syntax.Parser) {
	if pool, ok := parsers.Load(lang); ok {
		pool.(*sync.Pool).Put(p)
	}
}

// Variant is the shell dialect a script is parsed as.
type Variant = syntax.LangVariant

// Parse parses script. at maps script positions back to the source file.
func Parse(script string, at Mapper) (*Script, error) {
	return ParseVariant(script, at, syntax.LangBash)
}

// ParseVariant parses script in the given dialect.
func ParseVariant(script string, at Mapper, lang Variant) (*Script, error) {
	s := &Script{}
	err := s.add(script, at, lang, nil, 0)
	return s, err
}

const maxNesting = 8

// maxDepth bounds how deeply a script's commands may nest before dlint
// declines to analyse it: the shell parser and the walks over its tree
// recurse once per level, and a hostile script of a few hundred thousand
// nested subshells would exhaust the stack (a fatal error, not a panic).
const maxDepth = 1000

// ErrTooDeep is the error of a script nested deeper than maxDepth.
var ErrTooDeep = fmt.Errorf("commands nested more than %d levels deep: the script is not analysed", maxDepth)

// maxLevels bounds levelBound: the syntax tree of a script can be no deeper
// than the brackets, operators and compound keywords it holds, whatever its
// quotes. nestingDepth reads brackets and keywords as a shell would, closers
// included, so a closer the shell reads as text (")" in quotes, "echo fi")
// takes a level off that the parser keeps; and chains of && | || and
// arithmetic (1+1+…, !!…) nest without brackets. The shell parser and the
// walk over its tree recurse once per level, about 2.5 KB each: 600,000
// levels exhausted the stack (a fatal error, not a panic) and 70,000 took
// 24 GB. At this bound they take at most about 100 MB; a script reaches it
// with some 3,000 lines of commands.
const maxLevels = 40_000

// ErrTooComplex is the error of a script over maxLevels.
var ErrTooComplex = fmt.Errorf("over %d brackets, operators and compound keywords: the script is not analysed", maxLevels)

// maxCommands bounds the commands of one script dlint analyses: each costs
// its syntax tree and its Command, some 700 bytes, so a heredoc of millions
// of one-word lines would take gigabytes. Real scripts hold tens.
const maxCommands = 250_000

// ErrTooLarge is the error of a script whose lines and separators allow
// more than maxCommands commands.
var ErrTooLarge = fmt.Errorf("over %d lines and commands: the script is not analysed", maxCommands)

// MaxFileWords bounds the words of all the scripts of one file dlint
// analyses (the file's parser keeps the count: CountWords before each
// script): each costs its syntax node and its place in dlint's command
// model, some 130 bytes with the collector's room, and 8 MiB of RUN lines
// of one-letter arguments hold four million words (540 MB). Real files
// hold a few thousand.
const MaxFileWords = 1_000_000

// ErrFileWords is the error of a script left unparsed because the scripts
// of its file before it already hold MaxFileWords words.
var ErrFileWords = fmt.Errorf("the file's scripts hold over %d words: this one is not analysed", MaxFileWords)

// CountWords over-estimates the words of script: its runs of bytes that
// are not blanks (quotes may join several into one word).
func CountWords(script string) int {
	n, inWord := 0, false
	for i := 0; i < len(script); i++ {
		switch script[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			inWord = false
		default:
			if !inWord {
				n++
			}
			inWord = true
		}
	}
	return n
}

// Declined reports whether err is dlint declining to analyse a script
// (ErrTooDeep, ErrTooComplex, ErrTooLarge, ErrFileWords) rather than the script failing
// to parse.
func Declined(err error) bool {
	return errors.Is(err, ErrTooDeep) || errors.Is(err, ErrTooComplex) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrFileWords)
}

// commandBound is at least the number of simple commands in script: every
// one after the first follows a newline, one of ; & | or opens with ( or `.
// (Unwrapping sudo, env and the like adds at most maxNesting commands to
// each.)
func commandBound(script string) int {
	n := 1
	for i := 0; i < len(script); i++ {
		switch script[i] {
		case '\n', ';', '&', '|', '(', '`':
			n++
		}
	}
	return n
}

func (s *Script) add(script string, at Mapper, lang Variant, via *Command, depth int) error {
	// Every level of nesting takes at least a byte: a shorter script
	// cannot be too deep, and most are.
	if len(script) > maxDepth && nestingDepth(script) > maxDepth {
		return ErrTooDeep
	}
	if len(script) > maxLevels && levelBound(script) > maxLevels {
		return ErrTooComplex
	}
	if len(script) > maxCommands && commandBound(script) > maxCommands {
		return ErrTooLarge
	}
	p := getParser(lang)
	f, err := p.Parse(strings.NewReader(script), "")
	putParser(lang, p)
	if err != nil {
		return err
	}
	b := &builder{script: script, at: at, ops: map[*syntax.CallExpr]string{},
		s: s, lang: lang, via: via, depth: depth}
	b.stack, b.containers = b.stackRoom[:0], b.containersRoom[:0]
	syntax.Walk(f, b.visit)
	return nil
}

// visit is the walk's visitor: one pre-order walk, in which the ancestors
// on the stack say what a command is inside. Every write to ops for a call
// comes from one of its ancestors, so it is complete when the call itself
// is reached.
func (b *builder) visit(n syntax.Node) bool {
	if n == nil { // leaving the node on top of the stack
		switch top := b.stack[len(b.stack)-1].(type) {
		case *syntax.Subshell, *syntax.CmdSubst, *syntax.ProcSubst:
			b.inSub--
		case *syntax.BinaryCmd:
			if isPipe(top) {
				b.inPipe--
			}
		case *syntax.CallExpr, *syntax.DeclClause:
			b.containers = b.containers[:len(b.containers)-1]
		}
		b.stack = b.stack[:len(b.stack)-1]
		return true
	}
	if w, ok := n.(*syntax.Word); ok && literalWord(w) {
		return false // nothing inside to visit: most words of a script
	}
	b.stack = append(b.stack, n)
	first, second := stmtLists(n)
	for _, list := range [2][]*syntax.Stmt{first, second} {
		for _, st := range list[min(1, len(list)):] {
			if call := firstCall(st); call != nil && b.ops[call] == "" {
				b.ops[call] = ";"
			}
		}
	}
	var cmd *Command
	switch n := n.(type) {
	case *syntax.Comment:
		b.s.Comments = append(b.s.Comments, b.at(int(n.Hash.Line()), int(n.Hash.Col())))
		return true
	case *syntax.BinaryCmd:
		if first := firstCall(n.Y); first != nil {
			b.ops[first] = n.Op.String()
		}
		if isPipe(n) {
			b.inPipe++
		}
		return true
	case *syntax.Subshell, *syntax.CmdSubst, *syntax.ProcSubst:
		b.inSub++
		return true
	case *syntax.CallExpr:
		if len(n.Args) > 0 {
			cmd = b.command(n, b.inPipe > 0)
		}
	case *syntax.DeclClause:
		// export, declare, local, readonly, typeset, nameref: builtins
		// whose arguments are assignments.
		cmd = b.declaration(n)
	default:
		return true
	}
	if cmd != nil {
		cmd.InSubshell = b.inSub > 0
		// The nearest enclosing call is the one whose words hold the
		// substitution this command is in.
		if len(b.containers) > 0 {
			cmd.Container = b.containers[len(b.containers)-1]
		}
		cmd.Via = b.via
		b.s.push(cmd)
		b.s.unwrap(cmd, b.at, b.lang, b.depth)
	}
	b.containers = append(b.containers, cmd)
	return true
}

// literalWord reports whether w is made of literal text and single-quoted
// strings only, so that no command can be inside it.
func literalWord(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.Lit, *syntax.SglQuoted:
		default:
			return false
		}
	}
	return true
}

func isPipe(bc *syntax.BinaryCmd) bool {
	return bc.Op == syntax.Pipe || bc.Op == syntax.PipeAll
}

// nestingDepth over-estimates how deeply script's commands nest: every
// parenthesis and brace opens a level, and so does a compound command's
// keyword (if, while, until, for, case, select) until its closing one;
// quotes are not considered, so quoted brackets count too.
func nestingDepth(script string) int {
	depth, deepest, word := 0, 0, 0
	endWord := func(end int) {
		switch script[word:end] {
		case "if", "while", "until", "for", "case", "select":
			depth++
		case "fi", "done", "esac":
			depth--
		}
	}
	for i := 0; i < len(script); i++ {
		c := script[i]
		if !wordEnd[c] {
			continue
		}
		endWord(i)
		word = i + 1
		switch c {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		}
		depth = max(depth, 0)
		deepest = max(deepest, depth)
	}
	endWord(len(script))
	return max(deepest, depth)
}

// levelBound is at least the depth of script's syntax tree: every level
// takes a bracket, an operator or a keyword that nests (nestingKeyword),
// and they are all counted, quoted or not, closers too.
func levelBound(script string) int {
	n, word := 0, 0
	for i := 0; i < len(script); i++ {
		c := script[i]
		if levelByte[c] {
			n++
		}
		if !wordEnd[c] {
			continue
		}
		if nestingKeyword(script[word:i]) {
			n++
		}
		word = i + 1
	}
	if nestingKeyword(script[word:]) {
		n++
	}
	return n
}

// nestingKeyword reports whether the word may start a command that holds
// others: a compound command, a coprocess, a timed pipeline, a function.
func nestingKeyword(word string) bool {
	switch word {
	case "if", "elif", "while", "until", "for", "case", "select", "time", "coproc", "function":
		return true
	}
	return false
}

// levelByte holds the bytes that may open a level of the syntax tree:
// brackets, the operators of command lists, tests and arithmetic.
var levelByte = func() (t [256]bool) {
	for _, c := range []byte("(){}[]`&|!+-*/%<>=^,?:~") {
		t[c] = true
	}
	return t
}()

// wordEnd holds the bytes that end a word for nestingDepth: blanks,
// operators and brackets. A table: nestingDepth reads every byte of every
// script.
var wordEnd = func() (t [256]bool) {
	for _, c := range []byte(" \t\n;&|<>(){}") {
		t[c] = true
	}
	return t
}()

// stmtLists returns the statement lists a node holds (at most two):
// statements after the first of a list follow the one before them as if
// joined by ";".
func stmtLists(n syntax.Node) (first, second []*syntax.Stmt) {
	switch n := n.(type) {
	case *syntax.File:
		return n.Stmts, nil
	case *syntax.Block:
		return n.Stmts, nil
	case *syntax.Subshell:
		return n.Stmts, nil
	case *syntax.CmdSubst:
		return n.Stmts, nil
	case *syntax.IfClause:
		return n.Cond, n.Then
	case *syntax.WhileClause:
		return n.Cond, n.Do
	case *syntax.ForClause:
		return n.Do, nil
	case *syntax.CaseItem:
		return n.Stmts, nil
	}
	return nil, nil
}

// firstCall is the first command with words in st, in the order of a
// syntax.Walk. The common shapes, a command, or operators whose leftmost
// operand is one, are answered without a walk; the others with one walk.
func firstCall(st *syntax.Stmt) *syntax.CallExpr {
	if c := leftmostCall(st); c != nil {
		return c
	}
	return walkFirstCall(st)
}

// leftmostCall is st's command, or the leftmost operand's of st's
// operators, when it has words: necessarily the first a walk meets.
func leftmostCall(st *syntax.Stmt) *syntax.CallExpr {
	for {
		switch c := st.Cmd.(type) {
		case *syntax.CallExpr:
			if len(c.Args) > 0 {
				return c
			}
			return nil
		case *syntax.BinaryCmd:
			st = c.X
		default:
			return nil
		}
	}
}

func walkFirstCall(st *syntax.Stmt) *syntax.CallExpr {
	var found *syntax.CallExpr
	syntax.Walk(st, func(n syntax.Node) bool {
		if found != nil {
			return false
		}
		if c, ok := n.(*syntax.CallExpr); ok && len(c.Args) > 0 {
			found = c
			return false
		}
		return true
	})
	return found
}

// builder turns one script's syntax tree into its Commands; it holds the
// walk's state in one allocation.
type builder struct {
	script string
	at     Mapper
	ops    map[*syntax.CallExpr]string // the operator before each command

	s     *Script  // the script the commands join
	lang  Variant  // for the bodies of `sh -c`
	via   *Command // the command this script was found inside
	depth int      // how deep in such bodies

	stack          []syntax.Node   // the ancestors of the node visited
	stackRoom      [16]syntax.Node // scripts seldom nest deeper: the stack's first room
	containers     []*Command      // the enclosing calls and declarations; nil when one has no words
	containersRoom [8]*Command
	inSub          int // enclosing subshells and substitutions
	inPipe         int // enclosing pipelines
}

func (b *builder) rng(from, to syntax.Pos) source.Range {
	return source.Range{
		Start: b.at(int(from.Line()), int(from.Col())),
		End:   b.at(int(to.Line()), int(to.Col())),
	}
}

func (b *builder) word(w *syntax.Word) Word {
	raw := ""
	if s, e := int(w.Pos().Offset()), int(w.End().Offset()); s >= 0 && e <= len(b.script) && s <= e {
		raw = b.script[s:e]
	}
	value, lit := wordValue(w.Parts, raw, b.script)
	return Word{Raw: raw, Value: value, Lit: lit, Range: b.rng(w.Pos(), w.End())}
}

func (b *builder) declaration(d *syntax.DeclClause) *Command {
	cmd := &Command{
		Name:  Word{Raw: d.Variant.Value, Value: d.Variant.Value, Lit: true, Range: b.rng(d.Variant.Pos(), d.Variant.End())},
		Range: b.rng(d.Pos(), d.End()),
	}
	for _, as := range d.Args {
		s, e := int(as.Pos().Offset()), int(as.End().Offset())
		raw := ""
		if s >= 0 && e <= len(b.script) && s <= e {
			raw = b.script[s:e]
		}
		value, lit := raw, true
		switch {
		case as.Naked && as.Value != nil:
			value, lit = wordValue(as.Value.Parts, raw, b.script)
		case as.Name != nil && as.Value != nil:
			v, l := wordValue(as.Value.Parts, raw, b.script)
			value, lit = as.Name.Value+"="+capped(v, l), l
		case as.Name != nil:
			value = as.Name.Value
		}
		cmd.Args = append(cmd.Args, Word{Raw: raw, Value: value, Lit: lit, Range: b.rng(as.Pos(), as.End())})
	}
	return cmd
}

func (b *builder) command(call *syntax.CallExpr, piped bool) *Command {
	cmd := &Command{
		Name:       b.word(call.Args[0]),
		Op:         b.ops[call],
		InPipeline: piped,
		Range:      b.rng(call.Pos(), call.End()),
	}
	if len(call.Args) > 1 {
		cmd.Args = make([]Word, 0, len(call.Args)-1)
	}
	for _, a := range call.Args[1:] {
		cmd.Args = append(cmd.Args, b.word(a))
	}
	for _, as := range call.Assigns {
		s, e := int(as.Pos().Offset()), int(as.End().Offset())
		raw := ""
		if s >= 0 && e <= len(b.script) && s <= e {
			raw = b.script[s:e]
		}
		value := raw
		lit := true
		if as.Value != nil {
			v, l := wordValue(as.Value.Parts, raw, b.script)
			value, lit = as.Name.Value+"="+capped(v, l), l
		}
		cmd.Assigns = append(cmd.Assigns, Word{Raw: raw, Value: value, Lit: lit, Range: b.rng(as.Pos(), as.End())})
	}
	return cmd
}

// wordValue removes quoting; expansions are kept as they were written.
func wordValue(parts []syntax.WordPart, raw, script string) (string, bool) {
	if len(parts) == 1 { // most words: one literal, or one quoted string
		switch p := parts[0].(type) {
		case *syntax.Lit:
			if !strings.Contains(p.Value, `\`) {
				return p.Value, true
			}
		case *syntax.SglQuoted:
			return p.Value, true
		case *syntax.DblQuoted:
			return wordValue(p.Parts, raw, script)
		case *syntax.CmdSubst, *syntax.ParamExp, *syntax.ArithmExp, *syntax.ProcSubst, *syntax.ExtGlob, *syntax.BraceExp:
			if s, e := int(p.Pos().Offset()), int(p.End().Offset()); s >= 0 && e <= len(script) && s <= e {
				return script[s:e], false // the script's own bytes, not a copy
			}
		}
	}
	var sb strings.Builder
	lit := true
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			sb.WriteString(unescapeLit(p.Value))
		case *syntax.SglQuoted:
			sb.WriteString(p.Value)
		case *syntax.DblQuoted:
			v, l := wordValue(p.Parts, raw, script)
			sb.WriteString(capped(v, l))
			lit = lit && l
		default:
			lit = false
			s, e := int(p.Pos().Offset()), int(p.End().Offset())
			if s >= 0 && e <= len(script) && s <= e {
				if e-s > maxPartCopy {
					// A command substitution holds the words it nests, each
					// of which would copy it again: copying every one whole
					// costs the square of the nesting (2.8 GB for 6 MB).
					sb.WriteString(script[s : s+maxPartCopy])
					sb.WriteString("…")
				} else {
					sb.WriteString(script[s:e])
				}
			}
		}
	}
	return sb.String(), lit
}

// capped is a word's value as a longer one holds it: a value that is not
// literal past maxPartCopy keeps its start and "…" (see wordValue).
func capped(v string, lit bool) string {
	if lit || len(v) <= maxPartCopy {
		return v
	}
	return v[:maxPartCopy] + "…"
}

// maxPartCopy bounds the bytes of an expansion or substitution a word's
// Value copies when the word has other parts around it; past it, the Value
// holds its start and "…". Such a Value is not literal (Lit is false).
const maxPartCopy = 1024

// unescapeLit drops the backslashes of an unquoted literal: `\$` is "$".
func unescapeLit(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// FromArgv builds a script from an exec-form argument vector: one command,
// unwrapped like any other (so ["sh", "-c", "…"] yields the body's commands).
// at maps positions inside the words (line 1, byte column) to the file; it is
// used only for the bodies of `sh -c`.
func FromArgv(words []Word, lang Variant) *Script {
	s := &Script{}
	if len(words) == 0 {
		return s
	}
	cmd := &Command{Name: words[0], Args: words[1:], Range: source.Range{Start: words[0].Range.Start, End: words[len(words)-1].Range.End}}
	s.push(cmd)
	s.unwrap(cmd, nil, lang, 0)
	return s
}
