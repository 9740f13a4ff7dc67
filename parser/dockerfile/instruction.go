package dockerfile

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// Instruction is one instruction with its typed command and positions.
type Instruction struct {
	Node    *bkparser.Node
	Keyword string // as written: "run", "RUN"
	Cmd     string // lower-case keyword: "run"
	// Command is BuildKit's typed command (*instructions.RunCommand,
	// *instructions.Stage for FROM, …), nil when BuildKit rejects the instruction.
	Command      any
	Range        source.Range // from the keyword to the end of the last line (heredocs included)
	KeywordRange source.Range
	Flags        []Flag
	Args         []string // BuildKit's argument words
	JSON         bool     // exec (JSON array) form
	Heredocs     []Heredoc
	Stage        *Stage       // nil before the first FROM
	Inner        *Instruction // the instruction of an ONBUILD
	Comments     []string     // the comment lines just above, as BuildKit collects them

	// For RUN: the shell that runs it (SHELL in effect, default /bin/sh -c)
	// and its script parsed into commands. Script is nil for exec form
	// without a shell, for a non-POSIX SHELL, and when the shell did not parse.
	Shell     []string
	Script    *shell.Script
	ScriptErr error

	file *File
}

// Flag is a `--name=value` flag of an instruction.
type Flag struct {
	Name  string // without dashes
	Value string
	Range source.Range
}

// Heredoc is a heredoc attached to RUN, COPY or ADD.
type Heredoc struct {
	Name    string
	Content string
	Expand  bool
	Chomp   bool
	// Body covers the body lines and the terminator line.
	Body source.Range
}

// Flag returns the first flag with the given name.
func (in *Instruction) Flag(name string) (Flag, bool) {
	for _, fl := range in.Flags {
		if fl.Name == name {
			return fl, true
		}
	}
	return Flag{}, false
}

// FlagValues returns the values of every flag with the given name (--mount may repeat).
func (in *Instruction) FlagValues(name string) []string {
	var out []string
	for _, fl := range in.Flags {
		if fl.Name == name {
			out = append(out, fl.Value)
		}
	}
	return out
}

// Line is the instruction's first line.
func (in *Instruction) Line() int { return in.Range.Start.Line }

// Find locates the first occurrence of token in the instruction's source,
// after its keyword, and returns its range; the instruction's first line
// when the token cannot be found (it came through a variable, say).
func (in *Instruction) Find(token string) source.Range {
	r, ok := in.FindAfter(token, in.KeywordRange.End)
	if !ok {
		return in.firstLine()
	}
	return r
}

// FindAfter locates token after position from.
func (in *Instruction) FindAfter(token string, from source.Position) (source.Range, bool) {
	if token == "" {
		return source.Range{}, false
	}
	lines := in.file.Lines
	start := lines.Offset(from)
	end := lines.Offset(source.Position{Line: in.Range.End.Line + 1})
	end = min(end, len(in.file.Src))
	if start > end {
		return source.Range{}, false
	}
	seg := in.file.Src[start:end]
	i, n := indexWhole(seg, token), len(token)
	if i < 0 && in.file.invalidUTF8 && strings.ContainsRune(token, utf8.RuneError) {
		i, n = indexReplaced(seg, token)
	}
	if i < 0 {
		return source.Range{}, false
	}
	return lines.Span(start+i, n), true
}

// indexWhole finds token in src where it starts and ends between
// characters: BuildKit may cut a word inside a character (FROM --ㅰ gives
// the image "\xb0"), and such a piece is not the word. A byte that is not
// UTF-8 is a character of its own.
func indexWhole(src []byte, token string) int {
	for off := 0; off < len(src); {
		i := bytes.Index(src[off:], []byte(token))
		if i < 0 {
			return -1
		}
		i += off
		if betweenCharacters(src, i) && betweenCharacters(src, i+len(token)) {
			return i
		}
		off = i + 1
	}
	return -1
}

