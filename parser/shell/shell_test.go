package shell

import (
	"errors"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"mvdan.cc/sh/v3/syntax"

	"github.com/dlint/dlint/parser/source"
)

// identity maps script positions to themselves.
func identity(line, col int) source.Position { return source.Position{Line: line, Column: col} }

type cmdView struct {
	Name string
	Args []string
	Op   string
	Pipe bool
	Via  string
	Sub  bool
	At   source.Position
}

func view(s *Script) []cmdView {
	var out []cmdView
	for _, c := range s.Commands {
		v := cmdView{Name: c.Name.Value, Args: c.ArgValues(), Op: c.Op, Pipe: c.InPipeline, Sub: c.InSubshell, At: c.Name.Range.Start}
		if len(v.Args) == 0 {
			v.Args = nil
		}
		if c.Via != nil {
			v.Via = c.Via.Name.Value
		}
		out = append(out, v)
	}
	return out
}

func TestParseCommands(t *testing.T) {
	cases := []struct {
		script string
		want   []cmdView
	}{
		{
			"apt-get update && apt-get install -y 'curl' \\\n  \"git\" || true",
			[]cmdView{
				{Name: "apt-get", Args: []string{"update"}, At: source.Position{Line: 1, Column: 1}},
				{Name: "apt-get", Args: []string{"install", "-y", "curl", "git"}, Op: "&&", At: source.Position{Line: 1, Column: 19}},
				{Name: "true", Op: "||", At: source.Position{Line: 2, Column: 12}},
			},
		},
		{
			"curl -fsSL https://x | sh -s -- -y; echo done",
			[]cmdView{
				{Name: "curl", Args: []string{"-fsSL", "https://x"}, Pipe: true, At: source.Position{Line: 1, Column: 1}},
				{Name: "sh", Args: []string{"-s", "--", "-y"}, Op: "|", Pipe: true, At: source.Position{Line: 1, Column: 24}},
				{Name: "echo", Args: []string{"done"}, Op: ";", At: source.Position{Line: 1, Column: 37}},
			},
		},
		{
			"sudo -u root env A=1 pip install flask",
			[]cmdView{
				{Name: "sudo", Args: []string{"-u", "root", "env", "A=1", "pip", "install", "flask"}, At: source.Position{Line: 1, Column: 1}},
				{Name: "env", Args: []string{"A=1", "pip", "install", "flask"}, Via: "sudo", At: source.Position{Line: 1, Column: 14}},
				{Name: "pip", Args: []string{"install", "flask"}, Via: "env", At: source.Position{Line: 1, Column: 22}},
			},
		},
		{
			"bash -c 'cd /src && make'",
			[]cmdView{
				{Name: "bash", Args: []string{"-c", "cd /src && make"}, At: source.Position{Line: 1, Column: 1}},
				{Name: "cd", Args: []string{"/src"}, Via: "bash", At: source.Position{Line: 1, Column: 10}},
				{Name: "make", Op: "&&", Via: "bash", At: source.Position{Line: 1, Column: 21}},
			},
		},
		{
			"if [ -f x ]; then (cd a; rm -rf b); fi",
			[]cmdView{
				{Name: "[", Args: []string{"-f", "x", "]"}, At: source.Position{Line: 1, Column: 4}},
				{Name: "cd", Args: []string{"a"}, Sub: true, At: source.Position{Line: 1, Column: 20}},
				{Name: "rm", Args: []string{"-rf", "b"}, Op: ";", Sub: true, At: source.Position{Line: 1, Column: 26}},
			},
		},
		{
			"export A=$(curl -k x) B; bash -o pipefail -c 'wget y | sh'",
			[]cmdView{
				{Name: "export", Args: []string{"A=$(curl -k x)", "B"}, At: source.Position{Line: 1, Column: 1}},
				{Name: "curl", Args: []string{"-k", "x"}, Sub: true, At: source.Position{Line: 1, Column: 12}},
				{Name: "bash", Args: []string{"-o", "pipefail", "-c", "wget y | sh"}, Op: ";", At: source.Position{Line: 1, Column: 26}},
				{Name: "wget", Args: []string{"y"}, Pipe: true, Via: "bash", At: source.Position{Line: 1, Column: 47}},
				{Name: "sh", Op: "|", Pipe: true, Via: "bash", At: source.Position{Line: 1, Column: 56}},
			},
		},
		{
			"echo $HOME \"${PKGS}\"",
			[]cmdView{{Name: "echo", Args: []string{"$HOME", "${PKGS}"}, At: source.Position{Line: 1, Column: 1}}},
		},
	}
	for _, c := range cases {
		s, err := Parse(c.script, identity)
		if err != nil {
			t.Errorf("%q: %v", c.script, err)
			continue
		}
		if diff := cmp.Diff(c.want, view(s)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.script, diff)
		}
	}
}

