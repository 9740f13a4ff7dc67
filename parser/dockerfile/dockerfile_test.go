package dockerfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

func parse(t *testing.T, src string) *File {
	t.Helper()
	f, errs := Parse([]byte(src), Options{BuildArgs: map[string]string{"OVERRIDE": "3.20"}})
	if len(errs) > 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	return f
}

func pos(l, c int) source.Position { return source.Position{Line: l, Column: c} }

// words lists the commands of a RUN as "name@line:col arg@line:col …".
func words(in *Instruction) string {
	var parts []string
	for _, c := range in.Script.Commands {
		s := c.Name.Value + "@" + c.Name.Range.Start.String()
		for _, a := range c.Args {
			s += " " + a.Value + "@" + a.Range.Start.String()
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}

func TestStagesAndImages(t *testing.T) {
	f := parse(t, `# syntax=docker/dockerfile:1.7
ARG PY=3.12
ARG OVERRIDE=3.19
FROM --platform=$BUILDPLATFORM python:${PY}-slim AS Build
RUN echo hi
FROM build AS test
FROM alpine:${OVERRIDE}
FROM ghcr.io/org/app@sha256:abc
FROM scratch
`)
	if d, ok := f.Directive("syntax"); !ok || d.Value != "docker/dockerfile:1.7" || d.Range.Start != pos(1, 1) {
		t.Errorf("syntax directive: %+v", d)
	}
	if len(f.Stages) != 5 || len(f.Preamble) != 2 {
		t.Fatalf("%d stages, %d preamble instructions", len(f.Stages), len(f.Preamble))
	}
	b := f.Stages[0]
	if b.Name != "build" || b.Platform != "$BUILDPLATFORM" || b.NameRange.Start != pos(4, 53) {
		t.Errorf("stage 0: name %q platform %q name range %v", b.Name, b.Platform, b.NameRange)
	}
	want := Image{Ref: "python:${PY}-slim", Expanded: "python:3.12-slim", Repository: "python", Tag: "3.12-slim",
		Range: source.Range{Start: pos(4, 32), End: pos(4, 49)}}
	if diff := cmp.Diff(want, b.Image, cmp.AllowUnexported(Image{})); diff != "" {
		t.Errorf("image (-want +got):\n%s", diff)
	}
	if f.Stages[1].Parent != b || f.Stages[1].Image.Stage != b {
		t.Error("FROM build does not link to the build stage")
	}
	if got := f.Stages[2].Image.Tag; got != "3.20" {
		t.Errorf("--build-arg did not override the default: tag %q", got)
	}
	im := f.Stages[3].Image
	if im.Registry != "ghcr.io" || im.Repository != "org/app" || im.Digest != "sha256:abc" || im.Official() {
		t.Errorf("registry image: %+v", im)
	}
	if !f.Stages[4].Image.Scratch {
		t.Error("scratch not recognised")
	}
	if f.Stages[0].Instructions[0].Stage != b {
		t.Error("instruction not linked to its stage")
	}
}

func TestRunPositions(t *testing.T) {
	f := parse(t, "FROM alpine:3.20\n"+
		"RUN --mount=type=cache,target=/var/cache/apk \\\n"+
		"    # a comment BuildKit drops\n"+
		"\n"+
		"    apk add curl \\\n"+
		"      git && \\\n"+
		"    echo ok\n"+
		"RUN [\"sh\", \"-c\", \"apk add jq\"]\n"+
		"ONBUILD RUN apk add make\n")
	runs := f.Stages[0].InstructionsOf("run")
	if got, want := words(runs[0]), "apk@5:5 add@5:9 curl@5:13 git@6:7 | echo@7:5 ok@7:10"; got != want {
		t.Errorf("continuation RUN:\n got %s\nwant %s", got, want)
	}
	fl, ok := runs[0].Flag("mount")
	if !ok || fl.Value != "type=cache,target=/var/cache/apk" || fl.Range.Start != pos(2, 5) {
		t.Errorf("mount flag: %+v", fl)
	}
	if got, want := words(runs[1]), "sh@8:6 -c@8:12 apk add jq@8:18 | apk@8:19 add@8:23 jq@8:27"; got != want {
		t.Errorf("exec form:\n got %s\nwant %s", got, want)
	}
	ob := f.Stages[0].InstructionsOf("onbuild")[0]
	if ob.Inner == nil || ob.Inner.Cmd != "run" {
		t.Fatalf("ONBUILD inner: %+v", ob.Inner)
	}
	if got, want := words(ob.Inner), "apk@9:13 add@9:17 make@9:21"; got != want {
		t.Errorf("ONBUILD RUN:\n got %s\nwant %s", got, want)
	}
}

func TestHeredocs(t *testing.T) {
	f := parse(t, "FROM alpine:3.20\n"+
		"RUN <<EOF\n"+
		"set -e\n"+
		"apk add curl\n"+
		"EOF\n"+
		"RUN python3 <<PY\n"+
		"import os\n"+
		"PY\n"+
		"RUN <<-EOT bash\n"+
		"\tapk add git\n"+
		"\tEOT\n"+
		"COPY <<EOF /etc/motd\n"+
		"hello\n"+
		"EOF\n"+
		"RUN echo after\n")
	runs := f.Stages[0].InstructionsOf("run")
	if got, want := words(runs[0]), "set@3:1 -e@3:5 | apk@4:1 add@4:5 curl@4:9"; got != want {
		t.Errorf("heredoc script:\n got %s\nwant %s", got, want)
	}
	if h := runs[0].Heredocs[0]; h.Name != "EOF" || h.Body != source.LineRange(3, 5) {
		t.Errorf("heredoc: %+v", h)
	}
	if got, want := words(runs[1]), "python3@6:5"; got != want {
		t.Errorf("stdin heredoc is data, not commands:\n got %s\nwant %s", got, want)
	}
	if got, want := words(runs[2]), "bash@9:12 | apk@10:2 add@10:6 git@10:10"; got != want {
		t.Errorf("heredoc fed to bash:\n got %s\nwant %s", got, want)
	}
	if got := runs[3].Line(); got != 15 {
		t.Errorf("line after heredocs = %d, want 15", got)
	}
	for _, c := range f.Comments {
		t.Errorf("no comment lines expected, got %+v", c)
	}
}

func TestLineEndingsAndEscape(t *testing.T) {
	f := parse(t, "\xEF\xBB\xBFFROM alpine:3.20\r\nRUN apk add \\\r\n    curl\r\n")
	if got, want := words(f.Stages[0].Instructions[0]), "apk@2:5 add@2:9 curl@3:5"; got != want {
		t.Errorf("CRLF: got %s want %s", got, want)
	}
	if r := f.Stages[0].Image.Range; r.Start != pos(1, 6) {
		t.Errorf("BOM shifts columns: %v", r)
	}
	w := parse(t, "# escape=`\nFROM alpine:3.20\nRUN echo a `\n    && echo b\n")
	if w.Escape != '`' {
		t.Fatalf("escape = %q", w.Escape)
	}
	if got, want := words(w.Stages[0].Instructions[0]), "echo@3:5 a@3:10 | echo@4:8 b@4:13"; got != want {
		t.Errorf("backtick continuation: got %s want %s", got, want)
	}
	win := parse(t, "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo b\n")
	if in := win.Stages[0].InstructionsOf("run")[0]; in.Script != nil || in.Shell[0] != "cmd" {
		t.Errorf("a RUN on a Windows image runs with cmd, not sh: shell %v", in.Shell)
	}
	ps := parse(t, "FROM mcr.microsoft.com/powershell:lts\nSHELL [\"pwsh\", \"-Command\"]\nRUN Get-ChildItem | Select-Object Name\n")
	if in := ps.Stages[0].InstructionsOf("run")[0]; in.Script != nil || in.Shell[0] != "pwsh" {
		t.Errorf("a PowerShell RUN must not be parsed as sh: %+v", in.Script)
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]source.Error{
		"FROM alpine:3.20\nRUN <<EOF\necho x\n":      {Range: source.LineRange(2, 2), Message: "unterminated heredoc"},
		"FROM alpine:3.20\nRUNN echo\nRUN echo ok\n": {Message: "unknown instruction: RUNN (did you mean RUN?)"},
		"":                                     {Range: source.LineRange(1, 1), Message: "the Dockerfile is empty"},
		"# only a comment\n":                   {Message: "file with no instructions"},
		"FROM alpine\x00\n":                    {Message: "not a text file: NUL byte"},
		"FROM alpine:3.20\nCOPY --chown a b\n": {Message: "missing a value on flag: --chown"},
		// BuildKit counts the lines read before these errors.
		"# escape=0\nFROM alpine:3.20\n":                     {Range: source.LineRange(1, 1), Message: "invalid escape token '0'"},
		"# syntax=docker/dockerfile:1\n# escape=0\nFROM a\n": {Range: source.LineRange(2, 2), Message: "invalid escape token '0'"},
		"# escape=`\n# escape=`\nFROM alpine:3.20\n":         {Range: source.LineRange(2, 2), Message: "only one escape parser directive"},
	}
	for src, want := range cases {
		f, errs := Parse([]byte(src), Options{})
		if len(errs) != 1 {
			t.Errorf("%q: errors %v", src, errs)
			continue
		}
		if !strings.Contains(errs[0].Message, want.Message) {
			t.Errorf("%q: message %q, want %q", src, errs[0].Message, want.Message)
		}
		if !want.Range.IsZero() && errs[0].Range != want.Range {
			t.Errorf("%q: range %v, want %v", src, errs[0].Range, want.Range)
		}
		if f == nil || f.Lines == nil {
			t.Errorf("%q: no file returned", src)
		}
	}
	// The instructions around a bad one are still there.
	f, _ := Parse([]byte("FROM alpine:3.20\nRUNN echo\nRUN echo ok\n"), Options{})
	if len(f.Stages) != 1 || len(f.Stages[0].InstructionsOf("run")) != 1 {
		t.Errorf("instructions after an error were lost")
	}
}

// TestLongLineError: a line too long for BuildKit is the error BuildKit
// reports, on that line, at the exact bound (with and without a line break
// after it, on its own or continuing another).
func TestLongLineError(t *testing.T) {
	for _, size := range []int{bufio.MaxScanTokenSize - 2, bufio.MaxScanTokenSize - 1, bufio.MaxScanTokenSize, 70000} {
		for _, tc := range []struct {
			name, before, after string
			line                int
		}{
			{"alone", "FROM alpine:3.20\nRUN true\nRUN ", "\nRUN true\n", 3},
			{"last", "FROM alpine:3.20\nRUN true\nRUN ", "\n", 3},
			{"no final break", "FROM alpine:3.20\nRUN true\nRUN ", "", 3},
			{"continued", "FROM alpine:3.20\nRUN true \\\n", "\n", 3},
			{"first", "RUN ", "\nFROM alpine:3.20\n", 1},
		} {
			src := []byte(tc.before + strings.Repeat("x", size-len(tc.before[strings.LastIndexByte(tc.before, '\n')+1:])) + tc.after)
			_, bkErr := bkparser.Parse(bytes.NewReader(src))
			_, errs := Parse(src, Options{})
			tooLong := bkErr != nil && strings.Contains(bkErr.Error(), "max allowed size")
			got := len(errs) == 1 && strings.Contains(errs[0].Message, "65,535 bytes")
			if got != tooLong || got && errs[0].Range != source.LineRange(tc.line, tc.line) {
				var at source.Range
				if len(errs) > 0 {
					at = errs[0].Range
				}
				t.Errorf("%s, a line of %d bytes: BuildKit %v; dlint's error at %v (%d errors), want line %d", tc.name, size, bkErr, at, len(errs), tc.line)
			}
		}
	}
}

func TestWarnings(t *testing.T) {
	f := parse(t, "FROM alpine:3.20\nRUN echo a \\\n\n    b\n")
	if len(f.Warnings) != 1 || f.Warnings[0].Range.Start.Line != 4 {
		t.Errorf("empty continuation warning: %+v", f.Warnings)
	}
}

// chainOf is a Dockerfile of n stages, each built FROM the one before.
func chainOf(n int, perStage string) string {
	var sb strings.Builder
	sb.WriteString("FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS s0\nSHELL [\"pwsh\", \"-c\"]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&sb, "FROM s%d AS s%d\n%s", i-1, i, perStage)
	}
	return sb.String()
}

// A stage built FROM another knows its chain, the chain's root and the
// SHELL it inherits, however long the chain.
func TestStageChains(t *testing.T) {
	f := parse(t, chainOf(1000, "RUN echo\n"))
	last := f.Stages[len(f.Stages)-1]
	chain := last.Chain()
	if len(chain) != 1000 || chain[0] != last || chain[999] != f.Stages[0] {
		t.Fatalf("chain of the last stage: %d stages", len(chain))
	}
	for i, st := range chain[:len(chain)-1] {
		if st.Parent != chain[i+1] {
			t.Fatalf("chain[%d] is not built FROM chain[%d]", i, i+1)
		}
	}
	if last.Root() != f.Stages[0] || f.Stages[0].Root() != f.Stages[0] {
		t.Error("root of the chain")
	}
	if got := last.Instructions[0].Shell; len(got) == 0 || got[0] != "pwsh" {
		t.Errorf("the RUN of the last stage runs in %q, want the root's pwsh", got)
	}
	if got := last.EndShell(); len(got) == 0 || got[0] != "pwsh" {
		t.Errorf("the last stage ends with SHELL %q, want the root's pwsh", got)
	}
	// A stage built on an image is a chain of its own.
	g := parse(t, "FROM alpine:3.20 AS a\nFROM a AS b\nFROM alpine:3.20\n")
	if c := g.Stages[2].Chain(); len(c) != 1 || g.Stages[2].Root() != g.Stages[2] || g.Stages[1].Root() != g.Stages[0] {
		t.Errorf("separate chains: %d stages, roots %v %v", len(c), g.Stages[2].Root().Ref(), g.Stages[1].Root().Ref())
	}
	if sh := g.Stages[1].EndShell(); sh != nil {
		t.Errorf("a chain without SHELL ends with %q", sh)
	}
}

// Following FROM chains costs the instructions each stage inherits: a file
// whose chains inherit more than maxChainVolume is refused, at once.
func TestChainVolumeBound(t *testing.T) {
	if _, errs := Parse([]byte(chainOf(2000, "")), Options{}); len(errs) != 0 {
		t.Fatalf("a chain of 2,000 stages: %v", errs)
	}
	f, errs := Parse([]byte(chainOf(20000, "")), Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "FROM <stage> chains too long") {
		t.Fatalf("a chain of 20,000 stages: %v", errs)
	}
	// Stage 0 holds its FROM and SHELL, stage k ≥ 1 its FROM and the k+1
	// instructions of its ancestors; it is on line k+2.
	k, total := 0, 2
	for total <= maxChainVolume {
		k++
		total += k + 2
	}
	if got := errs[0].Range.Start.Line; got != k+2 {
		t.Errorf("reported at line %d, want %d", got, k+2)
	}
	if len(f.Stages) != 0 || len(f.Instructions) != 0 {
		t.Errorf("a refused file still has %d stages and %d instructions", len(f.Stages), len(f.Instructions))
	}
}

// A Dockerfile of more instructions than dlint analyses is refused once
// BuildKit has parsed it, before dlint builds anything of its own.
func TestInstructionBound(t *testing.T) {
	src := "FROM alpine:3.20\n" + strings.Repeat("RUN a\n", maxInstructions)
	f, errs := Parse([]byte(src), Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "over 25000 instructions") || errs[0].Range.Start.Line != maxInstructions+1 {
		t.Fatalf("%d instructions: %v", maxInstructions+1, errs)
	}
	if len(f.Instructions) != 0 {
		t.Errorf("a refused file still has %d instructions", len(f.Instructions))
	}
	if _, errs := Parse([]byte(src[len("FROM alpine:3.20\n"):]), Options{}); len(errs) != 0 {
		t.Errorf("%d instructions: %v", maxInstructions, errs)
	}
}

// So is a Dockerfile whose instructions hold more words than dlint
// analyses, however few the instructions.
func TestWordBound(t *testing.T) {
	pairs := func(n int) string {
		var sb strings.Builder
		sb.WriteString("FROM alpine:3.20\nLABEL")
		for i := range n {
			fmt.Fprintf(&sb, " \\\n  k%d=v", i)
		}
		return sb.String() + "\n"
	}
	f, errs := Parse([]byte(pairs(maxWords/2)), Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "words in its instructions") || errs[0].Range.Start.Line != 2 || len(f.Instructions) != 0 {
		t.Fatalf("a LABEL of %d pairs: %v", maxWords/2, errs)
	}
	if _, errs := Parse([]byte(pairs(maxWords/4)), Options{}); len(errs) != 0 {
		t.Errorf("a LABEL of %d pairs: %v", maxWords/4, errs)
	}
}

// In a file that is not UTF-8, BuildKit reads each run of bad bytes as one
// U+FFFD; its words are still found where they stand in the file.
func TestFindInvalidUTF8(t *testing.T) {
	f, _ := Parse([]byte("FROM alpine:3.20\nCOPY 0 0a\x8b\xff b\uFFFDc 0\n"), Options{})
	in := f.Stages[0].Instructions[0]
	want := map[string]source.Range{
		"0a\uFFFD": span(2, 8, 2, 12),  // the two bad bytes
		"b\uFFFDc": span(2, 13, 2, 16), // a U+FFFD written in the file
		"0":        span(2, 6, 2, 7),
	}
	for _, w := range in.Args {
		if _, ok := want[w]; !ok {
			continue
		}
		if got := in.Find(w); got != want[w] {
			t.Errorf("%q found at %v, want %v", w, got, want[w])
		}
		delete(want, w)
	}
	if len(want) > 0 {
		t.Errorf("BuildKit gave no words %q: %q", want, in.Args)
	}
}

// A keyword with bad bytes (an unknown instruction) spans them too.
func TestKeywordRangeInvalidUTF8(t *testing.T) {
	f, _ := Parse([]byte("FROM alpine:3.20\n  \xbb\xbb\xbbrun x\nR\xffN y\n"), Options{})
	var got []source.Range
	for _, in := range f.Instructions[1:] {
		got = append(got, in.KeywordRange)
	}
	if want := []source.Range{span(2, 3, 2, 9), span(3, 1, 3, 4)}; !slices.Equal(got, want) {
		t.Errorf("keyword ranges %v, want %v", got, want)
	}
}

// A keyword split by a line continuation, which BuildKit joins, is
// located by its part on the first line, within that line.
func TestKeywordRangeSplitKeyword(t *testing.T) {
	f, _ := Parse([]byte("FROM alpine:3.20\nAD\\\nD a /a\n  W\\\nORKDIR /x\n"), Options{})
	var got []source.Range
	var kws []string
	for _, in := range f.Instructions[1:] {
		got = append(got, in.KeywordRange)
		kws = append(kws, in.Keyword)
	}
	if want := []source.Range{span(2, 1, 2, 4), span(4, 3, 4, 5)}; !slices.Equal(got, want) || !slices.Equal(kws, []string{"ADD", "WORKDIR"}) {
		t.Errorf("keywords %q at %v, want at %v", kws, got, want)
	}
}

func span(l1, c1, l2, c2 int) source.Range {
	return source.Range{Start: pos(l1, c1), End: pos(l2, c2)}
}

// The scripts of one file are parsed while they hold at most
// shell.MaxFileWords words; the ones after are declined and reported, so
// a file of long RUN lines is held in bounded memory.
func TestScriptWordBound(t *testing.T) {
	// Half the bound in lines of a thousand words (BuildKit refuses lines
	// over 64 KiB).
	half := strings.Repeat(strings.Repeat(" a", 1000)+" \\\n", shell.MaxFileWords/2000)
	src := "FROM alpine:3.20\nRUN true \\\n" + half + " end\nRUN true \\\n" + half + " end\nRUN <<EOF\necho hi\nEOF\nRUN echo small\n"
	f, errs := Parse([]byte(src), Options{})
	if n := len(f.Instructions); n != 5 {
		t.Fatalf("%d instructions, want 5", n)
	}
	if c := f.Instructions[1].Script.Commands; len(c) != 1 || len(c[0].Args) < shell.MaxFileWords/2 {
		t.Errorf("the first script was not parsed whole")
	}
	for i, in := range f.Instructions[2:] {
		if !errors.Is(in.ScriptErr, shell.ErrFileWords) || len(in.Script.Commands) != 0 {
			t.Errorf("RUN %d: %v, %d commands; want it declined", i+2, in.ScriptErr, len(in.Script.Commands))
		}
	}
	if len(errs) != 3 || !strings.Contains(errs[0].Message, "RUN not checked: the file's scripts hold over 1000000 words") || errs[0].Range.Start.Line != 4+shell.MaxFileWords/2000 {
		t.Errorf("errors: %v", errs)
	}
}

func TestCountWords(t *testing.T) {
	for script, want := range map[string]int{"": 0, " \t\n": 0, "a": 1, "apt-get install -y  curl\n": 4, "echo 'a b'": 3, "a\\\n  b\r\n": 2} {
		if got := shell.CountWords(script); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", script, got, want)
		}
	}
}

// TestKeywordRangeOnNextLine: a keyword that starts on the line after a
// lone continuation, with bytes that are not UTF-8 in it, is given a range
// on the first line that stays within it.
func TestKeywordRangeOnNextLine(t *testing.T) {
	_, errs := Parse([]byte("\\\n0\x8f"), Options{})
	if len(errs) == 0 || errs[len(errs)-1].Range != span(1, 1, 1, 2) {
		t.Errorf("errors %v, want the last at %v", errs, span(1, 1, 1, 2))
	}
}

// TestKeywordRangeAfterUnicodeSpace: BuildKit trims Unicode white space
// before a keyword; the bytes that are not UTF-8 after it are found where
// they start, not inside the space's own encoding.
func TestKeywordRangeAfterUnicodeSpace(t *testing.T) {
	_, errs := Parse([]byte("\u2002\xbf"), Options{})
	if len(errs) == 0 || errs[len(errs)-1].Range != span(1, 2, 1, 3) {
		t.Errorf("errors %v, want the last at %v", errs, span(1, 2, 1, 3))
	}
}

// TestFindWholeCharacters: a word BuildKit cut inside a character is not
// found inside that character, so no range starts or ends within one.
func TestFindWholeCharacters(t *testing.T) {
	f, _ := Parse([]byte("FROM --ㅰ ㅰ\n"), Options{})
	in := f.Instructions[0]
	if r, ok := in.FindAfter("\xb0", in.KeywordRange.End); ok {
		t.Errorf("found a piece of a character at %v", r)
	}
	if r, ok := in.FindAfter("ㅰ", in.KeywordRange.End); !ok || r != span(1, 8, 1, 9) {
		t.Errorf("whole character at %v (%v), want %v", r, ok, span(1, 8, 1, 9))
	}
	// In a file that is not UTF-8 a byte that is not is a character of its
	// own; the same byte inside a character is not one.
	f, _ = Parse([]byte("FROM --\xeeㅯ \xaf\n"), Options{})
	in = f.Instructions[0]
	if r, ok := in.FindAfter("\xaf", in.KeywordRange.End); !ok || r != span(1, 11, 1, 12) {
		t.Errorf("the lone byte at %v (%v), want %v", r, ok, span(1, 11, 1, 12))
	}
	for _, c := range []struct {
		src  string
		at   int
		want bool
	}{
		{"aㅯb", 1, true}, {"aㅯb", 2, false}, {"aㅯb", 3, false}, {"aㅯb", 4, true},
		{"\xee\x85x", 1, true}, {"\xe3\x85\xaf", 2, false}, {"\x85\xaf", 1, true},
		{"\xf0\x9f\x98\x80x", 3, false}, {"\xf0\x9f\x98\x80x", 4, true}, {"\xef\xbf\xbd", 1, false},
	} {
		if got := betweenCharacters([]byte(c.src), c.at); got != c.want {
			t.Errorf("betweenCharacters(%q, %d) = %v, want %v", c.src, c.at, got, c.want)
		}
	}
}
