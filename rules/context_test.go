package rules

// Tests of the build-context and .dockerignore rules (DI) beyond the
// fixtures: trees that git cannot hold (.git directories), monorepos with
// per-Dockerfile ignore files, large trees, and the real-world ignore-file
// corpus.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/internal/testtree"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
)

func init() {
	// Fixtures are small: DI1005 fires above 10 kB under test instead of 100 MB.
	defaultContextSizeLimit = 10_000
}

// lintFile lints one file of a tree as the CLI does: a Dockerfile with its
// build context (contextDir, "" for the Dockerfile's directory), other kinds
// alone. Only DI rules run; findings come back as "path:line: ID: message"
// with paths relative to root.
func lintFile(t *testing.T, root, rel, contextDir string) []string {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(rel))
	src, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	kind := parser.KindOfNamed(rel)
	doc := parser.Parse(filepath.ToSlash(full), src, kind, parser.Options{})
	if kind == parser.Dockerfile {
		doc.Context = buildcontext.ForDockerfile(full, contextDir)
	}
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return !strings.HasPrefix(r.ID, "DI") && r != internalError }}
	var out []string
	for _, f := range Run(doc, cfg) {
		if f.Rule == internalError {
			t.Errorf("%s: internal error: %s", rel, f.Message)
		}
		p := strings.TrimPrefix(f.Path, filepath.ToSlash(root)+"/")
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", p, f.Range.Start.Line, f.Rule.ID, f.Message))
	}
	return out
}

// ctxFastTempDir is a temporary directory in memory (/dev/shm) where there
// is one, so that writing thousands of files stays quick.
func ctxFastTempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("/dev/shm", "dlint-rules-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func hasFinding(fs []string, id, substr string) bool {
	for _, f := range fs {
		if strings.Contains(f, " "+id+": ") && strings.Contains(f, substr) {
			return true
		}
	}
	return false
}

func TestContextWithGitDirectory(t *testing.T) {
	root := t.TempDir()
	testtree.Write(t, root, map[string]string{
		"Dockerfile":            "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
		"index.js":              "x\n",
		".git/HEAD":             "ref: refs/heads/main\n",
		".git/objects/ab/cdef":  strings.Repeat("o", 2000),
		".git/config":           "[core]\n",
		".git/hooks/x.key":      "-----BEGIN PRIVATE KEY-----\nFAKE\n-----END PRIVATE KEY-----\n",
		"node_modules/a/x.js":   "x\n",
		"node_modules/a/t.pem":  "-----BEGIN PRIVATE KEY-----\nFAKE\n-----END PRIVATE KEY-----\n",
		"services/x/.git/HEAD":  "ref\n",
		"services/x/service.js": "x\n",
	})
	got := lintFile(t, root, "Dockerfile", "")
	if !hasFinding(got, "DI1001", "it includes .git/ (2.1 kB)") || !hasFinding(got, "DI1001", "node_modules/") || !hasFinding(got, "DI1001", "services/x/.git/") {
		t.Errorf("DI1001 should name .git, node_modules and the nested .git: %v", got)
	}
	if hasFinding(got, "DI1003", "") {
		t.Errorf("keys inside .git and node_modules are not reported as secrets: %v", got)
	}

	// An ignore file that misses .git: DI1002 names it; none when it is excluded.
	testtree.Write(t, root, map[string]string{".dockerignore": "node_modules\n"})
	got = lintFile(t, root, "Dockerfile", "")
	if !hasFinding(got, "DI1002", "COPY . sends .git/") || hasFinding(got, "DI1002", "node_modules") || hasFinding(got, "DI1001", "") {
		t.Errorf("with .dockerignore missing .git: %v", got)
	}
	testtree.Write(t, root, map[string]string{".dockerignore": "node_modules\n**/.git\n"})
	if got = lintFile(t, root, "Dockerfile", ""); len(got) != 0 {
		t.Errorf("everything excluded, want no finding: %v", got)
	}
	// The .dockerignore alone: .git exists, so the pattern is not stale.
	if got = lintFile(t, root, ".dockerignore", ""); len(got) != 0 {
		t.Errorf(".dockerignore alone: %v", got)
	}
}

