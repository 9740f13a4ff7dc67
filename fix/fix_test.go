package fix

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/parser/source"
	"github.com/dlint/dlint/rules"
)

var testRule = &rules.Rule{ID: "DL9999", Name: "test"}

func at(l1, c1, l2, c2 int) source.Range {
	return source.Range{Start: source.Position{Line: l1, Column: c1}, End: source.Position{Line: l2, Column: c2}}
}

func finding(safe bool, edits ...rules.Edit) rules.Finding {
	return rules.Finding{Rule: testRule, Fixes: []rules.Fix{{Message: "fix", Safe: safe, Edits: edits}}}
}

func TestApply(t *testing.T) {
	src := "from alpine\nRUN apk add curl\n"
	fs := []rules.Finding{
		finding(true, rules.Edit{Range: at(1, 1, 1, 5), NewText: "FROM"}),
		finding(true, rules.Edit{Range: at(2, 12, 2, 12), NewText: " --no-cache"}),
		// Overlaps the first: skipped this round.
		finding(true, rules.Edit{Range: at(1, 1, 1, 12), NewText: "FROM alpine:3.20"}),
		// Unsafe: skipped unless asked.
		finding(false, rules.Edit{Range: at(2, 1, 2, 4), NewText: "run"}),
	}
	got, applied := Apply("", []byte(src), fs, false)
	if diff := cmp.Diff("FROM alpine\nRUN apk add --no-cache curl\n", string(got)); diff != "" {
		t.Error(diff)
	}
	if len(applied) != 2 {
		t.Errorf("applied %d fixes, want 2", len(applied))
	}
	got, applied = Apply("", []byte(src), fs, true)
	if !strings.HasPrefix(string(got), "FROM alpine\nrun apk add --no-cache") || len(applied) != 3 {
		t.Errorf("unsafe: %q, %d applied", got, len(applied))
	}
}

func TestApplyKeepsLineEndingsAndBOM(t *testing.T) {
	src := "\xEF\xBB\xBFFROM alpine\r\nRUN a\r\n"
	got, _ := Apply("", []byte(src), []rules.Finding{
		finding(true, rules.Edit{Range: at(1, 6, 1, 12), NewText: "alpine:3.20"}),
		finding(true, rules.Edit{Range: at(3, 1, 3, 1), NewText: "USER app\n"}),
	}, false)
	if want := "\xEF\xBB\xBFFROM alpine:3.20\r\nRUN a\r\nUSER app\r\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestConverge(t *testing.T) {
	// A fake linter: every lower-case "run" at a line start is a finding.
	lint := func(src []byte) []rules.Finding {
		var fs []rules.Finding
		for i, l := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(l, "run") {
				fs = append(fs, finding(true, rules.Edit{Range: at(i+1, 1, i+1, 4), NewText: "RUN"}))
				// An overlapping second fix on the same token.
				fs = append(fs, finding(true, rules.Edit{Range: at(i+1, 1, i+1, 2), NewText: "R"}))
			}
		}
		return fs
	}
	out, applied := Converge("", []byte("run a\nrun b\n"), lint, false)
	if string(out) != "RUN a\nRUN b\n" || len(applied) != 2 {
		t.Errorf("got %q after %d fixes", out, len(applied))
	}
	again, more := Converge("", out, lint, false)
	if string(again) != string(out) || len(more) != 0 {
		t.Error("a second run changed the file")
	}
}

