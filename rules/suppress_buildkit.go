package rules

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// BuildKit's check configuration beyond the file-level `# check=skip=`
// that the engine applies (suppress.go):
//
//   - instruction-local `# check=…` comments in the comment block just above
//     an instruction add skips (and experimental rules) for the checks
//     BuildKit runs on that instruction; the value is cut at the first space
//     and an invalid value is ignored;
//   - the build arg BUILDKIT_DOCKERFILE_CHECK replaces the file directive;
//   - experimental checks (InvalidDefinitionDescription) run only when a
//     `experimental=` option names them.
//
// The rules of registry_buildkit.go report through bkReport, which applies
// the local comments exactly as BuildKit does for that check (for a FROM,
// the FROM's comments; MultipleInstructionsDisallowed uses the later
// instruction's comments although it reports the earlier one; whole-file
// checks ignore local comments).

// checkConfig is a parsed `check` option value.
type checkConfig struct {
	skipAll, expAll bool
	skip, exp       []string
}

func parseCheck(value string) (checkConfig, bool) {
	v, _, _ := strings.Cut(value, " ")
	c, err := linter.ParseLintOptions(v)
	if err != nil {
		return checkConfig{}, false
	}
	return checkConfig{skipAll: c.SkipAll, expAll: c.ExperimentalAll, skip: c.SkipRules, exp: c.ExperimentalRules}, true
}

// localCheck is the first `check=` directive among an instruction's comments.
func localCheck(comments []string) (checkConfig, bool) {
	for _, c := range comments {
		if !strings.Contains(c, "=") || !strings.Contains(strings.ToLower(c), "check") {
			continue // not a check directive: spare the parser
		}
		p := bkparser.DirectiveParser{}
		p.SetComment("")
		d, _ := p.ParseLine([]byte(c))
		if d == nil || d.Name != "check" {
			continue
		}
		return parseCheck(d.Value)
	}
	return checkConfig{}, false
}

type fileCheckKey struct{}

// fileCheck is the file's check configuration: the BUILDKIT_DOCKERFILE_CHECK
// build arg when given, else the `# check=` directive.
func fileCheck(p *Pass) checkConfig {
	return p.Memo(fileCheckKey{}, func() any { return fileCheckOf(p.Src, p.Options) }).(checkConfig)
}

func fileCheckOf(src []byte, opts *Options) checkConfig {
	if opts != nil {
		if v, ok := opts.BuildArgs["BUILDKIT_DOCKERFILE_CHECK"]; ok {
			c, _ := parseCheck(v)
			return c
		}
	}
	// A check directive names itself, in any case; most files' opening
	// comments do not, and need not go through BuildKit's directive parser.
	if lines := directiveLines(src); len(lines) > 0 && containsFoldASCII(lines, "check") {
		if v, _, _, ok := bkparser.ParseDirective("check", lines); ok {
			c, _ := parseCheck(v)
			return c
		}
	}
	return checkConfig{}
}

// containsFoldASCII reports whether b holds word (lower-case ASCII) in any
// case of its ASCII letters.
func containsFoldASCII(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		j := 0
		for j < len(word) && b[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// directiveLines is the start of src where BuildKit looks for parser
// directives: the lines that open with "#" (the first after an optional
// byte-order mark). Directive parsing ends at the first other line, so
// handing BuildKit only these lines changes nothing but the work.
func directiveLines(src []byte) []byte {
	off := 0
	for off < len(src) {
		line := src[off:]
		if off == 0 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		if len(line) == 0 || line[0] != '#' {
			break
		}
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			return src
		}
		off += end + 1
	}
	return src[:off]
}

// bkLocallySkipped reports whether the comments above an instruction skip
// BuildKit check name for that instruction.
func bkLocallySkipped(name string, comments []string) bool {
	c, ok := localCheck(comments)
	return ok && (c.skipAll || slices.Contains(c.skip, name))
}

// bkExperimentalOn reports whether experimental check name is enabled, by
// the file's configuration or the instruction's comments.
func bkExperimentalOn(p *Pass, name string, comments []string) bool {
	f := fileCheck(p)
	if f.expAll || slices.Contains(f.exp, name) {
		return true
	}
	c, ok := localCheck(comments)
	return ok && (c.expAll || slices.Contains(c.exp, name))
}

// bkReport reports a finding of a BuildKit check unless the comments of
// the instruction it is checked on skip it locally.
func bkReport(p *Pass, check string, comments []string, r source.Range, msg string, fixes ...Fix) {
	if bkLocallySkipped(check, comments) {
		return
	}
	p.Report(r, msg, fixes...)
}

// localCheckSkip is for the engine: it reports whether an instruction-local
// `# check=skip=` comment silences finding f of a rule that does not apply
// local comments itself (a rule outside registry_buildkit.go that carries a
// BuildKit check name as alias, e.g. CopyIgnoredFile). The instruction is
// the one whose lines hold the finding.
func localCheckSkip(doc *parser.Document, f Finding) bool {
	if doc.Dockerfile == nil || slices.Contains(buildkitRules, f.Rule) {
		return false
	}
	var names []string
	for _, a := range f.Rule.Aliases {
		if isBuildKitCheck(a) {
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		return false
	}
	in := instructionAt(doc.Dockerfile, f.Range.Start.Line)
	if in == nil {
		return false
	}
	for _, n := range names {
		if bkLocallySkipped(n, in.Comments) {
			return true
		}
	}
	return false
}

// instructionAt is the top-level instruction whose lines include line.
// Instructions follow each other down the file: a binary search, as every
// finding of a rule that BuildKit also has asks.
func instructionAt(f *dockerfile.File, line int) *dockerfile.Instruction {
	i := sort.Search(len(f.Instructions), func(i int) bool { return f.Instructions[i].Range.End.Line >= line })
	if i < len(f.Instructions) && f.Instructions[i].Range.Start.Line <= line {
		return f.Instructions[i]
	}
	return nil
}

// firstLine is the range of an instruction's first line, from its keyword:
// where BuildKit's checks point.
func firstLine(in *dockerfile.Instruction) source.Range {
	return in.Find("\x00") // no such token: Find falls back to the first line
}

// extendOverSpace extends a one-line range over the blanks that follow it,
// so that deleting it leaves no double space.
func extendOverSpace(p *Pass, r source.Range) source.Range {
	if r.Start.Line != r.End.Line {
		return r
	}
	text := []rune(p.Lines.Text(r.End.Line))
	end := r.End.Column
	for end-1 < len(text) && end >= 1 && (text[end-1] == ' ' || text[end-1] == '\t') {
		end++
	}
	r.End.Column = end
	return r
}
