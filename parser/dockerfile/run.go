package dockerfile

import (
	"path"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// nonPOSIX shells: their RUN scripts are not parsed.
var nonPOSIX = map[string]bool{"pwsh": true, "powershell": true, "cmd": true, "pwsh.exe": true, "powershell.exe": true, "cmd.exe": true}

// IsPOSIXShell reports whether a SHELL runs POSIX-like scripts.
func IsPOSIXShell(sh []string) bool {
	if len(sh) == 0 {
		return true
	}
	base := strings.ToLower(path.Base(strings.ReplaceAll(sh[0], `\`, "/")))
	return !nonPOSIX[base]
}

func isCommentLine(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " \t"), "#")
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// continues reports whether a line ends with the escape character (followed
// only by blanks), as BuildKit decides line continuation.
func continues(s string, escape rune) bool {
	t := strings.TrimRight(s, " \t")
	return strings.HasSuffix(t, string(escape))
}

// parseRun parses the shell of a RUN whose keyword (and ONBUILD prefix) end at after.
func (b *builder) parseRun(in *Instruction, after source.Position, sh []string) {
	f := b.f
	in.Shell = b.stageShell
	if in.Shell == nil {
		in.Shell = defaultShell
	}
	if len(sh) > 0 {
		in.Shell = sh
	}
	if !IsPOSIXShell(in.Shell) {
		return
	}
	// Bash syntax is a superset of what /bin/sh scripts use in practice; a
	// POSIX-only parse would drop every command of a script with one bashism.
	lang := syntax.LangBash
	if in.JSON {
		b.parseExecForm(in, lang)
		return
	}
	start, end := in.Range.Start.Line, in.Range.End.Line
	cmdEnd := start
	for n := start; n <= end; n++ {
		text := f.Lines.Text(n)
		if n > start && (isCommentLine(text) || isBlank(text)) {
			continue
		}
		cmdEnd = n
		if !continues(text, f.Escape) {
			break
		}
	}
	// The script is at most the instruction's lines, each ending in a
	// newline.
	var sb strings.Builder
	sb.Grow(f.Lines.LineStart(end+1) - f.Lines.LineStart(start) + 1)
	lineMap := make([]int, 0, end-start+1)
	// The flags by the line they start on: blanking each line looks at its
	// own flags only (a RUN of thousands of --mount lines was quadratic).
	var flagsAt map[int][]Flag
	if len(in.Flags) > 0 {
		flagsAt = map[int][]Flag{}
	}
	for _, fl := range in.Flags {
		flagsAt[fl.Range.Start.Line] = append(flagsAt[fl.Range.Start.Line], fl)
	}
	for n := start; n <= cmdEnd; n++ {
		text := f.Lines.Text(n)
		if n > start && (isCommentLine(text) || isBlank(text)) {
			continue
		}
		text = b.blankPrefix(flagsAt[n], n, text, after)
		if continues(text, f.Escape) {
			// The escape character, a backtick say, becomes the
			// backslash the shell continues lines with.
			text = strings.TrimRight(text, " \t")
			sb.WriteString(text[:len(text)-len(string(f.Escape))])
			sb.WriteByte('\\')
		} else {
			sb.WriteString(text)
		}
		sb.WriteByte('\n')
		lineMap = append(lineMap, n)
	}
	b.locateHeredocs(in, cmdEnd+1)
	for n := cmdEnd + 1; n <= end; n++ {
		sb.WriteString(f.Lines.Text(n))
		sb.WriteByte('\n')
		lineMap = append(lineMap, n)
	}
	script, err := b.parseScript(sb.String(), f.mapper(lineMap), lang)
	if err != nil {
		in.ScriptErr = err
		script = &shell.Script{}
	}
	in.Script = script
	b.parseHeredocScripts(in, lang)
}

// parseScript parses one of the file's scripts while the file's scripts
// hold at most shell.MaxFileWords words, and declines it after.
func (b *builder) parseScript(script string, at shell.Mapper, lang syntax.LangVariant) (*shell.Script, error) {
	if b.scriptWords += shell.CountWords(script); b.scriptWords > shell.MaxFileWords {
		return nil, shell.ErrFileWords
	}
	return shell.ParseVariant(script, at, lang)
}

// blankPrefix replaces the keyword and the flags on line n with spaces, so
// the shell sees only the command while columns stay where they were.
func (b *builder) blankPrefix(flags []Flag, n int, text string, after source.Position) string {
	if n != after.Line && len(flags) == 0 {
		return text // a line of the command alone, the most common
	}
	bs := []byte(text)
	blank := func(r source.Range) {
		if r.Start.Line != n {
			return
		}
		from := byteIndex(text, r.Start.Column)
		to := len(bs)
		if r.End.Line == n {
			to = byteIndex(text, r.End.Column)
		}
		for i := from; i < to && i < len(bs); i++ {
			bs[i] = ' '
		}
	}
	if n == after.Line {
		blank(source.Range{Start: source.Position{Line: n, Column: 1}, End: after})
	}
	for _, fl := range flags {
		blank(fl.Range)
	}
	return string(bs)
}

// byteIndex converts a 1-based code-point column into a byte index in s.
func byteIndex(s string, col int) int {
	i := 0
	for c := 1; c < col && i < len(s); c++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

func (f *File) mapper(lineMap []int) shell.Mapper {
	return func(line, byteCol int) source.Position {
		if len(lineMap) == 0 {
			return source.Position{Line: 1, Column: byteCol}
		}
		if line < 1 {
			line = 1
		}
		if line > len(lineMap) {
			last := lineMap[len(lineMap)-1]
			return source.Position{Line: last, Column: len([]rune(f.Lines.Text(last))) + 1}
		}
		n := lineMap[line-1]
		return source.Position{Line: n, Column: f.Lines.ByteColumn(n, byteCol)}
	}
}

// locateHeredocs finds the body lines of each heredoc, which follow the
// instruction's logical line one after another.
func (b *builder) locateHeredocs(in *Instruction, from int) {
	n := from
	for i := range in.Heredocs {
		h := &in.Heredocs[i]
		start := n
		for ; n <= in.Range.End.Line; n++ {
			text := b.f.Lines.Text(n)
			if h.Chomp {
				text = strings.TrimLeft(text, "\t")
			}
			if text == h.Name {
				break
			}
		}
		h.Body = source.LineRange(start, n)
		n++
	}
}

// parseHeredocScripts adds the commands of heredoc bodies that the shell
// runs as a script: `RUN <<EOF` alone, or fed to a shell (`RUN bash <<EOF`).
func (b *builder) parseHeredocScripts(in *Instruction, lang syntax.LangVariant) {
	if len(in.Heredocs) == 0 {
		return
	}
	runsBody := len(in.Script.Commands) == 0
	if !runsBody {
		runsBody = true
		for _, c := range in.Script.Commands {
			if c.Via != nil {
				continue
			}
			if !c.Is("sh", "bash", "ash", "dash", "zsh") || hasPositional(c) {
				runsBody = false
			}
		}
	}
	if !runsBody {
		return
	}
	for _, h := range in.Heredocs {
		if h.Body.IsZero() || h.Body.End.Line <= h.Body.Start.Line {
			continue
		}
		first := b.f.Lines.Text(h.Body.Start.Line)
		if strings.HasPrefix(first, "#!") {
			interp := strings.Fields(strings.TrimPrefix(first, "#!"))
			if len(interp) > 0 {
				name := path.Base(interp[0])
				if name == "env" && len(interp) > 1 {
					name = interp[1]
				}
				if name != "sh" && name != "bash" && name != "ash" && name != "dash" && name != "zsh" && name != "ksh" {
					continue
				}
			}
		}
		var sb strings.Builder
		var lineMap []int
		for n := h.Body.Start.Line; n < h.Body.End.Line; n++ {
			sb.WriteString(b.f.Lines.Text(n))
			sb.WriteByte('\n')
			lineMap = append(lineMap, n)
		}
		s, err := b.parseScript(sb.String(), b.f.mapper(lineMap), lang)
		if err != nil {
			if in.ScriptErr == nil {
				in.ScriptErr = err
			}
			continue
		}
		in.Script.Commands = append(in.Script.Commands, s.Commands...)
	}
}

func hasPositional(c *shell.Command) bool {
	for _, a := range c.Args {
		if !strings.HasPrefix(a.Value, "-") && !strings.HasPrefix(a.Value, "<<") {
			return true
		}
	}
	return false
}

// parseExecForm turns ["cmd", "arg"] into a one-command script with each
// word located in the source.
func (b *builder) parseExecForm(in *Instruction, lang syntax.LangVariant) {
	var words []shell.Word
	cursor := in.KeywordRange.End
	for _, a := range in.Args {
		w := shell.Word{Raw: jsonQuote(a), Value: a, Lit: true, Range: in.KeywordRange}
		if r, ok := in.FindAfter(w.Raw, cursor); ok {
			w.Range, cursor = r, r.End
		}
		words = append(words, w)
	}
	in.Script = shell.FromArgv(words, lang)
}
