package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
	"github.com/dlint/dlint/rules"
)

const fixable = "from alpine:3.20\r\nRUN apk add curl && \\\r\n    echo ok\r\nUSER app\r\n"

func TestFixAndDiff(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "Dockerfile", fixable)
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}

	r := dlint(t, dir, "", "--diff", "--ignore", "DL3018", "Dockerfile")
	if r.code != 1 || !strings.Contains(r.stdout, "-from alpine:3.20\r\n") || !strings.Contains(r.stdout, "+FROM alpine:3.20\r\n") || !strings.Contains(r.stdout, "+RUN apk add --no-cache curl") {
		t.Errorf("--diff: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if b, _ := os.ReadFile(p); string(b) != fixable {
		t.Fatal("--diff changed the file")
	}

	r = dlint(t, dir, "", "--fix", "--ignore", "DL3018", "Dockerfile")
	want := "FROM alpine:3.20\r\nRUN apk add --no-cache curl && \\\r\n    echo ok\r\nUSER app\r\n"
	b, _ := os.ReadFile(p)
	if string(b) != want {
		t.Errorf("--fix wrote %q, want %q", b, want)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o640 {
		t.Errorf("mode changed to %v", info.Mode())
	}
	if r.code != 0 || strings.Contains(r.stdout, "DL5402") || strings.Contains(r.stdout, "DL3019") {
		t.Errorf("after --fix the report should show what remains only: exit %d\n%s", r.code, r.stdout)
	}
	if r = dlint(t, dir, "", "--diff", "--ignore", "DL3018", "Dockerfile"); r.code != 0 || r.stdout != "" {
		t.Errorf("a second pass found more to fix: exit %d\n%s", r.code, r.stdout)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestDiffOfControlCharacters: a diff shown on a terminal or piped, maybe
// into a CI log, escapes the control characters of the file as every text
// dlint prints does, and says the diff no longer applies; written to a
// file, it is the exact patch.
func TestDiffOfControlCharacters(t *testing.T) {
	dir := t.TempDir()
	hostile := "from alpine:3.20\nLABEL title=\"\x1b[2J\x1b[1;1Hall clear\"\nUSER app\n"
	write(t, dir, "Dockerfile", hostile)
	r := dlint(t, dir, "", "--diff", "Dockerfile")
	if r.code != 1 || strings.ContainsRune(r.stdout, '\x1b') || !strings.Contains(r.stdout, ` LABEL title="\x1b[2J\x1b[1;1Hall clear"`) ||
		!strings.Contains(r.stderr, "dlint: Dockerfile: the diff shows the file's control characters escaped") {
		t.Errorf("piped: exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	patch, err := os.Create(filepath.Join(t.TempDir(), "fix.patch"))
	if err != nil {
		t.Fatal(err)
	}
	defer patch.Close()
	cmd := exec.Command(binary, "--diff", "Dockerfile")
	cmd.Dir, cmd.Stdout = dir, patch
	var errb strings.Builder
	cmd.Stderr = &errb
	_ = cmd.Run()
	got, _ := os.ReadFile(patch.Name())
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(string(got), " LABEL title=\"\x1b[2J\x1b[1;1Hall clear\"\n") || errb.Len() != 0 {
		t.Errorf("into a file: exit %d\npatch %q\nstderr %q", code, got, errb.String())
	}
}

func TestFixRefusals(t *testing.T) {
	dir := t.TempDir()
	r := dlint(t, dir, fixable, "--fix", "-")
	if r.code != 2 || !strings.Contains(r.stderr, "standard input") {
		t.Errorf("stdin: exit %d stderr %q", r.code, r.stderr)
	}
	r = dlint(t, dir, fixable, "--diff", "--stdin-filename", "Dockerfile", "-")
	if r.code != 1 || !strings.Contains(r.stdout, "+FROM alpine:3.20") {
		t.Errorf("--diff on stdin: exit %d\n%s", r.code, r.stdout)
	}
	p := write(t, dir, "ro/Dockerfile", fixable)
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	r = dlint(t, dir, "", "--fix", "ro/Dockerfile")
	if r.code != 2 || !strings.Contains(r.stderr, "read-only") {
		t.Errorf("read-only: exit %d stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "ro/Dockerfile")); string(b) != fixable {
		t.Error("read-only file changed")
	}
}

// --fix follows a link the user named to the file it names, and keeps the
// link; an ignore file is written from a Dockerfile's finding only when it
// is a regular file: a link in the linted tree, dangling or not, cannot
// make dlint create or change a file outside it.
func TestFixAndLinks(t *testing.T) {
	dir := t.TempDir()
	real := write(t, dir, "docker/Dockerfile.prod", fixable)
	must(t, os.Symlink("docker/Dockerfile.prod", filepath.Join(dir, "Dockerfile")))
	r := dlint(t, dir, "", "--no-config", "--fix", "Dockerfile")
	if b, _ := os.ReadFile(real); r.code > 1 || string(b) == fixable || !strings.HasPrefix(string(b), "FROM alpine:3.20") {
		t.Errorf("named link: exit %d, the file it names holds %q\n%s", r.code, b, r.stderr)
	}
	if target, err := os.Readlink(filepath.Join(dir, "Dockerfile")); err != nil || target != "docker/Dockerfile.prod" {
		t.Errorf("the link became %q, %v", target, err)
	}

	outside := t.TempDir()
	for _, c := range []struct {
		name   string
		target string // what .dockerignore links to, in outside
		before string // its content ("": it does not exist)
	}{
		{"dangling", "created", ""},
		{"existing", "kept", "node_modules\n"},
	} {
		ctx := filepath.Join(dir, c.name)
		write(t, ctx, "Dockerfile", "FROM alpine:3.20\nCOPY . /app\nUSER app\n")
		write(t, ctx, ".git/HEAD", "ref: refs/heads/main\n")
		write(t, ctx, "app.log", "log\n")
		target := filepath.Join(outside, c.target)
		if c.before != "" {
			write(t, outside, c.target, c.before)
		}
		must(t, os.Symlink(target, filepath.Join(ctx, ".dockerignore")))
		r := dlint(t, ctx, "", "--no-config", "--fix-unsafe", "Dockerfile")
		if r.code != 2 || !strings.Contains(r.stderr, ".dockerignore: a symbolic link: not changed") {
			t.Errorf("%s link: exit %d, stderr %q", c.name, r.code, r.stderr)
		}
		b, err := os.ReadFile(target)
		if c.before == "" && err == nil {
			t.Errorf("%s link: dlint created %s: %q", c.name, target, b)
		}
		if c.before != "" && string(b) != c.before {
			t.Errorf("%s link: dlint changed %s to %q", c.name, target, b)
		}
	}
}

// Thousands of fixes scattered through a file: --diff and --fix stay fast
// (the diff of 40,000 lines with 20,000 removals took two minutes with an
// unbounded longest-common-subsequence search, applying the fixes one by
// one a few seconds more). Comments and blank lines make the lines many
// within the patterns an ignore file may hold.
func TestDiffAndFixOfManyFixes(t *testing.T) {
	dir := t.TempDir()
	var src, want strings.Builder
	want.WriteString("node_modules\n")
	for i := range 5000 {
		fmt.Fprintf(&src, "node_modules\nsrc/a%d\n# a%d\n\n", i, i)
		fmt.Fprintf(&want, "src/a%d\n# a%d\n\n", i, i)
	}
	p := write(t, dir, ".dockerignore", src.String())
	r := dlint(t, dir, "", "--diff", "--ignore", "DI1006", ".dockerignore")
	if r.code != 1 || strings.Count(r.stdout, "\n-node_modules\n") != 4999 {
		t.Fatalf("--diff: exit %d, %d removals\n%.300s", r.code, strings.Count(r.stdout, "\n-node_modules\n"), r.stderr)
	}
	r = dlint(t, dir, "", "--fix", "--ignore", "DI1006", ".dockerignore")
	if b, _ := os.ReadFile(p); string(b) != want.String() {
		t.Errorf("--fix: exit %d, %d bytes written, want %d", r.code, len(b), want.Len())
	}
}

// A fix that would leave a file no longer parsing is a bug in dlint; the
// file keeps the rounds before it and the run reports the error (exit 2).
func TestFixNeverWritesAFileThatNoLongerParses(t *testing.T) {
	dir := t.TempDir()
	src := "from alpine\nRUN true\n"
	p := write(t, dir, "Dockerfile", src)
	upper := &rules.Rule{ID: "DL9998", Name: "upper"}
	breaker := &rules.Rule{ID: "DL9999", Name: "breaker"}
	at := func(line, col, endCol int) source.Range {
		return source.Range{Start: source.Position{Line: line, Column: col}, End: source.Position{Line: line, Column: endCol}}
	}
	// Round 1 upper-cases the keyword; round 2 then offers a fix that
	// leaves a heredoc unterminated. The parse errors come as lintOne's
	// do: findings of DL1000 from the parse.
	noRules := &rules.Config{Disabled: func(*rules.Rule, string) bool { return true }}
	lintSrc := func(b []byte) []rules.Finding {
		fs := rules.Run(parser.Parse("Dockerfile", b, parser.Dockerfile, parser.Options{}), noRules)
		if strings.HasPrefix(string(b), "from") {
			return append(fs, rules.Finding{Rule: upper, Path: "Dockerfile", Fixes: []rules.Fix{{Safe: true, Edits: []rules.Edit{{Range: at(1, 1, 5), NewText: "FROM"}}}}})
		}
		return append(fs, rules.Finding{Rule: breaker, Path: "Dockerfile", Fixes: []rules.Fix{{Safe: true, Edits: []rules.Edit{{Range: at(2, 5, 9), NewText: "<<EOF"}}}}})
	}
	tg := target{path: "Dockerfile", fsPath: p, kind: parser.Dockerfile}
	prof := &profile{eff: &effective{}, ignored: map[*rules.Rule]string{}}
	layer := &cliLayer{fixing: &fixMode{write: true, diffs: map[string]string{}}}
	if _, _, err := fixOne(tg, []byte(src), prof, layer, lintSrc); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "FROM alpine\nRUN true\n" {
		t.Errorf("file now %q, want only the first round's fix", b)
	}
	_, errs := finishFixes(io.Discard, func(string) {}, []target{tg}, layer)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "Dockerfile: fixes of DL9999 not applied") {
		t.Errorf("errors %v, want the dropped round's", errs)
	}
}

// Fixes aimed at another file (an ignore file extended from a
// Dockerfile's finding) are held to the same rule.
func TestFixNeverBreaksAnotherFile(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, ".dockerignore", "node_modules\n")
	rule := &rules.Rule{ID: "DL9999", Name: "breaker"}
	end := source.Position{Line: 2, Column: 1}
	layer := &cliLayer{fixing: &fixMode{write: true, diffs: map[string]string{}, others: []rules.Finding{{
		Rule: rule, Path: "Dockerfile",
		Fixes: []rules.Fix{{Safe: true, Path: filepath.ToSlash(p), Edits: []rules.Edit{{Range: source.Range{Start: end, End: end}, NewText: "!\n"}}}},
	}}}}
	changed, errs := finishFixes(io.Discard, func(string) {}, nil, layer)
	if b, _ := os.ReadFile(p); string(b) != "node_modules\n" || changed {
		t.Errorf("the ignore file became %q (changed %v)", b, changed)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "fixes of DL9999 not applied") {
		t.Errorf("errors %v", errs)
	}
	// The same edit that keeps the file parsing is written.
	layer.fixing.others[0].Fixes[0].Edits[0].NewText = ".git\n"
	if _, errs := finishFixes(io.Discard, func(string) {}, nil, layer); len(errs) != 0 {
		t.Fatal(errs)
	}
	if b, _ := os.ReadFile(p); string(b) != "node_modules\n.git\n" {
		t.Errorf("the ignore file became %q", b)
	}
}
