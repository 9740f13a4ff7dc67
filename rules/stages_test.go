package rules

import (
	"slices"
	"testing"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
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
	label := final.Instructions[1]
	vars := VarsAt(f, final, label)
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
