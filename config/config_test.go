package config

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dlint/dlint/rules"
)

func parse(t *testing.T, src string) (*File, error) {
	t.Helper()
	return Parse("/repo/.dlint.yaml", []byte(src), false)
}

func TestParseFull(t *testing.T) {
	f, err := Load("testdata/full.dlint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Ignore) != 2 || f.Ignore[0].Rules[0].ID != "DL3007" || f.Ignore[1].Rules[0].ID != "DL3006" {
		t.Errorf("ignore = %+v", f.Ignore)
	}
	if f.FailLevel == nil || *f.FailLevel != rules.Error {
		t.Errorf("fail-level = %v", f.FailLevel)
	}
	if f.MinSeverity == nil || *f.MinSeverity != rules.Info {
		t.Errorf("min-severity = %v", f.MinSeverity)
	}
	if strings.Join(f.TrustedRegistries, ",") != "docker.io,ghcr.io" {
		t.Errorf("trusted-registries = %v", f.TrustedRegistries)
	}
	if f.LabelSchema["org.opencontainers.image.source"] != "url" || f.StrictLabels == nil || !*f.StrictLabels {
		t.Errorf("labels = %v %v", f.LabelSchema, f.StrictLabels)
	}
	if f.BuildArgs["VERSION"] != "1.2" || *f.Target != "runtime" || *f.DaemonFlags != "-H fd://" {
		t.Errorf("build-args/target/daemon-flags = %v %v %v", f.BuildArgs, *f.Target, *f.DaemonFlags)
	}
	if *f.ContextSizeLimit != 500*1000*1000 {
		t.Errorf("context-size-limit = %d", *f.ContextSizeLimit)
	}
	if f.RuleOptions["DL5002"]["extra"] != "x" {
		t.Errorf("rules = %v", f.RuleOptions)
	}
	if f.Lines["fail-level"] != 4 {
		t.Errorf("fail-level line = %d", f.Lines["fail-level"])
	}
	dl3006, _ := rules.ByID("DL3006")
	dl3002, _ := rules.ByID("DL3002")
	dl3007, _ := rules.ByID("DL3007")
	if sev, ok := f.SeverityOf(dl3002, filepath.Join(f.Dir, "Dockerfile")); !ok || sev != rules.Error {
		t.Errorf("DL3002 severity = %v %v", sev, ok)
	}
	if off, _ := f.Silenced(dl3007, filepath.Join(f.Dir, "Dockerfile")); !off {
		t.Error("DL3007 should be ignored")
	}
	// Override: test/** gets DL3002 as info and DL5003 off.
	if sev, _ := f.SeverityOf(dl3002, filepath.Join(f.Dir, "test", "a", "Dockerfile")); sev != rules.Info {
		t.Errorf("DL3002 in test/ = %v", sev)
	}
	dl5003, _ := rules.ByID("DL5003")
	if off, why := f.Silenced(dl5003, filepath.Join(f.Dir, "test", "Dockerfile")); !off || !strings.Contains(why, "by an override") {
		t.Errorf("DL5003 in test/ silenced=%v why=%q", off, why)
	}
	if off, _ := f.Silenced(dl5003, filepath.Join(f.Dir, "Dockerfile")); off {
		t.Error("DL5003 outside test/ should stay on")
	}
	_ = dl3006
}

func TestStrictErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"ignore: [DL3006]\nfail-levl: error\n", `/repo/.dlint.yaml:2:1: unknown key "fail-levl" (did you mean "fail-level"?)`},
		{"ignore:\n  - DL3006\n  - DL3O06\n", `/repo/.dlint.yaml:3:5: ignore: unknown rule "DL3O06" (did you mean DL3006?)`},
		{"ignore:\n  - untaged-image\n", `did you mean untagged-image?`},
		{"strict-labels: yes please\n", `/repo/.dlint.yaml:1:16: strict-labels: want true or false, not the string "yes please"`},
		{"fail-level: warn\n", `fail-level: unknown level "warn" (did you mean "warning"?)`},
		{"severity:\n  DL3006: loud\n", `/repo/.dlint.yaml:2:11: severity.DL3006: unknown severity "loud"`},
		{"severity: [DL3006]\n", `severity: want a mapping`},
		{"trusted-registries: {a: b}\n", `trusted-registries: want a list of strings, not a mapping`},
		{"label-schema:\n  a: uri\n", `label-schema.a: unknown label type "uri" (did you mean "url"?)`},
		{"overrides:\n  - files: [x]\n    ignores: [DL3006]\n", `/repo/.dlint.yaml:3:5: unknown key "ignores" in overrides[0] (did you mean "ignore"?)`},
		{"overrides:\n  - ignore: [DL3006]\n", `overrides[0]: files is required`},
		{"context-size-limit: lots\n", `context-size-limit: want a size in bytes`},
		{"rules:\n  DL9999: {a: 1}\n", `rules: unknown rule "DL9999"`},
		{"rules:\n  DL3006: 3\n", `rules.DL3006: want a mapping`},
		{"ignore: [DL3006]\nignore: [DL3007]\n", `/repo/.dlint.yaml:2:1: key "ignore" appears twice`},
		{"- a\n- b\n", `must be a mapping`},
		{"ignore: [\n", `/repo/.dlint.yaml:`},
		{"target: [a]\n", `target: want a string, not a list`},
		// A configuration file can come with the code it checks: it names
		// a program to run only by a command on PATH.
		{"rules:\n  shellcheck: {path: ./lint.sh}\n", `/repo/.dlint.yaml:2:22: rules.shellcheck.path: "./lint.sh" is a path`},
		{"rules:\n  DL5190:\n    path: /usr/local/bin/shellcheck\n", `/repo/.dlint.yaml:3:11: rules.DL5190.path: "/usr/local/bin/shellcheck" is a path`},
		{"rules:\n  DL5190: {path: 'tools\\sc.exe'}\n", `rules.DL5190.path: "tools\\sc.exe" is a path`},
		{"rules:\n  DL5190: {path: ..}\n", `rules.DL5190.path: ".." is a path`},
		{"rules:\n  DL5190: {path: 3}\n", `rules.DL5190.path: want a command name, not`},
	}
	for _, c := range cases {
		_, err := parse(t, c.src)
		if err == nil {
			t.Errorf("%q: no error, want %q", c.src, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %s\nwant %s", c.src, err, c.want)
		}
	}
}

// A command name is looked up on PATH, as when no option is given.
func TestProgramOptionCommandName(t *testing.T) {
	f, err := parse(t, "rules:\n  shellcheck: {path: shellcheck-0.10, timeout: 90s}\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.RuleOptions["DL5190"]["path"]; got != "shellcheck-0.10" {
		t.Errorf("path = %v", got)
	}
}

