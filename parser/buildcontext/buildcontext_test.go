package buildcontext

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/internal/testtree"
	"github.com/dlint/dlint/parser/dockerignore"
)

// tree writes files (see testtree.Write) under a new temporary directory.
func tree(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	testtree.Write(t, root, files)
	return root
}

func ignore(t testing.TB, src string) *dockerignore.File {
	t.Helper()
	f, errs := dockerignore.Parse([]byte(src))
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	return f
}

func paths(es []Entry, pred func(Entry) bool) []string {
	var out []string
	for _, e := range es {
		if pred(e) {
			out = append(out, e.Path)
		}
	}
	return out
}

func TestForDockerfilePrefersPerDockerfileIgnore(t *testing.T) {
	root := tree(t, map[string]string{
		"api/Dockerfile":              "FROM a\n",
		"api/Dockerfile.dockerignore": "secret\n",
		"api/.dockerignore":           "other\n",
		"web/Dockerfile":              "FROM a\n",
		".dockerignore":               "root\n",
	})
	c := ForDockerfile(filepath.Join(root, "api", "Dockerfile"), root)
	if c.IgnorePath != filepath.Join(root, "api", "Dockerfile.dockerignore") || c.Ignore.Patterns[0].Cleaned != "secret" {
		t.Errorf("api: ignore = %q", c.IgnorePath)
	}
	c = ForDockerfile(filepath.Join(root, "web", "Dockerfile"), root)
	if c.IgnorePath != filepath.Join(root, ".dockerignore") {
		t.Errorf("web with root context: ignore = %q", c.IgnorePath)
	}
	c = ForDockerfile(filepath.Join(root, "web", "Dockerfile"), "")
	if c.IgnorePath != "" || c.Dir != filepath.Join(root, "web") {
		t.Errorf("web alone: dir %q ignore %q", c.Dir, c.IgnorePath)
	}
}

func TestForIgnoreFile(t *testing.T) {
	root := tree(t, map[string]string{".dockerignore": "x\n", "app.Dockerfile.dockerignore": "y\n"})
	if c := ForIgnoreFile(filepath.Join(root, ".dockerignore"), nil); c == nil || c.Dir != root {
		t.Errorf("ForIgnoreFile(.dockerignore) = %+v", c)
	}
	for _, p := range []string{filepath.Join(root, "app.Dockerfile.dockerignore"), "-", "", filepath.Join(root, "missing", ".dockerignore")} {
		if c := ForIgnoreFile(p, nil); c != nil {
			t.Errorf("ForIgnoreFile(%q) = %+v, want nil", p, c)
		}
	}
}

func TestWalkPrunesExcludedDirectories(t *testing.T) {
	root := tree(t, map[string]string{
		"app.py":                     "print(1)\n",
		"node_modules/a/index.js":    "x",
		"logs/today.log":             "0123456789",
		"docs/keep.md":               "k",
		"docs/drop.md":               "d",
		"build/out/bin":              "bin",
		"build/out/keep/readme.txt":  "r",
		"cache/x/y":                  "z",
		"empty/":                     "",
		"src/pkg/mod.go":             "package pkg\n",
		"src/pkg/mod_test.go":        "package pkg\n",
		"src/pkg/testdata/big.bin":   strings.Repeat("b", 1000),
		"src/pkg/testdata/small.txt": "s",
	})
	c := &Context{Dir: root, Ignore: ignore(t, "node_modules\nlogs\ndocs\n!docs/keep.md\nbuild\n!build/out/keep\ncache/\n**/testdata\n")}
	l := c.Listing()
	if l.Err != nil || l.Truncated {
		t.Fatalf("err %v truncated %v", l.Err, l.Truncated)
	}
	pruned := paths(l.Entries, func(e Entry) bool { return e.Pruned })
	if want := []string{"cache", "logs", "node_modules", "src/pkg/testdata"}; !slices.Equal(pruned, want) {
		t.Errorf("pruned = %v, want %v", pruned, want)
	}
	if _, ok := l.Lookup("node_modules/a"); ok {
		t.Error("walked into the pruned node_modules")
	}
	sent := paths(l.Entries, func(e Entry) bool { return !e.Excluded && !e.Dir })
	want := []string{"app.py", "build/out/keep/readme.txt", "docs/keep.md", "src/pkg/mod.go", "src/pkg/mod_test.go"}
	if !slices.Equal(sent, want) {
		t.Errorf("sent files = %v, want %v", sent, want)
	}
	if e, ok := l.Lookup("docs/drop.md"); !ok || !e.Excluded {
		t.Errorf("docs/drop.md = %+v %v, want listed and excluded", e, ok)
	}
	if l.SentFiles != 5 || l.SentSize != int64(len("print(1)\n")+1+1+2*len("package pkg\n")) {
		t.Errorf("sent %d files, %d bytes", l.SentFiles, l.SentSize)
	}
	if got := l.SizeOf("src"); got != int64(2*len("package pkg\n")) {
		t.Errorf("SizeOf(src) = %d", got)
	}
	if c.Listing() != l {
		t.Error("Listing walked twice")
	}
}

