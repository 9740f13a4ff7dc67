package rules_test

// Fixes of the build-context rules (DI1001, DI1002) repair another file
// than the Dockerfile they are reported in: the ignore file, created when
// there is none. The golden mechanism only covers a finding's own file, so
// these tests build a tree, lint the Dockerfile with its context, apply the
// fixes to the ignore file and lint again.

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/rules"
)

func fixWriteTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// lintContext lints the Dockerfile at dockerfile (a path as the user
// would name it) with its build context, DI rules only.
func lintContext(t *testing.T, dockerfile, contextDir string) []rules.Finding {
	t.Helper()
	src, err := os.ReadFile(filepath.FromSlash(dockerfile))
	if err != nil {
		t.Fatal(err)
	}
	doc := parser.Parse(dockerfile, src, parser.Dockerfile, parser.Options{})
	doc.Context = buildcontext.ForDockerfile(filepath.FromSlash(dockerfile), contextDir)
	return rules.Run(doc, &rules.Config{Disabled: func(r *rules.Rule, _ string) bool { return !strings.HasPrefix(r.ID, "DI") }})
}

// fixIgnoreFile applies the unsafe fixes of findings to the ignore file
// ignorePath (slash path as the fixes name it), writes it and returns its
// new content and the IDs of the findings whose fix was applied.
func fixIgnoreFile(t *testing.T, ignorePath string, findings []rules.Finding) (string, []string) {
	t.Helper()
	src, err := os.ReadFile(filepath.FromSlash(ignorePath))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, f := range findings {
		for _, fx := range f.Fixes {
			if fx.Path != "" && fx.Path != ignorePath {
				t.Errorf("%s: fix targets %q, want %q", f.Rule.ID, fx.Path, ignorePath)
			}
		}
	}
	out, applied := fix.Apply(ignorePath, src, findings, true)
	if err := os.WriteFile(filepath.FromSlash(ignorePath), out, 0o644); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range applied {
		ids = append(ids, f.Rule.ID)
	}
	return string(out), ids
}

func noClutterFindings(t *testing.T, fs []rules.Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Rule.ID == "DI1001" || f.Rule.ID == "DI1002" {
			t.Errorf("after the fix: %s: %s", f.Rule.ID, f.Message)
		}
	}
}

func TestFixContextCreatesIgnoreFile(t *testing.T) {
	root := filepath.ToSlash(t.TempDir())
	fixWriteTree(t, root, map[string]string{
		"Dockerfile":                 "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
		"package.json":               "{}\n",
		".git/HEAD":                  "ref: refs/heads/main\n",
		"node_modules/a/index.js":    "x\n",
		"npm-debug.log":              "debug\n",
		"web/node_modules/b/main.js": "y\n",
		"web/logs/a.log":             "log\n",
	})
	dockerfile := root + "/Dockerfile"
	findings := lintContext(t, dockerfile, "")
	ignore := path.Join(path.Dir(dockerfile), ".dockerignore")
	got, applied := fixIgnoreFile(t, ignore, findings)
	want := ".git\nnode_modules\n*.log\nweb/logs/*.log\nweb/node_modules\n"
	if got != want {
		t.Errorf("created .dockerignore:\n%s\nwant:\n%s", got, want)
	}
	if strings.Join(applied, ",") != "DI1001" {
		t.Errorf("applied fixes of %v, want DI1001", applied)
	}
	noClutterFindings(t, lintContext(t, dockerfile, ""))
}

func TestFixContextAppendsToIgnoreFile(t *testing.T) {
	for _, tc := range []struct {
		name, ignore, want string
	}{
		{"newline", "*.md\n", "*.md\nlogs/*.log\nnode_modules\n"},
		{"no-final-newline", "*.md", "*.md\nlogs/*.log\nnode_modules\n"},
		{"crlf", "*.md\r\nDockerfile\r\n", "*.md\r\nDockerfile\r\nlogs/*.log\r\nnode_modules\r\n"},
		{"has-one", "node_modules\n", "node_modules\nlogs/*.log\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.ToSlash(t.TempDir())
			fixWriteTree(t, root, map[string]string{
				"Dockerfile":              "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
				".dockerignore":           tc.ignore,
				"index.js":                "x\n",
				"node_modules/a/index.js": "x\n",
				"logs/a.log":              "a\n",
				"logs/b.log":              "b\n",
			})
			dockerfile := root + "/Dockerfile"
			got, applied := fixIgnoreFile(t, root+"/.dockerignore", lintContext(t, dockerfile, ""))
			if got != tc.want {
				t.Errorf("fixed .dockerignore:\n%q\nwant:\n%q", got, tc.want)
			}
			if strings.Join(applied, ",") != "DI1002" {
				t.Errorf("applied fixes of %v, want DI1002", applied)
			}
			noClutterFindings(t, lintContext(t, dockerfile, ""))
		})
	}
}