// TestMonorepo: several Dockerfiles built from the repository root, each
// with its own ignore file or the shared one.
func TestMonorepo(t *testing.T) {
	root := t.TempDir()
	testtree.Write(t, root, map[string]string{
		".dockerignore":               "**/node_modules\n.git\n",
		"api/Dockerfile":              "FROM golang:1.26\nCOPY api/ /src/api/\nCOPY go.mod /src/\n",
		"api/Dockerfile.dockerignore": "web\napi/testdata\n",
		"api/main.go":                 "package main\n",
		"api/.env":                    "TOKEN=abc\n",
		"api/testdata/big.json":       "{}\n",
		"go.mod":                      "module x\n",
		"web/Dockerfile":              "FROM node:22-alpine\nCOPY web/ /app/\nCOPY web/dist /srv/\n",
		"web/index.js":                "x\n",
		"web/node_modules/a/x.js":     "x\n",
		"web/dist/app.js":             "x\n",
		"web/.env.production":         "KEY=1\n",
		"tools/Dockerfile":            "FROM alpine:3.20\nCOPY . /tools\n",
		"tools/run.sh":                "x\n",
	})
	api := lintFile(t, root, "api/Dockerfile", root)
	// api's own ignore file applies (not the root one): node_modules is not
	// excluded but not copied either; the .env under api/ is copied.
	if !hasFinding(api, "DI1003", `"api/.env"`) || len(api) != 1 {
		t.Errorf("api: %v", api)
	}
	web := lintFile(t, root, "web/Dockerfile", root)
	if !hasFinding(web, "DI1003", `"web/.env.production"`) || hasFinding(web, "DI1002", "") || hasFinding(web, "DI1004", "") {
		t.Errorf("web (root .dockerignore): %v", web)
	}
	// Built from its own directory, tools has no ignore file and nothing to complain about.
	if tools := lintFile(t, root, "tools/Dockerfile", ""); len(tools) != 0 {
		t.Errorf("tools: %v", tools)
	}
	// Per-Dockerfile ignore files are linted for their patterns only.
	if got := lintFile(t, root, "api/Dockerfile.dockerignore", ""); len(got) != 0 {
		t.Errorf("api/Dockerfile.dockerignore: %v", got)
	}
	// COPY of a path the per-Dockerfile ignore file excludes.
	testtree.Write(t, root, map[string]string{"api/Dockerfile": "FROM golang:1.26\nCOPY web/index.js /x\n"})
	api = lintFile(t, root, "api/Dockerfile", root)
	if !hasFinding(api, "DI1004", `excluded by Dockerfile.dockerignore (line 1: "web")`) {
		t.Errorf("api COPY web: %v", api)
	}
}

func TestIgnoreRulesWithoutContext(t *testing.T) {
	src := []byte("src/legacy\n__pycache__\n/dist\n/dist\n!x\n*\n")
	for _, name := range []string{"-", ".dockerignore", "nowhere/.dockerignore"} {
		doc := parser.Parse(name, src, parser.DockerIgnore, parser.Options{})
		var ids []string
		for _, f := range Run(doc, nil) {
			if f.Rule == internalError {
				t.Errorf("%s: %s", name, f.Message)
			}
			if strings.HasPrefix(f.Rule.ID, "DI") {
				ids = append(ids, f.Rule.ID)
			}
		}
		slices.Sort(ids)
		// Without a context on disk only the pattern rules fire.
		if name != ".dockerignore" && !slices.Equal(ids, []string{"DI1007", "DI1008", "DI1009", "DI1009"}) {
			t.Errorf("%s: %v", name, ids)
		}
	}
}

