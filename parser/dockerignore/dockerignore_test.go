package dockerignore

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dlint/dlint/internal/stderrcheck"
)

func parse(t *testing.T, src string) *File {
	t.Helper()
	f, errs := Parse([]byte(src))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	return f
}

func TestParseKeepsLinesAndCleans(t *testing.T) {
	f := parse(t, "\uFEFF# comment\n\n  /node_modules/  \n!./keep\r\n**/*.log\n")
	want := []struct {
		cleaned string
		negated bool
		line    int
	}{{"node_modules", false, 3}, {"keep", true, 4}, {"**/*.log", false, 5}}
	if len(f.Patterns) != len(want) {
		t.Fatalf("patterns = %+v", f.Patterns)
	}
	for i, w := range want {
		p := f.Patterns[i]
		if p.Cleaned != w.cleaned || p.Negated != w.negated || p.Range.Start.Line != w.line {
			t.Errorf("pattern %d = %+v, want %+v", i, p, w)
		}
	}
	if p := f.Patterns[0]; p.Range.Start.Column != 3 || !p.Absolute() || f.Patterns[1].Absolute() {
		t.Errorf("pattern 0 range %v absolute %v", p.Range, p.Absolute())
	}
}

func TestParseErrors(t *testing.T) {
	_, errs := Parse([]byte("ok\n!\n[abc\n"))
	if len(errs) != 2 || errs[0].Range.Start.Line != 2 || errs[1].Range.Start.Line != 3 {
		t.Errorf("errors = %v", errs)
	}
}

func TestExcludesAndDeciding(t *testing.T) {
	f := parse(t, "*\n!src\nsrc/**/*.tmp\n")
	cases := map[string]bool{"README.md": true, "src/a.go": false, "src/x/y.tmp": true, "src": false}
	for p, want := range cases {
		if got := f.Excludes(p); got != want {
			t.Errorf("Excludes(%q) = %v, want %v", p, got, want)
		}
	}
	if d, ok := f.Deciding("src/a.go"); !ok || d.Range.Start.Line != 2 {
		t.Errorf("Deciding(src/a.go) = %+v %v", d, ok)
	}
	if !f.HasExceptions() || parse(t, "a\n").HasExceptions() {
		t.Error("HasExceptions")
	}
	var nilFile *File
	if nilFile.Excludes("x") || nilFile.HasExceptions() {
		t.Error("nil file excludes")
	}
}

func TestPatternHelpers(t *testing.T) {
	f := parse(t, "docs/**/*.md\nbuild\n*.log\n**/cache\na/b/c\n")
	p := f.Patterns
	if p[0].LiteralPrefix() != "docs" || p[1].LiteralPrefix() != "build" || p[2].LiteralPrefix() != "" {
		t.Errorf("LiteralPrefix: %q %q %q", p[0].LiteralPrefix(), p[1].LiteralPrefix(), p[2].LiteralPrefix())
	}
	if !p[0].HasWildcard() || p[1].HasWildcard() {
		t.Error("HasWildcard")
	}
	under := []struct {
		i    int
		dir  string
		want bool
	}{
		{0, "docs", true}, {0, "src", false}, {1, "build", false}, {2, "logs", false},
		{3, "x/y", true}, {4, "a", true}, {4, "a/b", true}, {4, "a/b/c", false}, {4, "b", false},
	}
	for _, u := range under {
		if got := p[u.i].MayMatchUnder(u.dir); got != u.want {
			t.Errorf("%q.MayMatchUnder(%q) = %v, want %v", p[u.i].Cleaned, u.dir, got, u.want)
		}
	}
}

// fuzzMatchWork bounds the matching FuzzParse does for one path: about 0.1 s.
const fuzzMatchWork = 10_000_000

