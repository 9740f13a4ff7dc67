package rules_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/parser/dockerignore"
	"github.com/dlint/dlint/rules"
)

// FuzzFixContext: the fixes DI1001 and DI1002 write into the ignore file
// leave out of the build context the clutter they report and nothing else.
// The input is an ignore file (or none) and the names of the files of a
// context (NUL-separated) that the Dockerfile copies whole. After the fix
// the ignore file parses no worse, every path left out before still is, a
// path newly left out is clutter (in a directory the rules name or one
// with a CACHEDIR.TAG, or a *.log), clutter the fix can name (not a line
// break, nor bytes that are not UTF-8, in its path) is left out, and
// linting again then reports no clutter.
func FuzzFixContext(f *testing.F) {
	f.Add([]byte("*.md\n"), true, "node_modules/a.js\x00logs/a.log\x00index.js")
	f.Add([]byte(""), false, ".git/HEAD\x00web/node_modules/b/c.js\x00web/x.log\x00web/keep.txt")
	f.Add([]byte("!web\n"), true, "#logs/a.log\x00a[1]/b.log\x00!web/node_modules/x.js\x00tmp /c.log\x00keep.txt")
	f.Add([]byte("a\r"), true, "node_modules/x\x00a\\b/c.log\x00*/x.log\x00?.log")
	f.Add([]byte("node_modules\n!node_modules/keep\n"), true, "node_modules/keep/a\x00node_modules/b\x00sub/node_modules/c")
	f.Add([]byte("\xef\xbb\xbf# cache\r\n"), true, "target/CACHEDIR.TAG\x00target/x.o\x00src/a.rs\x00 lead/x.log\x00^x/.venv/y")
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, ignore []byte, hasIgnore bool, names string) {
		defer stderr.Check(t)
		root := filepath.ToSlash(t.TempDir())
		files := writeFuzzContext(t, root, []byte("FROM alpine:3.20\nCOPY . /app\n"), names)
		if len(files) == 0 {
			return
		}
		ignorePath, ignore := writeFuzzIgnore(t, root, ignore, hasIgnore)
		dockerfile := root + "/Dockerfile"
		findings := lintContext(t, dockerfile, "")
		var clutter []rules.Finding
		for _, fd := range findings {
			if fd.Rule.ID == "DI1001" || fd.Rule.ID == "DI1002" {
				clutter = append(clutter, fd)
			}
		}
		if len(clutter) == 0 {
			return
		}
		out, _ := fixIgnoreFile(t, ignorePath, clutter)
		before, errsBefore := dockerignore.Parse(ignore)
		after, errsAfter := dockerignore.Parse([]byte(out))
		if len(errsAfter) > len(errsBefore) {
			t.Fatalf("the fix added parse errors %v:\n%q\n---\n%q", errsAfter, ignore, out)
		}
		for _, p := range files {
			was, is := before.Excludes(p), after.Excludes(p)
			item, clutter := clutterItem(p, files, before)
			switch {
			case was && !is:
				t.Fatalf("the fix brought %q back into the context:\n%q\n---\n%q", p, ignore, out)
			case !was && is && !isClutterPath(p, files):
				t.Fatalf("the fix left out %q, which is not clutter:\n%q\n---\n%q", p, ignore, out)
			case !was && !is && clutter && writable(item):
				t.Fatalf("the fix still sends %q, clutter in %q:\n%q\n---\n%q", p, item, ignore, out)
			}
		}
		if !writable(names) {
			return
		}
		for _, fd := range lintContext(t, dockerfile, "") {
			if fd.Rule.ID == "DI1001" || fd.Rule.ID == "DI1002" {
				t.Fatalf("after the fix, %s: %s\n%q\n---\n%q", fd.Rule.ID, fd.Message, ignore, out)
			}
		}
	})
}

