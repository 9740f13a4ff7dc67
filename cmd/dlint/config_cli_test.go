package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// repo makes a temporary repository (a directory with .git) so that the
// configuration search stops inside it.
func repo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestConfigDiscovery(t *testing.T) {
	top := t.TempDir()
	// Above the repository root: never read.
	write(t, top, ".dlint.yaml", "ignore: [DL5004]\n")
	dir := filepath.Join(top, "repo")
	write(t, dir, ".git/HEAD", "")
	write(t, dir, ".dlint.yaml", "ignore: [untagged-image]\n")
	write(t, dir, "Dockerfile", untagged)
	write(t, dir, "svc/Dockerfile", untagged)
	write(t, dir, "py/Dockerfile", "FROM python:3.12\nUSER app\n")
	// The nearest file wins, for the files below it only.
	write(t, dir, "svc/.dlint.yml", "fail-level: error\nseverity:\n  DL5003: error\n")

	r := dlint(t, dir, "", "-f", "json", "--fail-level", "style")
	var doc struct {
		Findings []struct{ Rule, Path, Severity string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s\n%s", err, r.stdout, r.stderr)
	}
	got := map[string]bool{}
	for _, f := range doc.Findings {
		got[f.Path+" "+f.Rule] = true
	}
	if got["Dockerfile DL3006"] {
		t.Error("root .dlint.yaml did not ignore DL3006 for Dockerfile")
	}
	if !got["svc/Dockerfile DL3006"] {
		t.Errorf("svc/.dlint.yml replaces the root file for svc/: want DL3006 there; got %v", got)
	}
	if !got["py/Dockerfile DL5004"] {
		t.Errorf("a file above the repository root was read; got %v", got)
	}

	// The nearest file's fail-level decides for its files.
	if r := dlint(t, dir, "", "svc/Dockerfile"); r.code != 0 {
		t.Errorf("svc fail-level error: exit %d\n%s", r.code, r.stdout)
	}
	// User configuration when no file is found walking up.
	other := repo(t)
	write(t, other, "Dockerfile", untagged)
	xdg := t.TempDir()
	write(t, xdg, "dlint/config.yaml", "ignore: [DL3006]\n")
	if r := dlintEnv(t, other, "", []string{"XDG_CONFIG_HOME=" + xdg}, "Dockerfile"); r.code != 0 {
		t.Errorf("XDG config not read: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Standard input is configured from --stdin-filename's directory.
	if r := dlint(t, dir, untagged, "--stdin-filename", "sub/Dockerfile", "-"); r.code != 0 {
		t.Errorf("stdin: exit %d\n%s", r.code, r.stdout)
	}
	// -v says which file configures what.
	r = dlint(t, dir, "", "-v", "svc/Dockerfile")
	if !strings.Contains(r.stderr, "svc/Dockerfile: configuration svc/.dlint.yml") {
		t.Errorf("-v: %q", r.stderr)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := repo(t)
	write(t, dir, "Dockerfile", untagged)
	write(t, dir, ".dlint.yaml", "fail-level: error\n")
	write(t, dir, "other.yaml", "ignore: [DL3006]\n")
	cases := []struct {
		name string
		env  []string
		args []string
		code int
	}{
		{"file", nil, nil, 0},
		{"env over file", []string{"DLINT_FAIL_LEVEL=warning"}, nil, 1},
		{"flag over env", []string{"DLINT_FAIL_LEVEL=warning"}, []string{"--fail-level", "error"}, 0},
		{"flag over file", nil, []string{"--fail-level", "warning"}, 1},
		{"no-config", nil, []string{"--no-config"}, 1},
		{"DLINT_NO_CONFIG", []string{"DLINT_NO_CONFIG=true"}, nil, 1},
		{"--config", []string{"DLINT_FAIL_LEVEL=warning"}, []string{"--config", "other.yaml"}, 0},
		{"DLINT_CONFIG", []string{"DLINT_FAIL_LEVEL=warning", "DLINT_CONFIG=other.yaml"}, nil, 0},
		{"DLINT_IGNORE", []string{"DLINT_FAIL_LEVEL=warning", "DLINT_IGNORE=untagged-image,DL5003"}, nil, 0},
		{"--ignore adds to the file", nil, []string{"--config", "other.yaml", "--ignore", "DL5003", "--fail-level", "style"}, 0},
		{"DLINT_NO_FAIL", []string{"DLINT_NO_FAIL=1"}, []string{"--fail-level", "warning"}, 0},
		{"bad env boolean", []string{"DLINT_NO_FAIL=maybe"}, nil, 2},
		{"bad env level", []string{"DLINT_FAIL_LEVEL=loud"}, nil, 2},
		{"unknown rule in DLINT_IGNORE", []string{"DLINT_IGNORE=DL9999"}, nil, 2},
		{"missing --config", nil, []string{"--config", "nope.yaml"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := dlintEnv(t, dir, "", c.env, append(c.args, "Dockerfile")...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, c.code, r.stdout, r.stderr)
			}
		})
	}
	r := dlintEnv(t, dir, "", []string{"DLINT_FORMAT=json"}, "Dockerfile")
	if !json.Valid([]byte(r.stdout)) {
		t.Errorf("DLINT_FORMAT=json: %q", r.stdout)
	}
	r = dlintEnv(t, dir, "", []string{"DLINT_FORMAT=json"}, "-f", "text", "Dockerfile")
	if !strings.HasPrefix(r.stdout, "Dockerfile:1:6:") {
		t.Errorf("--format over DLINT_FORMAT: %q", r.stdout)
	}
}

func TestConfigStrictErrors(t *testing.T) {
	cases := []struct{ file, want string }{
		{"ignore: [DL3006]\nfail-levl: error\n", `.dlint.yaml:2:1: unknown key "fail-levl" (did you mean "fail-level"?)`},
		{"ignore:\n  - untaged-image\n", `.dlint.yaml:2:5: ignore: unknown rule "untaged-image" (did you mean untagged-image?)`},
		{"strict-labels: 3\n", `.dlint.yaml:1:16: strict-labels: want true or false, not a number`},
		{"severity:\n  DL3006: critical\n", `.dlint.yaml:2:11: severity.DL3006: unknown severity "critical"`},
		{"ignore: [\n", `.dlint.yaml:`},
	}
	for _, c := range cases {
		dir := repo(t)
		write(t, dir, "Dockerfile", clean)
		write(t, dir, ".dlint.yaml", c.file)
		r := dlint(t, dir, "", "Dockerfile")
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.file, r.code, r.stderr, c.want)
		}
		if r.stdout != "" {
			t.Errorf("%q: a report was written: %q", c.file, r.stdout)
		}
	}
}

func TestHadolintMigration(t *testing.T) {
	dir := repo(t)
	write(t, dir, "Dockerfile", "FROM python:3.12\nFROM alpine\n")
	write(t, dir, ".hadolint.yaml", `failure-threshold: error
format: json
no-color: true
ignored:
  - DL5003
  - SC9999
override:
  error:
    - DL3006
`)
	r := dlint(t, dir, "", "Dockerfile")
	if r.code != 1 || !strings.Contains(r.stdout, `Dockerfile:2:6: error: image "alpine" has no tag`) {
		t.Errorf("override/failure-threshold not applied: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "DL5003") {
		t.Errorf("ignored not applied:\n%s", r.stdout)
	}
	notice := regexp.MustCompile(`(?m)^dlint: reading hadolint configuration \.hadolint\.yaml .*keys not supported: format, no-color; rules dlint does not have: SC9999$`)
	if !notice.MatchString(r.stderr) || strings.Count(r.stderr, "reading hadolint") != 1 {
		t.Errorf("notice: %q", r.stderr)
	}
	// A .dlint.yaml wins over it.
	write(t, dir, ".dlint.yaml", "fail-level: none\n")
	if r := dlint(t, dir, "", "Dockerfile"); r.code != 0 || strings.Contains(r.stderr, "hadolint") {
		t.Errorf("with .dlint.yaml: exit %d %q", r.code, r.stderr)
	}
	// Unknown keys in a hadolint file are still errors.
	os.Remove(filepath.Join(dir, ".dlint.yaml"))
	write(t, dir, ".hadolint.yaml", "ignore: [DL3006]\n")
	if r := dlint(t, dir, "", "Dockerfile"); r.code != 2 || !strings.Contains(r.stderr, `.hadolint.yaml:1:1: unknown key "ignore" in a hadolint configuration (did you mean "ignored"?)`) {
		t.Errorf("hadolint typo: exit %d %q", r.code, r.stderr)
	}
}

func TestOverrides(t *testing.T) {
	dir := repo(t)
	write(t, dir, ".dlint.yaml", `overrides:
  - files: ["test/**"]
    ignore: [DL3006]
  - files: ["*.dev.Dockerfile"]
    severity:
      DL3006: error
`)
	write(t, dir, "Dockerfile", untagged)
	write(t, dir, "test/e2e/Dockerfile", untagged)
	write(t, dir, "app.dev.Dockerfile", untagged)
	r := dlint(t, dir, "", "--fail-level", "style")
	want := "Dockerfile:1:6: warning: image \"alpine\" has no tag or digest (DL3006 untagged-image)\n"
	if !strings.Contains(r.stdout, want) || strings.Contains(r.stdout, "test/e2e") ||
		!strings.Contains(r.stdout, "app.dev.Dockerfile:1:6: error:") {
		t.Errorf("overrides:\n%s%s", r.stdout, r.stderr)
	}
}

func TestMultipleOutputs(t *testing.T) {
	dir := repo(t)
	write(t, dir, "Dockerfile", "# dlint ignore=DL3006 -- the base is pinned by the build\nFROM alpine AS base\nFROM alpine AS two\nCOPY --from=base /etc/hostname /etc/hostname\n")
	write(t, dir, ".dlint.yaml", "ignore: [DL5003]\n")
	r := dlint(t, dir, "", "--format", "sarif", "--output", "dlint.sarif", "--format", "text", "-f", "json", "-o", "dlint.json", "Dockerfile")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "Dockerfile:3:6: warning: image \"alpine\"") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("text on stdout: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID       string
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "dlint.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sarif); err != nil {
		t.Fatal(err)
	}
	t.Run("schema", func(t *testing.T) {
		schema := sarifSchema(t)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("SARIF with suppressions does not validate: %v", err)
		}
	})
	kinds := map[string]string{}
	for _, res := range sarif.Runs[0].Results {
		k := "active"
		if len(res.Suppressions) > 0 {
			k = res.Suppressions[0].Kind + ": " + res.Suppressions[0].Justification
		}
		kinds[res.RuleID] += k + ";"
	}
	if kinds["DL3006"] != "inSource: the base is pinned by the build;active;" {
		t.Errorf("DL3006 in SARIF: %q", kinds["DL3006"])
	}
	if !strings.HasPrefix(kinds["DL5003"], "external: ignored in the configuration file .dlint.yaml:1") {
		t.Errorf("DL5003 in SARIF: %q", kinds["DL5003"])
	}
	b, err = os.ReadFile(filepath.Join(dir, "dlint.json"))
	if err != nil || !json.Valid(b) || strings.Contains(string(b), `"suppressed"`) || strings.Contains(string(b), "DL5003") {
		t.Errorf("json file: %v\n%s", err, b)
	}

	for _, args := range [][]string{
		{"-f", "json", "-f", "text"},                       // two on stdout
		{"-f", "json", "-o", "a", "-o", "b"},               // an output without format
		{"-f", "json", "-o", "a", "-f", "text", "-o", "a"}, // same file twice
		{"-f", "yaml"},
	} {
		if r := dlint(t, dir, "", append(args, "Dockerfile")...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
	}
}

func TestMinSeverityNoFailQuiet(t *testing.T) {
	dir := repo(t)
	write(t, dir, "Dockerfile", "FROM alpine\nFROM python:3.12\nUSER app\n")
	r := dlint(t, dir, "", "--min-severity", "warning", "--fail-level", "info", "Dockerfile")
	if r.code != 1 || strings.Contains(r.stdout, "info:") || !strings.Contains(r.stdout, "warning:") {
		t.Errorf("min-severity: exit %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, "below --min-severity not shown") {
		t.Errorf("summary: %q", r.stderr)
	}
	// What fails is separate from what is printed.
	r = dlint(t, dir, "", "--min-severity", "error", "--fail-level", "warning", "Dockerfile")
	if r.code != 1 || r.stdout != "" {
		t.Errorf("min-severity error: exit %d %q", r.code, r.stdout)
	}
	r = dlint(t, dir, "", "--no-fail", "Dockerfile")
	if r.code != 0 || r.stdout == "" {
		t.Errorf("--no-fail: exit %d", r.code)
	}
	if r := dlint(t, dir, "", "--no-fail", "missing/Dockerfile"); r.code != 2 {
		t.Errorf("--no-fail with a missing path: exit %d", r.code)
	}
	r = dlint(t, dir, "", "-q", "Dockerfile")
	if r.stderr != "" || r.stdout == "" || r.code != 1 {
		t.Errorf("-q: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	write(t, dir, ".dlint.yaml", "min-severity: warning\n")
	if r := dlint(t, dir, "", "Dockerfile"); strings.Contains(r.stdout, "info:") {
		t.Errorf("min-severity from the file: %q", r.stdout)
	}
	if r := dlint(t, dir, "", "--min-severity", "bogus", "Dockerfile"); r.code != 2 {
		t.Errorf("bad --min-severity: exit %d", r.code)
	}
}

func TestBaseline(t *testing.T) {
	dir := repo(t)
	write(t, dir, "Dockerfile", "FROM alpine\nFROM python:3.12\nUSER app\n")
	write(t, dir, "svc/Dockerfile", untagged)
	var before struct{ Findings []struct{ Rule string } }
	if err := json.Unmarshal([]byte(dlint(t, dir, "", "-f", "json").stdout), &before); err != nil || len(before.Findings) < 3 {
		t.Fatalf("findings before: %v %v", err, before)
	}
	n := len(before.Findings)
	r := dlint(t, dir, "", "--write-baseline", "dlint-baseline.json", "--fail-level", "style")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, fmt.Sprintf("recorded %d findings in dlint-baseline.json", n)) {
		t.Fatalf("write: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	var b struct {
		Version  int
		Tool     string
		Findings []struct{ Fingerprint, Rule, Path, Message string }
	}
	data, _ := os.ReadFile(filepath.Join(dir, "dlint-baseline.json"))
	if err := json.Unmarshal(data, &b); err != nil || b.Version != 1 || b.Tool != "dlint" || len(b.Findings) != n {
		t.Fatalf("baseline file: %v\n%s", err, data)
	}
	if r := dlint(t, dir, "", "--baseline", "dlint-baseline.json", "--fail-level", "style"); r.code != 0 || r.stdout != "" {
		t.Errorf("unchanged: exit %d\n%s", r.code, r.stdout)
	}
	// Written again, the baseline is the same; where it cannot be
	// written, the error names it once.
	if r := dlint(t, dir, "", "--write-baseline", "dlint-baseline.json", "--fail-level", "style"); r.code != 0 {
		t.Fatalf("rewrite: exit %d %q", r.code, r.stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "dlint-baseline.json")); string(again) != string(data) {
		t.Errorf("the rewritten baseline differs:\n%s", again)
	}
	r = dlint(t, dir, "", "--write-baseline", "no/such/b.json")
	if r.code != 2 || r.stderr != "dlint: writing the baseline: no/such/b.json: no such file or directory\n" {
		t.Errorf("baseline in a missing directory: exit %d %q", r.code, r.stderr)
	}
	// Lines move and are re-indented: still baselined. A new finding shows.
	write(t, dir, "Dockerfile", "# notes added above\n\n# build\nFROM   alpine\nFROM debian AS extra\n\nFROM python:3.12\nUSER app\n")
	r = dlint(t, dir, "", "--baseline", "dlint-baseline.json", "--fail-level", "style")
	if r.code != 1 || !strings.Contains(r.stdout, "Dockerfile:5:6: warning: image \"debian\" has no tag or digest (DL3006 untagged-image)\n") {
		t.Errorf("after moving lines: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !strings.HasPrefix(l, "Dockerfile:5:") {
			t.Errorf("a baselined finding shows again: %s", l)
		}
	}
	// From another working directory, with the same baseline.
	r = dlintEnv(t, filepath.Join(dir, "svc"), "", []string{"DLINT_BASELINE=../dlint-baseline.json"}, ".")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("from svc/: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, dir, "bad.json", `{"version": 9, "findings": []}`)
	if r := dlint(t, dir, "", "--baseline", "bad.json"); r.code != 2 || !strings.Contains(r.stderr, "version 9") {
		t.Errorf("bad version: exit %d %q", r.code, r.stderr)
	}
	if r := dlint(t, dir, "", "--baseline", "none.json"); r.code != 2 {
		t.Errorf("missing baseline: exit %d", r.code)
	}
}

func TestConfigAndInitCommands(t *testing.T) {
	dir := repo(t)
	write(t, dir, "Dockerfile", untagged)
	r := dlint(t, dir, "", "init")
	if r.code != 0 || !strings.Contains(r.stderr, "wrote .dlint.yaml") {
		t.Fatalf("init: exit %d %q", r.code, r.stderr)
	}
	if r := dlint(t, dir, "", "init"); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("init twice: exit %d %q", r.code, r.stderr)
	}
	if r := dlint(t, dir, "", "Dockerfile"); r.code != 1 {
		t.Errorf("the starter file changes nothing: exit %d %s", r.code, r.stderr)
	}
	write(t, dir, ".dlint.yaml", "fail-level: error\nignore: [untagged-image]\nseverity:\n  DL5003: info\n")
	if r := dlint(t, dir, "", "init", "--force"); r.code != 0 {
		t.Errorf("init --force: exit %d", r.code)
	}
	write(t, dir, ".dlint.yaml", "fail-level: error\nignore: [untagged-image]\nseverity:\n  DL5003: info\nrules:\n  shellcheck: {timeout: 90s}\n")
	r = dlintEnv(t, dir, "", []string{"DLINT_MIN_SEVERITY=warning"}, "config", "--ignore", "DL5004", "--shellcheck", "/opt/sc/shellcheck", "Dockerfile")
	for _, want := range []string{
		"# configuration file: " + filepath.Join(dir, ".dlint.yaml"),
		regexp.MustCompile(`fail-level: error +# \.dlint\.yaml:1`).FindString(r.stdout),
		regexp.MustCompile(`min-severity: warning +# \$DLINT_MIN_SEVERITY`).FindString(r.stdout),
		regexp.MustCompile(`- untagged-image +# \.dlint\.yaml:2 \(DL3006\)`).FindString(r.stdout),
		regexp.MustCompile(`- DL5004 +# --ignore`).FindString(r.stdout),
		regexp.MustCompile(`DL5003: info +# \.dlint\.yaml:4`).FindString(r.stdout),
		regexp.MustCompile(`target: "" +# default`).FindString(r.stdout),
		// A path to a program is not a configuration file's to give: a comment.
		regexp.MustCompile(`(?m)^# ShellCheck: "/opt/sc/shellcheck" +# --shellcheck$`).FindString(r.stdout),
		regexp.MustCompile(`timeout: "90s"`).FindString(r.stdout),
	} {
		if want == "" || !strings.Contains(r.stdout, want) {
			t.Errorf("dlint config output lacks an expected line:\n%s%s", r.stdout, r.stderr)
			break
		}
	}
	var printed map[string]any
	if err := yaml.Unmarshal([]byte(r.stdout), &printed); err != nil || printed["fail-level"] != "error" {
		t.Errorf("dlint config does not print YAML: %v\n%s", err, r.stdout)
	}
	// The printed configuration, saved, is a valid configuration file.
	write(t, dir, "printed.yaml", r.stdout)
	if r := dlint(t, dir, "", "config", "--config", "printed.yaml", "Dockerfile"); r.code != 0 {
		t.Errorf("printed configuration does not load: %s", r.stderr)
	}
	// Keys from the file reach the terminal escaped, as a linted file's text does.
	write(t, dir, "esc.yaml", "label-schema:\n  \"a\\e[31mRED\\rX\\x07\": text\nbuild-args:\n  \"K\\e[2J\": v\nrules:\n  DL3008:\n    \"k\\u009b2J\": 1\n")
	r = dlint(t, dir, "", "config", "--config", "esc.yaml", "Dockerfile")
	if r.code != 0 || strings.ContainsAny(r.stdout, "\x1b\r\a\u009b") || !strings.Contains(r.stdout, `a\x1b[31mRED\x0dX\x07: text`) {
		t.Errorf("control characters of the configuration printed raw: exit %d\n%q\n%s", r.code, r.stdout, r.stderr)
	}
}