func FuzzParse(f *testing.F) {
	for _, s := range []string{"node_modules\n!a\n", "**/*.log\n/abs\n[abc\n", "!\n", "\uFEFF# c\r\n a/b/ \n", "\\\n*\n!*/x\n", "caf\xe9\n!l/\xff*.log\n", "a\x00\n"} {
		f.Add(s)
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src string) {
		defer stderr.Check(t)
		file, errs := Parse([]byte(src))
		for _, p := range file.Patterns {
			p.LiteralPrefix()
			p.MayMatchUnder("a/b")
			p.Matches("a/b/c")
			p.Absolute()
		}
		file.Excludes("a/b")
		file.Deciding("a")
		file.HasExceptions()
		// A file without errors holds BuildKit's patterns, in order.
		if len(errs) > 0 {
			return
		}
		read, err := ignorefile.ReadAll(strings.NewReader(src))
		if err != nil {
			t.Fatalf("Parse took a file BuildKit cannot read (%v): %q", err, src)
		}
		// Those the matcher drops (blank once the slash is gone) dlint drops.
		if got, want := readerPatterns(file), slices.DeleteFunc(slices.Clone(read), isBlank); !slices.Equal(got, want) {
			t.Fatalf("patterns as read %q, BuildKit's %q, of %q", got, want, src)
		}
		if got, want := matcherPatterns(file.Patterns), buildkitPatterns(t, read); !slices.Equal(got, want) {
			t.Fatalf("patterns as matched %q, BuildKit's %q, of %q", got, want, src)
		}
		// Each pattern matched on its own agrees with the file's matcher: the
		// last pattern to match a path decides whether it is left out.
		probes := []string{"a", "a/b", "a/b/c"}
		for _, p := range file.Patterns {
			probes = append(probes, p.Cleaned, p.Cleaned+"/x", p.LiteralPrefix())
		}
		// Excludes and Matches say what BuildKit's matcher does, each pattern
		// tested with its parents carried down, also for paths not clean.
		probes = append(probes, "a//b", "/a/b", "a/./b", "a/b/", "../a", ".")
		whole, err := file.NewMatcher()
		if err != nil {
			t.Fatalf("NewMatcher: %v, of %q", err, src)
		}
		alone := make([]*patternmatcher.PatternMatcher, len(file.Patterns))
		for i, p := range file.Patterns {
			if alone[i], err = aloneMatcher(p.matcherPattern(), p.Negated); err != nil {
				t.Fatal(err)
			}
		}
		for _, path := range probes {
			if file.ExcludesCost(path) > fuzzMatchWork {
				continue // a path of a long pattern against many long patterns: seconds
			}
			d, ok := file.Deciding(path)
			if excluded := ok && !d.Negated; excluded != file.Excludes(path) {
				t.Fatalf("%q: left out %v, but the deciding pattern is %+v (found %v), of %q", path, file.Excludes(path), d, ok, src)
			}
			if want, err := whole.MatchesOrParentMatches(filepath.FromSlash(path)); err == nil && want != file.Excludes(path) {
				t.Fatalf("%q: Excludes %v, BuildKit's matcher %v, of %q", path, !want, want, src)
			}
			for i, p := range file.Patterns {
				if want, err := alone[i].MatchesOrParentMatches(filepath.FromSlash(path)); err == nil && want != p.Negated != p.Matches(path) {
					t.Fatalf("%q: %q matches %v, BuildKit's matcher %v", path, p.Raw, p.Matches(path), want != p.Negated)
				}
			}
		}
		// A pattern TestCost prices as text is never a regular expression.
		for i, p := range file.Patterns {
			if _, err := alone[i].MatchesOrParentMatches("x"); err == nil && !compiles(p.Cleaned) && compiledRegexp(alone[i]) {
				t.Fatalf("%q is compiled to a regular expression, priced as text", p.Raw)
			}
		}
	})
}

