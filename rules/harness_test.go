package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
)

// The fixture harness: every rule has testdata/fixtures/<ID>/ with files
// that show it firing (`# want "regexp"` above the line, `# want:N "re"`
// for line N; `// want` in *.daemon.jsonc) and files where it stays silent.
// Build-context rules use one sub-directory per case, each a small context.

const fixtureRoot = "../testdata/fixtures"

var wantRE = regexp.MustCompile(`^\s*(?:#|//)\s*want(?::(\d+))?\s+(.*)$`)
var quotedRE = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

type want struct {
	path    string
	line    int
	re      *regexp.Regexp
	matched bool
}

// fixtureKind tells a fixture file's kind from its name.
func fixtureKind(name string) parser.Kind {
	switch {
	case strings.HasSuffix(name, ".daemon.jsonc"):
		return parser.DaemonJSON
	default:
		return parser.KindOfNamed(name)
	}
}

// readFixture reads a fixture and its wants; `// want` lines of JSON fixtures
// are blanked with spaces so offsets do not move.
func readFixture(t *testing.T, path string) ([]byte, []*want) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	var wants []*want
	for i, l := range lines {
		m := wantRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		target := 0
		if m[1] != "" {
			target, _ = strconv.Atoi(m[1])
		} else {
			for j := i + 1; j < len(lines); j++ {
				tl := strings.TrimSpace(lines[j])
				if tl != "" && !strings.HasPrefix(tl, "#") && !strings.HasPrefix(tl, "//") {
					target = j + 1
					break
				}
			}
		}
		res := quotedRE.FindAllStringSubmatch(m[2], -1)
		if target == 0 || len(res) == 0 {
			t.Errorf("%s:%d: malformed want comment", path, i+1)
			continue
		}
		for _, q := range res {
			pat, err := strconv.Unquote(`"` + q[1] + `"`)
			if err != nil {
				pat = q[1]
			}
			re, err := regexp.Compile(pat)
			if err != nil {
				t.Errorf("%s:%d: bad want regexp: %v", path, i+1, err)
				continue
			}
			wants = append(wants, &want{path: filepath.ToSlash(path), line: target, re: re})
		}
		if strings.HasSuffix(path, ".daemon.jsonc") {
			lines[i] = strings.Repeat(" ", len(l))
		}
	}
	return []byte(strings.Join(lines, "\n")), wants
}

// onlyRule runs rule r alone.
// onlyRule runs rule r alone, optional rules included.
func onlyRule(r *Rule) *Config {
	return &Config{
		Disabled:   func(x *Rule, _ string) bool { return x != r },
		SeverityOf: func(x *Rule, _ string) (Severity, bool) { return x.Severity, x == r && r.Optional },
	}
}

// check compares findings of rule r with wants; it reports whether the case
// had any want.
func check(t *testing.T, r *Rule, findings []Finding, wants []*want) {
	t.Helper()
	for _, f := range findings {
		if f.Rule != r {
			if f.Rule == internalError {
				t.Errorf("%s:%d: %s", f.Path, f.Range.Start.Line, f.Message)
			}
			continue
		}
		text := r.ID + ": " + f.Message
		ok := false
		for _, w := range wants {
			if w.path == f.Path && w.line == f.Range.Start.Line && w.re.MatchString(text) {
				w.matched, ok = true, true
			}
		}
		if !ok {
			t.Errorf("%s:%d:%d: unexpected finding: %s", f.Path, f.Range.Start.Line, f.Range.Start.Column, text)
		}
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s:%d: no finding matched %q", w.path, w.line, w.re)
		}
	}
}

func TestFixtures(t *testing.T) {
	dirs, err := os.ReadDir(fixtureRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if _, ok := ByID(d.Name()); !ok {
			t.Errorf("fixture folder %s names no rule", d.Name())
		}
	}
	for _, r := range All() {
		if r == internalError {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			if r == shellcheckRule && !ShellCheckAvailable(nil) {
				t.Skip("shellcheck is not installed; DL5190's fixtures need it")
			}
			dir := filepath.Join(fixtureRoot, r.ID)
			entries, err := os.ReadDir(dir)
			if err != nil {
				if r.Check == nil && r != dockerfileParseError {
					t.Skip("reserved rule without fixtures")
				}
				t.Fatalf("rule %s has no fixtures: %v", r.ID, err)
			}
			firing, clean := 0, 0
			for _, e := range entries {
				if auxiliaryFixture(e.Name()) {
					continue
				}
				path := filepath.Join(dir, e.Name())
				var n int
				if e.IsDir() {
					n = runContextCase(t, r, path)
				} else {
					n = runFileCase(t, r, path)
				}
				if n > 0 {
					firing++
				} else {
					clean++
				}
			}
			if firing == 0 {
				t.Errorf("rule %s has no fixture that makes it fire", r.ID)
			}
			if clean == 0 && r.Check != nil {
				t.Errorf("rule %s has no clean fixture showing it stays silent", r.ID)
			}
		})
	}
}

// auxiliaryFixture reports files that accompany a fixture rather than
// being one: fix goldens (TestFixGoldens) and dockerd command lines.
func auxiliaryFixture(name string) bool {
	return strings.HasSuffix(name, ".golden") || strings.HasSuffix(name, ".flags")
}

func runFileCase(t *testing.T, r *Rule, path string) int {
	src, wants := readFixture(t, path)
	doc := parser.Parse(filepath.ToSlash(path), src, fixtureKind(path), parser.Options{})
	check(t, r, Run(doc, fixtureConfig(t, r, path, src)), wants)
	return len(wants)
}

// runContextCase lints every Dockerfile of a directory case within its build context.
func runContextCase(t *testing.T, r *Rule, dir string) int {
	var wants []*want
	var docs []*parser.Document
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if k := parser.KindOf(p); k == parser.Dockerfile || k == parser.DockerIgnore || k == parser.DaemonJSON {
			src, ws := readFixture(t, p)
			wants = append(wants, ws...)
			doc := parser.Parse(filepath.ToSlash(p), src, k, parser.Options{})
			if k == parser.Dockerfile {
				doc.Context = buildcontext.ForDockerfile(p, "")
			}
			docs = append(docs, doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var all []Finding
	for _, d := range docs {
		all = append(all, Run(d, onlyRule(r))...)
	}
	check(t, r, all, wants)
	return len(wants)
}

func TestHarnessReadsWants(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.Dockerfile")
	if err := os.WriteFile(p, []byte("FROM a:1\n\n# want \"DL9\" \"x\"\n# comment\nRUN b\n# want:1 \"y\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ws := readFixture(t, p)
	var got []string
	for _, w := range ws {
		got = append(got, fmt.Sprintf("%d %s", w.line, w.re))
	}
	want := []string{"5 DL9", "5 x", "1 y"}
	if !slices.Equal(got, want) {
		t.Errorf("wants = %v, want %v", got, want)
	}
}
