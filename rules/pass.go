package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// Options are the settings rules read; the engine fills them from flags and
// configuration.
type Options struct {
	BuildArgs         map[string]string
	Target            string   // the stage that is built (--target); "" for the last
	TrustedRegistries []string // DL3026
	// LabelSchema maps required label names to their type (text, url,
	// rfc3339, spdx, hash, semver, email) for DL3049–DL3058.
	LabelSchema  map[string]string
	StrictLabels bool
	// DaemonFlags are the command-line flags dockerd runs with, for the
	// daemon.json conflict checks ("-H fd:// --containerd=…").
	DaemonFlags *string
	// ContextSizeLimit is the build-context size over which DI rules warn (bytes).
	ContextSizeLimit int64
	// Rule-specific settings, by rule ID.
	RuleOptions map[string]map[string]any
}

// Pass is one rule's view of one document.
type Pass struct {
	*parser.Document
	Options *Options
	rule    *Rule
	report  func(Finding)
	memo    *memoTable // shared by the passes over one document
}

// memoTable holds the values of Pass.Memo for one document. There are a
// dozen keys at most and rules ask for them some forty times a document: a
// short list searched in order costs less than hashing the key for a map.
type memoTable []memoEntry

type memoEntry struct{ key, value any }

// Memo returns the value build computes for key, computing it once per
// document: analyses that many rules share (the package-manager calls of
// every RUN, say) are done once, however many rules ask. The value must be
// treated as read-only.
func (p *Pass) Memo(key any, build func() any) any {
	if p.memo == nil {
		return build()
	}
	for _, e := range *p.memo {
		if e.key == key {
			return e.value
		}
	}
	v := build()
	*p.memo = append(*p.memo, memoEntry{key, v})
	return v
}

// Rule is the rule being run.
func (p *Pass) Rule() *Rule { return p.rule }

// Report records a finding at r in the document.
func (p *Pass) Report(r source.Range, msg string, fixes ...Fix) {
	p.report(Finding{Rule: p.rule, Severity: p.rule.Severity, Path: p.Path, Range: r, Message: msg, Fixes: fixes})
}

// Reportf records a finding with a formatted message. A string argument
// longer than maxMessage is clipped before it is formatted.
func (p *Pass) Reportf(r source.Range, format string, args ...any) {
	p.Report(r, fmt.Sprintf(format, clipArgs(args)...))
}

// clipArgs is args with each string longer than maxMessage clipped; args
// itself when none is (a caller's slice is never written).
func clipArgs(args []any) []any {
	out := args
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > maxMessage {
			if &out[0] == &args[0] {
				out = slices.Clone(args)
			}
			out[i] = clip(s)
		}
	}
	return out
}

// maxMessage bounds the bytes of a finding's message. Messages quote the
// file (a user name, a key, a path), and a file's findings are all kept
// until it is reported: a USER of 60,000 bytes quoted four times in each of
// 4,000 findings took 1.5 GB, a SARIF log of 964 MB.
const maxMessage = 4096

// clip is s cut to at most maxMessage bytes, at a character, marked with
// "…"; a copy, so that the long string it came from can be collected.
func clip(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	cut := maxMessage - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.Clone(s[:cut]) + "…"
}

// ReportIn records a finding in another file than the document, such as the
// ignore file of a Dockerfile's build context.
func (p *Pass) ReportIn(path string, r source.Range, msg string) {
	p.report(Finding{Rule: p.rule, Severity: p.rule.Severity, Path: path, Range: r, Message: msg})
}

// FinalStage is the stage whose image is built: --target when it names a
// stage, else the last one. Nil for a file without stages.
func (p *Pass) FinalStage() *dockerfile.Stage {
	f := p.Dockerfile
	if f == nil {
		return nil
	}
	if p.Options != nil && p.Options.Target != "" {
		if s := f.StageByName(p.Options.Target); s != nil {
			return s
		}
	}
	return f.FinalStage()
}