// TestContextRulesManyFiles: every DI rule over a context of 10,000 files,
// most of them in an ignored node_modules, stays fast.
func TestContextRulesManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	root := ctxFastTempDir(t)
	testtree.Write(t, root, map[string]string{
		"Dockerfile":    "FROM node:22-alpine\nCOPY package.json ./\nCOPY . /app\nCOPY src/*.js /app/\n",
		".dockerignore": "node_modules\n*.md\n",
		"package.json":  "{}\n",
	})
	for d := 0; d < 100; d++ {
		dir := filepath.Join(root, "node_modules", fmt.Sprintf("pkg%03d", d))
		if d < 20 {
			dir = filepath.Join(root, "src", fmt.Sprintf("mod%03d", d))
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 100; i++ {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.js", i)), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := time.Now()
	got := lintFile(t, root, "Dockerfile", "")
	got = append(got, lintFile(t, root, ".dockerignore", "")...)
	took := time.Since(start)
	t.Logf("linted in %v", took)
	if took > 3*time.Second {
		t.Errorf("linting took %v", took)
	}
	if len(got) != 0 {
		t.Errorf("findings: %v", got)
	}
}

// TestCorpusDockerfilesWithContext lints every corpus Dockerfile within a
// small context holding clutter, secrets and an ignore file (its own folder
// for the first Dockerfile of each folder): no panic, no internal error.
func TestCorpusDockerfilesWithContext(t *testing.T) {
	files := corpus.Files(t, corpusDir, parser.Dockerfile)
	cfg := &Config{Disabled: func(r *Rule, _ string) bool { return !strings.HasPrefix(r.ID, "DI") }}
	small := t.TempDir()
	testtree.Write(t, small, map[string]string{
		".dockerignore": "*.md\nbuild\n", ".env": "A=1\n", "node_modules/x/y.js": "x", "app/app.log": "x",
		"src/main.go": "package main\n", "id_rsa": "-----BEGIN RSA PRIVATE KEY-----\nFAKE\n",
	})
	seen := map[string]bool{}
	for _, file := range files {
		p := file.Path
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc := parser.Parse(p, src, parser.Dockerfile, parser.Options{})
		ctxDir := small
		if !seen[filepath.Dir(p)] {
			seen[filepath.Dir(p)], ctxDir = true, ""
		}
		doc.Context = buildcontext.ForDockerfile(p, ctxDir)
		for _, f := range Run(doc, cfg) {
			if f.Rule == internalError {
				t.Errorf("%s: %s", p, f.Message)
			}
		}
	}
}

func TestContextSources(t *testing.T) {
	src := "FROM alpine:3.20 AS base\n" +
		"COPY --chown=app:app app /app\n" + // the source, not the flag's text
		"COPY [\"conf dir/x.yml\", \"/etc/\"]\n" +
		"ARG V=1\n" +
		"ENV DIR=conf/$V\n" +
		"COPY ${UNSET}/x ${D:-dflt}/y $DIR /z/\n" +
		"ADD https://example.com/a.tgz git@github.com:o/r.git ./local /x/\n" +
		"COPY --from=base /a /b\n" +
		"COPY <<EOF /etc/motd\nhi\nEOF\n" +
		"ONBUILD COPY . /app\n" +
		"COPY --exclude=*.md docs /docs\n"
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	p := &Pass{Document: doc, Options: &Options{}}
	var got []string
	for _, s := range contextSources(p) {
		got = append(got, fmt.Sprintf("%s %s %q@%d:%d-%d", s.Verb, s.Src.Clean, s.Src.Raw, s.Range.Start.Line, s.Range.Start.Column, s.Range.End.Column))
	}
	want := []string{
		`COPY app "app"@2:22-25`,
		`COPY conf dir/x.yml "conf dir/x.yml"@3:8-22`,
		// line 6: a source whose variable has no value is skipped; a default counts
		`COPY dflt/y "${D:-dflt}/y"@6:17-29`,
		`COPY conf/1 "$DIR"@6:30-34`,
		`ADD local "./local"@7:54-61`,
		`COPY docs "docs"@13:21-25`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("sources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var docs ctxSource
	for _, s := range contextSources(p) {
		if s.Src.Clean == "docs" {
			docs = s
		}
	}
	if docs.Covers("docs/README.md") || !docs.Covers("docs/guide.txt") {
		t.Error("--exclude=*.md not applied")
	}
}

// The index of COPY sources finds exactly the sources whose Covers holds,
// for plain paths, the whole context, wildcards and --exclude.
func TestSourceIndexMatchesCovers(t *testing.T) {
	raws := []string{".", "src", "src/app", "src/app/main.go", "docs", "src/*.go", "*", "s?c/app", "lib", "src"}
	var srcs []ctxSource
	for i, r := range raws {
		s := ctxSource{Src: buildcontext.ParseSource(r)}
		if i == len(raws)-1 {
			s.exclude = []string{"*.md"}
		}
		srcs = append(srcs, s)
	}
	x := newSourceIndex(srcs)
	for _, rel := range []string{"src", "src/app", "src/app/main.go", "src/app/README.md", "src/x.go", "srcs/a", "docs/a/b", "lib", "libx", "README.md", "a/b/c/d"} {
		var want, got []int
		for i := range srcs {
			if srcs[i].Covers(rel) {
				want = append(want, i)
			}
		}
		x.each(rel, func(i int) { got = append(got, i) })
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: index gives %v, Covers %v", rel, got, want)
		}
	}
}

// Testing paths against sources with wildcards stops at maxSourceWork: the
// path that would pass it is refused, with no call, and so is every later
// one, however cheap; plain sources alone cost nothing.
func TestSourceIndexBoundsWork(t *testing.T) {
	var srcs []ctxSource
	for _, r := range []string{"src", "*.go", "lib/*"} {
		srcs = append(srcs, ctxSource{Src: buildcontext.ParseSource(r)})
	}
	x := newSourceIndex(srcs)
	calls := 0
	count := func(int) { calls++ }
	if !x.each("main.go", count) || calls != 1 {
		t.Fatalf("main.go: refused, or %d sources copy it", calls)
	}
	cost := x.work // of one path of 7 bytes
	x.work = maxSourceWork - cost + 1
	if calls = 0; x.each("lonely.go", count) || calls != 0 {
		t.Errorf("a path past the budget was tested (%d calls)", calls)
	}
	if x.each("a", count) || calls != 0 {
		t.Error("a later, cheaper path was tested")
	}
	plain := newSourceIndex(srcs[:1])
	plain.work = maxSourceWork
	if calls = 0; !plain.each("src/a", count) || calls != 1 {
		t.Errorf("plain sources refused or not found (%d calls)", calls)
	}
}