func TestWalkWildcardExceptionsPreventPruning(t *testing.T) {
	root := tree(t, map[string]string{
		"vendor/a/keep.go":  "package a",
		"vendor/a/drop.txt": "t",
	})
	c := &Context{Dir: root, Ignore: ignore(t, "vendor\n!**/*.go\n")}
	l := c.Listing()
	sent := paths(l.Entries, func(e Entry) bool { return !e.Excluded && !e.Dir })
	if !slices.Equal(sent, []string{"vendor/a/keep.go"}) {
		t.Errorf("sent = %v", sent)
	}
}

func TestWalkDoesNotFollowSymlinks(t *testing.T) {
	outside := tree(t, map[string]string{"secret/id_rsa": "KEY", "big": strings.Repeat("x", 5000)})
	root := tree(t, map[string]string{"app/main.go": "package main"})
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "big"), filepath.Join(root, "big")); err != nil {
		t.Fatal(err)
	}
	l := (&Context{Dir: root}).Listing()
	for _, e := range l.Entries {
		if strings.HasPrefix(e.Path, "link/") {
			t.Errorf("followed a symlink: %s", e.Path)
		}
	}
	if e, ok := l.Lookup("link"); !ok || !e.Symlink || e.Dir {
		t.Errorf("link entry = %+v", e)
	}
	if l.SentSize != int64(len("package main")) {
		t.Errorf("SentSize = %d counts the symlink target", l.SentSize)
	}
}

func TestWalkLimits(t *testing.T) {
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("d%02d/f", i)] = "x"
	}
	c := &Context{Dir: tree(t, files), Limits: Limits{MaxEntries: 10}}
	l := c.Listing()
	if !l.Truncated || len(l.Entries) != 10 {
		t.Errorf("truncated %v with %d entries", l.Truncated, len(l.Entries))
	}
	// Each entry counts entryOverhead and its path: d00, d00/f, d01, …
	for _, tc := range []struct {
		max  int64
		want int
	}{{2*entryOverhead + 3 + 5 + 2, 2}, {3*entryOverhead + 3 + 5 + 3, 3}} {
		c = &Context{Dir: c.Dir, Limits: Limits{MaxBytes: tc.max}}
		if l := c.Listing(); !l.Truncated || len(l.Entries) != tc.want {
			t.Errorf("MaxBytes %d: truncated %v with %d entries, want %d", tc.max, l.Truncated, len(l.Entries), tc.want)
		}
	}
	missing := (&Context{Dir: filepath.Join(t.TempDir(), "nope")}).Listing()
	if missing.Err == nil || len(missing.Entries) != 0 {
		t.Errorf("missing dir: %+v", missing)
	}
}

// Every entry is tested against every ignore pattern, at a cost that grows
// with the patterns compiled to regular expressions and the path's length:
// the walk stops once the cost of its tests would pass MaxMatchWork.
func TestWalkBoundsMatching(t *testing.T) {
	files := map[string]string{}
	for i := range 1200 {
		files[fmt.Sprintf("f%04d", i)] = "x"
	}
	dir := tree(t, files)
	var plain strings.Builder
	for i := range 100 {
		fmt.Fprintf(&plain, "never%d\n", i)
	}
	long := strings.Repeat("a*/", 1000) + "never" // a regular expression of 3 KB
	for _, tc := range []struct {
		name, patterns string
		work           int64
		want           int // entries listed; 1200 lists them all
	}{
		{"100 plain patterns", plain.String(), 100 * 2 * 500, 500},
		{"100 plain patterns, default limits", plain.String(), 0, 1200},
		{"one long pattern", long + "\n", (2 + 3005*5) * 20, 20},
		// A test of the long pattern against "f0000" costs as 7,500 plain ones.
		{"one long pattern, the work of 500 entries with 100 plain patterns", long + "\n", 100 * 2 * 500, 6},
		// "/ /" is the pattern " ", which patternmatcher drops as blank: the
		// walk is bounded by no pattern at all, and lists everything.
		{"a blank pattern", "/ /\n", 1, 1200},
	} {
		c := &Context{Dir: dir, Ignore: ignore(t, tc.patterns), Limits: Limits{MaxMatchWork: tc.work}}
		if l := c.Listing(); l.Truncated != (tc.want < 1200) || len(l.Entries) != tc.want {
			t.Errorf("%s: truncated %v with %d entries, want %d", tc.name, l.Truncated, len(l.Entries), tc.want)
		}
	}
}

