package rules

import (
	"slices"
	"testing"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

func parseDockerfile(t *testing.T, src string) *dockerfile.File {
	t.Helper()
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	if doc.Dockerfile == nil {
		t.Fatal("no Dockerfile")
	}
	return doc.Dockerfile
}

func stageRefs(ss []*dockerfile.Stage) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Ref())
	}
	return out
}

func TestStageGraphReachability(t *testing.T) {
	f := parseDockerfile(t, `FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM build AS test
RUN go test ./...
FROM alpine:3.20 AS certs
FROM alpine:3.20 AS assets
FROM alpine:3.20
RUN true
FROM scratch AS final
COPY --from=build /out/app /app
COPY --from=2 /etc/ssl /etc/ssl
RUN --mount=type=bind,from=assets,target=/a --mount=type=cache,target=/c true
`)
	g := NewStageGraph(f)
	final := f.FinalStage()
	reach := g.Reachable(final)
	var got []string
	for _, s := range f.Stages {
		if reach[s] {
			got = append(got, s.Ref())
		}
	}
	if want := []string{"build", "certs", "assets", "final"}; !slices.Equal(got, want) {
		t.Errorf("reachable = %v, want %v", got, want)
	}
	if got, want := stageRefs(g.Unreachable(final)), []string{"test", "#4"}; !slices.Equal(got, want) {
		t.Errorf("unreachable = %v, want %v", got, want)
	}
	test := f.StageByName("test")
	if got := stageRefs(g.Unreachable(test)); !slices.Contains(got, "final") || slices.Contains(got, "build") {
		t.Errorf("unreachable from test = %v", got)
	}
	if got, want := stageRefs(g.Deps(final)), []string{"build", "certs", "assets"}; !slices.Equal(got, want) {
		t.Errorf("deps(final) = %v, want %v", got, want)
	}
	if got := g.RefsTo(f.StageByName("build")); len(got) != 2 || got[0].Kind != RefBase || got[1].Kind != RefCopy {
		t.Errorf("refs to build = %+v", got)
	}
	if got, want := stageRefs(g.UsedBy(f.StageByName("build"))), []string{"test", "final"}; !slices.Equal(got, want) {
		t.Errorf("used by build = %v, want %v", got, want)
	}
	if len(g.Cycles()) != 0 {
		t.Errorf("unexpected cycles: %v", g.Cycles())
	}
	if g.Reachable(nil) != nil || NewStageGraph(nil).Unreachable(nil) != nil {
		t.Error("nil target must give nil")
	}
}

func TestStageGraphResolve(t *testing.T) {
	f := parseDockerfile(t, `FROM alpine:3.20 AS Base
FROM base
COPY --from=BASE /a /a
COPY --from=0 /a /b
COPY --from=9 /a /c
COPY --from=nginx:1.27 /a /d
COPY --from=nginx /a /e
COPY --from=${X} /a /f
COPY --from=later /a /g
RUN --mount=from=0,target=/x true
ONBUILD COPY --from=base /a /h
FROM alpine:3.20 AS later
`)
	g := NewStageGraph(f)
	base, later := f.Stages[0], f.StageByName("later")
	type row struct {
		name                   string
		target                 *dockerfile.Stage
		index, variable, later bool
		image, onbuild         bool
	}
	want := []row{
		{name: "base", target: base}, // FROM base
		{name: "BASE", target: base},
		{name: "0", target: base, index: true},
		{name: "9", index: true},
		{name: "nginx:1.27", image: true},
		{name: "nginx"},
		{name: "${X}", variable: true},
		{name: "later", target: later, later: true},
		{name: "0", index: true}, // mounts take names only
		{name: "base", target: base, onbuild: true},
	}
	if len(g.Refs) != len(want) {
		t.Fatalf("got %d refs, want %d: %+v", len(g.Refs), len(want), g.Refs)
	}
	for i, w := range want {
		r := g.Refs[i]
		got := row{r.Name, r.Target, r.Index, r.Variable, r.Later, r.LooksLikeImage(), r.OnBuild}
		if got != w {
			t.Errorf("ref %d = %+v, want %+v", i, got, w)
		}
		if r.Range.Start.Line == 0 {
			t.Errorf("ref %d (%s) has no position", i, r.Name)
		}
	}
	// The ONBUILD trigger's --from is located on its line.
	if r := g.Refs[9]; r.Range.Start.Line != 11 || r.Range.Start.Column != 21 {
		t.Errorf("onbuild ref range = %v", r.Range)
	}
}

