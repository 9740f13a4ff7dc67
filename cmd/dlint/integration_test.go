package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dlint/dlint/parser"
)

// Tests of the files that plug dlint into other tools: the pre-commit
// hooks, the GitHub Action, the CI examples and dlint's own image.

const repoRoot = "../.."

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

type hook struct {
	ID, Name, Entry, Language, Files, Description string
	Types                                         []string
}

func TestPreCommitHooksFile(t *testing.T) {
	var hooks []hook
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	byID := map[string]hook{}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook lacks a required field: %+v", h)
		}
		if !strings.HasPrefix(h.Entry, "dlint") {
			t.Errorf("hook %s: entry %q", h.ID, h.Entry)
		}
		byID[h.ID] = h
	}
	main, ok := byID["dlint"]
	if !ok || main.Language != "golang" {
		t.Fatalf("no golang hook with id dlint: %+v", hooks)
	}
	if d := byID["dlint-daemon-json"]; d.Language != "golang" {
		t.Errorf("daemon.json hook: %+v", d)
	}
	// The files pattern (Python syntax; this subset is Go's too) selects
	// exactly what dlint classifies as a Dockerfile or an ignore file.
	re := regexp.MustCompile(main.Files)
	for _, name := range []string{
		"Dockerfile", "sub/Dockerfile", "Dockerfile.dev", "api/web.Dockerfile", "Containerfile", "x/Containerfile.prod",
		"app.containerfile", "dockerfile", ".dockerignore", "sub/.dockerignore", "Dockerfile.dockerignore", "web.dockerignore",
		"README.md", "docker-compose.yml", "daemon.json", "src/main.go", "Dockerfiles/readme.txt", "notDockerfile",
	} {
		k := parser.KindOf(name)
		want := k == parser.Dockerfile || k == parser.DockerIgnore
		if got := re.MatchString(name); got != want {
			t.Errorf("files pattern on %q: %v, dlint says %v", name, got, k)
		}
	}
	dre := regexp.MustCompile(byID["dlint-daemon-json"].Files)
	for name, want := range map[string]bool{"daemon.json": true, "etc/docker/daemon.json": true, "package.json": false, "mydaemon.json": false} {
		if dre.MatchString(name) != want {
			t.Errorf("daemon.json pattern on %q: want %v", name, want)
		}
	}
}

// TestPreCommitTryRepo runs the real pre-commit on this repository. It
// skips when pre-commit is not installed. The hook is built offline from the
// module cache that building the tests filled (GOPROXY=off).
func TestPreCommitTryRepo(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not on PATH")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skip("not a git checkout")
	}
	goenv, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		t.Skip("go env:", err)
	}
	caches := strings.Split(strings.TrimSpace(string(goenv)), "\n")
	if len(caches) != 2 {
		t.Skip("go env: ", string(goenv))
	}
	dir := t.TempDir()
	home := t.TempDir()
	env := append(os.Environ(),
		"GOMODCACHE="+caches[0], "GOCACHE="+caches[1], "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local",
		"PRE_COMMIT_HOME="+filepath.Join(home, "pre-commit"), "NO_COLOR=1",
		"GIT_AUTHOR_NAME=dlint", "GIT_AUTHOR_EMAIL=dlint@example.com", "GIT_COMMITTER_NAME=dlint", "GIT_COMMITTER_EMAIL=dlint@example.com")
	run := func(name string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		done := make(chan struct{})
		var out []byte
		var err error
		go func() { out, err = cmd.CombinedOutput(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Minute):
			_ = cmd.Process.Kill()
			<-done
			t.Fatalf("%s %v did not finish", name, args)
		}
		if err != nil && cmd.ProcessState == nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}
	write(t, dir, "Dockerfile", untagged)
	write(t, dir, "good/Dockerfile", clean)
	write(t, dir, ".dockerignore", ".git\n")
	write(t, dir, "README", "not a Dockerfile\n")
	if out, code := run("git", "init", "-q"); code != 0 {
		t.Fatal(out)
	}
	if out, code := run("git", "add", "."); code != 0 {
		t.Fatal(out)
	}
	out, code := run("pre-commit", "try-repo", root, "dlint", "--all-files")
	if strings.Contains(out, "GOPROXY=off") {
		t.Skip("the module cache lacks a module the hook needs, and the test does not use the network:\n" + out)
	}
	if code != 1 || !strings.Contains(out, "Dockerfile:1:6: warning: image \"alpine\" has no tag or digest (DL3006 untagged-image)") {
		t.Fatalf("bad Dockerfile: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "good/Dockerfile:") || strings.Contains(out, "README") || !strings.Contains(out, "3 files checked") {
		t.Errorf("wrong files passed to the hook:\n%s", out)
	}
	out, code = run("pre-commit", "try-repo", root, "dlint", "--files", "good/Dockerfile", ".dockerignore")
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Errorf("good files: exit %d\n%s", code, out)
	}
}

type action struct {
	Name, Description string
	Inputs            map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []struct {
			ID, Name, Uses, Run, Shell string
			With                       map[string]string
			Env                        map[string]string
		}
	}
}

var inputRef = regexp.MustCompile(`\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}`)