func TestConvergeParsingDropsABreakingRound(t *testing.T) {
	other := &rules.Rule{ID: "DL9998", Name: "other"}
	// Round 1 upper-cases "run"; once no "run" is left, round 2 offers a
	// fix that adds a parse error ("!") and one that does not.
	lint := func(src []byte) []rules.Finding {
		if i := strings.Index(string(src), "run"); i >= 0 {
			return []rules.Finding{finding(true, rules.Edit{Range: at(1, i+1, 1, i+4), NewText: "RUN"})}
		}
		broken := finding(true, rules.Edit{Range: at(1, 1, 1, 1), NewText: "!"})
		broken.Rule = other
		return []rules.Finding{broken, finding(true, rules.Edit{Range: at(1, 4, 1, 4), NewText: " "})}
	}
	parseErrors := func(b []byte) int { return strings.Count(string(b), "!") }
	out, applied, err := ConvergeParsing("", []byte("run a"), lint, false, parseErrors)
	if string(out) != "RUN a" || len(applied) != 1 {
		t.Errorf("kept %q after %d fixes, want the first round's %q", out, len(applied), "RUN a")
	}
	var broken *BrokenError
	if !errors.As(err, &broken) || !slices.Equal(broken.Rules, []string{"DL9998", "DL9999"}) {
		t.Fatalf("error %v, want a BrokenError naming both rules of the dropped round", err)
	}
	if !strings.Contains(err.Error(), ": fixes of DL9998, DL9999 not applied") {
		t.Errorf("message: %s", err)
	}
	// "RUN a" with "!" and " " inserted: the size the dropped round would have written.
	if broken.Size != len("!RUN  a") {
		t.Errorf("BrokenError.Size = %d, want %d", broken.Size, len("!RUN  a"))
	}

	// A file that already has parse errors may keep them, not gain any.
	out, _, err = ConvergeParsing("", []byte("! run a"), func(src []byte) []rules.Finding {
		if i := strings.Index(string(src), "run"); i >= 0 {
			return []rules.Finding{finding(true, rules.Edit{Range: at(1, i+1, 1, i+4), NewText: "RUN"})}
		}
		return nil
	}, false, parseErrors)
	if string(out) != "! RUN a" || err != nil {
		t.Errorf("got %q, %v", out, err)
	}

	// Each round is held to the one before it: an error a fix removed may
	// not come back.
	out, _, err = ConvergeParsing("", []byte("!!a"), func(src []byte) []rules.Finding {
		switch {
		case strings.HasPrefix(string(src), "!!"):
			return []rules.Finding{finding(true, rules.Edit{Range: at(1, 1, 1, 3), NewText: "!"})}
		case !strings.Contains(string(src), "b"):
			return []rules.Finding{finding(true, rules.Edit{Range: at(1, 1, 1, 1), NewText: "!b"})}
		}
		return nil
	}, false, parseErrors)
	if string(out) != "!a" || err == nil {
		t.Errorf("got %q, %v; want the first round only and an error", out, err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	if string(b) != "new" || info.Mode().Perm() != 0o640 {
		t.Errorf("content %q mode %v", b, info.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("x")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("read-only file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("read-only file changed: %q", b)
	}
	if err := WriteFile(filepath.Join(dir, "gone"), []byte("x")); err == nil {
		t.Error("a vanished file must be an error")
	}
}

// A file the user named by a link is replaced where the link points and
// the link is kept; a file dlint found is never written through a link,
// nor created through a dangling one.
func TestWriteThroughLinks(t *testing.T) {
	dir := t.TempDir()
	must := mustFor(t)
	must(os.Mkdir(filepath.Join(dir, "docker"), 0o755))
	real := filepath.Join(dir, "docker", "Dockerfile.prod")
	must(os.WriteFile(real, []byte("old"), 0o600))
	link := filepath.Join(dir, "Dockerfile")
	must(os.Symlink("docker/Dockerfile.prod", link))

	must(WriteFile(link, []byte("new")))
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("the file the link names holds %q", b)
	}
	if target, err := os.Readlink(link); err != nil || target != "docker/Dockerfile.prod" {
		t.Errorf("the link became %q, %v", target, err)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	err := WriteFound(link, []byte("found"))
	if err == nil || !strings.Contains(err.Error(), "a symbolic link: not changed") {
		t.Errorf("WriteFound through a link: %v", err)
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("WriteFound wrote through the link: %q", b)
	}
	must(WriteFound(real, []byte("found")))
	if b, _ := os.ReadFile(real); string(b) != "found" {
		t.Errorf("WriteFound on a regular file: %q", b)
	}

	elsewhere := filepath.Join(dir, "elsewhere")
	dangling := filepath.Join(dir, ".dockerignore")
	must(os.Symlink(elsewhere, dangling))
	if err := CreateFound(dangling, []byte(".git\n")); err == nil || !strings.Contains(err.Error(), "a symbolic link") {
		t.Errorf("CreateFound through a dangling link: %v", err)
	}
	if _, err := os.Lstat(elsewhere); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("CreateFound made the file a dangling link names: %v", err)
	}
	if err := CreateFound(real, []byte("x")); err == nil {
		t.Error("CreateFound over an existing file")
	}
	fresh := filepath.Join(dir, "docker", ".dockerignore")
	must(CreateFound(fresh, []byte(".git\n")))
	if b, _ := os.ReadFile(fresh); string(b) != ".git\n" {
		t.Errorf("CreateFound wrote %q", b)
	}
}

func TestDiff(t *testing.T) {
	d, err := Diff("Dockerfile", []byte("FROM a\nrun x\n"), []byte("FROM a\nRUN x\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM a\n-run x\n+RUN x\n"
	if d != want {
		t.Errorf("diff:\n%s\nwant:\n%s", d, want)
	}
	d, _ = Diff("f", []byte("a\nb"), []byte("a\nc"))
	if !strings.Contains(d, "-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n") {
		t.Errorf("no-newline marker missing:\n%s", d)
	}
	if d, _ := Diff("f", []byte("same"), []byte("same")); d != "" {
		t.Errorf("identical content gave a diff: %q", d)
	}
}

func TestApplyByPath(t *testing.T) {
	own := finding(true, rules.Edit{Range: at(1, 1, 1, 1), NewText: "own\n"})
	own.Path = "Dockerfile"
	other := rules.Finding{Rule: testRule, Path: "Dockerfile", Fixes: []rules.Fix{{Safe: true, Path: ".dockerignore",
		Edits: []rules.Edit{{Range: at(1, 1, 1, 1), NewText: ".git\n"}}}}}
	fs := []rules.Finding{own, other}
	if got, _ := Apply("Dockerfile", []byte("x\n"), fs, false); string(got) != "own\nx\n" {
		t.Errorf("Dockerfile: %q", got)
	}
	if got, _ := Apply(".dockerignore", nil, fs, false); string(got) != ".git\n" {
		t.Errorf(".dockerignore: %q", got)
	}
}

func TestApplyInsertionOrder(t *testing.T) {
	fs := []rules.Finding{
		finding(true, rules.Edit{Range: at(2, 1, 2, 1), NewText: "first\n"}),
		finding(true, rules.Edit{Range: at(2, 1, 2, 1), NewText: "second\n"}),
	}
	if got, _ := Apply("", []byte("top\n"), fs, false); string(got) != "top\nfirst\nsecond\n" {
		t.Errorf("insertions at one point: %q", got)
	}
}

// applyOneByOne is how fixes were applied before: each edit checked against
// every edit taken and spliced into the whole file, from the end. It is the
// reference for Apply where a replacement does not start where a later
// fix inserts (there the splice shifted the replacement: a bug).
func applyOneByOne(src []byte, es []edit) []byte {
	out := slices.Clone(src)
	sorted := slices.Clone(es)
	for i := range sorted {
		sorted[i].order = i
	}
	slices.SortFunc(sorted, func(a, b edit) int {
		if a.start != b.start {
			return b.start - a.start
		}
		return b.order - a.order
	})
	for _, e := range sorted {
		out = slices.Concat(out[:e.start:e.start], []byte(e.text), out[e.end:])
	}
	return out
}

// Apply takes the same fixes as comparing each edit with every edit taken,
// and writes what splicing them in one by one wrote.
func TestApplyMatchesOneByOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		var src strings.Builder
		nlines := 1 + rng.IntN(6)
		for range nlines {
			src.WriteString(strings.Repeat("x", rng.IntN(12)) + "\n")
		}
		lines := source.NewLines([]byte(src.String()))
		var fs []rules.Finding
		for range rng.IntN(12) {
			var edits []rules.Edit
			for range 1 + rng.IntN(2) {
				l := 1 + rng.IntN(nlines)
				c1 := 1 + rng.IntN(len(lines.Text(l))+1)
				c2 := c1
				if rng.IntN(2) == 0 {
					c2 = c1 + rng.IntN(len(lines.Text(l))+2-c1)
				}
				edits = append(edits, rules.Edit{Range: at(l, c1, l, c2), NewText: string(rune('a' + rng.IntN(26)))})
			}
			fs = append(fs, finding(true, edits...))
		}
		got, applied := Apply("", []byte(src.String()), fs, false)
		// The same choice of fixes, by the quadratic test.
		var taken []edit
		var want []rules.Finding
		for _, f := range fs {
			var es []edit
			ok := true
			for _, e := range f.Fixes[0].Edits {
				ed := edit{start: lines.Offset(e.Range.Start), end: lines.Offset(e.Range.End), text: e.NewText}
				if ed.end < ed.start || overlaps(ed, taken) || overlaps(ed, es) {
					ok = false
					break
				}
				es = append(es, ed)
			}
			if ok {
				taken = append(taken, es...)
				want = append(want, f)
			}
		}
		if len(applied) != len(want) {
			t.Fatalf("round %d: %d fixes applied, want %d", round, len(applied), len(want))
		}
		shifted := false
		for i, a := range taken {
			for _, b := range taken[i+1:] {
				shifted = shifted || a.start == b.start && a.end > a.start && b.end == b.start
			}
		}
		if !shifted && string(got) != string(applyOneByOne([]byte(src.String()), taken)) {
			t.Fatalf("round %d: %q, want %q", round, got, applyOneByOne([]byte(src.String()), taken))
		}
	}
}

// WriteNamed creates a file that is not there, with the permissions a
// plain create would get, replaces one that is as WriteFile does, and
// leaves no temporary file behind.
func TestWriteNamed(t *testing.T) {
	dir := t.TempDir()
	must := mustFor(t)
	plain := filepath.Join(dir, "plain")
	f, err := os.OpenFile(plain, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	must(err)
	must(f.Close())
	plainInfo, err := os.Stat(plain)
	must(err)
	must(os.Remove(plain))

	p := filepath.Join(dir, "baseline.json")
	must(WriteNamed(p, []byte("first")))
	info, err := os.Stat(p)
	must(err)
	if b, _ := os.ReadFile(p); string(b) != "first" || info.Mode() != plainInfo.Mode() {
		t.Errorf("new file: content %q mode %v, want %q %v", b, info.Mode(), "first", plainInfo.Mode())
	}
	must(os.Chmod(p, 0o600))
	before, err := os.Stat(p)
	must(err)
	must(WriteNamed(p, []byte("second")))
	info, err = os.Stat(p)
	must(err)
	if b, _ := os.ReadFile(p); string(b) != "second" || info.Mode().Perm() != 0o600 {
		t.Errorf("replaced file: content %q mode %v", b, info.Mode())
	}
	if os.SameFile(before, info) {
		t.Error("the file was rewritten in place, not replaced by a complete new one")
	}

	link := filepath.Join(dir, "link.json")
	must(os.Symlink("baseline.json", link))
	must(WriteNamed(link, []byte("third")))
	if b, _ := os.ReadFile(p); string(b) != "third" {
		t.Errorf("the file the link names holds %q", b)
	}
	if target, err := os.Readlink(link); err != nil || target != "baseline.json" {
		t.Errorf("the link became %q, %v", target, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	dangling := filepath.Join(dir, "dangling.json")
	must(os.Symlink("elsewhere", dangling))
	if err := WriteNamed(dangling, []byte("x")); err == nil {
		t.Error("WriteNamed through a dangling link must be an error")
	}
	if _, err := os.Lstat(filepath.Join(dir, "elsewhere")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteNamed made the file a dangling link names: %v", err)
	}
	missing := filepath.Join(dir, "no", "such", "dir.json")
	err = WriteNamed(missing, []byte("x"))
	if err == nil || !errors.Is(err, os.ErrNotExist) || strings.Count(err.Error(), missing) != 1 {
		t.Errorf("a missing directory: %v, want an error naming the path once", err)
	}
}

// mustFor returns a check that fails t at once on an error.
func mustFor(t *testing.T) func(error) {
	return func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}
