package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/urfave/cli/v2"
)

// These tests run the built binary, as a user or a CI job does.

var binary string

// measuredChildEnv marks the test binary started again as the go-between
// of one dlint run whose peak memory it reports (dlintMeasured).
const measuredChildEnv = "DLINT_TEST_MEASURE_CHILD"

func TestMain(m *testing.M) {
	if dlintPath := os.Getenv(measuredChildEnv); dlintPath != "" {
		os.Exit(runMeasuredChild(dlintPath))
	}
	dir, err := os.MkdirTemp("", "dlint-cli")
	if err != nil {
		panic(err)
	}
	// Others may run it: one test runs it as another user.
	if err := os.Chmod(dir, 0o755); err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "dlint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building dlint: " + err.Error())
	}
	// No user configuration or DLINT_* variable of the machine leaks in.
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "DLINT_") {
			os.Unsetenv(k)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
	peakRSS        int64 // the most memory dlint held, in bytes, from dlintMeasured (0 where not measured)
}

func dlint(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	return dlintEnv(t, dir, stdin, nil, args...)
}

// dlintEnv runs dlint with extra environment variables (KEY=VALUE).
func dlintEnv(t *testing.T, dir, stdin string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1"), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("dlint %v did not finish", args)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode(), 0}
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const clean = "FROM alpine:3.20\nRUN adduser -D app\nUSER app\nCMD [\"sh\"]\n"
const untagged = "FROM alpine\nUSER app\n"

var textLine = regexp.MustCompile(`^[^:]+:\d+(:\d+)?: (error|warning|info|style): .+ \((D[LID]\d{4}) [a-z0-9-]+\)$`)

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "clean/Dockerfile", clean)
	write(t, dir, "bad/Dockerfile", untagged)
	write(t, dir, "info/Dockerfile", "FROM python:3.12\nUSER app\n")
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"clean file", []string{"clean/Dockerfile"}, 0},
		{"warning at default fail level", []string{"bad/Dockerfile"}, 1},
		{"fail level error", []string{"--fail-level", "error", "bad/Dockerfile"}, 0},
		{"fail level none", []string{"--fail-level=none", "bad/Dockerfile"}, 0},
		{"info below default", []string{"info/Dockerfile"}, 0},
		{"info at fail level info", []string{"--fail-level", "info", "info/Dockerfile"}, 1},
		{"ignored rule", []string{"--ignore", "DL3006", "bad/Dockerfile"}, 0},
		{"ignored by name", []string{"--ignore", "untagged-image", "bad/Dockerfile"}, 0},
		{"missing path", []string{"nope/Dockerfile"}, 2},
		{"unknown rule in --ignore", []string{"--ignore", "DL9999", "clean/Dockerfile"}, 2},
		{"unknown format", []string{"-f", "yaml", "clean/Dockerfile"}, 2},
		{"unknown flag", []string{"--frobnicate"}, 2},
		{"bad fail level", []string{"--fail-level", "severe"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := dlint(t, dir, "", c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
			}
		})
	}
}

func TestTextOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", untagged)
	r := dlint(t, dir, "", "Dockerfile")
	want := "Dockerfile:1:6: warning: image \"alpine\" has no tag or digest (DL3006 untagged-image)\n"
	if r.stdout != want {
		t.Errorf("stdout = %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "1 file checked, 1 problem (1 warning)") {
		t.Errorf("stderr summary missing: %q", r.stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !textLine.MatchString(l) {
			t.Errorf("line %q does not follow path:line:col: severity: message (ID name)", l)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour escape codes with NO_COLOR set")
	}
}

func TestMissingPathMessage(t *testing.T) {
	r := dlint(t, t.TempDir(), "", "no/such/Dockerfile")
	if r.code != 2 || !strings.Contains(r.stderr, "no/such/Dockerfile: no such file or directory") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestJSONOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", untagged)
	r := dlint(t, dir, "", "-f", "json", "Dockerfile")
	var doc struct {
		Version  string
		Findings []struct {
			Rule, Name, Severity, Path, Message string
			Aliases                             []string
			Line, Column, EndLine, EndColumn    int
		}
		Errors []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if doc.Version != "1" || len(doc.Findings) != 1 {
		t.Fatalf("unexpected document: %+v", doc)
	}
	f := doc.Findings[0]
	if f.Rule != "DL3006" || f.Name != "untagged-image" || f.Severity != "warning" || f.Path != "Dockerfile" ||
		f.Line != 1 || f.Column != 6 || f.EndLine != 1 || f.EndColumn != 12 {
		t.Errorf("finding = %+v", f)
	}
	if r.stderr != "" {
		t.Errorf("json format wrote to stderr: %q", r.stderr)
	}
}

func TestStdin(t *testing.T) {
	r := dlint(t, t.TempDir(), untagged, "--stdin-filename", "api/Dockerfile", "-")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "api/Dockerfile:1:6: warning:") {
		t.Errorf("exit %d stdout %q", r.code, r.stdout)
	}
	r = dlint(t, t.TempDir(), `{"debug": true,}`, "--kind", "daemon.json", "-f", "json", "-")
	if r.code != 1 || !strings.Contains(r.stdout, `"path": "-"`) || !strings.Contains(r.stdout, `"rule": "DD1000"`) {
		t.Errorf("daemon.json on stdin: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestDirectoryDiscovery(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"Dockerfile", "svc/Dockerfile.dev", "svc/web.Dockerfile", "Containerfile", "node_modules/x/Dockerfile", "vendor/Dockerfile", "docs/README.md"} {
		write(t, dir, n, untagged)
	}
	write(t, dir, "etc/docker/daemon.json", `{"debug": true}`)
	write(t, dir, ".dockerignore", ".git\n")
	r := dlint(t, dir, "", "-f", "json", "--fail-level", "none")
	var doc struct{ Findings []struct{ Path string } }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, f := range doc.Findings {
		paths[f.Path] = true
	}
	for _, want := range []string{"Dockerfile", "svc/Dockerfile.dev", "svc/web.Dockerfile", "Containerfile"} {
		if !paths[want] {
			t.Errorf("%s not linted; got %v", want, paths)
		}
	}
	for _, skip := range []string{"node_modules/x/Dockerfile", "vendor/Dockerfile", "docs/README.md"} {
		if paths[skip] {
			t.Errorf("%s should not be linted", skip)
		}
	}
}

// A directory named on the command line by a symbolic link is searched
// under the name given; links found inside a search are not followed; a
// search that finds nothing says so and exits 0 (a CI gate pointed at the
// wrong directory must not pass in silence), unless --quiet.
func TestDirectoryLinksAndEmptySearches(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "real/svc/Dockerfile", untagged)
	must(t, os.Symlink("real", filepath.Join(dir, "linked")))
	must(t, os.Mkdir(filepath.Join(dir, "links"), 0o755))
	must(t, os.Symlink("../real", filepath.Join(dir, "links/real")))
	must(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	const nothing = "dlint: nothing to lint: no Dockerfile, .dockerignore or daemon.json found\n"
	for _, c := range []struct {
		args           []string
		code           int
		stdout, stderr string
	}{
		{[]string{"linked"}, 1, "linked/svc/Dockerfile:1:6: warning", "1 file checked, 1 problem (1 warning)\n"},
		{[]string{"linked/"}, 1, "linked/svc/Dockerfile:1:6: warning", "1 file checked, 1 problem (1 warning)\n"},
		{[]string{"links"}, 0, "", nothing},
		{[]string{"empty"}, 0, "", nothing},
		{[]string{"-f", "json", "empty"}, 0, `"findings": []`, nothing},
		{[]string{"-q", "empty"}, 0, "", ""},
	} {
		r := dlint(t, dir, "", append([]string{"--no-config"}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stdout, c.stdout) || (c.stdout == "" && r.stdout != "") || r.stderr != c.stderr {
			t.Errorf("dlint %v: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr %q",
				c.args, r.code, r.stdout, r.stderr, c.code, c.stdout, c.stderr)
		}
	}
}

// A report or baseline is never written over a file named to be linted,
// however the two paths are spelled; a report file found by a directory
// search is left out of the lint instead (TestOutputFile).
func TestOutputIsNotAnInput(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "Dockerfile", untagged)
	must(t, os.Symlink("Dockerfile", filepath.Join(dir, "link")))
	for _, args := range [][]string{
		{"-o", "Dockerfile", "-f", "json", "Dockerfile"},
		{"-o", "./Dockerfile", p},
		{"-o", "link", "Dockerfile"},
		{"-f", "text", "-f", "sarif", "-o", "Dockerfile", "Dockerfile"},
		{"--write-baseline", "Dockerfile", "Dockerfile"},
	} {
		r := dlint(t, dir, "", append([]string{"--no-config"}, args...)...)
		if b, _ := os.ReadFile(p); r.code != 2 || !strings.Contains(r.stderr, "is also a file to lint: not overwritten") || string(b) != untagged {
			t.Errorf("dlint %v: exit %d, stderr %q, the Dockerfile now %q", args, r.code, r.stderr, b)
		}
	}
	if r := dlint(t, dir, "", "--no-config", "-o", "report.json", "-f", "json", "Dockerfile"); r.code != 1 {
		t.Errorf("a report beside the Dockerfile: exit %d, stderr %q", r.code, r.stderr)
	}
}

// --context names the build context of every Dockerfile; one that is not
// a directory is an error, not build-context rules turned off in silence.
func TestContextFlag(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "docker/Dockerfile", "FROM alpine:3.20\nCOPY . /app\nUSER app\n")
	write(t, dir, "src/.git/HEAD", "ref: refs/heads/main\n")
	r := dlint(t, dir, "", "--no-config", "docker/Dockerfile")
	if r.code != 0 {
		t.Errorf("own directory as context: exit %d\n%s", r.code, r.stdout)
	}
	r = dlint(t, dir, "", "--no-config", "--context", "src", "docker/Dockerfile")
	if r.code != 1 || !strings.Contains(r.stdout, "DI1001") {
		t.Errorf("--context src: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, c := range []struct{ args, env []string }{
		{[]string{"--context", "nowhere"}, nil},
		{[]string{"--context", "docker/Dockerfile"}, nil},
		{nil, []string{"DLINT_CONTEXT=nowhere"}},
	} {
		r := dlintEnv(t, dir, "", c.env, append(append([]string{"--no-config"}, c.args...), "docker/Dockerfile")...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "CONTEXT: ") && !strings.Contains(r.stderr, "--context: ") {
			t.Errorf("%v %v: exit %d, stdout %q, stderr %q", c.args, c.env, r.code, r.stdout, r.stderr)
		}
	}
}

// TestTargetNamingNoStage: a target stage a Dockerfile lacks (a typo in
// --target or in the configuration) is said, once per file and in report
// order, since the rules then judge the last stage; a stage named in
// another case is found, as BuildKit finds it.
func TestTargetNamingNoStage(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20 AS final\nUSER app\n")
	write(t, dir, "single.Dockerfile", "FROM alpine:3.20\nUSER app\n")
	write(t, dir, "daemon.json", "{}\n")
	note := func(file, stage string) string {
		return "dlint: " + file + ": no stage is named \"" + stage + "\", the target: docker build would fail; the rules about the image built judge the last stage\n"
	}
	for _, c := range []struct {
		args  []string
		notes string
	}{
		{[]string{"--target", "prod"}, note("Dockerfile", "prod") + note("single.Dockerfile", "prod")},
		{[]string{"--target", "BUILD"}, note("single.Dockerfile", "BUILD")},
		{[]string{"--target", "prod", "-q"}, ""},
		{[]string{"--target", "final", "--fix"}, note("single.Dockerfile", "final")},
		{nil, ""},
	} {
		r := dlint(t, dir, "", append(append([]string{"--no-config"}, c.args...), "Dockerfile", "single.Dockerfile", "daemon.json")...)
		notes := ""
		for _, line := range strings.SplitAfter(r.stderr, "\n") {
			if strings.HasPrefix(line, "dlint: ") {
				notes += line
			}
		}
		if notes != c.notes || r.code == 2 {
			t.Errorf("%v: exit %d, notes:\n%s\nwant:\n%s", c.args, r.code, notes, c.notes)
		}
	}
	// The target's stage is the one judged: DL5003 names it.
	if r := dlint(t, dir, "", "--no-config", "--target", "BUILD", "Dockerfile"); !strings.Contains(r.stdout, `no USER in the final stage "build"`) {
		t.Errorf("--target BUILD: %s", r.stdout)
	}
}

func TestNamedFileKinds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "conf/docker.json", `{"debug": true,}`)
	write(t, dir, "build.txt", untagged)
	r := dlint(t, dir, "", "--fail-level", "none", "conf/docker.json", "build.txt")
	if !strings.Contains(r.stdout, "conf/docker.json:1:16: error: invalid JSON") || !strings.Contains(r.stdout, "build.txt:1:6: warning") {
		t.Errorf("explicit files not linted by kind:\n%s\n%s", r.stdout, r.stderr)
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", untagged)
	r := dlint(t, dir, "", "-o", "report.json", "-f", "json", "Dockerfile")
	if r.code != 1 || r.stdout != "" {
		t.Errorf("exit %d stdout %q", r.code, r.stdout)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil || !json.Valid(b) {
		t.Errorf("report file: %v %q", err, b)
	}
}

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub", "Dockerfile"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := dlint(t, dir, "", "Dockerfile")
	if r.code != 2 || !strings.Contains(r.stderr, "not a regular file") {
		t.Errorf("FIFO: exit %d stderr %q", r.code, r.stderr)
	}
	// A search skips the FIFO and the directory named Dockerfile.
	r = dlint(t, dir, "", ".")
	if r.code != 0 {
		t.Errorf("search: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	write(t, dir, "bin/Dockerfile", "FROM alpine:3.20\x00\x01\x02\nUSER app\n")
	r = dlint(t, dir, "", "bin/Dockerfile")
	if r.code != 1 || !strings.Contains(r.stdout, "DL1000") {
		t.Errorf("binary file: exit %d stdout %q", r.code, r.stdout)
	}
	// A baseline or starter configuration to be written where a FIFO is:
	// refused, not a write that waits for a reader.
	for _, name := range []string{"baseline.json", ".dlint.yaml"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r = dlint(t, dir, "", "--write-baseline", "baseline.json", "bin/Dockerfile")
	if r.code != 2 || r.stderr != "dlint: writing the baseline: baseline.json: not a regular file\n" {
		t.Errorf("baseline to a FIFO: exit %d stderr %q", r.code, r.stderr)
	}
	r = dlint(t, dir, "", "init", "--force")
	if r.code != 2 || r.stderr != "dlint: .dlint.yaml: not a regular file\n" {
		t.Errorf("init over a FIFO: exit %d stderr %q", r.code, r.stderr)
	}
	write(t, dir, "crlf/Dockerfile", "\xEF\xBB\xBFFROM alpine\r\nUSER app\r\n")
	r = dlint(t, dir, "", "crlf/Dockerfile")
	if !strings.Contains(r.stdout, "crlf/Dockerfile:1:6: warning: image \"alpine\"") {
		t.Errorf("BOM and CRLF: %q", r.stdout)
	}
	write(t, dir, "heredoc/Dockerfile", "FROM alpine:3.20\nRUN <<EOF\necho unterminated\n")
	r = dlint(t, dir, "", "heredoc/Dockerfile")
	if r.code != 1 || !strings.Contains(r.stdout, "DL1000") || !strings.Contains(r.stdout, "unterminated heredoc") {
		t.Errorf("unterminated heredoc: exit %d stdout %q", r.code, r.stdout)
	}
}

func TestRulesCommand(t *testing.T) {
	r := dlint(t, t.TempDir(), "", "rules")
	if r.code != 0 || !strings.Contains(r.stdout, "DL3006") || !strings.Contains(r.stdout, "untagged-image") {
		t.Errorf("rules: exit %d\n%s", r.code, r.stdout)
	}
	r = dlint(t, t.TempDir(), "", "rules", "untagged-image")
	if r.code != 0 || !strings.Contains(r.stdout, "DL3006 untagged-image") || !strings.Contains(r.stdout, "Bad:") {
		t.Errorf("rules untagged-image: exit %d\n%s", r.code, r.stdout)
	}
	r = dlint(t, t.TempDir(), "", "rules", "DL9999")
	if r.code != 2 {
		t.Errorf("unknown rule: exit %d", r.code)
	}
	r = dlint(t, t.TempDir(), "", "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "dlint ") {
		t.Errorf("--version: %q", r.stdout)
	}
}

// TestExampleProject keeps the README's example true: the bad Dockerfile
// has findings, the good one none at any severity.
func TestExampleProject(t *testing.T) {
	r := dlint(t, "../..", "", "--no-config", "testdata/example")
	if r.code != 1 || !strings.Contains(r.stdout, "testdata/example/Dockerfile:2:6: warning: no USER in the final stage") {
		t.Errorf("example: exit %d\n%s", r.code, r.stdout)
	}
	r = dlint(t, "../..", "", "--no-config", "--fail-level", "style", "testdata/example/Dockerfile.good")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("Dockerfile.good has findings: exit %d\n%s", r.code, r.stdout)
	}
}

// Without ShellCheck on PATH its rule is silent, and -v says so; a
// ShellCheck asked for by --shellcheck or DLINT_SHELLCHECK that cannot be
// run is an error instead.
func TestVerboseSaysShellCheckSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", clean)
	noPath := []string{"PATH=" + t.TempDir()}
	r := dlintEnv(t, dir, "", noPath, "-v", "Dockerfile")
	if n := strings.Count(r.stderr, "shellcheck not found"); n != 1 || r.code != 0 {
		t.Errorf("verbose run (exit %d) says %d times that ShellCheck is skipped:\n%s", r.code, n, r.stderr)
	}
	r = dlintEnv(t, dir, "", noPath, "Dockerfile")
	if strings.Contains(r.stderr, "shellcheck") || r.code != 0 {
		t.Errorf("a quiet run (exit %d) mentions ShellCheck:\n%s", r.code, r.stderr)
	}
	missing := filepath.Join(dir, "no-such-shellcheck")
	for _, c := range []struct{ args, env []string }{
		{[]string{"--shellcheck", missing}, nil},
		{nil, []string{"DLINT_SHELLCHECK=" + missing}},
		{[]string{"--shellcheck", "no-such-shellcheck"}, noPath},
	} {
		r := dlintEnv(t, dir, "", c.env, append(c.args, "Dockerfile")...)
		if r.code != 2 || !strings.Contains(r.stderr, "no-such-shellcheck: no such executable") {
			t.Errorf("%v %v: exit %d, stderr %q", c.args, c.env, r.code, r.stderr)
		}
	}
}

func TestOptionalRuleFromConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, dir, "Dockerfile", "FROM alpine:3.20\nUSER app\n")
	if r := dlint(t, dir, "", "--fail-level", "info", "Dockerfile"); r.code != 0 || strings.Contains(r.stdout, "DL3066") {
		t.Errorf("optional rule ran unasked: exit %d\n%s", r.code, r.stdout)
	}
	write(t, dir, ".dlint.yaml", "severity:\n  DL3066: warning\n")
	r := dlint(t, dir, "", "Dockerfile")
	if r.code != 1 || !strings.Contains(r.stdout, "warning: USER \"app\" is a name") {
		t.Errorf("optional rule given a severity: exit %d\n%s", r.code, r.stdout)
	}
}

// A finding's fingerprint is the same in every format and whatever is
// filtered out: identical findings are counted silenced or not.
func TestFingerprintsAgreeAcrossFormats(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM alpine:3.20\n# dlint ignore=DL3003\nRUN cd /tmp && make\nRUN cd /tmp && make\n")
	jsonPrints := func(args ...string) map[string]string {
		r := dlint(t, dir, "", append([]string{"--no-config", "-f", "json", "Dockerfile"}, args...)...)
		var doc struct {
			Findings []struct {
				Rule, Fingerprint string
				Line              int
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, r.stdout)
		}
		out := map[string]string{}
		for _, f := range doc.Findings {
			out[fmt.Sprintf("%s:%d", f.Rule, f.Line)] = f.Fingerprint
		}
		return out
	}
	all := jsonPrints()
	r := dlint(t, dir, "", "--no-config", "-f", "sarif", "Dockerfile")
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct{ Region struct{ StartLine int } }
				}
				PartialFingerprints map[string]string
				Suppressions        []any
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &sarif); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	seen := 0
	for _, res := range sarif.Runs[0].Results {
		if len(res.Suppressions) > 0 {
			continue
		}
		key := fmt.Sprintf("%s:%d", res.RuleID, res.Locations[0].PhysicalLocation.Region.StartLine)
		if got, want := res.PartialFingerprints["dlint/v1"], all[key]; got != want || want == "" {
			t.Errorf("%s: SARIF fingerprint %q, JSON %q", key, got, want)
		}
		seen++
	}
	if seen != len(all) || all["DL3003:4"] == "" {
		t.Errorf("SARIF has %d active results, JSON %d findings: %v", seen, len(all), all)
	}
	for key, fp := range jsonPrints("--min-severity", "warning") {
		if fp != all[key] {
			t.Errorf("%s: fingerprint %q with --min-severity, %q without", key, fp, all[key])
		}
	}
}