func TestActionFile(t *testing.T) {
	var a action
	readYAML(t, "action.yml", &a)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" {
		t.Fatalf("action.yml: %+v", a)
	}
	for name, in := range a.Inputs {
		if in.Description == "" || in.Default == nil && !in.Required {
			t.Errorf("input %s needs a description and a default", name)
		}
	}
	for _, want := range []string{"paths", "config", "format", "fail-level", "output-file", "sarif-category"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("input %s missing", want)
		}
	}
	b, _ := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	for _, m := range inputRef.FindAllStringSubmatch(string(b), -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses undefined input %q", m[1])
		}
	}
	used := map[string]bool{}
	for _, m := range inputRef.FindAllStringSubmatch(string(b), -1) {
		used[m[1]] = true
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is never used", name)
		}
	}
	// Inputs reach the script through the environment only, never
	// spliced into it (no script injection).
	var script string
	var stepEnv map[string]string
	for _, s := range a.Runs.Steps {
		if inputRef.MatchString(s.Run) {
			t.Errorf("step %q splices an input into its script", s.Name)
		}
		if s.ID == "run" {
			script, stepEnv = s.Run, s.Env
		}
	}
	if script == "" {
		t.Fatal("no step with id run")
	}
	// Run the step's script with the dlint built for the tests.
	if runtime.GOOS == "windows" {
		t.Skip("bash script")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := repo(t)
	write(t, dir, "svc/Dockerfile", untagged)
	write(t, dir, "ok/Dockerfile", clean)
	outFile := filepath.Join(dir, "github-output")
	inputs := map[string]string{"paths": "svc\nok", "format": "sarif", "output-file": "dlint.sarif", "fail-level": "warning",
		"no-fail": "false", "config": "", "min-severity": "", "sarif-category": "dlint", "args": "--quiet"}
	env := append(os.Environ(), "GITHUB_OUTPUT="+outFile, "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1")
	for k, v := range stepEnv {
		if m := inputRef.FindStringSubmatch(v); m != nil {
			v = inputs[m[1]]
		}
		env = append(env, k+"="+v)
	}
	cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	out, _ := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "svc/Dockerfile:1:6: warning") || strings.Contains(string(out), "checked") {
		t.Errorf("action script: exit %d\n%s", cmd.ProcessState.ExitCode(), out)
	}
	if got, _ := os.ReadFile(outFile); string(got) != "exit-code=1\n" {
		t.Errorf("GITHUB_OUTPUT = %q", got)
	}
	sarif, err := os.ReadFile(filepath.Join(dir, "dlint.sarif"))
	if err != nil || !strings.Contains(string(sarif), `"id": "dlint/"`) {
		t.Errorf("SARIF file with the category: %v", err)
	}
}

func TestWorkflowExamples(t *testing.T) {
	var a action
	readYAML(t, "action.yml", &a)
	var wf struct {
		On   any
		Jobs map[string]struct {
			Steps []struct {
				Uses, If string
				With     map[string]string
			}
		}
	}
	readYAML(t, "examples/github-workflow.yml", &wf)
	if wf.On == nil || len(wf.Jobs) == 0 {
		t.Fatalf("workflow: %+v", wf)
	}
	var usesAction, uploads bool
	sarifFile := ""
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "dlint/dlint@"):
				usesAction = true
				for k := range s.With {
					if _, ok := a.Inputs[k]; !ok {
						t.Errorf("workflow passes unknown input %q", k)
					}
				}
				if s.With["format"] != "sarif" {
					t.Errorf("workflow format: %q", s.With["format"])
				}
				sarifFile = s.With["output-file"]
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				uploads = true
				if s.With["sarif_file"] != sarifFile || s.If != "always()" {
					t.Errorf("upload-sarif: %+v (dlint writes %q)", s, sarifFile)
				}
			}
		}
	}
	if !usesAction || !uploads {
		t.Error("the workflow must run the action and upload its SARIF")
	}

	var gl map[string]struct {
		Image     any
		Script    []string
		Artifacts struct {
			When    string
			Reports map[string]string
		}
	}
	readYAML(t, "examples/gitlab-ci.yml", &gl)
	job, ok := gl["dlint"]
	if !ok {
		t.Fatal("gitlab-ci.yml has no dlint job")
	}
	report := job.Artifacts.Reports["codequality"]
	if report == "" || !strings.Contains(strings.Join(job.Script, "\n"), "--format gitlab --output "+report) {
		t.Errorf("gitlab job: %+v", job)
	}
	// The command in the example works.
	dir := repo(t)
	write(t, dir, "Dockerfile", untagged)
	r := dlint(t, dir, "", "--format", "gitlab", "--output", report, "--format", "text", ".")
	if r.code != 1 || !strings.Contains(r.stdout, "DL3006") {
		t.Errorf("gitlab command: exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, report)); err != nil || !strings.HasPrefix(strings.TrimSpace(string(b)), "[") {
		t.Errorf("code quality report: %v %q", err, b)
	}
}

// TestOwnImageIsClean lints dlint's own Dockerfile and .dockerignore with
// every rule at every severity: no finding at all.
func TestOwnImageIsClean(t *testing.T) {
	r := dlint(t, repoRoot, "", "--no-config", "--fail-level", "style", "Dockerfile", ".dockerignore")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("dlint's own Dockerfile: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for _, want := range []string{"# syntax=docker/dockerfile:1.", "CGO_ENABLED=0", "-trimpath", `-ldflags "-s -w -X main.version=`,
		"FROM gcr.io/distroless/static-debian12:nonroot", "USER 65532:65532", `ENTRYPOINT ["/dlint"]`, "--mount=type=cache"} {
		if !strings.Contains(src, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