func TestWordLiteral(t *testing.T) {
	s, err := Parse(`apk add "py3-$V" 'a b' c\ d`, identity)
	if err != nil {
		t.Fatal(err)
	}
	args := s.Commands[0].Args
	if args[1].Lit || args[1].Value != "py3-$V" {
		t.Errorf("expansion word: %+v", args[1])
	}
	if !args[2].Lit || args[2].Value != "a b" || args[2].Raw != "'a b'" {
		t.Errorf("quoted word: %+v", args[2])
	}
	if args[3].Value != "c d" {
		t.Errorf("escaped space: %+v", args[3])
	}
	if got := args[2].Range; got != (source.Range{Start: source.Position{Line: 1, Column: 18}, End: source.Position{Line: 1, Column: 23}}) {
		t.Errorf("range = %v", got)
	}
}

func TestFromArgv(t *testing.T) {
	words := []Word{
		{Raw: `"sh"`, Value: "sh", Lit: true, Range: source.Range{Start: source.Position{Line: 3, Column: 6}}},
		{Raw: `"-c"`, Value: "-c", Lit: true, Range: source.Range{Start: source.Position{Line: 3, Column: 12}}},
		{Raw: `"apk add curl"`, Value: "apk add curl", Lit: true, Range: source.Range{Start: source.Position{Line: 3, Column: 18}}},
	}
	s := FromArgv(words, Variant(0))
	got := view(s)
	if len(got) != 2 || got[1].Name != "apk" || got[1].At != (source.Position{Line: 3, Column: 19}) || got[1].Via != "sh" {
		t.Errorf("exec form sh -c: %+v", got)
	}
}

func TestParseErrorAndDepth(t *testing.T) {
	if _, err := Parse("echo 'unterminated", identity); err == nil {
		t.Error("expected a parse error")
	}
	// Deep nesting of sh -c must stop, not recurse without end.
	script := "true"
	for i := 0; i < maxNesting+2; i++ {
		script = "sh -c " + quote(script)
	}
	s, err := Parse(script, identity)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Commands) > maxNesting+2 {
		t.Errorf("%d commands: nesting not bounded", len(s.Commands))
	}
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func TestTooDeepScriptsAreRefused(t *testing.T) {
	nest := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "true" + strings.Repeat(close, n)
	}
	cases := []struct {
		script string
		deep   bool
	}{
		{nest("(\n", ")\n", maxDepth), false},
		{nest("(\n", ")\n", maxDepth+1), true},
		{nest("{ ", "; }\n", maxDepth+1), true},
		{nest("$(echo ", ")", maxDepth+1), true},
		{nest("if true; then\n", "fi\n", maxDepth+1), true},
		{nest("while true; do\n", "done\n", maxDepth+1), true},
		{strings.Repeat("(true)\n", 10*maxDepth), false}, // many levels in turn, none deep
		{strings.Repeat("echo 'fi' done )\n", 10*maxDepth), false},
	}
	for i, c := range cases {
		_, err := ParseVariant(c.script, testMapper, syntax.LangBash)
		if got := errors.Is(err, ErrTooDeep); got != c.deep {
			t.Errorf("case %d: ErrTooDeep = %v, want %v (err %v)", i, got, c.deep, err)
		}
	}
	// Far deeper than the stack allows, if it were parsed.
	if _, err := ParseVariant(nest("(\n", ")\n", 300000), testMapper, syntax.LangBash); !errors.Is(err, ErrTooDeep) {
		t.Errorf("300,000 nested subshells: %v, want ErrTooDeep", err)
	}
}

// Nesting that reads shallow to nestingDepth, closers the shell takes as
// text and chains without brackets, is bounded by levelBound: each of
// these made a tree deeper than maxLevels (most, far deeper than the stack
// allows) and is declined; a long script of ordinary commands is not.
func TestTreeDepthBounded(t *testing.T) {
	n := maxLevels + 1
	for name, script := range map[string]string{
		"quoted closers":   strings.Repeat(`echo $(echo ")" `, n) + "true" + strings.Repeat(")", n),
		"fi as a word":     strings.Repeat("if a; then echo fi; ", n) + "true" + strings.Repeat("; fi", n),
		"arithmetic":       "echo $((" + strings.Repeat("1+", n) + "1))",
		"negations":        "echo $((" + strings.Repeat("!", n) + "1))",
		"an && chain":      strings.Repeat("a && ", n/2+1) + "a",
		"a pipeline":       strings.Repeat("a | ", n) + "a",
		"timed pipelines":  strings.Repeat("time ", n) + "a",
		"elif":             "if a; then b;" + strings.Repeat(" elif a; then b;", n) + " fi",
		"coprocesses":      strings.Repeat("coproc ", n) + "a",
		"unary tests":      "[[ " + strings.Repeat("! ", n) + "a ]]",
		"assignments":      "echo $((" + strings.Repeat("a=", n) + "1))",
		"nested functions": strings.Repeat("f() ", n) + "{ a; }",
	} {
		if d := nestingDepth(script); d > maxDepth {
			t.Errorf("%s: nestingDepth %d already refuses it", name, d)
		}
		if _, err := ParseVariant(script, testMapper, syntax.LangBash); !errors.Is(err, ErrTooComplex) || !Declined(err) {
			t.Errorf("%s: %v, want ErrTooComplex", name, err)
		}
	}
	long := strings.Repeat("apt-get install -y --no-install-recommends curl=8.5 && rm -rf /var/lib/apt/lists/*\n", 2000)
	if _, err := ParseVariant(long, testMapper, syntax.LangBash); err != nil {
		t.Errorf("2,000 lines of installs: %v", err)
	}
}