// betweenCharacters reports whether offset i of src does not fall inside
// the encoding of a character, src read from its start as a decoder reads
// it: a character, or a single byte that is not UTF-8, at a time.
func betweenCharacters(src []byte, i int) bool {
	if i <= 0 || i >= len(src) || utf8.RuneStart(src[i]) {
		return true
	}
	// A continuation byte is inside a character when a lead byte at most
	// three bytes back starts a valid encoding that reaches past it. That
	// lead byte is itself between characters: no valid encoding holds a
	// lead byte after its first.
	for k := 1; k <= min(3, i); k++ {
		if r, w := utf8.DecodeRune(src[i-k:]); !(r == utf8.RuneError && w == 1) && w > k {
			return false
		}
	}
	return true
}

// indexReplaced finds token in src where a U+FFFD of token stands for a run
// of bytes that are not UTF-8 (as BuildKit was given the file) or for
// itself; it returns the offset and length of the match, or -1.
func indexReplaced(src []byte, token string) (at, n int) {
	// From code point to code point: a match may not start inside a
	// character, whose trailing bytes alone read as bad ones.
	for i := 0; i < len(src); {
		if n, ok := matchReplaced(src[i:], token); ok {
			return i, n
		}
		_, w := utf8.DecodeRune(src[i:])
		i += w
	}
	return -1, 0
}

// matchReplaced reports whether src starts with token, U+FFFD standing for
// a run of bad bytes, and how many bytes of src match.
func matchReplaced(src []byte, token string) (int, bool) {
	j := 0
	for _, r := range token {
		if r != utf8.RuneError {
			var buf [utf8.UTFMax]byte
			w := utf8.EncodeRune(buf[:], r)
			if !bytes.HasPrefix(src[j:], buf[:w]) {
				return 0, false
			}
			j += w
			continue
		}
		if c, w := utf8.DecodeRune(src[j:]); c == utf8.RuneError && w == 3 {
			j += 3 // a U+FFFD written in the file
			continue
		}
		run := 0
		for j+run < len(src) {
			if c, w := utf8.DecodeRune(src[j+run:]); c != utf8.RuneError || w != 1 {
				break
			}
			run++
		}
		if run == 0 {
			return 0, false
		}
		j += run
	}
	return j, true
}

// findFlag locates `--name=…` after from, up to the next blank.
func (in *Instruction) findFlag(name string, from source.Position) (source.Range, bool) {
	r, ok := in.FindAfter("--"+name+"=", from)
	if !ok {
		return r, false
	}
	lines := in.file.Lines
	off := lines.Offset(r.Start)
	end := off
	quote := byte(0)
	for end < len(in.file.Src) {
		c := in.file.Src[end]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
		} else if c == '"' || c == '\'' {
			quote = c
		} else if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		end++
	}
	return lines.Span(off, end-off), true
}

