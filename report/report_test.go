package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
	"github.com/dlint/dlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files and docs/rules.md")

// Fake rules: the reporters must not depend on the real catalogue.
var (
	fakeTag = &rules.Rule{
		ID: "DL9001", Name: "fake-untagged-image", Aliases: []string{"FakeAlias", "DS-9001"},
		Kind: parser.Dockerfile, Severity: rules.Warning, Tags: []string{rules.TagReproducibility},
		Summary: "Base image has no tag",
		Doc:     "Without a tag the image changes under you. Pin a tag such as `debian:12`.",
		Bad:     "FROM debian", Good: "FROM debian:12",
	}
	fakeSecret = &rules.Rule{
		ID: "DL9002", Name: "fake-secret-in-env", Kind: parser.Dockerfile, Severity: rules.Error,
		Tags: []string{rules.TagSecurity}, SecuritySeverity: 7.5,
		Summary: "A secret is stored in an ENV",
		Doc:     "ENV values stay in the image, where anyone who pulls it can read them. Use a build secret.",
		Bad:     "ENV API_KEY=abc", Good: "RUN --mount=type=secret,id=api_key ./build.sh",
	}
	fakeIgnore = &rules.Rule{
		ID: "DI9003", Name: "fake-ignore-pattern", Kind: parser.DockerIgnore, Severity: rules.Info,
		Tags:    []string{rules.TagMaintainability},
		Summary: "A pattern | with a pipe",
		Doc:     "A fake .dockerignore rule.",
		Bad:     "./node_modules\n", Good: "node_modules\n",
	}
	fakeDaemon = &rules.Rule{
		ID: "DD9004", Name: "fake-daemon-key", Kind: parser.DaemonJSON, Severity: rules.Style,
		Tags:    []string{rules.TagStyle},
		Summary: "A daemon.json key is spelled oddly",
		Doc:     "A fake daemon.json rule with ``` backticks in its doc.",
		Bad:     "{\"Debug\": true}", Good: "{\"debug\": true, \"labels\": [\"```\"]}",
	}
	fakeQuiet = &rules.Rule{
		ID: "DL9005", Name: "fake-quiet", Kind: parser.Dockerfile, Severity: rules.Info,
		Summary: "A rule with no findings and no examples",
	}
	fakeRules = []*rules.Rule{fakeQuiet, fakeTag, fakeSecret, fakeIgnore, fakeDaemon}
)

const dockerfileSrc = `FROM debian
ENV API_KEY=abc \
    OTHER=1
FROM alpine
FROM  alpine
FROM alpine
# dlint ignore=DL9002
ENV TOKEN=x
`

func rng(l1, c1, l2, c2 int) source.Range {
	return source.Range{Start: source.Position{Line: l1, Column: c1}, End: source.Position{Line: l2, Column: c2}}
}

func testInput() Input {
	return Input{
		Tool: "dlint", Version: "test", InformationURI: "https://github.com/dlint/dlint",
		Rules: fakeRules,
		Findings: []rules.Finding{
			{Rule: fakeTag, Severity: rules.Warning, Path: "Dockerfile", Range: rng(1, 6, 1, 12),
				Message: `image "debian" has no tag or digest`,
				Fixes: []rules.Fix{{Message: "Pin the tag", Safe: true,
					Edits: []rules.Edit{{Range: rng(1, 12, 1, 12), NewText: ":12"}}}}},
			{Rule: fakeSecret, Severity: rules.Error, Path: "Dockerfile", Range: rng(2, 5, 3, 12),
				Message: "secret \x1b[31mAPI_KEY\xff\xfe in ENV | a, b: 100%\r\nforged line"},
			{Rule: fakeTag, Severity: rules.Info, Path: "Dockerfile", Range: source.LineRange(4, 4),
				Message: `image "alpine" has no tag or digest`},
			{Rule: fakeTag, Severity: rules.Info, Path: "Dockerfile", Range: source.LineRange(5, 5),
				Message: `image "alpine" has no tag or digest`},
			{Rule: fakeTag, Severity: rules.Info, Path: "Dockerfile", Range: source.LineRange(6, 6),
				Message: `image "alpine" has no tag or digest`},
			{Rule: fakeSecret, Severity: rules.Error, Path: "Dockerfile", Range: rng(8, 5, 8, 10),
				Message:     `secret "TOKEN" in ENV`,
				Suppression: &rules.Suppression{Kind: "inSource", Justification: "test fixture"}},
			{Rule: fakeDaemon, Severity: rules.Style, Path: "./etc/docker/daemon.json", Range: rng(1, 2, 1, 9),
				Message: `key "Debug" should be "debug" <b>@admin</b> *bold* ` + "`code`"},
			{Rule: fakeIgnore, Severity: rules.Info, Path: "sub dir/.dockerignore", Range: rng(2, 1, 2, 15),
				Message: "pattern \"./node_modules\" starts with ./ and 50% of \xc3\x28"},
		},
		Files:   []string{"Dockerfile", "clean/Dockerfile", "etc/docker/daemon.json", "sub dir/.dockerignore"},
		Sources: map[string][]byte{"Dockerfile": []byte(dockerfileSrc)},
		Errors:  []string{"missing/Dockerfile: open missing/Dockerfile: no such file or directory"},
	}
}

