package main

import (
	"os"
	"path/filepath"
	"testing"

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

	targets, errs := discover([]string{root}, parser.Unknown, "")
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