// Clutter whose path the pattern language would misread (a comment, a
// character class, an exception, a trimmed blank) is written so that
// BuildKit excludes that path: after the fix nothing is left to report.
func TestFixContextLiteralNames(t *testing.T) {
	root := filepath.ToSlash(t.TempDir())
	fixWriteTree(t, root, map[string]string{
		"Dockerfile":                   "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
		"index.js":                     "x\n",
		"#logs/a.log":                  "a\n",
		"a[1]/b.log":                   "b\n",
		"!web/node_modules/x/index.js": "x\n",
		"tmp /c.log":                   "c\n",
	})
	dockerfile := root + "/Dockerfile"
	got, _ := fixIgnoreFile(t, root+"/.dockerignore", lintContext(t, dockerfile, ""))
	want := "[!]web/node_modules\n[#]logs/*.log\na[[]1]/*.log\ntmp[ ]/*.log\n"
	if got != want {
		t.Errorf("created .dockerignore:\n%q\nwant:\n%q", got, want)
	}
	noClutterFindings(t, lintContext(t, dockerfile, ""))
}

// Several COPY sources with no ignore file: one new file, each entry once.
func TestFixContextSeveralSources(t *testing.T) {
	root := filepath.ToSlash(t.TempDir())
	fixWriteTree(t, root, map[string]string{
		"Dockerfile":                  "FROM node:22-alpine\nCOPY web /web\nCOPY api /api\n",
		"web/index.js":                "x\n",
		"web/node_modules/a/index.js": "x\n",
		"api/main.js":                 "x\n",
		"api/node_modules/b/index.js": "x\n",
		"api/debug.log":               "x\n",
	})
	dockerfile := root + "/Dockerfile"
	got, applied := fixIgnoreFile(t, root+"/.dockerignore", lintContext(t, dockerfile, ""))
	// Each finding's entries stay together; the order of the two groups is
	// the fix engine's for insertions at one point.
	if want1, want2 := "web/node_modules\napi/*.log\napi/node_modules\n", "api/*.log\napi/node_modules\nweb/node_modules\n"; got != want1 && got != want2 {
		want := want1
		t.Errorf("created .dockerignore:\n%q\nwant:\n%q", got, want)
	}
	if strings.Join(applied, ",") != "DI1002,DI1002" {
		t.Errorf("applied fixes of %v, want two DI1002", applied)
	}
	noClutterFindings(t, lintContext(t, dockerfile, ""))
}

// The fix names the ignore file the way the finding names the Dockerfile:
// relative paths stay relative, a context above the Dockerfile's directory
// and a <Dockerfile>.dockerignore are followed.
func TestFixContextIgnorePath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	rel, err := filepath.Rel(wd, tmp)
	if err != nil {
		t.Skip("temporary directory not reachable by a relative path")
	}
	relRoot := filepath.ToSlash(rel)
	fixWriteTree(t, tmp, map[string]string{
		"docker/Dockerfile":                  "FROM alpine:3.20\nCOPY . /src\n",
		"docker/api.Dockerfile":              "FROM alpine:3.20\nCOPY . /src\n",
		"docker/api.Dockerfile.dockerignore": "*.md\n",
		".git/HEAD":                          "ref: refs/heads/main\n",
		"main.go":                            "package main\n",
	})
	for _, tc := range []struct {
		name, dockerfile, context, ignore string
	}{
		{"context-above", relRoot + "/docker/Dockerfile", tmp, relRoot + "/.dockerignore"},
		{"context-above-relative", relRoot + "/docker/Dockerfile", filepath.Join(rel), relRoot + "/.dockerignore"},
		{"per-dockerfile", relRoot + "/docker/api.Dockerfile", tmp, relRoot + "/docker/api.Dockerfile.dockerignore"},
		{"absolute", filepath.ToSlash(tmp) + "/docker/Dockerfile", tmp, filepath.ToSlash(tmp) + "/.dockerignore"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var paths []string
			for _, f := range lintContext(t, tc.dockerfile, tc.context) {
				for _, fx := range f.Fixes {
					if fx.Path != "" {
						paths = append(paths, fx.Path)
					}
				}
			}
			if len(paths) != 1 || paths[0] != tc.ignore {
				t.Errorf("fix paths %q, want [%q]", paths, tc.ignore)
			}
		})
	}
}

// DI1010 is reported in the ignore file itself, against the tree beside it.
func TestFixContextRootOnlyPattern(t *testing.T) {
	root := filepath.ToSlash(t.TempDir())
	fixWriteTree(t, root, map[string]string{
		".dockerignore":                       "# caches\n__pycache__\n*.pyc\n.git\n",
		"app/main.py":                         "x\n",
		"app/__pycache__/mod.cpython-313.pyc": "x\n",
		"lib/old.pyc":                         "x\n",
	})
	ignore := root + "/.dockerignore"
	lint := func(b []byte) []rules.Finding {
		doc := parser.Parse(ignore, b, parser.DockerIgnore, parser.Options{})
		return rules.Run(doc, &rules.Config{Disabled: func(r *rules.Rule, _ string) bool { return r.ID != "DI1010" }})
	}
	src, err := os.ReadFile(ignore)
	if err != nil {
		t.Fatal(err)
	}
	got, applied := fix.Converge(ignore, src, lint, true)
	if want := "# caches\n**/__pycache__\n**/*.pyc\n.git\n"; string(got) != want {
		t.Errorf("fixed .dockerignore:\n%q\nwant:\n%q", got, want)
	}
	if len(applied) != 2 {
		t.Errorf("%d fixes applied, want 2", len(applied))
	}
}