// writeFuzzContext writes dockerfile under root and a file for each
// NUL-separated name (at most 12, as a path of at most 6 names of at most
// 100 bytes), and returns the paths written. Names that would be the
// Dockerfile or an ignore file, or that clash with a file already written,
// are left out.
func writeFuzzContext(t *testing.T, root string, dockerfile []byte, names string) []string {
	t.Helper()
	fixWriteTree(t, root, map[string]string{"Dockerfile": string(dockerfile)})
	var files []string
	for _, name := range strings.Split(names, "\x00") {
		if len(files) == 12 {
			break
		}
		var parts []string
		for _, part := range strings.Split(name, "/") {
			if part != "" && part != "." && part != ".." && len(part) <= 100 {
				parts = append(parts, part)
			}
		}
		if len(parts) == 0 || len(parts) > 6 {
			continue
		}
		switch parts[0] {
		case "Dockerfile", ".dockerignore", "Dockerfile.dockerignore":
			continue
		}
		rel := strings.Join(parts, "/")
		full := filepath.Join(root, filepath.FromSlash(rel))
		if os.MkdirAll(filepath.Dir(full), 0o755) != nil {
			continue
		}
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			continue
		}
		_, err = f.WriteString("x\n")
		if err = errors.Join(err, f.Close()); err != nil {
			t.Fatal(err)
		}
		files = append(files, rel)
	}
	return files
}

// clutterItem is what DI1001 and DI1002 report p in: the topmost
// directory above it that they take for clutter (by name, or holding a
// CACHEDIR.TAG among files) and ignore does not leave out (an exception
// that brings back part of one is deliberate), or for a *.log file the
// directory whose *.log the fix leaves out ("." for the root).
func clutterItem(p string, files []string, ignore *dockerignore.File) (string, bool) {
	parts := strings.Split(p, "/")
	for i := range len(parts) - 1 {
		dir := strings.Join(parts[:i+1], "/")
		if ignore.Excludes(dir) {
			continue
		}
		if rules.IsClutterDir(parts[i]) || slices.Contains(files, dir+"/CACHEDIR.TAG") {
			return dir, true
		}
	}
	if strings.HasSuffix(p, ".log") {
		return path.Dir(p), true
	}
	return "", false
}

// writable reports whether an ignore-file line can name s: the fixes write
// no line for a name with a line break or bytes that are not UTF-8.
func writable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsAny(s, "\n\r")
}

// isClutterPath reports whether p lies in a directory DI1001 and DI1002
// report (by name, or holding a CACHEDIR.TAG among files) or is named, or
// lies in a directory named, *.log (the fixes leave out *.log per
// directory).
func isClutterPath(p string, files []string) bool {
	for dir := p; dir != "."; dir = path.Dir(dir) {
		base := path.Base(dir)
		if strings.HasSuffix(base, ".log") {
			return true
		}
		if dir == p {
			continue
		}
		if rules.IsClutterDir(base) {
			return true
		}
		if slices.Contains(files, dir+"/CACHEDIR.TAG") {
			return true
		}
	}
	return false
}