// readerPatterns are a file's patterns as BuildKit's reader hands them to
// the matcher.
func readerPatterns(f *File) []string {
	var got []string
	for _, p := range f.Patterns {
		got = append(got, p.buildkit)
	}
	return got
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// matcherPatterns are the patterns as dlint reports them, "!" marking an
// exception.
func matcherPatterns(pats []Pattern) []string {
	var got []string
	for _, p := range pats {
		if p.Negated {
			got = append(got, "!"+p.Cleaned)
		} else {
			got = append(got, p.Cleaned)
		}
	}
	return got
}

// buildkitPatterns are the patterns BuildKit's matcher makes of what its
// reader read, "!" marking an exception, or a failed test when it refuses
// them. The regular expressions are compiled from the patterns as dlint
// gives them (matcherText), which keeps the compiler quiet and compiles
// the same.
func buildkitPatterns(t *testing.T, read []string) []string {
	t.Helper()
	m, err := patternmatcher.New(read)
	if err == nil {
		quiet := make([]string, len(read))
		for i, r := range read {
			quiet[i] = matcherText(r)
		}
		var compiled *patternmatcher.PatternMatcher
		if compiled, err = patternmatcher.New(quiet); err == nil {
			_, err = compiled.MatchesOrParentMatches("x")
		}
	}
	if err != nil {
		t.Fatalf("no errors, but BuildKit refuses %q: %v", read, err)
	}
	var want []string
	for _, p := range m.Patterns() {
		if p.Exclusion() {
			want = append(want, "!"+p.String())
		} else {
			want = append(want, p.String())
		}
	}
	return want
}

// A pattern longer than any path is refused rather than compiled: its
// compilation costs time quadratic in its length.
func TestOverlongPatternsAreRefused(t *testing.T) {
	fits := strings.Repeat("a/", maxPatternLen/2-1) + "xy"
	tooLong := fits + "z"
	f, errs := Parse([]byte(fits + "\n" + tooLong + "\n" + strings.Repeat("**/", 20_000) + "x\n"))
	if len(f.Patterns) != 1 || f.Patterns[0].Cleaned != fits {
		t.Errorf("kept %d patterns, want only the one of %d bytes", len(f.Patterns), len(fits))
	}
	if len(errs) != 2 || errs[0].Range.Start.Line != 2 || errs[1].Range.Start.Line != 3 || !strings.Contains(errs[0].Message, "longer than any path") {
		t.Errorf("errors = %+v, want lines 2 and 3 refused as too long", errs)
	}
}

// An ignore file of more patterns or bytes than dlint analyses is declined
// before any pattern is compiled: each costs some 3 KB.
func TestLargeFilesAreDeclined(t *testing.T) {
	var b strings.Builder
	b.WriteString("# a comment\n\n")
	for i := range MaxPatterns {
		fmt.Fprintf(&b, "dir%d/*.log\n", i)
	}
	f, errs := Parse([]byte(b.String()))
	if len(errs) != 0 || f.Declined || len(f.Patterns) != MaxPatterns {
		t.Fatalf("%d patterns: declined %v, %d kept, errors %v", MaxPatterns, f.Declined, len(f.Patterns), errs)
	}
	b.WriteString("  \n# another comment\n!one/more\n")
	f, errs = Parse([]byte(b.String()))
	if !f.Declined || len(f.Patterns) != 0 || len(errs) != 1 || errs[0].Range.Start.Line != MaxPatterns+5 || !strings.Contains(errs[0].Message, "over 10000 patterns") {
		t.Errorf("one pattern more: declined %v, %d kept, errors %v", f.Declined, len(f.Patterns), errs)
	}
	f, errs = Parse(make([]byte, MaxSize+1))
	if !f.Declined || len(errs) != 1 || !strings.Contains(errs[0].Message, "over 8 MiB") {
		t.Errorf("over the size: declined %v, errors %v", f.Declined, errs)
	}
}

// TestLongLine: a line BuildKit's reader cannot take declines the whole
// file, at the bound where ignorefile.ReadAll fails.
func TestLongLine(t *testing.T) {
	for _, size := range []int{maxLine - 2, maxLine - 1, maxLine, maxLine + 1} {
		for _, end := range []string{"\n", ""} {
			for _, line := range []string{"#", "a"} {
				src := "node_modules\n" + line + strings.Repeat("b", size-1) + end
				_, bkErr := ignorefile.ReadAll(strings.NewReader(src))
				f, errs := Parse([]byte(src))
				refused := len(errs) == 1 && errs[0].Range.Start.Line == 2 && strings.Contains(errs[0].Message, "BuildKit cannot read")
				if (bkErr != nil) != f.Declined || f.Declined != refused {
					t.Errorf("line of %d bytes + %q: BuildKit %v, declined %v, errors %v", size, end, bkErr, f.Declined, errs)
				}
			}
		}
	}
}

// A pattern that is not UTF-8 is given to the matcher with U+FFFD for each
// such byte (and each NUL), which keeps the matcher from printing a
// complaint: with a
// wildcard it matches as BuildKit's, any byte that is not UTF-8 or U+FFFD
// where the pattern has one; without one, BuildKit compares bytes and
// dlint then matches U+FFFD instead (DI1011 reports the pattern).
func TestPatternsNotUTF8(t *testing.T) {
	f := parse(t, "logs/\xff*.log\ncaf\xe9\nx\x00y\n[a\x00]\n")
	for _, c := range []struct {
		path string
		want bool
	}{
		{"logs/\xfeabc.log", true},
		{"logs/\xff.log", true},
		{"logs/\uFFFDx.log", true},
		{"logs/a.log", false},
		{"logs/\xff\xff.log", true},
		{"caf\uFFFD", true},
		{"caf\uFFFD/x", true},
		{"cafe", false},
		{"x\uFFFDy", true}, // a NUL, in no path, reads as U+FFFD
		{"a", true},
	} {
		if got := f.Excludes(c.path); got != c.want {
			t.Errorf("Excludes(%q) = %v, want %v", c.path, got, c.want)
		}
	}
	if got := matcherText("a\xff\xfeb\u00e9\x00"); got != "a\uFFFD\uFFFDb\u00e9\uFFFD" {
		t.Errorf("matcherText = %q, want each byte replaced", got)
	}
}

// "/!x" and "/ !x" are exceptions as BuildKit reads them: its reader finds
// no "!" at the start of the line and drops the slash, and the matcher,
// which trims what it is given, then reads the "!" of "!x".
func TestSlashBangIsAnException(t *testing.T) {
	for _, exception := range []string{"/!0", "/ !0", "/  !0"} {
		f, errs := Parse([]byte("0\n" + exception + "\n/!\n/ !\n"))
		if len(errs) != 2 || errs[0].Range.Start.Line != 3 || errs[1].Range.Start.Line != 4 || !strings.Contains(errs[0].Message, "illegal exclusion") {
			t.Errorf("%q: errors %v, want the lone \"!\" of lines 3 and 4", exception, errs)
		}
		if len(f.Patterns) != 2 || !f.Patterns[1].Negated || f.Patterns[1].Cleaned != "0" {
			t.Fatalf("%q: patterns %+v, want 0 and the exception !0", exception, f.Patterns)
		}
		if f.Excludes("0") {
			t.Errorf(`%q: "0" is left out; the exception brings it back`, exception)
		}
	}
	// The third line leaves "0" out again: it is not a duplicate of the
	// first, which the exception between them undoes.
	f, _ := Parse([]byte("0\n/ !0\n0"))
	if !f.Excludes("0") || !f.Patterns[1].Negated {
		t.Errorf("0, / !0, 0: patterns %+v", f.Patterns)
	}
}

// BuildKit's matcher trims and cleans each pattern its reader hands it
// once more, and only then looks for a "!": a line can mean something
// other than its reading, and dlint's Cleaned and Negated are the
// matcher's.
func TestMatcherRereadsEachPattern(t *testing.T) {
	for _, c := range []struct {
		line, cleaned string
		negated       bool
		matches       string // a path the pattern matches
	}{
		{"/ a", "a", false, "a/b"},       // read as " a"
		{"/a/ /", "a", false, "a"},       // read as "a/ "
		{"/ ./a", "a", false, "a"},       // read as " ./a"
		{"/ !a", "a", true, "a"},         // read as " !a"
		{"!/ a", " a", true, " a/b"},     // read as "! a": an exception keeps its space
		{"!/ ./a", " ./a", true, " ./a"}, // " ." is a name
		{"!!a", "!a", true, "!a"},        // the second "!" is the name's
	} {
		f := parse(t, c.line+"\n")
		if len(f.Patterns) != 1 {
			t.Fatalf("%q: patterns %+v", c.line, f.Patterns)
		}
		p := f.Patterns[0]
		if p.Cleaned != c.cleaned || p.Negated != c.negated || !p.Matches(c.matches) || p.Matches("b") {
			t.Errorf("%q: cleaned %q, negated %v, matches %q %v, b %v; want %q, %v, true, false",
				c.line, p.Cleaned, p.Negated, c.matches, p.Matches(c.matches), p.Matches("b"), c.cleaned, c.negated)
		}
	}
	// Only whitespace once the slash is gone: the matcher drops the pattern.
	if f := parse(t, "/ \t/\n"); len(f.Patterns) != 0 {
		t.Errorf(`"/ \t/": patterns %+v, want none`, f.Patterns)
	}
	// "!/" is read as "!/", which the matcher cleans to a lone "!".
	if _, errs := Parse([]byte("a\n!/\n")); len(errs) != 1 || errs[0].Range.Start.Line != 2 || !strings.Contains(errs[0].Message, "illegal exclusion") {
		t.Errorf(`"!/": errors %v, want line 2's illegal exclusion`, errs)
	}
}
