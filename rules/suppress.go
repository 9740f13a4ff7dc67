package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// pragmaRE matches `dlint ignore=…`, `dlint global ignore=…` and hadolint's
// spelling of both, with an optional `-- reason`.
var pragmaRE = lazyregexp.New(`^(dlint|hadolint)\s+(global\s+)?ignore\s*=\s*([^\s]+)(?:\s+--\s*(.*))?`)

type pragma struct {
	line    int // the comment's line
	global  bool
	names   []string
	rules   []*Rule  // every rule the names stand for
	unknown []string // names that stand for no rule
	scCodes []string // ShellCheck codes (SC2086): they name DL5190 findings
	reason  string
	from    int // first and last line it covers (global: the whole file)
	to      int
	used    bool
	comment source.Range
}

// suppress drops (or marks) findings silenced by pragmas and `# check=skip=`.
func suppress(doc *parser.Document, fs []Finding, cfg *Config) []Finding {
	if cfg.NoPragmas {
		return fs
	}
	pragmas := collectPragmas(doc)
	index := indexPragmas(pragmas)
	skip := checkSkips(doc, &cfg.Options)
	out := fs[:0] // in place: a finding is written no later than it is read
	for _, f := range fs {
		// Parse errors cannot be silenced, and pragmas only speak for their own file.
		if f.Rule.Check == nil || f.Path != doc.Path {
			out = append(out, f)
			continue
		}
		reason, silenced := "", false
		if i := index.first(pragmas, f); i >= 0 {
			p := pragmas[i]
			p.used, silenced, reason = true, true, p.reason
		}
		if !silenced && (skip(f.Rule) || localCheckSkip(doc, f)) {
			silenced, reason = true, "# check=skip"
		}
		if !silenced {
			out = append(out, f)
			continue
		}
		if cfg.KeepSuppressed {
			f.Suppression = &Suppression{Kind: "inSource", Justification: reason}
			out = append(out, f)
		}
	}
	suggestions := maxSuggestions
	for _, p := range pragmas {
		var seen map[string]bool // one finding for a name however often the pragma repeats it
		if len(p.unknown) > 1 {
			seen = make(map[string]bool, len(p.unknown))
		}
		for _, name := range p.unknown {
			if seen != nil {
				if seen[name] {
					continue
				}
				seen[name] = true
			}
			msg := fmt.Sprintf("ignore pragma names unknown rule %q", name)
			if suggestions > 0 {
				suggestions--
				if s := Suggest(name); s != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
				}
			}
			out = append(out, Finding{Rule: unknownPragmaRule, Severity: unknownPragmaRule.Severity, Path: doc.Path, Range: p.comment, Message: clip(msg)})
		}
		if cfg.ReportUnusedIgnores && !p.used {
			out = append(out, Finding{Rule: unusedPragma, Severity: unusedPragma.Severity, Path: doc.Path, Range: p.comment,
				Message: clip(fmt.Sprintf("ignore pragma for %s suppressed nothing", strings.Join(p.names, ",")))})
		}
	}
	return out
}

// maxSuggestions bounds the unknown names of a file's pragmas that get a
// "did you mean": each is measured against every rule name, and a file of
// 400,000 pragmas took 20 s over it.
const maxSuggestions = 1000

// scCodeRE matches a ShellCheck code, which pragmas may name as hadolint's do.
var scCodeRE = lazyregexp.New(`^(?i)SC\d{4}$`)

// coversSC reports whether f is a ShellCheck finding with one of codes.
func coversSC(codes []string, f Finding) bool {
	if f.Rule != shellcheckRule {
		return false
	}
	for _, c := range codes {
		if strings.HasPrefix(f.Message, c+":") {
			return true
		}
	}
	return false
}

// commentLines returns each comment line of the document with its text
// after '#'. A Dockerfile's are its parsed comments, not copied: a file
// may hold millions.
func commentLines(doc *parser.Document) []dockerfile.Comment {
	switch {
	case doc.Dockerfile != nil:
		return doc.Dockerfile.Comments
	case doc.Ignore != nil:
		var out []dockerfile.Comment
		for n := 1; n <= doc.Lines.Count(); n++ {
			t := strings.TrimSpace(doc.Lines.Text(n))
			if strings.HasPrefix(t, "#") {
				out = append(out, dockerfile.Comment{Line: n, Text: strings.TrimSpace(t[1:])})
			}
		}
		return out
	}
	return nil
}

func collectPragmas(doc *parser.Document) []*pragma {
	var out []*pragma
	var targets *targetIndex
	for _, c := range commentLines(doc) {
		// Most comments are prose: the expression's first word says so
		// without running it.
		if !strings.HasPrefix(c.Text, "dlint") && !strings.HasPrefix(c.Text, "hadolint") {
			continue
		}
		m := pragmaRE.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		p := &pragma{line: c.Line, global: m[2] != "", reason: strings.TrimSpace(m[4])}
		p.comment = source.Range{Start: source.Position{Line: c.Line, Column: 1}, End: source.Position{Line: c.Line, Column: len([]rune(doc.Lines.Text(c.Line))) + 1}}
		for _, n := range strings.Split(m[3], ",") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			p.names = append(p.names, n)
			if scCodeRE.MatchString(n) {
				p.scCodes = append(p.scCodes, strings.ToUpper(n))
				continue
			}
			rs := Lookup(n)
			if len(rs) == 0 {
				p.unknown = append(p.unknown, n)
				continue
			}
			p.rules = append(p.rules, rs...)
		}
		if p.global {
			p.from, p.to = 1, doc.Lines.Count()
		} else {
			if targets == nil {
				targets = newTargetIndex(doc)
			}
			p.from, p.to = targets.target(c.Line)
		}
		out = append(out, p)
	}
	return out
}

