package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

// pragmaRE matches `dlint ignore=…`, `dlint global ignore=…` and hadolint's
// spelling of both, with an optional `-- reason`.
var pragmaRE = regexp.MustCompile(`^(dlint|hadolint)\s+(global\s+)?ignore\s*=\s*([^\s]+)(?:\s+--\s*(.*))?`)

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
	skip := checkSkips(doc, &cfg.Options)
	var out []Finding
	for _, f := range fs {
		// Parse errors cannot be silenced, and pragmas only speak for their own file.
		if f.Rule.Check == nil || f.Path != doc.Path {
			out = append(out, f)
			continue
		}
		reason, silenced := "", false
		for _, p := range pragmas {
			if (p.global || f.Range.Start.Line >= p.from && f.Range.Start.Line <= p.to) && (covers(p.rules, f.Rule) || coversSC(p.scCodes, f)) {
				p.used, silenced, reason = true, true, p.reason
				break
			}
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
	for _, p := range pragmas {
		for _, name := range p.unknown {
			{
				msg := fmt.Sprintf("ignore pragma names unknown rule %q", name)
				if s := Suggest(name); s != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
				}
				out = append(out, Finding{Rule: unknownPragmaRule, Severity: unknownPragmaRule.Severity, Path: doc.Path, Range: p.comment, Message: msg})
			}
		}
		if cfg.ReportUnusedIgnores && !p.used {
			out = append(out, Finding{Rule: unusedPragma, Severity: unusedPragma.Severity, Path: doc.Path, Range: p.comment,
				Message: fmt.Sprintf("ignore pragma for %s suppressed nothing", strings.Join(p.names, ","))})
		}
	}
	return out
}

// scCodeRE matches a ShellCheck code, which pragmas may name as hadolint's do.
var scCodeRE = regexp.MustCompile(`^(?i)SC\d{4}$`)

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

func covers(rs []*Rule, r *Rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// commentLines returns each comment line of the document with its text after '#'.
func commentLines(doc *parser.Document) []struct {
	line int
	text string
} {
	var out []struct {
		line int
		text string
	}
	switch {
	case doc.Dockerfile != nil:
		for _, c := range doc.Dockerfile.Comments {
			out = append(out, struct {
				line int
				text string
			}{c.Line, c.Text})
		}
	case doc.Ignore != nil:
		for n := 1; n <= doc.Lines.Count(); n++ {
			t := strings.TrimSpace(doc.Lines.Text(n))
			if strings.HasPrefix(t, "#") {
				out = append(out, struct {
					line int
					text string
				}{n, strings.TrimSpace(t[1:])})
			}
		}
	}
	return out
}

func collectPragmas(doc *parser.Document) []*pragma {
	var out []*pragma
	for _, c := range commentLines(doc) {
		m := pragmaRE.FindStringSubmatch(c.text)
		if m == nil {
			continue
		}
		p := &pragma{line: c.line, global: m[2] != "", reason: strings.TrimSpace(m[4])}
		p.comment = source.Range{Start: source.Position{Line: c.line, Column: 1}, End: source.Position{Line: c.line, Column: len([]rune(doc.Lines.Text(c.line))) + 1}}
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
			p.from, p.to = target(doc, c.line)
		}
		out = append(out, p)
	}
	return out
}

// target is the line span a pragma on line `line` covers: the next
// instruction (or pattern), with only comments and blank lines between.
func target(doc *parser.Document, line int) (int, int) {
	next := line + 1
	for next <= doc.Lines.Count() {
		t := strings.TrimSpace(doc.Lines.Text(next))
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		next++
	}
	if doc.Dockerfile != nil {
		for _, in := range doc.Dockerfile.Instructions {
			if in.Range.Start.Line == next {
				return in.Range.Start.Line, in.Range.End.Line
			}
		}
	}
	return next, next
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