func TestLargest(t *testing.T) {
	root := tree(t, map[string]string{
		"a/x": strings.Repeat("a", 300), "a/y": strings.Repeat("a", 100),
		"b/x": strings.Repeat("b", 50), "c": strings.Repeat("c", 200), "d/x": "",
	})
	got := (&Context{Dir: root}).Listing().Largest(2)
	if want := []Size{{"a", 400}, {"c", 200}}; !slices.Equal(got, want) {
		t.Errorf("Largest = %v, want %v", got, want)
	}
}

func TestSourceCovers(t *testing.T) {
	cases := []struct {
		src, rel string
		want     bool
	}{
		{".", ".env", true},
		{"./", "a/b", true},
		{"/", "a", true},
		{"app", "app/.env", true},
		{"app/", "app/x", true},
		{"./app", "app", true},
		{"app", "application", false},
		{"/app/../conf", "conf/x.pem", true},
		{"*.json", "package.json", true},
		{"*.json", "a/package.json", false},
		{"src/*", "src/a/b.key", true},
		{"s?c", "src/a", true},
		{"config/*.yml", "config/a.json", false},
		{"[ab]", "b/x", true},
	}
	for _, c := range cases {
		if got := ParseSource(c.src).Covers(c.rel); got != c.want {
			t.Errorf("ParseSource(%q).Covers(%q) = %v, want %v", c.src, c.rel, got, c.want)
		}
	}
	if !ParseSource("app/x.txt").Within("app") || ParseSource("web").Within("app") || !ParseSource("*/x").Within("app") {
		t.Error("Within")
	}
}

