package rules_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/internal/corpus"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

// fixCorpusDir holds real-world files from public repositories, shared
// beside the project; it is absent in an ordinary clone.
const fixCorpusDir = "../../shared/corpus"

// TestFixCorpus applies every fix (safe and unsafe) to every corpus file
// until nothing changes, and checks that the result still parses as well
// as before, that no Dockerfile instruction appeared or disappeared, that
// no fix is left to apply, and that fixing again changes nothing.
func TestFixCorpus(t *testing.T) {
	type job = corpus.File
	jobs := corpus.Files(t, fixCorpusDir)
	var mu sync.Mutex
	var problems []string
	fixed, applied := 0, map[string]int{}
	corpus.Each(t, jobs, func(j job, src []byte) {
		probs, done := checkFixAll(j.Path, j.Kind, src)
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, probs...)
		if len(done) > 0 {
			fixed++
		}
		for _, f := range done {
			applied[f.Rule.ID]++
		}
	})
	sort.Strings(problems)
	for i, p := range problems {
		if i == 40 {
			t.Errorf("… and %d more", len(problems)-i)
			break
		}
		t.Error(p)
	}
	t.Logf("%d files, %d fixed; fixes applied by rule: %v", len(jobs), fixed, applied)
}

// fixAllConfig runs every rule but ShellCheck, which runs a process per
// file and has its own tests.
var fixAllConfig = &rules.Config{Disabled: func(r *rules.Rule, _ string) bool { return r.ID == "DL5190" }}

// checkFixAll applies every rule's fixes (safe and unsafe) to src until
// nothing changes and returns what went wrong, and the findings whose fix
// was applied.
func checkFixAll(path string, kind parser.Kind, src []byte) ([]string, []rules.Finding) {
	// Each content is parsed and linted once: Converge, the checks and the
	// second Converge ask for the same versions again.
	docs := map[string]*parser.Document{}
	parse := func(b []byte) *parser.Document {
		d, ok := docs[string(b)]
		if !ok {
			d = parser.Parse(path, b, kind, parser.Options{})
			docs[string(b)] = d
		}
		return d
	}
	seen := map[string][]rules.Finding{}
	lint := func(b []byte) []rules.Finding {
		fs, ok := seen[string(b)]
		if !ok {
			fs = rules.Run(parse(b), fixAllConfig)
			seen[string(b)] = fs
		}
		return fs
	}
	var probs []string
	report := func(format string, args ...any) {
		probs = append(probs, path+": "+fmt.Sprintf(format, args...))
	}
	before := lint(src)
	out, done := fix.Converge(path, src, lint, true)
	if len(done) == 0 {
		return nil, nil
	}
	after := lint(out)
	if pb, pa := parseErrors(before), parseErrors(after); len(pa) > len(pb) {
		report("fixes broke the file: %v (before: %v)\n%s", pa, pb, out)
	}
	if kind == parser.Dockerfile {
		db, da := parse(src).Dockerfile, parse(out).Dockerfile
		if db != nil && da != nil && len(db.Instructions) != len(da.Instructions) {
			report("fixes changed the instruction count from %d to %d", len(db.Instructions), len(da.Instructions))
		}
	}
	for _, f := range after {
		if f.Rule.ID == "DD1009" || f.Rule.ID == "DI1008" {
			// A fix that renames or adds must not write a key or pattern twice.
			for _, d := range done {
				if d.Rule.ID != f.Rule.ID {
					report("after the fixes: %s: %s", f.Rule.ID, f.Message)
					break
				}
			}
		}
	}
	if _, more := fix.Apply(path, out, after, true); len(more) > 0 {
		for _, f := range more {
			report("fix of %s %q still applies after converging", f.Rule.ID, f.Message)
		}
	}
	if again, more := fix.Converge(path, out, lint, true); len(more) > 0 || !bytes.Equal(again, out) {
		report("fixing a second time changed the file")
	}
	return probs, done
}

// TestFixFixtures applies every rule's fixes together to each fixture file
// (want lines removed), with the checks of TestFixCorpus: fixes of
// different rules must not undo or break each other.
func TestFixFixtures(t *testing.T) {
	fixed := 0
	err := filepath.WalkDir("../testdata/fixtures", func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		name := d.Name()
		var kind parser.Kind
		switch {
		case strings.HasSuffix(name, ".daemon.jsonc"):
			kind = parser.DaemonJSON
		case strings.HasSuffix(name, ".Dockerfile") || name == "Dockerfile":
			kind = parser.Dockerfile
		case strings.HasSuffix(name, ".dockerignore"):
			kind = parser.DockerIgnore
		default:
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		src = wantLine.ReplaceAll(src, nil)
		probs, done := checkFixAll(filepath.ToSlash(p), kind, src)
		if len(done) > 0 {
			fixed++
		}
		for _, pr := range probs {
			t.Error(pr)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fixed < 50 {
		t.Errorf("only %d fixture files were fixed", fixed)
	}
}

// parseErrors lists the parse-error findings (DL1000, DI1000, DD1000).
func parseErrors(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		switch f.Rule.ID {
		case "DL1000", "DI1000", "DD1000":
			out = append(out, f.Rule.ID+": "+f.Message)
		}
	}
	sort.Strings(out)
	return out
}
