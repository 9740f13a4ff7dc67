package main

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
)

// TestLintAllLetsGoOfContexts: a run over several build contexts holds none
// of them once every Dockerfile is linted (a repository of many services
// would otherwise keep every listing to the end), and each Dockerfile still
// sees its own context: DI1001 reports the .git a COPY . sends where there
// is no ignore file, and not where one leaves it out, whichever of the
// directory's Dockerfiles a worker takes last.
func TestLintAllLetsGoOfContexts(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b", "c"} {
		for _, name := range []string{"Dockerfile", "Dockerfile.dev", "web.Dockerfile"} {
			write(t, root, filepath.Join(d, name), "FROM alpine:3.20\nCOPY . /app\n")
		}
		write(t, root, filepath.Join(d, ".git", "HEAD"), "ref: refs/heads/main\n")
	}
	write(t, root, filepath.Join("b", ".dockerignore"), ".git\n")

	targets, errs := discover([]string{root}, parser.Unknown, "", nil)
	if len(errs) > 0 || len(targets) != 10 { // nine Dockerfiles and b's ignore file
		t.Fatalf("discover: %d targets, errors %v", len(targets), errs)
	}
	l := &cliLayer{jobs: 4, noConfig: true, contexts: buildcontext.NewCache()}
	tprofs, err := newProfiles(l, os.Getenv, false, func(string) {}).forTargets(targets)
	if err != nil {
		t.Fatal(err)
	}
	sent := map[string]bool{}
	readErrs := lintAll(targets, tprofs, l, nil, func(r lintResult) {
		for _, f := range r.findings {
			if f.Rule.ID == "DI1001" {
				sent[filepath.Base(filepath.Dir(r.target.fsPath))+"/"+filepath.Base(r.target.fsPath)] = true
			}
		}
	})
	if len(readErrs) > 0 {
		t.Fatal(readErrs)
	}
	for _, d := range []string{"a", "b", "c"} {
		for _, name := range []string{"Dockerfile", "Dockerfile.dev", "web.Dockerfile"} {
			if want := d != "b"; sent[d+"/"+name] != want {
				t.Errorf("%s/%s: DI1001 reported %v, want %v", d, name, sent[d+"/"+name], want)
			}
		}
	}
	if n := l.contexts.Len(); n != 0 {
		t.Errorf("the run still holds %d build contexts", n)
	}
}

// A parser that panics on a file costs that file only: it gets one DL0000
// finding, the other files are linted, and the run's contexts are let go.
func TestParserPanicCostsOneFile(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a/Dockerfile", "FROM alpine\nCOPY . /app\n")
	write(t, root, "b/Dockerfile", "FROM alpine\nCOPY . /app\n")
	defer func(p func(string, []byte, parser.Kind, parser.Options) *parser.Document) { parse = p }(parse)
	parse = func(path string, src []byte, k parser.Kind, o parser.Options) *parser.Document {
		if strings.HasSuffix(path, "a/Dockerfile") || path == "x/.dockerignore" {
			panic("the parser broke")
		}
		return parser.Parse(path, src, k, o)
	}
	targets, errs := discover([]string{root}, parser.Unknown, "", nil)
	if len(errs) > 0 || len(targets) != 2 {
		t.Fatalf("discover: %d targets, errors %v", len(targets), errs)
	}
	for _, fixing := range []*fixMode{nil, {write: true, diffs: map[string]string{}}} {
		l := &cliLayer{jobs: 2, noConfig: true, contexts: buildcontext.NewCache(), fixing: fixing}
		tprofs, err := newProfiles(l, os.Getenv, false, func(string) {}).forTargets(targets)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		readErrs := lintAll(targets, tprofs, l, nil, func(r lintResult) {
			for _, f := range r.findings {
				got[filepath.Base(filepath.Dir(r.target.fsPath))] = append(got[filepath.Base(filepath.Dir(r.target.fsPath))], f.Rule.ID+" "+f.Message)
			}
		})
		if len(readErrs) > 0 {
			t.Fatal(readErrs)
		}
		if want := []string{"DL0000 dlint failed on this file, and checked nothing in it: the parser broke"}; !slices.Equal(got["a"], want) {
			t.Errorf("fixing %v: a/Dockerfile got %q, want %q", fixing != nil, got["a"], want)
		}
		if !slices.ContainsFunc(got["b"], func(s string) bool { return strings.HasPrefix(s, "DL3006 ") }) {
			t.Errorf("fixing %v: b/Dockerfile got %q, want its findings", fixing != nil, got["b"])
		}
		if n := l.contexts.Len(); n != 0 {
			t.Errorf("the run still holds %d build contexts", n)
		}
	}
	if n := parseErrors("x/.dockerignore", []byte("a\n"), parser.DockerIgnore); n != math.MaxInt {
		t.Errorf("parseErrors of a file the parser fails on = %d", n)
	}
}