// keywordIndex finds the instruction keyword on its first line: the first
// case-insensitive occurrence that starts a word.
func keywordIndex(line, keyword string) int {
	if keyword == "" {
		return -1
	}
	// Keywords are ASCII: compare folding ASCII case in place, without
	// lower-casing (and copying) the whole line, whose byte offsets a
	// Unicode lower-casing could also shift.
	for at := 0; at+len(keyword) <= len(line); at++ {
		if (at == 0 || line[at-1] == ' ' || line[at-1] == '\t') && equalFoldASCII(line[at:at+len(keyword)], keyword) {
			return at
		}
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func (in *Instruction) firstLine() source.Range {
	return source.Range{Start: in.KeywordRange.Start, End: source.Position{Line: in.Range.Start.Line, Column: utf8.RuneCountInString(in.file.Lines.Text(in.Range.Start.Line)) + 1}}
}

// Text is the instruction's source text, lines joined with "\n".
func (in *Instruction) Text() string {
	var sb strings.Builder
	for n := in.Range.Start.Line; n <= in.Range.End.Line; n++ {
		if n > in.Range.Start.Line {
			sb.WriteByte('\n')
		}
		sb.WriteString(in.file.Lines.Text(n))
	}
	return sb.String()
}

// Stage is one build stage: a FROM and the instructions after it.
type Stage struct {
	Index     int
	Name      string // lower-case, as BuildKit uses it; "" when unnamed
	NameRange source.Range
	From      *Instruction
	Image     Image
	Platform  string
	// Parent is the earlier stage this one is built FROM, nil for an image.
	Parent       *Stage
	Instructions []*Instruction // after the FROM

	root       *Stage   // the first stage of the chain, set by the parser
	depth      int      // the stages of the chain, this one included (0: not set)
	endShell   []string // EndShell, once asked
	endShellOK bool
}

// Ref is how a stage is named in messages: its name or its index.
func (s *Stage) Ref() string {
	if s.Name != "" {
		return s.Name
	}
	return "#" + itoa(s.Index)
}

// Chain returns the stage followed by its ancestors through FROM <stage>.
// A parent is always an earlier stage, so the walk ends.
func (s *Stage) Chain() []*Stage {
	out := make([]*Stage, 0, max(s.depth, 1))
	for st := s; st != nil; st = st.Parent {
		out = append(out, st)
		if st.Parent != nil && st.Parent.Index >= st.Index {
			break // not a chain the parser made: no loops
		}
	}
	return out
}

// Root is the first stage of the chain: the one based on a real image.
func (s *Stage) Root() *Stage {
	if s.root != nil {
		return s.root
	}
	c := s.Chain()
	return c[len(c)-1]
}

// InstructionsOf returns the stage's instructions whose Cmd is one of cmds.
func (s *Stage) InstructionsOf(cmds ...string) []*Instruction {
	var out []*Instruction
	for _, in := range s.Instructions {
		for _, c := range cmds {
			if in.Cmd == c {
				out = append(out, in)
				break
			}
		}
	}
	return out
}

// Image is a base image reference of a FROM.
type Image struct {
	Ref      string // as written: "python:${PY}-slim"
	Expanded string // with ARG values substituted: "python:3.12-slim"
	// Unresolved is set when the reference uses a variable with no value.
	Unresolved bool
	Registry   string // "ghcr.io"; "" for Docker Hub
	Repository string // "python", "library/python" stays "python", "org/app"
	Tag        string
	Digest     string
	Scratch    bool
	Stage      *Stage // set when the reference names an earlier stage
	Range      source.Range
}

// Name is the image without tag or digest: "ghcr.io/org/app" or "python".
func (im Image) Name() string {
	if im.Registry != "" {
		return im.Registry + "/" + im.Repository
	}
	return im.Repository
}

// Official reports whether the image is a Docker Official Image (Docker Hub library).
func (im Image) Official() bool {
	return (im.Registry == "" || im.Registry == "docker.io" || im.Registry == "index.docker.io") && !strings.Contains(strings.TrimPrefix(im.Repository, "library/"), "/")
}

// Windows reports whether the image is a Windows image, by its name
// (windows/servercore, nanoserver, an ltsc20xx tag, …): BuildKit runs its
// RUN instructions with cmd, not /bin/sh.
func (im Image) Windows() bool {
	ref := strings.ToLower(im.Expanded)
	if ref == "" {
		ref = strings.ToLower(im.Ref)
	}
	for _, w := range []string{"windows", "servercore", "nanoserver", "ltsc20"} {
		if strings.Contains(ref, w) {
			return true
		}
	}
	return false
}

// IsImage reports whether the FROM names a real, resolved image (not a stage, not scratch).
func (im Image) IsImage() bool { return im.Stage == nil && !im.Scratch && !im.Unresolved }

// splitImage splits an expanded reference into registry, repository, tag and digest.
func splitImage(ref string) (registry, repo, tag, digest string) {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref, digest = ref[:i], ref[i+1:]
	}
	if i := strings.LastIndex(ref, ":"); i >= 0 && !strings.Contains(ref[i:], "/") {
		ref, tag = ref[:i], ref[i+1:]
	}
	if i := strings.Index(ref, "/"); i >= 0 {
		first := ref[:i]
		if strings.ContainsAny(first, ".:") || first == "localhost" {
			registry, ref = first, ref[i+1:]
		}
	}
	if registry == "docker.io" || registry == "index.docker.io" {
		registry = ""
	}
	repo = strings.TrimPrefix(ref, "library/")
	return registry, repo, tag, digest
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

// nodeArgs returns the argument words of a node.
func nodeArgs(n *bkparser.Node) []string {
	count := 0
	for a := n.Next; a != nil; a = a.Next {
		count++
	}
	if count == 0 {
		return nil
	}
	out := make([]string, 0, count)
	for a := n.Next; a != nil; a = a.Next {
		out = append(out, a.Value)
	}
	return out
}

// jsonQuote is how a string of an exec-form array is usually written.
func jsonQuote(s string) string {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
