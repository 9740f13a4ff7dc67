package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dlint/dlint/parser"
)

// Config is what the engine applies around the rules.
type Config struct {
	Options Options
	// Disabled reports whether a rule is turned off for a path (--ignore,
	// configuration). Nil enables every rule.
	Disabled func(r *Rule, path string) bool
	// SeverityOf gives a rule's effective severity for a path; ok=false
	// keeps the default.
	SeverityOf func(r *Rule, path string) (Severity, bool)
	// NoPragmas ignores `# dlint ignore=` and `# hadolint ignore=` comments.
	NoPragmas bool
	// KeepSuppressed returns silenced findings with Suppression set instead
	// of dropping them (for SARIF).
	KeepSuppressed bool
	// ReportUnusedIgnores reports pragmas that silenced nothing.
	ReportUnusedIgnores bool
}

// Run lints one document with every applicable rule and returns its
// findings, sorted.
func Run(doc *parser.Document, cfg *Config) []Finding {
	if cfg == nil {
		cfg = &Config{}
	}
	load()
	scratch := getScratch()
	report := func(f Finding) {
		f.Message = clip(f.Message)
		scratch.findings = append(scratch.findings, f)
	}
	for _, e := range doc.Errors {
		if r := parseErrorRule(doc.Kind); r != nil {
			report(Finding{Rule: r, Severity: r.Severity, Path: doc.Path, Range: e.Range, Message: e.Message})
		}
	}
	memo := new(memoTable)
	for i, r := range all {
		if r.Check == nil || !applies(r, doc) {
			continue
		}
		if cfg.Disabled != nil && cfg.Disabled(r, doc.Path) {
			continue
		}
		if r.Optional && !enabled(cfg, r, doc.Path) {
			continue
		}
		pass := &scratch.passes[i]
		*pass = Pass{Document: doc, Options: &cfg.Options, rule: r, report: report, memo: memo}
		runSafely(pass, report)
	}
	fs := applySeverities(scratch.findings, cfg)
	fs = suppress(doc, fs, cfg)
	out := sortedCopy(fs, &scratch.order)
	// suppress works in place and may append: clear what either used.
	putScratch(scratch, max(len(scratch.findings), len(fs)))
	return out
}

// runScratch is what Run needs for one document and drops after it: the
// Pass of every rule and the findings as they are reported. A run over
// thousands of files would otherwise allocate them for each file, and grow
// the findings step by step; Run returns one copy of the exact size.
type runScratch struct {
	passes   []Pass
	findings []Finding
	order    []int
}

var scratchPool = sync.Pool{New: func() any { return new(runScratch) }}

func getScratch() *runScratch {
	s := scratchPool.Get().(*runScratch)
	if len(s.passes) < len(all) {
		s.passes = make([]Pass, len(all))
	}
	return s
}

// putScratch clears what the scratch refers to (the document and its memo
// in the passes, the used findings and their messages) so that the pool
// keeps memory only.
func putScratch(s *runScratch, used int) {
	clear(s.passes)
	clear(s.findings[:min(used, cap(s.findings))])
	s.findings = s.findings[:0]
	scratchPool.Put(s)
}

// enabled reports whether the configuration turns an optional rule on by
// giving it a severity.
func enabled(cfg *Config, r *Rule, path string) bool {
	if cfg.SeverityOf == nil {
		return false
	}
	_, ok := cfg.SeverityOf(r, path)
	return ok
}

func applies(r *Rule, doc *parser.Document) bool {
	switch r.Kind {
	case parser.BuildContext:
		return doc.Kind == parser.Dockerfile && doc.Context != nil && doc.Dockerfile != nil
	default:
		return r.Kind == doc.Kind
	}
}

func parseErrorRule(k parser.Kind) *Rule {
	switch k {
	case parser.Dockerfile:
		return dockerfileParseError
	case parser.DockerIgnore:
		return ignoreParseError
	case parser.DaemonJSON:
		return daemonParseError
	}
	return nil
}

// IsParseError reports whether r is the rule that reports a file's parse
// errors (DL1000, DI1000, DD1000): one finding per error of the document.
func IsParseError(r *Rule) bool {
	return r != nil && (r == dockerfileParseError || r == ignoreParseError || r == daemonParseError)
}

// runSafely runs one rule; a panic becomes an internal-error finding so one
// broken rule never takes the run down.
func runSafely(p *Pass, report func(Finding)) {
	defer func() {
		if v := recover(); v != nil {
			report(Finding{
				Rule: internalError, Severity: internalError.Severity, Path: p.Path,
				Message: fmt.Sprintf("rule %s (%s) failed on this file: %v", p.rule.ID, p.rule.Name, v),
			})
		}
	}()
	p.rule.Check(p)
}

func applySeverities(fs []Finding, cfg *Config) []Finding {
	if cfg.SeverityOf == nil {
		return fs
	}
	for i := range fs {
		if s, ok := cfg.SeverityOf(fs[i].Rule, fs[i].Path); ok {
			fs[i].Severity = s
		}
	}
	return fs
}

// Sort orders findings by path, line, column, rule and message, keeping
// the order they were reported in otherwise.
func Sort(fs []Finding) {
	if len(fs) < 2 {
		return
	}
	copy(fs, sortedCopy(fs, new([]int)))
}

// sortedCopy returns fs sorted as Sort sorts, in a new slice of its exact
// length. A Finding is large: the sort moves their indices (in *order,
// reused), and each finding once.
func sortedCopy(fs []Finding, order *[]int) []Finding {
	if len(fs) == 0 {
		return nil
	}
	idx := (*order)[:0]
	for i := range fs {
		idx = append(idx, i)
	}
	*order = idx
	slices.SortStableFunc(idx, func(a, b int) int { return compareFindings(&fs[a], &fs[b]) })
	out := make([]Finding, len(fs))
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out
}

// compareFindings orders two findings; it is called some n log n times a
// document, so each key is compared only when those before it tie (the
// arguments of cmp.Or would all be worked out first).
func compareFindings(a, b *Finding) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Range.Start.Line, b.Range.Start.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Range.Start.Column, b.Range.Start.Column); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule.ID, b.Rule.ID); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}