func testMapper(line, col int) source.Position { return source.Position{Line: line, Column: col} }

// Base is computed once for a script's commands (wrapped ones included) and
// on each call for a command made by hand; both are the name's last element.
func TestBase(t *testing.T) {
	s, err := Parse("/usr/bin/sudo -u app /usr/local/bin/pip install x && ./run.sh | xargs /bin/rm", identity)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range s.Commands {
		got = append(got, c.Base())
	}
	want := []string{"sudo", "pip", "run.sh", "xargs", "rm"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bases (-want +got):\n%s", diff)
	}
	for _, name := range []string{"/usr/bin/apt-get", "apt-get", "", "dir/"} {
		c := &Command{Name: Word{Value: name}}
		if want := path.Base(name); c.Base() != want {
			t.Errorf("Base of a command named %q = %q, want %q", name, c.Base(), want)
		}
	}
}

// A script of more commands than dlint analyses is declined before it is
// parsed; commandBound never counts fewer commands than a script without
// wrappers holds.
func TestScriptSizeBound(t *testing.T) {
	big := strings.Repeat("true\n", maxCommands+1)
	if _, err := Parse(big, identity); !errors.Is(err, ErrTooLarge) || !Declined(err) {
		t.Errorf("%d commands: err %v", maxCommands+1, err)
	}
	s, err := Parse(strings.Repeat("true\n", maxCommands-1), identity)
	if err != nil || len(s.Commands) != maxCommands-1 {
		t.Errorf("%d commands: err %v, %d commands", maxCommands-1, err, len(s.Commands))
	}
	for _, script := range []string{
		"a", "a; b", "a && b || c | d & e", "a $(b) `c` <(d)", "if a; then b; fi\nwhile c; do d; done",
		"f() { a; b; }\nf", "a \\\n  b", "(a; (b; (c)))", `echo "$(a "$(b)")"`, "case x in y) a;; z) b;; esac",
	} {
		s, err := Parse(script, identity)
		if err != nil {
			t.Fatalf("%q: %v", script, err)
		}
		if n := commandBound(script); n < len(s.Commands) {
			t.Errorf("%q: bound %d, but %d commands", script, n, len(s.Commands))
		}
	}
}

// TestComments: a shell comment is where the shell reads one (a "#" at the
// start of a word, not quoted), wherever it is in the script.
func TestComments(t *testing.T) {
	for script, want := range map[string][]source.Position{
		"apt-get install x # note\n":            {{Line: 1, Column: 19}},
		"a &#\n":                                {{Line: 1, Column: 4}},
		"a \\\n && b # one\n# two\nc\n":         {{Line: 2, Column: 7}, {Line: 3, Column: 1}},
		"if true; then\n  x # in a block\nfi\n": {{Line: 2, Column: 5}},
		`echo "#x" '#y' a#b ${#PATH} $#` + "\n": nil,
	} {
		s, err := Parse(script, identity)
		if err != nil {
			t.Fatalf("%q: %v", script, err)
		}
		if diff := cmp.Diff(want, s.Comments); diff != "" {
			t.Errorf("%q: comments (-want +got):\n%s", script, diff)
		}
	}
}

// A word's Value copies the substitutions it holds only up to maxPartCopy:
// each nested word copying all it holds cost the square of the nesting
// (2.8 GB for a script of 6 MB). A word that is a substitution alone is
// the script's own text.
func TestWordValuesStayLinear(t *testing.T) {
	pad := strings.Repeat("A", 2000)
	script := strings.Repeat(`echo x"$(echo `+pad+" ", 100) + "true" + strings.Repeat(`)"`, 100)
	s, err := Parse(script, identity)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range s.Commands {
		for _, w := range append([]Word{c.Name}, c.Args...) {
			total += len(w.Value)
			if !w.Lit && strings.HasPrefix(w.Raw, `x"$(`) && (len(w.Value) > maxPartCopy+len(`x…`) || !strings.HasSuffix(w.Value, "…")) {
				t.Errorf("a word of %d bytes has a Value of %d: %.40q", len(w.Raw), len(w.Value), w.Value)
			}
		}
	}
	if total > 2*len(script) {
		t.Errorf("the words' Values hold %d bytes for a script of %d", total, len(script))
	}
	alone, err := Parse("echo $(echo "+pad+")", identity)
	if err != nil {
		t.Fatal(err)
	}
	if w := alone.Commands[0].Args[0]; w.Value != w.Raw || w.Lit {
		t.Errorf("a substitution alone: Value %.40q, Raw %.40q, Lit %v", w.Value, w.Raw, w.Lit)
	}
}