func render(t testing.TB, name string, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Formats[name](&buf, in); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, name := range FormatNames() {
		t.Run(name, func(t *testing.T) {
			got := render(t, name, testInput())
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s output differs from %s (-want +got); run go test ./report -update if intended:\n%s", name, golden, diff)
			}
			// Twice the same input, byte for byte the same output.
			if again := render(t, name, testInput()); !bytes.Equal(got, again) {
				t.Errorf("%s output is not deterministic", name)
			}
		})
	}
}

// Whatever bytes the linted files held, every format is valid UTF-8 with no
// raw escape character, and the machine-readable ones stay parseable.
func TestHostileInput(t *testing.T) {
	for _, name := range FormatNames() {
		out := render(t, name, testInput())
		if !utf8.Valid(out) {
			t.Errorf("%s: output is not valid UTF-8", name)
		}
		if bytes.ContainsAny(out, "\x1b\x00") {
			t.Errorf("%s: output holds a raw control character", name)
		}
		if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s: output starts with a BOM", name)
		}
		switch name {
		case "json", "sarif", "gitlab":
			if !json.Valid(out) {
				t.Errorf("%s: invalid JSON", name)
			}
		case "checkstyle", "junit":
			dec := xml.NewDecoder(bytes.NewReader(out))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("%s: invalid XML: %v", name, err)
					}
					break
				}
			}
		case "text", "github", "markdown":
			if bytes.Contains(out, []byte("\nforged line")) {
				t.Errorf("%s: a newline in a message started a new line", name)
			}
		}
	}
}

