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
	var out []Finding
	report := func(f Finding) { out = append(out, f) }
	for _, e := range doc.Errors {
		if r := parseErrorRule(doc.Kind); r != nil {
			report(Finding{Rule: r, Severity: r.Severity, Path: doc.Path, Range: e.Range, Message: e.Message})
		}
	}
	memo := new(memoTable)
	passes := getPasses()
	defer putPasses(passes)
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
		pass := &(*passes)[i]
		*pass = Pass{Document: doc, Options: &cfg.Options, rule: r, report: report, memo: memo}
		runSafely(pass, report)
	}
	out = applySeverities(out, cfg)
	out = suppress(doc, out, cfg)
	Sort(out)
	return out
}

// passPool holds the Pass of every rule for one document at a time: a run
// over thousands of files would otherwise allocate them for each file.
// No Pass outlives Run.
var passPool = sync.Pool{New: func() any { return new([]Pass) }}

func getPasses() *[]Pass {
	pp := passPool.Get().(*[]Pass)
	if len(*pp) < len(all) {
		*pp = make([]Pass, len(all))
	}
	return pp
}

func putPasses(pp *[]Pass) {
	clear(*pp) // drop the document and its memo
	passPool.Put(pp)
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
// the order they were reported in otherwise. A Finding is large: the sort
// moves their indices, and each finding once.
func Sort(fs []Finding) {
	if len(fs) < 2 {
		return
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareFindings(&fs[a], &fs[b]) })
	sorted := make([]Finding, len(fs))
	for i, j := range order {
		sorted[i] = fs[j]
	}
	copy(fs, sorted)
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