// FuzzLintContext: the build-context rules end without a panic, an
// internal error or a word on standard error for any Dockerfile, ignore
// file and tree of file names (as FuzzFixContext builds it); every
// finding, in the Dockerfile or the ignore file, and every edit of its
// fixes lies inside the file it names; a second run finds the same.
func FuzzLintContext(f *testing.F) {
	f.Add([]byte("FROM alpine:3.20\nCOPY . /app\n"), []byte("*.md\n"), true, "node_modules/a.js\x00.env\x00logs/a.log")
	f.Add([]byte("FROM node:22\nCOPY web /web\nADD --chown=1 *.js secrets/ /x/\nCOPY --from=b / /\n"),
		[]byte("web/node_modules\n!web/node_modules/keep\n**/*.key\nsecrets\n"), true,
		"web/node_modules/keep/a\x00web/x.log\x00secrets/id_rsa\x00a.js\x00web/target/CACHEDIR.TAG\x00web/target/x")
	f.Add([]byte("FROM alpine\nCOPY [\"a b\", \"/x\"]\nCOPY <<EOF /y\nhi\nEOF\nCOPY a* b? [c] /z/\n"), []byte{}, false, "a b/.git/HEAD\x00ab/.npmrc\x00c/x.pem")
	f.Add([]byte("# escape=`\nFROM alpine\nCOPY a`\n  b /x\nCOPY ../up /u\n"), []byte("/a\nb/**\n!b/keep\nb/keep\n"), true, "a/x\x00b/keep/y\x00up/z")
	cfg := &rules.Config{Disabled: func(r *rules.Rule, _ string) bool {
		return !strings.HasPrefix(r.ID, "DI") && r.ID != "DL0000"
	}}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, dockerfile, ignore []byte, hasIgnore bool, names string) {
		defer stderr.Check(t)
		root := filepath.ToSlash(t.TempDir())
		writeFuzzContext(t, root, dockerfile, names)
		ignorePath, ignore := writeFuzzIgnore(t, root, ignore, hasIgnore)
		check := func(own []byte, findings []rules.Finding) {
			for _, fd := range findings {
				if fd.Rule.ID == "DL0000" {
					t.Fatalf("internal error: %s", fd.Message)
				}
				rules.CheckFindingRanges(t, fd, own)
				for _, fx := range fd.Fixes {
					if fx.Path == "" {
						continue
					}
					if fx.Path != ignorePath {
						t.Fatalf("%s's fix edits %q, not the ignore file %q", fd.Rule.ID, fx.Path, ignorePath)
					}
					for _, e := range fx.Edits {
						rules.CheckFindingRanges(t, rules.Finding{Rule: fd.Rule, Message: fd.Message, Range: e.Range}, ignore)
					}
				}
			}
		}
		lint := func() []rules.Finding {
			doc := parser.Parse(root+"/Dockerfile", dockerfile, parser.Dockerfile, parser.Options{})
			doc.Context = buildcontext.ForDockerfile(filepath.FromSlash(root+"/Dockerfile"), "")
			return rules.Run(doc, cfg)
		}
		findings := lint()
		check(dockerfile, findings)
		if a, b := fmt.Sprintf("%+v", findings), fmt.Sprintf("%+v", lint()); a != b {
			t.Fatalf("two runs differ:\n%s\n---\n%s", a, b)
		}
		if hasIgnore {
			check(ignore, rules.Run(parser.Parse(ignorePath, ignore, parser.DockerIgnore, parser.Options{}), cfg))
		}
		checkSharedListings(t, root)
	})
}

// checkSharedListings: contexts opened through one Cache, which share
// directory reads, list what each lists on its own, the context at root
// first and then one nested in it.
func checkSharedListings(t *testing.T, root string) {
	t.Helper()
	dirs := []string{root}
	if ents, err := os.ReadDir(filepath.FromSlash(root)); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				dirs = append(dirs, root+"/"+e.Name())
				break
			}
		}
	}
	cache := buildcontext.NewCache()
	// A cache given every directory of the tree as the CLI's search reads
	// them (Seed): its contexts take their listings and ignore files from
	// those entries.
	seeded := buildcontext.NewCache()
	_ = filepath.WalkDir(filepath.FromSlash(root), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if ents, err := os.ReadDir(p); err == nil {
				seeded.Seed(p, ents)
			}
		}
		return nil
	})
	for _, d := range dirs {
		df := filepath.FromSlash(d + "/Dockerfile")
		ownCtx := buildcontext.ForDockerfile(df, "")
		own := ownCtx.Listing()
		for name, c := range map[string]*buildcontext.Cache{"a cache": cache, "a seeded cache": seeded} {
			ctx := c.ForDockerfile(df, "")
			shared := ctx.Listing()
			if ctx.IgnorePath != ownCtx.IgnorePath || !slices.Equal(shared.Entries, own.Entries) || shared.Truncated != own.Truncated || shared.SentSize != own.SentSize {
				t.Fatalf("%s: the context through %s differs from its own (ignore file %q, %q):\n%+v\n---\n%+v", d, name, ctx.IgnorePath, ownCtx.IgnorePath, shared, own)
			}
		}
	}
}

// writeFuzzIgnore writes ignore as root's .dockerignore when hasIgnore,
// and returns its path and content (nil when there is none).
func writeFuzzIgnore(t *testing.T, root string, ignore []byte, hasIgnore bool) (string, []byte) {
	t.Helper()
	p := root + "/.dockerignore"
	if !hasIgnore {
		return p, nil
	}
	if err := os.WriteFile(filepath.FromSlash(p), ignore, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, ignore
}