func TestCheckstyleConsumer(t *testing.T) {
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   string `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(render(t, "checkstyle", testInput()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version == "" {
		t.Error("checkstyle has no version")
	}
	errs := map[string]int{}
	for _, f := range doc.Files {
		errs[f.Name] = len(f.Errors)
		for _, e := range f.Errors {
			if e.Line < 1 || e.Source == "" || e.Message == "" {
				t.Errorf("%s: incomplete error %+v", f.Name, e)
			}
			switch e.Severity {
			case "error", "warning", "info":
			default:
				t.Errorf("%s: severity %q", f.Name, e.Severity)
			}
		}
	}
	want := map[string]int{"Dockerfile": 5, "clean/Dockerfile": 0, "etc/docker/daemon.json": 1, "sub dir/.dockerignore": 1, "missing/Dockerfile": 1}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors per file (-want +got):\n%s", diff)
	}
}

func TestJUnitConsumer(t *testing.T) {
	type problem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",chardata"`
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
			Cases    []struct {
				Classname string   `xml:"classname,attr"`
				Name      string   `xml:"name,attr"`
				File      string   `xml:"file,attr"`
				Failure   *problem `xml:"failure"`
				Error     *problem `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit", testInput()), &doc); err != nil {
		t.Fatal(err)
	}
	tests, failures, errors := 0, 0, 0
	for _, s := range doc.Suites {
		f, e := 0, 0
		if len(s.Cases) == 0 {
			t.Errorf("suite %q is empty", s.Name)
		}
		for _, c := range s.Cases {
			if c.Classname == "" || c.Name == "" {
				t.Errorf("suite %q: test case without classname or name", s.Name)
			}
			if c.Failure != nil {
				f++
			}
			if c.Error != nil {
				e++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e {
			t.Errorf("suite %q counts tests=%d failures=%d errors=%d, has %d/%d/%d", s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), f, e)
		}
		tests, failures, errors = tests+s.Tests, failures+f, errors+e
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errors {
		t.Errorf("testsuites counts %d/%d/%d, suites add up to %d/%d/%d", doc.Tests, doc.Failures, doc.Errors, tests, failures, errors)
	}
	// 7 active findings, one passing case for clean/Dockerfile, one unreadable file.
	if tests != 9 || failures != 7 || errors != 1 {
		t.Errorf("tests=%d failures=%d errors=%d, want 9/7/1", tests, failures, errors)
	}
}

func TestGitLabConsumer(t *testing.T) {
	out := render(t, "gitlab", testInput())
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 7 {
		t.Fatalf("%d issues, want 7 (suppressed left out)", len(issues))
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Location.Path == "" || is.Location.Lines.Begin < 1 {
			t.Errorf("incomplete issue %+v", is)
		}
		if strings.HasPrefix(is.Location.Path, "/") || strings.HasPrefix(is.Location.Path, "./") {
			t.Errorf("path %q is not relative and clean", is.Location.Path)
		}
		switch is.Severity {
		case "info", "minor", "major", "critical", "blocker":
		default:
			t.Errorf("severity %q", is.Severity)
		}
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s is not unique", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	if !bytes.Equal(render(t, "gitlab", Input{}), []byte("[]\n")) {
		t.Error("no findings must give an empty array")
	}
}

// Fingerprints survive lines moving and re-indenting, and tell identical
// findings apart.
func TestFingerprintsStable(t *testing.T) {
	in := testInput()
	before := fingerprints(&in)
	if len(before) != len(in.Findings) {
		t.Fatal("one fingerprint per finding")
	}
	moved := testInput()
	moved.Sources = map[string][]byte{"Dockerfile": []byte("# a new comment\n\n" + strings.ReplaceAll(dockerfileSrc, "FROM debian", "  FROM   debian"))}
	for i := range moved.Findings {
		f := &moved.Findings[i]
		if f.Path == "Dockerfile" {
			f.Range.Start.Line += 2
			if f.Range.End.Line > 0 {
				f.Range.End.Line += 2
			}
		}
	}
	if diff := cmp.Diff(before, fingerprints(&moved)); diff != "" {
		t.Errorf("fingerprints changed when lines moved:\n%s", diff)
	}
	changed := testInput()
	changed.Sources = map[string][]byte{"Dockerfile": []byte(strings.Replace(dockerfileSrc, "FROM debian", "FROM ubuntu", 1))}
	if fingerprints(&changed)[0] == before[0] {
		t.Error("the fingerprint ignores the flagged line's content")
	}
}

// SetFingerprints, run on one file's findings, gives what Fingerprints
// gives them, and reporters keep identities that findings carry.
func TestSetFingerprintsMatchesFingerprints(t *testing.T) {
	in := testInput()
	want := fingerprints(&in)
	var got []string
	byPath := map[string][]int{}
	for i, f := range in.Findings {
		byPath[f.Path] = append(byPath[f.Path], i)
	}
	for p, idx := range byPath {
		fs := make([]rules.Finding, len(idx))
		for j, i := range idx {
			fs[j] = in.Findings[i]
		}
		var lines *source.Lines
		if src, ok := in.Sources[p]; ok {
			lines = source.NewLines(src)
		}
		SetFingerprints(fs, lines, displayPath(&in, p))
		for j, i := range idx {
			in.Findings[i].Fingerprint = fs[j].Fingerprint
		}
	}
	for _, f := range in.Findings {
		got = append(got, f.Fingerprint)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SetFingerprints differs from Fingerprints:\n%s", diff)
	}
	in.Findings[0].Fingerprint = "kept"
	for i := 1; i < len(in.Findings); i++ {
		in.Findings[i].Fingerprint = "x"
	}
	if got := fingerprints(&in)[0]; got != "kept" {
		t.Errorf("a finding's own fingerprint was replaced by %q", got)
	}
}

// A format writes fingerprints exactly when UsesFingerprints says so: the
// CLI computes them only then, and a format that wrote them without would
// fall back to hashing messages, not lines.
func TestUsesFingerprints(t *testing.T) {
	with := func(prefix string) Input {
		in := testInput()
		for i := range in.Findings {
			in.Findings[i].Fingerprint = fmt.Sprintf("%s%02d", prefix, i)
		}
		return in
	}
	for _, name := range FormatNames() {
		writes := !bytes.Equal(render(t, name, with("a")), render(t, name, with("b")))
		if writes != UsesFingerprints(name) {
			t.Errorf("%s: writes fingerprints %v, UsesFingerprints says %v", name, writes, UsesFingerprints(name))
		}
	}
}

// appendFields normalises a line as strings.Fields and Join do.
func TestAppendFields(t *testing.T) {
	cases := []string{"", " ", "a", "  a  b\t\tc \r", "\va\fb\n", "x\u00a0y \u0085 z", "日本  語 ", "\xff \xfe", "a\x00b c"}
	for _, c := range cases {
		want := strings.Join(strings.Fields(c), " ")
		if got := string(appendFields([]byte("prefix:"), c)); got != "prefix:"+want {
			t.Errorf("appendFields(%q) = %q, want %q", c, got, "prefix:"+want)
		}
	}
}

var githubCommand = regexp.MustCompile(`^::(error|warning|notice) ` +
	`(file=[^,:\r\n]+,line=[1-9][0-9]*(,col=[1-9][0-9]*)?(,endLine=[1-9][0-9]*)?(,endColumn=[1-9][0-9]*)?,)?` +
	`title=[^,:\r\n]+::[^\r\n]*$`)

func TestGitHubCommands(t *testing.T) {
	out := strings.TrimSuffix(string(render(t, "github", testInput())), "\n")
	lines := strings.Split(out, "\n")
	if len(lines) != 8 { // 7 active findings + 1 unreadable file
		t.Errorf("%d commands, want 8", len(lines))
	}
	for _, l := range lines {
		if !githubCommand.MatchString(l) {
			t.Errorf("not a well-formed workflow command: %q", l)
		}
	}
	if got := escapeProperty("a,b:c%d\r\n"); got != "a%2Cb%3Ac%25d%0D%0A" {
		t.Errorf("escapeProperty = %q", got)
	}
	if got := escapeData("a,b:c%d\r\n"); got != "a,b:c%25d%0D%0A" {
		t.Errorf("escapeData = %q", got)
	}
}

func TestMarkdownTable(t *testing.T) {
	out := string(render(t, "markdown", testInput()))
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		// Every row of a table has as many cells as its header.
		cells := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(l, -1)) - 1
		if cells != 2 && cells != 4 {
			t.Errorf("row with %d cells: %q", cells, l)
		}
	}
	if strings.Contains(out, "<b>") || strings.Contains(out, "@admin") {
		t.Error("markup or a mention from a finding went through unescaped")
	}
}

func TestPaths(t *testing.T) {
	in := Input{SourceRoot: "/src/repo"}
	for p, want := range map[string]string{
		"./Dockerfile":             "Dockerfile",
		"a//b/../Dockerfile":       "a/Dockerfile",
		"/src/repo/app/Dockerfile": "app/Dockerfile",
		"/elsewhere/Dockerfile":    "/elsewhere/Dockerfile",
		"sub dir/.dockerignore":    "sub dir/.dockerignore",
	} {
		if got := displayPath(&in, p); got != want {
			t.Errorf("displayPath(%q) = %q, want %q", p, got, want)
		}
	}
	for p, want := range map[string]string{
		"sub dir/Dockerfile":  "sub%20dir/Dockerfile",
		"c:weird/Dockerfile":  "c%3Aweird/Dockerfile",
		"100%/Dockerfile#x?y": "100%25/Dockerfile%23x%3Fy",
		"é/Dockerfile":        "%C3%A9/Dockerfile",
	} {
		if got := encodeURIPath(p); got != want {
			t.Errorf("encodeURIPath(%q) = %q, want %q", p, got, want)
		}
	}
}

// A battery of hostile strings in messages, paths, justifications and fix
// texts: every format stays well-formed, one github command per finding.
func TestHostileStrings(t *testing.T) {
	hostile := []string{
		"\x00", "\xed\xa0\x80", "\ufffe", "]]>", "\u2028\u202e", "%0A::error::x", "--> <!--",
		"a\rb\nc", "\xff", "\"'&<>", "\t", "::", "`|`", "@here", "\x1b]8;;http://x\x07",
		"\u009b2J\u0085\x7f", "\u202eevil\u202c \u2067x\u2069",
	}
	for i, h := range hostile {
		in := hostileInput(h)
		for _, name := range FormatNames() {
			out := render(t, name, in)
			if !utf8.Valid(out) || bytes.ContainsAny(out, "\x1b\x00\x07") {
				t.Errorf("%s, string %d: invalid UTF-8 or raw control character", name, i)
			}
			if j := bytes.IndexFunc(out, func(r rune) bool { return r >= 0x7f && isControl(r) }); j >= 0 {
				t.Errorf("%s, string %d: raw %U in the output", name, i, []rune(string(out[j:]))[0])
			}
			switch name {
			case "json", "sarif", "gitlab":
				if !json.Valid(out) {
					t.Errorf("%s, string %d: invalid JSON", name, i)
				}
			case "checkstyle", "junit":
				var v struct{}
				if err := xml.Unmarshal(out, &v); err != nil {
					t.Errorf("%s, string %d: invalid XML: %v", name, i, err)
				}
			case "github":
				lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
				if len(lines) != 8 {
					t.Errorf("github, string %d: %d lines, want 8", i, len(lines))
				}
				for _, l := range lines {
					if !githubCommand.MatchString(l) {
						t.Errorf("github, string %d: %q", i, l)
					}
				}
			}
		}
	}
}

// The identity of a finding on long lines is worked out once for all the
// findings of its rule there; the fingerprints are still the hash of rule,
// path, normalised text and occurrence index, whatever the order, and two
// identical long lines still share their occurrence count.
func TestFingerprintsOfLongLines(t *testing.T) {
	pkgs := make([]string, 300)
	for i := range pkgs {
		pkgs[i] = "pkg" + strings.Repeat("x", i%7)
	}
	install := "RUN apt-get install -y    " + strings.Join(pkgs, "  ")
	src := "FROM debian:12\n" + install + "\nRUN echo\n" + install + "\n" + strings.Repeat(" ", 3000) + "\n"
	lines := source.NewLines([]byte(src))
	var fs []rules.Finding
	for _, line := range []int{2, 4} {
		for i := range pkgs {
			for _, r := range []*rules.Rule{fakeTag, fakeSecret} {
				rng := source.Range{Start: source.Position{Line: line, Column: 30 + i}}
				fs = append(fs, rules.Finding{Rule: r, Severity: r.Severity, Path: "Dockerfile", Range: rng, Message: "m"})
			}
		}
	}
	// Blank long lines: the message is the identity.
	fs = append(fs, rules.Finding{Rule: fakeSecret, Path: "Dockerfile", Range: source.Range{Start: source.Position{Line: 5, Column: 1}}, Message: "blank"})
	SetFingerprints(fs, lines, "Dockerfile")

	// The definition, spelt out.
	normalised := "RUN apt-get install -y " + strings.Join(pkgs, " ")
	seen := map[string]int{}
	for i, f := range fs {
		key := f.Rule.ID + "\x00Dockerfile\x00lines:" + normalised
		if f.Range.Start.Line == 5 {
			key = f.Rule.ID + "\x00Dockerfile\x00message:" + f.Message
		}
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(seen[key])))
		seen[key]++
		if want := hex.EncodeToString(sum[:16]); f.Fingerprint != want {
			t.Fatalf("finding %d (rule %s, line %d): fingerprint %s, want %s", i, f.Rule.ID, f.Range.Start.Line, f.Fingerprint, want)
		}
	}
}

func TestSanitizeLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"FROM alpine\nRUN true\n", "FROM alpine\nRUN true\n"},
		{"FROM alpine\r\nRUN true\r\n", "FROM alpine\r\nRUN true\r\n"},
		{"a\rb\n", `a\x0db` + "\n"},
		{"\x1b[2J\tx\n", `\x1b[2J` + "\tx\n"},
		{"a\u202eb\x85\n", `a\x202eb\x85` + "\n"},
		{"bad \xff\x9b[31m\n", `bad \xff\x9b[31m` + "\n"},
		{"end\r", `end\x0d`},
	} {
		got, changed := SanitizeLines(c.in)
		if got != c.want || changed != (c.in != c.want) {
			t.Errorf("SanitizeLines(%q) = %q, %v; want %q", c.in, got, changed, c.want)
		}
	}
}

// TestMarkdownKeepsTheRowsItShows: the table shows the most serious
// findings first, in report order within a severity, at most
// markdownMaxRows of them, however many come and in whatever order.
func TestMarkdownKeepsTheRowsItShows(t *testing.T) {
	in := testInput()
	in.Findings, in.Errors = nil, nil
	sevs := []rules.Severity{rules.Info, rules.Warning, rules.Info, rules.Error}
	var want []string // rows, most serious first
	byFile := map[string][]rules.Finding{}
	for i := range 605 {
		f := rules.Finding{Rule: fakeTag, Severity: sevs[i%4], Path: fmt.Sprintf("f%03d/Dockerfile", i/10), Range: source.LineRange(i, i), Message: fmt.Sprintf("m%d", i)}
		if i%4 == 3 && i > 20 {
			f.Severity = rules.Warning // five errors in all
		}
		in.Findings = append(in.Findings, f)
		byFile[f.Path] = append(byFile[f.Path], f)
	}
	for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info} {
		for _, f := range in.Findings {
			if f.Severity == sev {
				want = append(want, fmt.Sprintf("| %s | %s:%d |", sev, f.Path, f.Range.Start.Line))
			}
		}
	}
	var buf bytes.Buffer
	s := newMarkdownStream(&buf, in)
	for _, p := range fileList(&in) {
		s.(FileStream).File(p)
		if err := s.Write(byFile[p]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(nil); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "/Dockerfile:") {
			sev, loc, _ := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
			loc, _, _ = strings.Cut(loc, " | ")
			got = append(got, "| "+sev+" | "+loc+" |")
		}
	}
	if diff := cmp.Diff(want[:markdownMaxRows], got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	for _, s := range []string{"**605 problems** in 65 files.", "| error | 5 |", "| warning | 297 |", "| info | 303 |", "…and 355 more; see the full report."} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("no %q in\n%.600s", s, buf.String())
		}
	}
}

// needsSanitizing is the question Sanitize asks, answered as
// strings.IndexFunc and utf8.ValidString answer it: for every character
// up to U+3000 (every control, C1 control and direction mark among them),
// around tabs, at either end of a string, and for invalid bytes.
func TestNeedsSanitizing(t *testing.T) {
	reference := func(s string) bool { return strings.IndexFunc(s, isControl) >= 0 || !utf8.ValidString(s) }
	var cases []string
	for r := rune(0); r <= 0x3000; r++ {
		c := string(r)
		cases = append(cases, c, "a"+c, c+"\tb", "plain text "+c+" more")
	}
	cases = append(cases, "", "\t", "\xff", "a\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\U0001f433", "\U000e0001", "\ufeff", "\ufffd")
	for _, s := range cases {
		if got, want := needsSanitizing(s), reference(s); got != want {
			t.Errorf("needsSanitizing(%q) = %v, want %v", s, got, want)
		}
	}
}

// In colour, the text format wraps each finding's severity in the
// severity's colour and nothing else changes.
func TestTextColor(t *testing.T) {
	in := testInput()
	plain := strings.Split(string(render(t, "text", in)), "\n")
	in.Color = true
	colored := strings.Split(string(render(t, "text", in)), "\n")
	if len(colored) != len(plain) || len(plain) < 3 {
		t.Fatalf("%d lines in colour, %d without", len(colored), len(plain))
	}
	sevs := []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style}
	seen := map[rules.Severity]bool{}
	for i, line := range plain {
		want := line
		for _, sev := range sevs {
			word := ": " + sev.String() + ": "
			if at := strings.Index(line, word); at >= 0 {
				want = line[:at] + ": " + severityColor[sev] + sev.String() + colorReset + ": " + line[at+len(word):]
				seen[sev] = true
				break
			}
		}
		if colored[i] != want {
			t.Errorf("line %d in colour:\n%q\nwant\n%q", i+1, colored[i], want)
		}
	}
	if len(seen) < 2 {
		t.Errorf("the test input has findings of %d severities; want several", len(seen))
	}
}