// targetIndex answers, for a pragma's line, the line span it covers: the
// next instruction (or pattern), with only comments and blank lines
// between. It is built in one pass, so that a file of many pragmas costs
// no more than its length.
type targetIndex struct {
	next  []int       // next[n]: the first line after n that is neither blank nor a comment
	spans map[int]int // an instruction's first line → its last
}

func newTargetIndex(doc *parser.Document) *targetIndex {
	count := doc.Lines.Count()
	t := &targetIndex{next: make([]int, count+2), spans: map[int]int{}}
	t.next[count+1], t.next[count] = count+1, count+1
	for n := count; n >= 1; n-- {
		if n < count {
			t.next[n] = n + 1
			if s := strings.TrimSpace(doc.Lines.Text(n + 1)); s == "" || strings.HasPrefix(s, "#") {
				t.next[n] = t.next[n+1]
			}
		}
	}
	if doc.Dockerfile != nil {
		for _, in := range doc.Dockerfile.Instructions {
			if _, ok := t.spans[in.Range.Start.Line]; !ok {
				t.spans[in.Range.Start.Line] = in.Range.End.Line
			}
		}
	}
	return t
}

func (t *targetIndex) target(line int) (int, int) {
	next := line + 1
	if line >= 1 && line < len(t.next) {
		next = t.next[line]
	}
	if end, ok := t.spans[next]; ok {
		return next, end
	}
	return next, next
}

// pragmaIndex finds the first pragma that silences a finding without
// trying every pragma against every finding (a file with thousands of
// pragmas and findings was quadratic). Pragmas are grouped by the span
// they cover; a group knows, per rule, the first of its pragmas naming it.
type pragmaIndex struct {
	global *pragmaGroup
	byLine map[int][]*pragmaGroup
}

// noPragmas is the index of a file without pragmas; nothing writes to it.
var noPragmas = &pragmaIndex{global: &pragmaGroup{}}

type pragmaGroup struct {
	first map[*Rule]int // rule → index of the group's first pragma naming it
	sc    []int         // indices of the group's pragmas naming ShellCheck codes
}

func (g *pragmaGroup) add(i int, p *pragma) {
	for _, r := range p.rules {
		if _, ok := g.first[r]; !ok {
			g.first[r] = i
		}
	}
	if len(p.scCodes) > 0 {
		g.sc = append(g.sc, i)
	}
}

// candidate is the index of the group's first pragma silencing f, or -1.
func (g *pragmaGroup) candidate(pragmas []*pragma, f Finding) int {
	best := -1
	if i, ok := g.first[f.Rule]; ok {
		best = i
	}
	for _, i := range g.sc {
		if best >= 0 && i >= best {
			break
		}
		if coversSC(pragmas[i].scCodes, f) {
			best = i
			break
		}
	}
	return best
}

func indexPragmas(pragmas []*pragma) *pragmaIndex {
	if len(pragmas) == 0 {
		return noPragmas // most files: their maps need not be made
	}
	x := &pragmaIndex{global: &pragmaGroup{first: map[*Rule]int{}}, byLine: map[int][]*pragmaGroup{}}
	groups := map[[2]int]*pragmaGroup{}
	for i, p := range pragmas {
		if p.global {
			x.global.add(i, p)
			continue
		}
		span := [2]int{p.from, p.to}
		g := groups[span]
		if g == nil {
			// Spans are instructions (which do not overlap) or single
			// lines, so indexing every line of every span is linear.
			g = &pragmaGroup{first: map[*Rule]int{}}
			groups[span] = g
			for n := p.from; n <= p.to; n++ {
				x.byLine[n] = append(x.byLine[n], g)
			}
		}
		g.add(i, p)
	}
	return x
}

// first is the index of the first pragma, in file order, that silences f,
// or -1.
func (x *pragmaIndex) first(pragmas []*pragma, f Finding) int {
	best := x.global.candidate(pragmas, f)
	for _, g := range x.byLine[f.Range.Start.Line] {
		if i := g.candidate(pragmas, f); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// checkSkips reads BuildKit's file-level check configuration (the
// `# check=skip=A,B` directive, or the BUILDKIT_DOCKERFILE_CHECK build arg
// that replaces it): the named BuildKit checks, or all of them, are off for
// the file. Names are case-sensitive, as in BuildKit.
func checkSkips(doc *parser.Document, opts *Options) func(*Rule) bool {
	if doc.Dockerfile == nil {
		return func(*Rule) bool { return false }
	}
	c := fileCheckOf(doc.Src, opts)
	return func(r *Rule) bool {
		for _, a := range r.Aliases {
			if isBuildKitCheck(a) && (c.skipAll || slices.Contains(c.skip, a)) {
				return true
			}
		}
		return false
	}
}

// buildKitChecks are the names of `docker build --check`'s rules.
var buildKitChecks = map[string]bool{
	"StageNameCasing": true, "FromAsCasing": true, "ConsistentInstructionCasing": true,
	"DuplicateStageName": true, "ReservedStageName": true, "UndefinedArgInFrom": true,
	"InvalidDefaultArgInFrom": true, "RedundantTargetPlatform": true, "FromPlatformFlagConstDisallowed": true,
	"MaintainerDeprecated": true, "JSONArgsRecommended": true, "MultipleInstructionsDisallowed": true,
	"LegacyKeyValueFormat": true, "WorkdirRelativePath": true, "SecretsUsedInArgOrEnv": true,
	"ExposeProtoCasing": true, "ExposeInvalidFormat": true, "UndefinedVar": true, "CopyIgnoredFile": true,
	"NoEmptyContinuation": true, "InvalidDefinitionDescription": true, "InvalidBaseImagePlatform": true,
}

func isBuildKitCheck(name string) bool { return buildKitChecks[name] }