// Reports follow path order whatever the order of the arguments, and
// standard input named like a file is reported with that file.
func TestReportOrderIndependentOfArguments(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/Dockerfile", untagged)
	write(t, dir, "a/Dockerfile", untagged)
	write(t, dir, "c/Dockerfile", "FROM alpine:3.20\nUSER app\nRUN cd /x\n")
	r := dlint(t, dir, "FROM alpine\nRUN cd /y\n", "--ignore", "DL5190", "--stdin-filename", "c/Dockerfile", "-q", "b/Dockerfile", "c/Dockerfile", "-", "a/Dockerfile")
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		got = append(got, strings.SplitN(l, ": ", 2)[0])
	}
	want := []string{"a/Dockerfile:1:6", "b/Dockerfile:1:6", "c/Dockerfile:1:6", "c/Dockerfile:1:6", "c/Dockerfile:2:5", "c/Dockerfile:3:5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report order (-want +got):\n%s\n%s", diff, r.stdout)
	}
}

// Files are linted out of order on many workers and reported in order as
// they are done: the report is the one a single worker writes, sorted.
func TestReportSameOnOneWorkerAndMany(t *testing.T) {
	dir := t.TempDir()
	for i := range 600 {
		content := fmt.Sprintf("FROM alpine\nRUN cd /d%d && make\n", i)
		if i%3 == 0 {
			content = strings.Repeat("RUN echo filler\n", i) + content // files of very different cost
		}
		write(t, dir, fmt.Sprintf("d%03d/Dockerfile", (i*7)%600), content)
	}
	// ShellCheck's process per file is left out: this is about order.
	one := dlint(t, dir, "", "--ignore", "DL5190", "-j", "1", "-f", "json", ".")
	many := dlint(t, dir, "", "--ignore", "DL5190", "-j", "8", "-f", "json", ".")
	if one.stdout != many.stdout || one.code != many.code {
		t.Fatalf("-j 8 report differs from -j 1 (exit %d vs %d)", many.code, one.code)
	}
	var doc struct{ Findings []struct{ Path string } }
	if err := json.Unmarshal([]byte(many.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) < 1200 || !slices.IsSortedFunc(doc.Findings, func(a, b struct{ Path string }) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("%d findings, sorted by path: %v", len(doc.Findings), slices.IsSortedFunc(doc.Findings, func(a, b struct{ Path string }) int { return strings.Compare(a.Path, b.Path) }))
	}
}

// A report file that a directory search would take for a Dockerfile is not
// linted: it is this run's output, truncated before the files are read.
func TestOwnReportIsNotLinted(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", untagged)
	for range 2 { // the second run finds the first run's report
		r := dlint(t, dir, "", "-f", "json", "-o", "Dockerfile.report", ".")
		if r.code != 1 || r.stderr != "" {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "Dockerfile.report"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Findings []struct{ Path string } }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Findings {
		if f.Path != "Dockerfile" {
			t.Errorf("finding in %s: the report was linted", f.Path)
		}
	}
}

// --ignore turns a rule off for the run in every format: SARIF, which
// lists what the configuration file silences as suppressed, does not run
// it either.
func TestIgnoreFlagTurnsRuleOffInSARIF(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", untagged)
	r := dlint(t, dir, "", "--no-config", "-f", "sarif", "--ignore", "DL3006", "Dockerfile")
	var sarif struct {
		Runs []struct{ Results []struct{ RuleID string } }
	}
	if err := json.Unmarshal([]byte(r.stdout), &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("not SARIF: %v\n%s", err, r.stdout)
	}
	for _, res := range sarif.Runs[0].Results {
		if res.RuleID == "DL3006" {
			t.Errorf("DL3006 was run and reported although --ignore turned it off")
		}
	}
	if r.code != 0 {
		t.Errorf("exit %d, want 0 (the only finding is ignored)", r.code)
	}
}

// TestGivenFlagsIsIsSet holds givenFlags to cli.Context.IsSet, which it
// replaces, for every name of every flag, on command lines that give
// flags by their names, aliases, combined short forms and "=" values.
func TestGivenFlagsIsIsSet(t *testing.T) {
	lines := [][]string{
		{},
		{"-q"},
		{"--quiet", "-j", "2", "x"},
		{"-qv", "--format=sarif", "--ignore", "DL3008", "--ignore", "DL3009"},
		{"-c", "f.yaml", "--no-fail", "--fail-level", "none", "--", "-q"},
		{"--config=f.yaml", "--verbose=false", "--jobs=3", "a", "b"},
		{"config", "-v", "--format", "json", "dir"},
	}
	for _, args := range lines {
		checked := 0
		app := newApp(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}, new(int))
		compare := func(c *cli.Context) error {
			given := givenFlags(c)
			for _, f := range append(slices.Clip(c.App.Flags), c.Command.Flags...) {
				for _, n := range f.Names() {
					checked++
					if given[n] != c.IsSet(n) {
						t.Errorf("%q: givenFlags says %s is set: %v, IsSet: %v", args, n, given[n], c.IsSet(n))
					}
				}
			}
			return nil
		}
		app.Action = compare
		for _, cmd := range app.Commands {
			cmd.Action = compare
		}
		if err := app.Run(append([]string{"dlint"}, args...)); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if checked == 0 {
			t.Errorf("%q: no flag compared", args)
		}
	}
}

// TestFlagNamesIsCLIs holds flagNames to cli.FlagNames, for dlint's own
// flags and for names urfave/cli cuts short.
func TestFlagNamesIsCLIs(t *testing.T) {
	cases := [][]string{{"quiet", "q"}, {"format"}, {"a,b", "c d", ", x", "e,  f"}, {""}}
	for _, f := range lintFlags() {
		cases = append(cases, f.Names())
	}
	for _, c := range cases {
		if got, want := flagNames(c[0], c[1:]), cli.FlagNames(c[0], c[1:]); !slices.Equal(got, want) {
			t.Errorf("flagNames(%q, %q) = %q, cli.FlagNames: %q", c[0], c[1:], got, want)
		}
	}
}