func TestStageGraphCycles(t *testing.T) {
	f := parseDockerfile(t, `FROM alpine:3.20 AS a
COPY --from=c /x /x
FROM a AS b
FROM b AS c
FROM alpine:3.20 AS d
COPY --from=d /x /x
FROM alpine:3.20 AS e
COPY --from=b /x /x
`)
	g := NewStageGraph(f)
	cycles := g.Cycles()
	if len(cycles) != 2 {
		t.Fatalf("cycles = %v", cycles)
	}
	if got := CyclePath(cycles[0]); got != "a → c → b → a" {
		t.Errorf("cycle 0 = %s", got)
	}
	if got := CyclePath(cycles[1]); got != "d → d" {
		t.Errorf("cycle 1 = %s", got)
	}
	if !g.InCycle(f.Stages[1]) || g.InCycle(f.Stages[3]) || g.InCycle(f.Stages[4]) {
		t.Error("InCycle wrong")
	}
	if !g.SameCycle(f.Stages[0], f.Stages[2]) || g.SameCycle(f.Stages[0], f.Stages[4]) {
		t.Error("SameCycle wrong")
	}
}

func TestVarsAt(t *testing.T) {
	f := parseDockerfile(t, `ARG VERSION=1.2
ARG UNUSED=x
FROM alpine:3.20 AS base
ARG VERSION
ENV APP_HOME=/opt/app PATH="/opt/app/bin:$PATH"
ARG LATER
FROM base
ENV DATA=${APP_HOME}/data V=v$VERSION
LABEL x=y
`)
	final := f.FinalStage()
	labelKV := final.Instructions[1]
	vars := VarsAt(f, final, labelKV)
	want := map[string]string{"VERSION": "1.2", "APP_HOME": "/opt/app", "DATA": "/opt/app/data", "V": "v1.2"}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("%s = %q, want %q", k, vars[k], v)
		}
	}
	for _, k := range []string{"UNUSED", "LATER", "PATH"} {
		if _, ok := vars[k]; ok {
			t.Errorf("%s should be unknown, got %q", k, vars[k])
		}
	}
	if got := VarsAt(f, final, final.Instructions[0]); got["DATA"] != "" || got["APP_HOME"] != "/opt/app" {
		t.Errorf("vars before ENV = %v", got)
	}
	if got := referencedVars(f, `"${A}-$B:${C:-x}" $$ \$D`); !slices.Equal(got, []string{"A", "B", "C"}) {
		t.Errorf("referencedVars = %v", got)
	}
}

func TestRuntimeStages(t *testing.T) {
	doc := parser.Parse("Dockerfile", []byte("FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nFROM a AS c\nFROM scratch\nCOPY --from=c / /\n"), parser.Dockerfile, parser.Options{})
	p := &Pass{Document: doc, Options: &Options{}}
	if got := stageRefs(p.RuntimeStages()); !slices.Equal(got, []string{"a", "c", "#3"}) {
		t.Errorf("runtime stages = %v", got)
	}
	p.Options.Target = "b"
	if got := stageRefs(p.RuntimeStages()); !slices.Equal(got, []string{"b"}) {
		t.Errorf("runtime stages with target = %v", got)
	}
}

// lintWith runs one rule on src and returns its findings.
func lintWith(t *testing.T, r *Rule, src string, opts Options) []Finding {
	t.Helper()
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	cfg := onlyRule(r)
	cfg.Options = opts
	var out []Finding
	for _, f := range Run(doc, cfg) {
		if f.Rule == r {
			out = append(out, f)
		}
		if f.Rule == internalError {
			t.Fatal(f.Message)
		}
	}
	return out
}

