package rules

import (
	"bytes"
	"fmt"
	"github.com/dlint/dlint/internal/suggest"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

func lintString(t *testing.T, src string, cfg *Config) []Finding {
	t.Helper()
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	return Run(doc, cfg)
}

func ids(fs []Finding) string {
	var out []string
	for _, f := range fs {
		s := f.Rule.ID + "@" + itoa(f.Range.Start.Line)
		if f.Suppression != nil {
			s += "(suppressed)"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestPanickingRuleBecomesFinding(t *testing.T) {
	broken := &Rule{ID: "DL9998", Name: "broken", Kind: parser.Dockerfile, Severity: Warning,
		Check: func(p *Pass) { panic("rule bug") }}
	doc := parser.Parse("Dockerfile", []byte("FROM alpine:3.20\n"), parser.Dockerfile, parser.Options{})
	var got []Finding
	runSafely(&Pass{Document: doc, Options: &Options{}, rule: broken}, func(f Finding) { got = append(got, f) })
	if len(got) != 1 || got[0].Rule != internalError || !strings.Contains(got[0].Message, "DL9998") || !strings.Contains(got[0].Message, "rule bug") || got[0].Path != "Dockerfile" {
		t.Fatalf("got %+v", got)
	}
}

func TestPragmas(t *testing.T) {
	only := func(r *Rule) *Config { c := onlyRule(r); return c }
	cases := []struct {
		name, src, want string
		cfg             *Config
	}{
		{"no pragma", "FROM alpine\nFROM debian\n", "DL3006@1 DL3006@2", nil},
		{"dlint ignore above", "# dlint ignore=DL3006 -- vendored\nFROM alpine\nFROM debian\n", "DL3006@3", nil},
		{"hadolint ignore by name, with a comment between", "# hadolint ignore=untagged-image\n# why\nFROM alpine\nFROM debian\n", "DL3006@4", nil},
		{"global", "FROM alpine\n# dlint global ignore=DL3006\nFROM debian\n", "", nil},
		{"hadolint global", "FROM alpine\n# hadolint global ignore=DL3006,DL3007\nFROM debian\n", "", nil},
		{"pragma does not reach past an instruction", "# dlint ignore=DL3006\nFROM alpine:3\nFROM debian\n", "DL3006@3", nil},
		{"unknown rule", "# dlint ignore=DL3060x\nFROM alpine:3.20\n", "DL0001@1", &Config{}},
		{"unknown rules, each once", "# dlint ignore=nope,DL3060x,nope,nope\nFROM alpine:3.20\n", "DL0001@1 DL0001@1", &Config{}},
		{"ShellCheck codes are known", "FROM alpine:3.20\n# hadolint ignore=SC2016,DL3006\nRUN echo '$x'\n", "", &Config{}},
		{"disabled by pragma flag", "# dlint ignore=DL3006\nFROM alpine\n", "DL3006@2", &Config{NoPragmas: true}},
		{"kept as suppressed", "# dlint ignore=DL3006\nFROM alpine\n", "DL3006@2(suppressed)", &Config{KeepSuppressed: true, Disabled: func(r *Rule, _ string) bool { return r != untaggedImage }}},
		{"unused", "# dlint ignore=DL3007\nFROM alpine:3.20\n", "DL0002@1", &Config{ReportUnusedIgnores: true, Disabled: func(r *Rule, _ string) bool { return r != latestTag }}},
		// When several pragmas could silence a finding, the first in the file does.
		{"first of two local pragmas", "# dlint ignore=DL3006\n# dlint ignore=DL3006\nFROM alpine\n", "DL0002@2", &Config{ReportUnusedIgnores: true, Disabled: func(r *Rule, _ string) bool { return r != untaggedImage }}},
		{"local before global", "# dlint ignore=DL3006\n# dlint global ignore=DL3006\nFROM alpine\n", "DL0002@2", &Config{ReportUnusedIgnores: true, Disabled: func(r *Rule, _ string) bool { return r != untaggedImage }}},
		{"global before local", "# dlint global ignore=DL3006\n# dlint ignore=DL3006\nFROM alpine\n", "DL0002@2", &Config{ReportUnusedIgnores: true, Disabled: func(r *Rule, _ string) bool { return r != untaggedImage }}},
		{"check skip of a BuildKit alias", "# check=skip=MultipleInstructionsDisallowed\nFROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n", "", nil},
		{"check skip all", "# check=skip=all\nFROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			if cfg == nil {
				cfg = only(untaggedImage)
				if strings.Contains(c.src, "HEALTHCHECK") {
					cfg = only(multipleHealthchecks)
				}
			}
			var got []Finding
			for _, f := range lintString(t, c.src, cfg) {
				if f.Rule == untaggedImage || f.Rule == latestTag || f.Rule == multipleHealthchecks || f.Rule == unknownPragmaRule || f.Rule == unusedPragma {
					got = append(got, f)
				}
			}
			if g := ids(got); g != c.want {
				t.Errorf("got %q, want %q", g, c.want)
			}
		})
	}
}

// A file's unknown pragma names get a "did you mean" up to maxSuggestions:
// each is measured against every rule name.
func TestPragmaSuggestionsBounded(t *testing.T) {
	typo := "# dlint ignore=DL3006x\nFROM alpine:3.20\n"
	suggested := func(src string) bool {
		fs := lintString(t, src, &Config{})
		last := ""
		for _, f := range fs {
			if f.Rule == unknownPragmaRule {
				last = f.Message
			}
		}
		return strings.Contains(last, "did you mean DL3006?")
	}
	if !suggested(typo) {
		t.Fatal("no suggestion for DL3006x")
	}
	if suggested(strings.Repeat("# dlint ignore=zz\n", maxSuggestions) + typo) {
		t.Errorf("%d pragmas before it, and DL3006x still got a suggestion", maxSuggestions)
	}
}

// Suggest skips the names whose length alone puts them too far: it gives
// what measuring every name would.
func TestSuggestSkipsOnlyNamesTooFar(t *testing.T) {
	slow := func(name string) string {
		best, bestDist := "", 4
		for _, key := range sortedNames {
			if d := suggest.Distance(strings.ToLower(name), key); d < bestDist {
				best, bestDist = Suggest(key), d
			}
		}
		return best
	}
	for _, r := range All() {
		for _, n := range r.Names() {
			for _, typo := range []string{n, n + "x", n[1:], n[:len(n)-1] + "zz", "x" + n + "yz", strings.ToUpper(n[:1])} {
				if got, want := Suggest(typo), slow(typo); got != want {
					t.Errorf("Suggest(%q) = %q, measuring every name gives %q", typo, got, want)
				}
			}
		}
	}
}

func TestSeverityOverrideAndOrder(t *testing.T) {
	cfg := &Config{SeverityOf: func(r *Rule, _ string) (Severity, bool) {
		if r == untaggedImage {
			return Error, true
		}
		return 0, false
	}}
	fs := lintString(t, "FROM debian\nFROM alpine:latest\n", cfg)
	var prev Finding
	for i, f := range fs {
		if f.Rule == untaggedImage && f.Severity != Error {
			t.Errorf("severity override not applied: %v", f.Severity)
		}
		if i > 0 && (f.Range.Start.Line < prev.Range.Start.Line) {
			t.Errorf("findings out of order: %v after %v", f.Range.Start, prev.Range.Start)
		}
		prev = f
	}
}

func TestOptionalRuleNeedsASeverity(t *testing.T) {
	src := "FROM alpine:3.20\nUSER app\n"
	has := func(fs []Finding) bool {
		for _, f := range fs {
			if f.Rule == numericUser {
				return true
			}
		}
		return false
	}
	if has(lintString(t, src, &Config{})) {
		t.Error("an optional rule ran without being enabled")
	}
	on := &Config{SeverityOf: func(r *Rule, _ string) (Severity, bool) { return Warning, r == numericUser }}
	fs := lintString(t, src, on)
	if !has(fs) {
		t.Fatal("an optional rule given a severity did not run")
	}
	for _, f := range fs {
		if f.Rule == numericUser && f.Severity != Warning {
			t.Errorf("severity %v, want the configured warning", f.Severity)
		}
	}
}

// TestSortIsStable: findings are ordered by path, position, rule and
// message, and those equal in all of them stay in the order reported.
func TestSortIsStable(t *testing.T) {
	a, b := &Rule{ID: "DL3000"}, &Rule{ID: "DL3001"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		fs := make([]Finding, r.IntN(40))
		for i := range fs {
			fs[i] = Finding{
				Rule: []*Rule{a, b}[r.IntN(2)], Path: []string{"a", "b"}[r.IntN(2)],
				Range:   source.Range{Start: source.Position{Line: r.IntN(3), Column: r.IntN(2)}},
				Message: []string{"x", "y"}[r.IntN(2)], Fingerprint: itoa(i), // the report order
			}
		}
		want := slices.Clone(fs)
		// Insertion sort: stable by construction.
		for i := 1; i < len(want); i++ {
			for j := i; j > 0 && compareFindings(&want[j-1], &want[j]) > 0; j-- {
				want[j-1], want[j] = want[j], want[j-1]
			}
		}
		Sort(fs)
		for i := range fs {
			if fs[i].Fingerprint != want[i].Fingerprint {
				t.Fatalf("position %d: finding reported %s, want %s", i, fs[i].Fingerprint, want[i].Fingerprint)
			}
		}
		// The order itself, checked without compareFindings.
		key := func(f Finding) []string {
			return []string{f.Path, fmt.Sprintf("%09d", f.Range.Start.Line), fmt.Sprintf("%09d", f.Range.Start.Column), f.Rule.ID, f.Message}
		}
		for i := 1; i < len(fs); i++ {
			if slices.Compare(key(fs[i-1]), key(fs[i])) > 0 {
				t.Fatalf("not ordered by path, line, column, rule and message: %v before %v", key(fs[i-1]), key(fs[i]))
			}
		}
	}
}

// DL5402 leaves alone keywords that are not ASCII: they are unknown
// instructions, and changing their case could change their bytes.
func TestInstructionCasingASCIIOnly(t *testing.T) {
	for _, src := range []string{"FROM alpine:3.20\n  \xbb\xbbrun x\n", "FROM alpine:3.20\n\u017fHELL x\n", "from alpine:3.20\nr\u00e9n x\n"} {
		for _, f := range lintString(t, src, nil) {
			if f.Rule.ID == "DL5402" {
				t.Errorf("%q: DL5402 at %v: %s", src, f.Range, f.Message)
			}
		}
	}
	if got := ids(lintString(t, "FROM alpine:3.20\nrun x\n", nil)); !strings.Contains(got, "DL5402@2") {
		t.Errorf("a lower-case RUN among upper-case: %s", got)
	}
}

// DL5408 reports a variable once per instruction, however often it is used
// there; each instruction that uses it is reported.
func TestUndefinedVarOncePerInstruction(t *testing.T) {
	fs := lintString(t, "FROM alpine:3.20\nENV A=$TWICE B=${TWICE}\nLABEL a=$TWICE b=$TWICE\n", nil)
	if got := ids(fs); strings.Count(got, "DL5408@2") != 1 || strings.Count(got, "DL5408@3") != 1 {
		t.Errorf("findings %s: want DL5408 once on line 2 and once on line 3", got)
	}
}

// --fix counts a content's parse errors from its findings (IsParseError):
// one finding per error of the document, whatever the configuration or
// pragmas say.
func TestParseErrorFindingsCountTheDocumentsErrors(t *testing.T) {
	cases := []struct {
		kind parser.Kind
		src  string
		bad  bool
	}{
		{parser.Dockerfile, "FROM alpine\nRUN true\n", false},
		{parser.Dockerfile, "# dlint ignore=DL1000\nFROM alpine\nRUN <<EOF\necho\n", true},
		{parser.Dockerfile, "FROM alpine\nBOGUS x\nRUN --mount=type=nope true\nRUN <<EOF\n", true},
		{parser.DockerIgnore, "[abc\n!\n*.log\n", true},
		{parser.DaemonJSON, `{"debug": true,}`, true},
		{parser.DaemonJSON, `{"debug": true}`, false},
	}
	off := &Config{Disabled: func(*Rule, string) bool { return true }}
	for _, c := range cases {
		doc := parser.Parse("f", []byte(c.src), c.kind, parser.Options{})
		n := 0
		for _, f := range Run(doc, off) {
			if IsParseError(f.Rule) {
				n++
			}
		}
		if (len(doc.Errors) > 0) != c.bad {
			t.Errorf("%q: %d errors", c.src, len(doc.Errors))
		}
		if n != len(doc.Errors) {
			t.Errorf("%q: %d parse-error findings, %d errors", c.src, n, len(doc.Errors))
		}
	}
	if r, _ := ByID("DL3006"); IsParseError(nil) || IsParseError(r) {
		t.Error("only the parse-error rules are parse errors")
	}
}

// A file of millions of comment lines (a size the CLI accepts) is held
// once: the comments and the line index are allocated at their final
// size, not grown (growing them, and copying the comments for the
// pragmas, allocated 700 MB for four million lines).
func TestCommentLinesAreAllocatedOnce(t *testing.T) {
	const lines = 200_000
	src := []byte("FROM alpine:3.20\nUSER app\n" + strings.Repeat("# a comment\n", lines))
	cfg := &Config{}
	allocated := func(f func()) uint64 {
		f() // one-time set-up
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	all := allocated(func() { Run(parser.Parse("Dockerfile", src, parser.Dockerfile, parser.Options{}), cfg) })
	buildkit := allocated(func() { _, _ = bkparser.Parse(bytes.NewReader(src)) })
	// A comment is 24 bytes, its line's start 8, its share of the
	// source's copy 12 (45 in all); growing any of them is more.
	if per := (all - min(buildkit, all)) / lines; per > 60 {
		t.Errorf("dlint allocated %d bytes per comment line beyond BuildKit's parse, want at most 60", per)
	}
}

// Messages quote the file, and a file's findings are kept until it is
// reported: a message holds at most maxMessage bytes, however long what it
// quotes (a USER of 60,000 bytes, quoted four times by DL5205; a daemon.json
// key of 100,000 bytes, quoted by each of its members' findings).
func TestMessagesClipped(t *testing.T) {
	long := strings.Repeat("u", 60000)
	docs := map[string]*parser.Document{
		"Dockerfile":  parser.Parse("Dockerfile", []byte("FROM alpine:3.20\nUSER "+long+"\nCOPY a /b\nCOPY c /d\n"), parser.Dockerfile, parser.Options{}),
		"daemon.json": parser.Parse("daemon.json", []byte(`{"`+long+`": {"a": 1, "a": 2}}`), parser.DaemonJSON, parser.Options{}),
	}
	for name, doc := range docs {
		clipped := 0
		for _, f := range Run(doc, nil) {
			if len(f.Message) > maxMessage || !utf8.ValidString(f.Message) {
				t.Errorf("%s: %s message of %d bytes", name, f.Rule.ID, len(f.Message))
			}
			if strings.HasSuffix(f.Message, "…") {
				clipped++
			}
		}
		if clipped == 0 {
			t.Errorf("%s: no message quotes the long name, clipped", name)
		}
	}
	if got := clip("é" + strings.Repeat("x", maxMessage)); len(got) > maxMessage || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("clip: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

// clipArgs clips without writing the caller's arguments.
func TestClipArgs(t *testing.T) {
	long := strings.Repeat("x", maxMessage+1)
	args := []any{1, long, "short"}
	got := clipArgs(args)
	if args[1] != long || len(got[1].(string)) > maxMessage || got[2] != "short" || got[0] != 1 {
		t.Errorf("clipArgs wrote the caller's slice or clipped wrongly: %d bytes", len(got[1].(string)))
	}
	if short := []any{"a"}; &clipArgs(short)[0] != &short[0] {
		t.Error("clipArgs copied arguments it did not clip")
	}
}

// pmSourceIs finds a word by its columns, which count characters, without
// converting the line: as converting it did, invalid bytes included.
func TestSourceIsByColumns(t *testing.T) {
	line := "RUN é \xff pip install x"
	p := &Pass{Document: &parser.Document{Lines: source.NewLines([]byte(line))}}
	old := func(r source.Range, raw string) bool { // the conversion it replaces
		text := []rune(line)
		s, e := r.Start.Column-1, r.End.Column-1
		if s < 0 || e > len(text) || s >= e {
			return false
		}
		return string(text[s:e]) == raw
	}
	runes := []rune(line)
	for s := 0; s <= len(runes)+1; s++ {
		for e := s; e <= len(runes)+1; e++ {
			r := source.Range{Start: source.Position{Line: 1, Column: s + 1}, End: source.Position{Line: 1, Column: e + 1}}
			raws := []string{"pip", "é", "\xff", "\uFFFD", "x", "é \uFFFD", "é \xff"}
			if s < e && e <= len(runes) {
				raws = append(raws, string(runes[s:e]))
			}
			for _, raw := range raws {
				if got, want := pmSourceIs(p, r, raw), old(r, raw); got != want {
					t.Errorf("columns %d-%d, %q: %v, converting the line says %v", s+1, e+1, raw, got, want)
				}
			}
		}
	}
}