// Every pattern compiled on first use compiles: a rule that reaches one
// only on some file must not fail there.
func TestLazyPatternsCompile(t *testing.T) {
	if n := lazyregexp.CompileAll(); n < 20 {
		t.Errorf("%d patterns made with lazyregexp.New; the rules, configuration and daemon.json readers make over 20", n)
	}
}

// A path below the working directory is shown relative to it, whatever
// its names start with; one outside it stays absolute. Both the clean
// paths pathfast answers and the others filepath.Rel answers agree.
func TestDisplayPathIn(t *testing.T) {
	wd := t.TempDir()
	outside := filepath.Dir(wd)
	for _, c := range []struct{ p, want string }{
		{filepath.Join(wd, "Dockerfile"), "Dockerfile"},
		{filepath.Join(wd, "..cache", "Dockerfile"), "..cache/Dockerfile"},
		{wd + string(filepath.Separator) + "..cache" + string(filepath.Separator) + "." + string(filepath.Separator) + "Dockerfile", "..cache/Dockerfile"},
		{filepath.Join(wd, "a", "..b"), "a/..b"},
		{wd, "."},
		{filepath.Join(outside, "Dockerfile"), filepath.ToSlash(filepath.Join(outside, "Dockerfile"))},
		{filepath.Join(outside, "..x"), filepath.ToSlash(filepath.Join(outside, "..x"))},
		{"rel/../Dockerfile", "Dockerfile"},
	} {
		if got := displayPathIn(wd, c.p); got != c.want {
			t.Errorf("displayPathIn(%q, %q) = %q, want %q", wd, c.p, got, c.want)
		}
	}
}

// A finding's path in a baseline is relative to the baseline's directory
// when the file lies below it, whatever the working directory, and only a
// path that climbs out of it stays as it was given.
func TestBaselinePath(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "repo")
	wd := filepath.Join(dir, "svc")
	for _, c := range []struct{ p, want string }{
		{"Dockerfile", "svc/Dockerfile"},
		{"../Dockerfile", "Dockerfile"},
		{"..cache/Dockerfile", "svc/..cache/Dockerfile"},
		{filepath.ToSlash(filepath.Join(dir, "..cache", "Dockerfile")), "..cache/Dockerfile"},
		{"../../other/Dockerfile", "../../other/Dockerfile"},
		{filepath.ToSlash(filepath.Join(root, "Dockerfile")), filepath.ToSlash(filepath.Join(root, "Dockerfile"))},
		{"-", "-"},
	} {
		if got := baselinePath(c.p, dir, wd); got != c.want {
			t.Errorf("baselinePath(%q) from %s = %q, want %q", c.p, wd, got, c.want)
		}
	}
	if got := baselinePath("Dockerfile", dir, ""); got != "Dockerfile" {
		t.Errorf("with no working directory: %q, want the path as given", got)
	}
}

// absPathIn is filepath.Abs from the working directory it is given, which
// a run looks up once: clean or not, relative (climbing out or not) or
// absolute, standard input ("-") and "" being the directory itself. Given
// no directory, it asks filepath.Abs.
func TestAbsPathIn(t *testing.T) {
	wd := t.TempDir()
	t.Chdir(wd)
	sep := string(filepath.Separator)
	for _, p := range []string{
		"Dockerfile", "svc/Dockerfile", "./svc//Dockerfile", "../Dockerfile", "../../x/../Dockerfile",
		"..cache/Dockerfile", ".", "..", "-", "",
		filepath.Join(wd, "a", "Dockerfile"), wd + sep + "a" + sep + ".." + sep + "b" + sep + sep + "Dockerfile", sep,
	} {
		want, err := filepath.Abs(filepath.FromSlash(p))
		if p == "-" || p == "" {
			want = wd
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := absPathIn(wd, p); got != want {
			t.Errorf("absPathIn(wd, %q) = %q, want %q", p, got, want)
		}
		if got := absPathIn("", p); got != want {
			t.Errorf("absPathIn(\"\", %q) = %q, want %q", p, got, want)
		}
	}
	// The directory given is the one used: the process's is not asked.
	other := filepath.Join(filepath.Dir(wd), "elsewhere")
	if got, want := absPathIn(other, "svc/Dockerfile"), filepath.Join(other, "svc", "Dockerfile"); got != want {
		t.Errorf("absPathIn(%q, svc/Dockerfile) = %q, want %q", other, got, want)
	}
}