// fastTempDir is a temporary directory in memory (/dev/shm) where there is
// one, so that writing thousands of files stays quick; t.TempDir otherwise.
func fastTempDir(tb testing.TB) string {
	dir, err := os.MkdirTemp("/dev/shm", "dlint-context-")
	if err != nil {
		return tb.TempDir()
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// manyFiles writes n small files over nested directories, with a large
// node_modules that an ignore file excludes.
func manyFiles(tb testing.TB, n int) string {
	tb.Helper()
	root := fastTempDir(tb)
	write := func(dir string, count int) {
		for i := 0; i < count; i++ {
			d := filepath.Join(root, dir, fmt.Sprintf("p%03d", i/100))
			if i%100 == 0 {
				if err := os.MkdirAll(d, 0o755); err != nil {
					tb.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("f%d.js", i)), nil, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	write("src", n/5)
	write("node_modules", n-n/5)
	return root
}

// TestWalkManyFiles: excluded directories are not read, so a context whose
// bulk is ignored is listed quickly.
func TestWalkManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 files")
	}
	root := manyFiles(t, 20_000)
	c := &Context{Dir: root, Ignore: ignore(t, "node_modules\n")}
	start := time.Now()
	l := c.Listing()
	took := time.Since(start)
	if l.SentFiles != 4000 {
		t.Errorf("SentFiles = %d, want 4000", l.SentFiles)
	}
	if e, ok := l.Lookup("node_modules"); !ok || !e.Pruned {
		t.Errorf("node_modules = %+v", e)
	}
	if took > 2*time.Second {
		t.Errorf("walk took %v", took)
	}
	all := (&Context{Dir: root}).Listing()
	if all.SentFiles != 20_000 {
		t.Errorf("without ignore file: SentFiles = %d", all.SentFiles)
	}
}

func BenchmarkWalk100k(b *testing.B) {
	root := manyFiles(b, 100_000)
	for _, ig := range []string{"", "node_modules\n"} {
		b.Run(fmt.Sprintf("ignore=%q", strings.TrimSpace(ig)), func(b *testing.B) {
			var f *dockerignore.File
			if ig != "" {
				f = ignore(b, ig)
			}
			b.ReportAllocs()
			for b.Loop() {
				l := (&Context{Dir: root, Ignore: f}).Listing()
				if l.Truncated {
					b.Fatal("truncated")
				}
			}
		})
	}
}

func TestCacheSharesContexts(t *testing.T) {
	root := tree(t, map[string]string{
		"a/Dockerfile": "FROM x\n", "b/Dockerfile": "FROM x\n", "b/Dockerfile.dockerignore": "a\n",
		".dockerignore": "node_modules\n", "src/x": "x",
	})
	c := NewCache()
	a := c.ForDockerfile(filepath.Join(root, "a", "Dockerfile"), root)
	b := c.ForDockerfile(filepath.Join(root, "b", "Dockerfile"), root)
	a2 := c.ForDockerfile(filepath.Join(root, "a", "Dockerfile"), root+"/.")
	if a != a2 || a == b {
		t.Errorf("cache: a=%p a2=%p b=%p", a, a2, b)
	}
	// As without the cache: a Dockerfile's own ignore file first, then the root's.
	if want := filepath.Join(root, "b", "Dockerfile.dockerignore"); b.IgnorePath != want {
		t.Errorf("b's ignore file = %q, want %q", b.IgnorePath, want)
	}
	if want := filepath.Join(root, ".dockerignore"); a.IgnorePath != want || a.Ignore == nil {
		t.Errorf("a's ignore file = %q, want %q", a.IgnorePath, want)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = a.Listing().SentFiles
			_ = a.Ignore.Excludes("node_modules/x")
			_, _ = a.Ignore.Deciding("src/x")
		}()
	}
	wg.Wait()
}

func TestReadSmall(t *testing.T) {
	root := tree(t, map[string]string{"a": "12345", "b": "123", "big": strings.Repeat("x", 100)})
	c := &Context{Dir: root, Limits: Limits{MaxReadBytes: 8}}
	if d, ok := c.ReadSmall("a", 50); !ok || string(d) != "12345" {
		t.Errorf("ReadSmall(a) = %q %v", d, ok)
	}
	if _, ok := c.ReadSmall("big", 50); ok {
		t.Error("read a file over max")
	}
	if _, ok := c.ReadSmall("b", 50); !ok {
		t.Error("budget: 5+3 bytes fit in 8")
	}
	if _, ok := c.ReadSmall("a", 50); ok {
		t.Error("read past the budget")
	}
	if _, ok := c.ReadSmall("missing", 50); ok {
		t.Error("read a missing file")
	}
}

// TestCacheOwnIgnoreFiles: the Cache, which lists a directory once several
// of its Dockerfiles look for their own ignore files, finds the same ones
// a plain open finds, whatever the order.
func TestCacheOwnIgnoreFiles(t *testing.T) {
	root := tree(t, map[string]string{
		"a.Dockerfile": "FROM x\n", "b.Dockerfile": "FROM x\n", "b.Dockerfile.dockerignore": "b\n",
		"c.Dockerfile": "FROM x\n", "D.Dockerfile": "FROM x\n", "d.dockerfile.DOCKERIGNORE": "d\n",
		"e.Dockerfile": "FROM x\n", "e.Dockerfile.dockerignore/x": "a directory\n",
		".dockerignore": "shared\n",
	})
	order := []string{"a", "b", "c", "D", "e", "b", "a"}
	c := NewCache()
	for _, n := range order {
		df := filepath.Join(root, n+".Dockerfile")
		got, want := c.ForDockerfile(df, ""), ForDockerfile(df, "")
		if got.IgnorePath != want.IgnorePath {
			t.Errorf("%s: cached ignore file %q, without the cache %q", n, got.IgnorePath, want.IgnorePath)
		}
	}
	if got := c.ForDockerfile(filepath.Join(root, "b.Dockerfile"), "").IgnorePath; filepath.Base(got) != "b.Dockerfile.dockerignore" {
		t.Errorf("b's ignore file = %q", got)
	}

	names, ok := listOwnIgnores(root)
	if !ok || len(names) != 4 || !names[".dockerignore"] || !names["b.dockerfile.dockerignore"] || !names["d.dockerfile.dockerignore"] || !names["e.dockerfile.dockerignore"] {
		t.Errorf("listOwnIgnores = %v, %v; want the four *.dockerignore entries, in lower case", names, ok)
	}
	if err := os.WriteFile(filepath.Join(root, "caf\u00e9.Dockerfile"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := listOwnIgnores(root); ok {
		t.Error("a directory with a name that is not ASCII is listed as trustworthy")
	}
	if _, ok := listOwnIgnores(filepath.Join(root, "missing")); ok {
		t.Error("a missing directory listed")
	}
}

// A context whose ignore file is too large to analyse is not listed: what
// it would leave out is unknown. An ignore file is read no further than
// one byte past the cap.
func TestContextOfADeclinedIgnoreFile(t *testing.T) {
	var many strings.Builder
	for i := range dockerignore.MaxPatterns + 1 {
		fmt.Fprintf(&many, "f%d\n", i)
	}
	root := tree(t, map[string]string{
		"many/Dockerfile":    "FROM a\n",
		"many/.dockerignore": many.String(),
		"many/.git/HEAD":     "x",
		"big/Dockerfile":     "FROM a\n",
		"big/.dockerignore":  ".git\n" + strings.Repeat("#", dockerignore.MaxSize),
		"big/.git/HEAD":      "x",
	})
	for _, dir := range []string{"many", "big"} {
		c := ForDockerfile(filepath.Join(root, dir, "Dockerfile"), "")
		if c.Ignore == nil || !c.Ignore.Declined {
			t.Fatalf("%s: the ignore file was not declined", dir)
		}
		if l := c.Listing(); l.Err == nil || len(l.Entries) != 0 || !strings.Contains(l.Err.Error(), "is not analysed") {
			t.Errorf("%s: listing of %d entries, error %v", dir, len(l.Entries), l.Err)
		}
	}
	if src, ok := readIgnoreFile(filepath.Join(root, "big", ".dockerignore")); !ok || len(src) != dockerignore.MaxSize+1 {
		t.Errorf("read %d bytes, want the cap and one", len(src))
	}
}

// TestCacheLetsGoOfDoneContexts: a context stays shared while a Dockerfile
// that Expect announced has not said Done, and is let go once the last has;
// contexts nobody announced stay for the whole run.
func TestCacheLetsGoOfDoneContexts(t *testing.T) {
	root := tree(t, map[string]string{
		"a/Dockerfile": "FROM x\n", "a/Dockerfile.dockerignore": "y\n", "b/Dockerfile": "FROM x\n",
		"c/Dockerfile": "FROM x\n", ".dockerignore": "x\n",
	})
	a, b, c := filepath.Join(root, "a", "Dockerfile"), filepath.Join(root, "b", "Dockerfile"), filepath.Join(root, "c", "Dockerfile")
	cache := NewCache()
	// a and b are built from the root (a with its own ignore file: a context
	// of its own), c from its directory, announced by another spelling.
	cache.Expect(a, root)
	cache.Expect(b, root+"/.")
	cache.Expect(c, "")

	ctxA, ctxB, ctxC := cache.ForDockerfile(a, root), cache.ForDockerfile(b, root), cache.ForDockerfile(c, "")
	if got := cache.Len(); got != 3 {
		t.Fatalf("Len = %d, want 3 contexts", got)
	}
	cache.Done(a, root)
	if cache.ForDockerfile(b, root) != ctxB || cache.ForDockerfile(a, root) != ctxA {
		t.Error("the root's contexts were let go while b was still expected")
	}
	cache.Done(c, filepath.Join(root, "c"))
	if cache.ForDockerfile(c, "") == ctxC {
		t.Error("c's context was kept after its only Dockerfile was done")
	}
	cache.Done(b, root)
	if got := cache.Len(); got != 1 {
		t.Errorf("Len = %d after the root's Dockerfiles were done, want 1 (c's, asked for again)", got)
	}
	if cache.ForDockerfile(b, root) == ctxB {
		t.Error("the root's context was kept after its last Dockerfile was done")
	}

	// Done for a Dockerfile nobody announced changes nothing.
	kept := cache.ForDockerfile(c, "")
	cache.Done(c, "")
	if cache.ForDockerfile(c, "") != kept {
		t.Error("Done without Expect let a context go")
	}
}

// nestedTree writes levels directories, each inside the one before, each
// with a Dockerfile, some with an ignore file, and files at every level;
// it returns the directories, outermost first.
func nestedTree(t testing.TB, levels int) []string {
	t.Helper()
	files := map[string]string{}
	dir, rel := []string{}, ""
	for i := range levels {
		files[rel+"Dockerfile"] = "FROM x\n"
		files[rel+"app.log"] = "log"
		files[rel+fmt.Sprintf("src/f%d.go", i)] = strings.Repeat("x", i+1)
		files[rel+"node_modules/m/i.js"] = "x"
		if i%2 == 0 {
			files[rel+".dockerignore"] = "node_modules\n*.log\n"
		}
		dir = append(dir, rel)
		rel += "d/"
	}
	root := tree(t, files)
	for i, rel := range dir {
		dir[i] = filepath.Join(root, filepath.FromSlash(rel))
	}
	return dir
}

// TestCacheReadsNestedContextsOnce: contexts nested in each other list the
// same directories; within a run each directory is read once, and every
// context still gets the listing its own ignore file gives.
func TestCacheReadsNestedContextsOnce(t *testing.T) {
	dirs := nestedTree(t, 6)
	cache := NewCache()
	var got []*Listing
	for _, d := range dirs {
		got = append(got, cache.ForDockerfile(filepath.Join(d, "Dockerfile"), "").Listing())
	}
	for i, d := range dirs {
		want := ForDockerfile(filepath.Join(d, "Dockerfile"), "").Listing()
		if diff := cmp.Diff(want, got[i], cmp.AllowUnexported(Listing{}, Entry{})); diff != "" {
			t.Errorf("context %d: listing through the cache differs from its own walk (-want +got):\n%s", i, diff)
		}
		if got[i].Truncated {
			t.Errorf("context %d: truncated", i)
		}
	}
	// A file added after the outermost walk read its directory: the
	// contexts inside it see the run's read, not a new one.
	deepest := dirs[len(dirs)-1]
	testtree.Write(t, deepest, map[string]string{"late": "x"})
	again := NewCache()
	again.reads = cache.reads
	if _, ok := again.ForDockerfile(filepath.Join(deepest, "Dockerfile"), "").Listing().Lookup("late"); ok {
		t.Error("the deepest directory was read again")
	}
	if _, ok := NewCache().ForDockerfile(filepath.Join(deepest, "Dockerfile"), "").Listing().Lookup("late"); !ok {
		t.Error("a new run does not see the new file")
	}
}

// TestCacheBoundsRelisting: once a run has listed its budget of entries a
// second time, a context stops where the directories were listed before,
// its listing Truncated; contexts that overlap nothing are listed in full.
func TestCacheBoundsRelisting(t *testing.T) {
	dirs := nestedTree(t, 8)
	apart := tree(t, map[string]string{"Dockerfile": "FROM x\n", "a/b": "x", "c": "x"})
	cache := NewCache()
	// The second context has no ignore file: it reads every directory
	// under it, all of them read before by the first.
	second := ForDockerfile(filepath.Join(dirs[1], "Dockerfile"), "")
	if second.Ignore != nil {
		t.Fatal("the second context has an ignore file")
	}
	var budget int64
	for _, e := range second.Listing().Entries {
		budget += entryBytes(e.Path)
	}
	cache.reads.budget = budget
	var truncated []int
	for i, d := range dirs {
		l := cache.ForDockerfile(filepath.Join(d, "Dockerfile"), "").Listing()
		if l.Truncated {
			truncated = append(truncated, i)
		}
		if i == 0 && len(l.Entries) < 40 {
			t.Fatalf("the outermost context lists %d entries: too few for the test", len(l.Entries))
		}
	}
	// The outermost context reads everything; the second lists its whole
	// tree again and spends the budget; every one after stops at once.
	if want := []int{2, 3, 4, 5, 6, 7}; !slices.Equal(truncated, want) {
		t.Errorf("truncated contexts = %v, want %v", truncated, want)
	}
	if l := cache.ForDockerfile(filepath.Join(apart, "Dockerfile"), "").Listing(); l.Truncated || len(l.Entries) != 4 {
		t.Errorf("a context apart from the others: truncated %v, %d entries, want 4", l.Truncated, len(l.Entries))
	}
}

// TestDirReadsHoldBounded: the reads a Cache holds for later walks stay
// under maxHeldEntries; a directory larger than that is not held at all.
func TestDirReadsHoldBounded(t *testing.T) {
	root := tree(t, map[string]string{"a/x": "", "a/y": "", "b/x": ""})
	r := newDirReads()
	for _, d := range []string{root, filepath.Join(root, "a"), filepath.Join(root, "b")} {
		if read, ok := r.read(d, 0); !ok || read.err != nil {
			t.Fatalf("read %s: ok %v, %v", d, ok, read.err)
		}
	}
	if r.held != 5 || len(r.byPath) != 3 {
		t.Errorf("held %d entries of %d directories, want 5 of 3", r.held, len(r.byPath))
	}
	r.held = maxHeldEntries - 1 // as if full: the next read empties the cache
	if read, _ := r.read(filepath.Join(root, "a")+string(filepath.Separator)+".", 0); read.err != nil {
		t.Fatal(read.err)
	}
	if r.held != 2 || len(r.byPath) != 1 {
		t.Errorf("after a read past the bound: held %d entries of %d directories, want 2 of 1", r.held, len(r.byPath))
	}
}

// BenchmarkNestedContexts lists 100 contexts nested in each other over
// 2,000 files, through one Cache as a run does.
func BenchmarkNestedContexts(b *testing.B) {
	files := map[string]string{}
	for i := range 2000 {
		files[strings.Repeat("d/", 100)+fmt.Sprintf("f%d", i)] = ""
	}
	root := tree(b, files)
	b.ReportAllocs()
	for b.Loop() {
		cache := NewCache()
		dir := root
		for range 100 {
			if l := cache.ForDockerfile(filepath.Join(dir, "Dockerfile"), "").Listing(); l.Truncated || l.Err != nil {
				b.Fatalf("%s: truncated %v, %v", dir, l.Truncated, l.Err)
			}
			dir = filepath.Join(dir, "d")
		}
	}
}

// TestCacheNestedWalksAtOnce: contexts sharing directories may be walked
// at the same time (the CLI lints on every CPU); each still gets its own
// listing. Run with -race.
func TestCacheNestedWalksAtOnce(t *testing.T) {
	dirs := nestedTree(t, 6)
	cache := NewCache()
	got := make([]*Listing, len(dirs))
	var wg sync.WaitGroup
	for i, d := range dirs {
		wg.Go(func() { got[i] = cache.ForDockerfile(filepath.Join(d, "Dockerfile"), "").Listing() })
	}
	wg.Wait()
	for i, d := range dirs {
		want := ForDockerfile(filepath.Join(d, "Dockerfile"), "").Listing()
		if diff := cmp.Diff(want, got[i], cmp.AllowUnexported(Listing{}, Entry{})); diff != "" {
			t.Errorf("context %d (-want +got):\n%s", i, diff)
		}
	}
}

// TestCacheSeed: a context whose directories were handed to the Cache
// (Seed) lists them as they were read, without reading them again, and
// lists the same as its own walk; a directory not handed over is read.
func TestCacheSeed(t *testing.T) {
	root := tree(t, map[string]string{"Dockerfile": "FROM x\n", "src/a.go": "x", "src/lib/b.go": "x", "docs/c.md": "x"})
	cache := NewCache()
	for _, d := range []string{root, filepath.Join(root, "src"), filepath.Join(root, "src", "lib")} {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		cache.Seed(d, ents)
	}
	// Written after the search read the directories: the listing holds
	// what the search saw where it read, and what is on disk elsewhere.
	testtree.Write(t, root, map[string]string{"src/late.go": "x", "docs/late.md": "x"})
	got := cache.ForDockerfile(filepath.Join(root, "Dockerfile"), "").Listing()
	if _, ok := got.Lookup("src/late.go"); ok {
		t.Error("src was read again, not taken from the seed")
	}
	if _, ok := got.Lookup("docs/late.md"); !ok {
		t.Error("docs, never seeded, was not read")
	}
	if err := os.Remove(filepath.Join(root, "src", "late.go")); err != nil {
		t.Fatal(err)
	}
	want := ForDockerfile(filepath.Join(root, "Dockerfile"), "").Listing()
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(Listing{}, Entry{})); diff != "" {
		t.Errorf("listing from the seeded directories differs from a walk of the same tree (-want +got):\n%s", diff)
	}
	if cache.reads.held < 5 {
		t.Errorf("held %d entries, want the seeded directories' 5 at least", cache.reads.held)
	}
}

// TestCacheForIgnoreFile: the context of a .dockerignore linted on its own
// is ForIgnoreFile's, walked with the run's directory reads.
func TestCacheForIgnoreFile(t *testing.T) {
	root := tree(t, map[string]string{".dockerignore": "*.log\n", "a.log": "x", "src/b.go": "x"})
	ig := ignore(t, "*.log\n")
	cache := NewCache()
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	cache.Seed(root, ents)
	testtree.Write(t, root, map[string]string{"late.txt": "x"})
	got := cache.ForIgnoreFile(filepath.Join(root, ".dockerignore"), ig)
	want := ForIgnoreFile(filepath.Join(root, ".dockerignore"), ig)
	if got == nil || want == nil {
		t.Fatalf("contexts: %v from the cache, %v alone", got, want)
	}
	if _, ok := got.Listing().Lookup("late.txt"); ok {
		t.Error("the directory was read again, not taken from the run's reads")
	}
	if _, ok := want.Listing().Lookup("late.txt"); !ok {
		t.Error("a context of its own does not see the new file")
	}
	if got.Dir != want.Dir || got.IgnorePath != want.IgnorePath || got.Ignore != want.Ignore {
		t.Errorf("context %q %q differs from ForIgnoreFile's %q %q", got.Dir, got.IgnorePath, want.Dir, want.IgnorePath)
	}
	if c := cache.ForIgnoreFile(filepath.Join(root, "app.Dockerfile.dockerignore"), ig); c != nil {
		t.Errorf("a per-Dockerfile ignore file has a context: %q", c.Dir)
	}
}

// TestCacheSeededIgnoreFiles: with its directory's names from Seed, a
// Dockerfile finds the same ignore files as without the cache, and an
// ignore file the names lack is not opened, even for the first Dockerfile
// of the directory; names that are not all ASCII rule nothing out.
func TestCacheSeededIgnoreFiles(t *testing.T) {
	root := tree(t, map[string]string{
		"a.Dockerfile": "FROM x\n", "b.Dockerfile": "FROM x\n", "b.Dockerfile.dockerignore": "b\n",
		"D.Dockerfile": "FROM x\n", "d.dockerfile.DOCKERIGNORE": "d\n", ".dockerignore": "shared\n",
		"sub/Dockerfile": "FROM x\n", "uni/Dockerfile": "FROM x\n", "uni/caf\u00e9": "",
	})
	c := NewCache()
	for _, d := range []string{root, filepath.Join(root, "sub"), filepath.Join(root, "uni")} {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		c.Seed(d, ents)
	}
	for _, n := range []string{"a.Dockerfile", "b.Dockerfile", "D.Dockerfile"} {
		df := filepath.Join(root, n)
		if got, want := c.ForDockerfile(df, "").IgnorePath, ForDockerfile(df, "").IgnorePath; got != want {
			t.Errorf("%s: ignore file %q from the seeded cache, %q without it", n, got, want)
		}
	}
	// Written after the directories were read and before any Dockerfile
	// looked in them: the names rule them out.
	testtree.Write(t, root, map[string]string{"sub/.dockerignore": "late\n", "uni/.dockerignore": "late\n"})
	// Except on Windows, whose names have more aliases than case.
	wantHidden := ""
	if runtime.GOOS == "windows" {
		wantHidden = filepath.Join(root, "sub", ".dockerignore")
	}
	if got := c.ForDockerfile(filepath.Join(root, "sub", "Dockerfile"), "").IgnorePath; got != wantHidden {
		t.Errorf("sub: ignore file %q, want %q (its directory's names lack it)", got, wantHidden)
	}
	if got := c.ForDockerfile(filepath.Join(root, "uni", "Dockerfile"), "").IgnorePath; got == "" {
		t.Error("uni: a directory with a name that is not ASCII ruled its ignore file out")
	}
}

// TestCacheMayHold: a directory Seed gave rules out a name none of its
// entries is, in any case; a directory not given, or holding a name that
// is not ASCII, rules nothing out; nor does any on Windows.
func TestCacheMayHold(t *testing.T) {
	root := tree(t, map[string]string{"a/.DLINT.yaml": "", "a/x": "", "u/caf\u00e9": "", "n/x": ""})
	c := NewCache()
	for _, d := range []string{"a", "u"} {
		ents, err := os.ReadDir(filepath.Join(root, d))
		if err != nil {
			t.Fatal(err)
		}
		c.Seed(filepath.Join(root, d), ents)
	}
	ruledOut := runtime.GOOS != "windows"
	for _, q := range []struct {
		dir, name string
		want      bool
	}{
		{"a", ".dlint.yaml", true}, // in another case
		{"a", "x", true},
		{"a", ".git", !ruledOut},
		{"a", "caf\u00e9", true}, // a name that is not ASCII is looked for
		{"u", ".git", true},      // beside a name that is not ASCII
		{"n", ".git", true},      // never given
	} {
		if got := c.MayHold(filepath.Join(root, q.dir), q.name); got != q.want {
			t.Errorf("MayHold(%s, %q) = %v, want %v", q.dir, q.name, got, q.want)
		}
	}
}