// applyFix applies a finding's first fix to src.
func applyFix(t *testing.T, src string, f Finding) string {
	t.Helper()
	if len(f.Fixes) == 0 {
		t.Fatalf("no fix: %s", f.Message)
	}
	lines := source.NewLines([]byte(src))
	edits := slices.Clone(f.Fixes[0].Edits)
	slices.SortFunc(edits, func(a, b Edit) int { return lines.Offset(b.Range.Start) - lines.Offset(a.Range.Start) })
	out := src
	for _, e := range edits {
		s, end := lines.Offset(e.Range.Start), lines.Offset(e.Range.End)
		out = out[:s] + e.NewText + out[end:]
	}
	return out
}

func TestInstructionFixes(t *testing.T) {
	cases := []struct {
		rule      *Rule
		src, want string
	}{
		{addLocalFile, "FROM a:1\nADD --chown=1 app.py /app/\n", "FROM a:1\nCOPY --chown=1 app.py /app/\n"},
		{addLocalFile, "from a:1\nadd app.py /app/\n", "from a:1\ncopy app.py /app/\n"},
		{copyDestNotDir, "FROM a:1\nCOPY a b /app\n", "FROM a:1\nCOPY a b /app/\n"},
		{copyDestNotDir, "FROM a:1\nCOPY a b \"/app\"\n", "FROM a:1\nCOPY a b \"/app/\"\n"},
		{copyDestNotDir, "FROM a:1\nCOPY [\"a\", \"b\", \"/app\"]\n", "FROM a:1\nCOPY [\"a\", \"b\", \"/app/\"]\n"},
		{invalidLabelKey, "FROM a:1\nLABEL Vendor=acme\n", "FROM a:1\nLABEL vendor=acme\n"},
	}
	for _, c := range cases {
		fs := lintWith(t, c.rule, c.src, Options{})
		if len(fs) != 1 {
			t.Errorf("%s on %q: %d findings", c.rule.ID, c.src, len(fs))
			continue
		}
		if got := applyFix(t, c.src, fs[0]); got != c.want {
			t.Errorf("%s fix:\n got %q\nwant %q", c.rule.ID, got, c.want)
		}
	}
}

func TestInstructionRanges(t *testing.T) {
	cases := []struct {
		rule *Rule
		src  string
		want string // the text the finding points at
		opts Options
	}{
		{copyFromUnknown, "FROM a:1 AS builder\nFROM b:1\nCOPY --chown=1 --from=buidler /x /y\n", "buidler", Options{}},
		{copyFromSelf, "FROM a:1 AS x\nRUN --mount=type=bind,from=x,target=/m true\n", "from=x", Options{}},
		{copyThenExtract, "FROM a:1\nCOPY --chown=1 x.tar.gz /tmp/\nRUN tar -xf /tmp/x.tar.gz\n", "x.tar.gz", Options{}},
		{copyDestNotDir, "FROM a:1\nCOPY app app2 app\n", "app", Options{}},
		{untrustedRegistry, "FROM ghcr.io/a/b:1\n", "ghcr.io/a/b:1", Options{TrustedRegistries: []string{"docker.io"}}},
		{worldWritableChmod, "FROM a:1\nCOPY --chmod=777 x /x\n", "--chmod=777", Options{}},
		{exposeSSH, "FROM a:1\nEXPOSE 80 22\n", "22", Options{}},
		{envSameInstruction, "FROM a:1\nENV A=1 B=${A}/x\n", "${A", Options{}},
		{useraddHighUID, "FROM a:1\nONBUILD RUN useradd -u 1000000 x\n", "1000000", Options{}},
		{labelNotSemver, "FROM a:1\nLABEL v=\"1.0\"\n", "\"1.0\"", Options{LabelSchema: map[string]string{"v": "semver"}}},
		{copyAfterUser, "FROM a:1\nUSER app\nCOPY x /x\n", "COPY", Options{}},
		{codeOwnedByRuntimeUser, "FROM a:1\nCOPY --chown=app x /x\nUSER app\n", "app", Options{}},
	}
	for _, c := range cases {
		fs := lintWith(t, c.rule, c.src, c.opts)
		if len(fs) != 1 {
			t.Errorf("%s on %q: %d findings", c.rule.ID, c.src, len(fs))
			continue
		}
		lines := source.NewLines([]byte(c.src))
		r := fs[0].Range
		got := c.src[lines.Offset(r.Start):lines.Offset(r.End)]
		if got != c.want {
			t.Errorf("%s points at %q (%v), want %q", c.rule.ID, got, r, c.want)
		}
	}
}