func TestEmptyAndNull(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "ignore:\nseverity:\n"} {
		if _, err := parse(t, src); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func TestHadolint(t *testing.T) {
	f, err := Load("testdata/.hadolint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !f.Hadolint {
		t.Error("not read as hadolint")
	}
	if len(f.Ignore) != 1 || f.Ignore[0].Rules[0].ID != "DL3007" {
		t.Errorf("ignored = %+v", f.Ignore)
	}
	if strings.Join(f.UnknownRules, ",") != "DL4999,SC9999" {
		t.Errorf("unknown rules = %v", f.UnknownRules)
	}
	if strings.Join(f.Unsupported, ",") != "format,no-color" {
		t.Errorf("unsupported = %v", f.Unsupported)
	}
	dl3006, _ := rules.ByID("DL3006")
	if sev, ok := f.SeverityOf(dl3006, "/x"); !ok || sev != rules.Error {
		t.Errorf("DL3006 = %v", sev)
	}
	if f.FailLevel == nil || *f.FailLevel != rules.Warning {
		t.Errorf("failure-threshold = %v", f.FailLevel)
	}
	if strings.Join(f.TrustedRegistries, ",") != "docker.io" || f.LabelSchema["maintainer"] != "text" {
		t.Errorf("registries/labels = %v %v", f.TrustedRegistries, f.LabelSchema)
	}
	// A typo in a hadolint file is still an error.
	_, err = Parse("/r/.hadolint.yaml", []byte("ignore: [DL3006]\n"), true)
	if err == nil || !strings.Contains(err.Error(), `/r/.hadolint.yaml:1:1: unknown key "ignore" in a hadolint configuration (did you mean "ignored"?)`) {
		t.Errorf("hadolint typo: %v", err)
	}
	// A name that is no hadolint code is an error too.
	_, err = Parse("/r/.hadolint.yaml", []byte("ignored: [nonsense]\n"), true)
	if err == nil {
		t.Error("unknown non-code rule accepted")
	}
}

func TestMatchGlob(t *testing.T) {
	cases := []struct {
		glob, path string
		want       bool
	}{
		{"Dockerfile", "Dockerfile", true},
		{"Dockerfile", "a/b/Dockerfile", true},
		{"*.dev.Dockerfile", "x/app.dev.Dockerfile", true},
		{"test/**", "test/a/Dockerfile", true},
		{"test/**", "src/test/Dockerfile", false},
		{"**/test/*", "src/test/Dockerfile", true},
		{"./docker/*", "docker/Dockerfile", true},
		{"docker/*", "docker/a/Dockerfile", false},
		{"**/Dockerfile", "Dockerfile", true},
	}
	for _, c := range cases {
		if got := MatchGlob(c.glob, c.path); got != c.want {
			t.Errorf("MatchGlob(%q, %q) = %v", c.glob, c.path, got)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	home := t.TempDir()
	env := func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}
	mk := func(p, content string) string {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if err := os.MkdirAll(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	mk(".dlint.yaml", "") // above the repository root: never read
	sub := filepath.Join(root, "repo", "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub, env); got != "" {
		t.Errorf("found %q above the repository root", got)
	}
	user := filepath.Join(home, ".config", "dlint", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(user), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(user, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub, env); got != user {
		t.Errorf("user config: got %q", got)
	}
	os.Remove(user)
	h := mk("repo/a/.hadolint.yml", "")
	if got := Find(sub, env); got != h {
		t.Errorf("hadolint: got %q", got)
	}
	top := mk("repo/.dlint.yml", "")
	if got := Find(sub, env); got != top {
		t.Errorf("dlint over hadolint: got %q want %q", got, top)
	}
	near := mk("repo/a/b/.dlint.yaml", "")
	if got := Find(sub, env); got != near {
		t.Errorf("nearest: got %q", got)
	}
}

func TestStarterParses(t *testing.T) {
	f, err := Parse("/r/.dlint.yaml", []byte(Starter), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Ignore) != 0 || len(f.Overrides) != 0 {
		t.Errorf("starter is not empty: %+v", f)
	}
	// Uncommenting every example gives a valid file too.
	var b strings.Builder
	keyLine := regexp.MustCompile(`^# ([a-z-]+):`)
	for _, line := range strings.Split(Starter, "\n") {
		if m := keyLine.FindStringSubmatch(line); m != nil && slices.Contains(Keys, m[1]) {
			line = line[2:]
		} else if strings.HasPrefix(line, "#  ") {
			line = line[1:]
		}
		b.WriteString(line + "\n")
	}
	uncommented := strings.NewReplacer("ignore: []\n", "ignore:\n", "severity: {}\n", "severity:\n", "overrides: []\n", "overrides:\n").Replace(b.String())
	if _, err := Parse("/r/.dlint.yaml", []byte(uncommented), false); err != nil {
		t.Errorf("uncommented starter: %v\n%s", err, uncommented)
	}
}

func TestSize(t *testing.T) {
	for src, want := range map[string]int64{"context-size-limit: 1024\n": 1024, "context-size-limit: 1GiB\n": 1 << 30,
		"context-size-limit: 500MB\n": 500e6, "context-size-limit: \"2 k\"\n": 2048} {
		f, err := parse(t, src)
		if err != nil || *f.ContextSizeLimit != want {
			t.Errorf("%q: %v %v", src, err, f)
		}
	}
	for _, src := range []string{"context-size-limit: 9999999999999GiB\n", "context-size-limit: -1\n", "context-size-limit: 1.5GB\n"} {
		if _, err := parse(t, src); err == nil {
			t.Errorf("%q accepted", src)
		}
	}
}

func TestOverrideReenables(t *testing.T) {
	f, err := parse(t, "ignore: [DL3006]\nseverity: {DL3007: off}\noverrides:\n  - files: [\"keep/**\"]\n    severity: {DL3006: error, DL3007: info}\n")
	if err != nil {
		t.Fatal(err)
	}
	dl3006, _ := rules.ByID("DL3006")
	dl3007, _ := rules.ByID("DL3007")
	for _, r := range []*rules.Rule{dl3006, dl3007} {
		if off, _ := f.Silenced(r, "/repo/Dockerfile"); !off {
			t.Errorf("%s should be off outside keep/", r.ID)
		}
		if off, why := f.Silenced(r, "/repo/keep/Dockerfile"); off {
			t.Errorf("%s should be back on in keep/: %s", r.ID, why)
		}
	}
	if sev, ok := f.SeverityOf(dl3006, "/repo/keep/Dockerfile"); !ok || sev != rules.Error {
		t.Errorf("DL3006 in keep/ = %v", sev)
	}
	if _, why := f.Silenced(dl3007, "/repo/Dockerfile"); why != "turned off (severity off) in the configuration file /repo/.dlint.yaml:2" {
		t.Errorf("why = %q", why)
	}
}

// TestFinderRemembers: a Finder answers each directory as Find does, and
// looks at a directory once, whichever of its descendants asked first.
func TestFinderRemembers(t *testing.T) {
	root := t.TempDir()
	env := func(string) string { return "" }
	for _, d := range []string{"repo/.git", "repo/a/b/c/d", "repo/a/x/y", "repo/h/i", "other/p/q"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/a/.dlint.yaml", "repo/a/b/c/.dlint.yml", "repo/h/.hadolint.yaml", "repo/.hadolint.yml", "other/.dlint.yaml"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dirs := []string{"repo/a/b/c/d", "repo/a/b", "repo/a/x/y", "repo/a/b/c", "repo/h/i", "repo", "repo/h", "other/p/q", "other/p", "repo/a/x"}
	fd := NewFinder(env)
	for _, d := range dirs {
		d = filepath.Join(root, d)
		if got, want := fd.Find(d), Find(d, env); got != want {
			t.Errorf("%s: Finder found %q, Find %q", d, got, want)
		}
	}
	// What the Finder saw stands: a file added since is not looked for.
	late := filepath.Join(root, "repo", "a", "b", ".dlint.yaml")
	if err := os.WriteFile(late, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := fd.Find(filepath.Join(root, "repo", "a", "x", "y")); got != filepath.Join(root, "repo", "a", ".dlint.yaml") {
		t.Errorf("repo/a/x/y: %q", got)
	}
	if got := fd.Find(filepath.Join(root, "repo", "a", "b")); got == late {
		t.Error("repo/a/b was looked at again")
	}
	if got := NewFinder(env).Find(filepath.Join(root, "repo", "a", "b")); got != late {
		t.Errorf("a new Finder: %q, want %q", got, late)
	}
}

// A Finder answers as Find does when the user has configuration files too
// (dlint's, then hadolint's, each after the nearest file of its kind),
// and looks for the user's files once.
func TestFinderUserFiles(t *testing.T) {
	root := t.TempDir()
	xdg := filepath.Join(root, "xdg")
	for _, d := range []string{"repo/.git", "repo/dl/sub", "repo/hl/sub", "repo/none/sub", "xdg/dlint"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/dl/.dlint.yaml", "repo/hl/.hadolint.yaml", "xdg/hadolint.yml"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return xdg
		}
		return ""
	}
	dirs := []string{"repo/dl/sub", "repo/hl/sub", "repo/none/sub", "repo"}
	fd := NewFinder(env)
	for _, d := range dirs {
		d = filepath.Join(root, d)
		if got, want := fd.Find(d), Find(d, env); got != want {
			t.Errorf("%s: Finder found %q, Find %q", d, got, want)
		}
	}
	if got, want := fd.Find(filepath.Join(root, "repo/none/sub")), filepath.Join(xdg, "hadolint.yml"); got != want {
		t.Errorf("repo/none/sub: %q, want the user's hadolint file %q", got, want)
	}
	// The user's dlint configuration comes before any hadolint file, but
	// the Finder looked for it before it was written: it is not looked for
	// again, where Find, from scratch, sees it.
	user := filepath.Join(xdg, "dlint", "config.yaml")
	if err := os.WriteFile(user, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(filepath.Join(root, "repo/hl/sub"), env); got != user {
		t.Errorf("Find from repo/hl/sub: %q, want the user's dlint configuration %q", got, user)
	}
	if got := fd.Find(filepath.Join(root, "repo/hl/sub")); got == user {
		t.Error("the Finder looked for the user's configuration again")
	}
}

// A Finder whose MayHold answers truly answers as Find does; a name
// MayHold rules out is not looked for, even where it is on disk.
func TestFinderMayHold(t *testing.T) {
	root := t.TempDir()
	env := func(string) string { return "" }
	for _, d := range []string{"repo/.git", "repo/a/b", "repo/c/d"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/a/.dlint.yaml", "repo/c/.hadolint.yml"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var hide string // a name MayHold rules out everywhere
	var asked []string
	mayHold := func(dir, name string) bool {
		asked = append(asked, name)
		if name == hide {
			return false
		}
		_, err := os.Lstat(filepath.Join(dir, name))
		return err == nil
	}
	fd := NewFinder(env)
	fd.MayHold = mayHold
	for _, d := range []string{"repo/a/b", "repo/c/d", "repo", "repo/a"} {
		d = filepath.Join(root, d)
		if got, want := fd.Find(d), Find(d, env); got != want {
			t.Errorf("%s: Finder found %q, Find %q", d, got, want)
		}
	}
	for _, n := range []string{".dlint.yaml", ".hadolint.yml", ".git"} {
		if !slices.Contains(asked, n) {
			t.Errorf("MayHold was not asked about %s", n)
		}
	}
	hide = ".dlint.yaml"
	fd = NewFinder(env)
	fd.MayHold = mayHold
	if got := fd.Find(filepath.Join(root, "repo/a/b")); got != "" {
		t.Errorf("repo/a/b: found %q, which MayHold rules out", got)
	}
}
