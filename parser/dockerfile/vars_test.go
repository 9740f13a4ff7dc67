package dockerfile

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, errs := Parse([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	return f
}

// at finds the instruction starting on line n.
func at(t *testing.T, f *File, n int) *Instruction {
	t.Helper()
	for _, in := range f.Instructions {
		if in.Line() == n {
			return in
		}
	}
	t.Fatalf("no instruction on line %d", n)
	return nil
}

func TestVarsGlobalNotVisibleInStage(t *testing.T) {
	f := mustParse(t, `ARG VERSION=1.0
ARG EMPTY
FROM alpine:$VERSION
RUN echo
ARG VERSION
ARG EMPTY
RUN echo
`)
	g := f.VarsAt(at(t, f, 3), nil)
	if v, ok := g.Get("VERSION"); !ok || v != "1.0" {
		t.Errorf("global VERSION = %q, %v", v, ok)
	}
	if !g.Defined("EMPTY") {
		t.Error("a meta ARG without value is declared in the global scope")
	}
	if _, ok := g.Get("EMPTY"); ok {
		t.Error("EMPTY has no value")
	}
	s := f.VarsAt(at(t, f, 4), nil)
	if s.Defined("VERSION") {
		t.Error("a global ARG is not visible in a stage before it is re-declared")
	}
	e := s.Expand("$VERSION")
	if !slices.Equal(e.Undefined, []string{"VERSION"}) {
		t.Errorf("undefined = %v", e.Undefined)
	}
	s = f.VarsAt(at(t, f, 7), nil)
	if v, ok := s.Get("VERSION"); !ok || v != "1.0" {
		t.Errorf("re-declared VERSION = %q, %v; want the global value", v, ok)
	}
	if v, ok := s.Lookup("VERSION"); !ok || v.Kind != VarArg || v.Decl == nil || v.Decl.Line() != 5 {
		t.Errorf("VERSION var = %+v", v)
	}
	if !s.Defined("EMPTY") {
		t.Error("ARG EMPTY declares EMPTY")
	}
	if e := s.Expand("${EMPTY}x"); len(e.Undefined) != 0 || e.Value != "x" || !slices.Equal(e.Unset, []string{"EMPTY"}) {
		t.Errorf("expansion of a declared ARG without value = %+v", e)
	}
}

func TestVarsBuildArgs(t *testing.T) {
	f := mustParse(t, `ARG TAG=3.19
ARG NOVAL
FROM alpine:${TAG}
ARG TAG
ARG NOVAL
ARG WITHDEF=def
RUN x
`)
	ba := map[string]string{"TAG": "3.20", "NOVAL": "given", "WITHDEF": "over"}
	g := f.GlobalScope(ba)
	if v, _ := g.Get("TAG"); v != "3.20" {
		t.Errorf("build arg must override the meta ARG default, got %q", v)
	}
	if v, _ := f.DefaultGlobalScope(ba).Get("TAG"); v != "3.19" {
		t.Errorf("DefaultGlobalScope ignores build args for meta ARGs, got %q", v)
	}
	s := f.VarsAt(at(t, f, 7), ba)
	for k, want := range map[string]string{"TAG": "3.20", "NOVAL": "given", "WITHDEF": "over"} {
		if v, ok := s.Get(k); !ok || v != want {
			t.Errorf("%s = %q, %v; want %q", k, v, ok, want)
		}
	}
	if e := g.Expand("alpine:${TAG}"); e.Value != "alpine:3.20" {
		t.Errorf("FROM expansion = %q", e.Value)
	}
}

func TestVarsEnvAndDefaults(t *testing.T) {
	f := mustParse(t, `FROM alpine
ENV A=1 B=$A
ENV C=${A}2
ARG D=${C}3 E=$D
COPY ${UNSET:-x} ${A:+y} /dst
`)
	s := f.VarsAt(at(t, f, 5), nil)
	if v, _ := s.Get("B"); v != "" {
		t.Errorf("B = %q: pairs of one ENV see only earlier ENVs", v)
	}
	if v, _ := s.Get("C"); v != "12" {
		t.Errorf("C = %q", v)
	}
	if v, _ := s.Get("D"); v != "123" {
		t.Errorf("D = %q", v)
	}
	if v, _ := s.Get("E"); v != "123" {
		t.Errorf("E = %q: pairs of one ARG see the pairs before them", v)
	}
	e := s.Expand("${UNSET:-x}")
	if e.Value != "x" || !slices.Equal(e.Undefined, []string{"UNSET"}) {
		t.Errorf("${UNSET:-x} = %+v; the default is used and UNSET still counts as undefined", e)
	}
	b := f.VarsAt(at(t, f, 2), nil)
	if !slices.Equal(b.Expand("$A").Undefined, []string{"A"}) {
		t.Error("A is not defined before its ENV")
	}
	if v, ok := b.Get("PATH"); !ok || !strings.Contains(v, "/usr/bin") {
		t.Errorf("PATH is always defined, got %q", v)
	}
	if !b.ImageEnvUnknown || b.Root == nil || b.Root.Index != 0 {
		t.Errorf("scope on an image: ImageEnvUnknown=%v Root=%v", b.ImageEnvUnknown, b.Root)
	}
}

func TestVarsInheritance(t *testing.T) {
	f := mustParse(t, `FROM scratch AS base
ARG BASEARG
ENV BASEENV=1
ONBUILD ENV TRIG=t
FROM base AS child
RUN x
FROM scratch
RUN y
`)
	s := f.VarsAt(at(t, f, 6), nil)
	for _, k := range []string{"BASEARG", "BASEENV", "TRIG", "PATH"} {
		if !s.Defined(k) {
			t.Errorf("%s should be inherited by the child stage", k)
		}
	}
	if s.ImageEnvUnknown {
		t.Error("a chain rooted at scratch has a known environment")
	}
	if s.Root == nil || s.Root.Name != "base" {
		t.Errorf("root = %v", s.Root)
	}
	o := f.VarsAt(at(t, f, 8), nil)
	if o.Defined("BASEENV") {
		t.Error("an unrelated stage does not inherit")
	}
}

func TestVarsPredefined(t *testing.T) {
	f := mustParse(t, `ARG BASE=alpine
FROM --platform=$BUILDPLATFORM $BASE AS b
COPY $TARGETARCH /x
ARG TARGETARCH
COPY $TARGETARCH /x
`)
	g := f.VarsAt(f.Stages[0].From, nil)
	for _, k := range PredefinedPlatformArgs {
		if !g.Defined(k) {
			t.Errorf("%s is predefined in the global scope", k)
		}
	}
	if v, _ := g.Get("TARGETSTAGE"); v != "b" {
		t.Errorf("TARGETSTAGE = %q", v)
	}
	if s := f.VarsAt(at(t, f, 3), nil); s.Defined("TARGETARCH") {
		t.Error("TARGETARCH must be declared with ARG in a stage")
	}
	if v, _ := f.VarsAt(at(t, f, 5), nil).Get("TARGETARCH"); v != "amd64" {
		t.Errorf("ARG TARGETARCH = %q", v)
	}
	if v, _ := f.VarsAt(at(t, f, 5), map[string]string{"TARGETARCH": "arm64"}).Get("TARGETARCH"); v != "arm64" {
		t.Errorf("build arg TARGETARCH = %q", v)
	}
	if v, _ := f.VarsAt(f.Stages[0].From, map[string]string{"BUILDPLATFORM": "linux/arm64"}).Get("BUILDPLATFORM"); v != "linux/arm64" {
		t.Errorf("build arg BUILDPLATFORM in the global scope = %q", v)
	}
	if v, _ := g.Get("BUILDPLATFORM"); v != "linux/amd64" {
		t.Errorf("BUILDPLATFORM after another file's build arg = %q: the shared defaults changed", v)
	}
	other := mustParse(t, "FROM alpine AS other\n")
	if v, _ := other.VarsAt(other.Stages[0].From, nil).Get("TARGETSTAGE"); v != "other" {
		t.Errorf("another file's TARGETSTAGE = %q", v)
	}
	if v, _ := f.VarsAt(f.Stages[0].From, nil).Get("TARGETSTAGE"); v != "b" {
		t.Errorf("TARGETSTAGE after another file = %q", v)
	}
	unnamed := mustParse(t, "FROM alpine\n")
	for _, args := range []map[string]string{nil, {"X": "1"}} {
		if v, _ := unnamed.VarsAt(unnamed.Stages[0].From, args).Get("TARGETSTAGE"); v != "default" {
			t.Errorf("TARGETSTAGE of an unnamed last stage (build args %v) = %q, want default", args, v)
		}
		if v, _ := f.VarsAt(f.Stages[0].From, args).Get("TARGETSTAGE"); v != "b" {
			t.Errorf("TARGETSTAGE (build args %v) = %q", args, v)
		}
	}
	if v, _ := f.VarsAt(f.Stages[0].From, map[string]string{"TARGETSTAGE": "x"}).Get("TARGETSTAGE"); v != "x" {
		t.Errorf("build arg TARGETSTAGE = %q", v)
	}
	if !IsPredefinedArg("HTTP_PROXY") || !IsPredefinedArg("TARGETOS") || IsPredefinedArg("HOME") {
		t.Error("IsPredefinedArg")
	}
	if g.Defined("HTTP_PROXY") {
		t.Error("proxy args are not Dockerfile variables")
	}
}

func TestVarsPreambleAndEachScope(t *testing.T) {
	f := mustParse(t, `ARG A=1
ARG B=${A}2
FROM alpine
ENV X=1
RUN a
FROM alpine
RUN b
`)
	if s := f.VarsAt(at(t, f, 2), nil); !s.Defined("A") || s.Defined("B") {
		t.Error("a meta ARG sees the ARGs above it only")
	}
	if v, _ := f.GlobalScope(nil).Get("B"); v != "12" {
		t.Errorf("B = %q", v)
	}
	var got []string
	f.EachScope(nil, func(in *Instruction, s *Scope) {
		_, x := s.Get("X")
		got = append(got, in.Cmd+":"+map[bool]string{true: "X", false: "-"}[x])
	})
	want := []string{"env:-", "run:X", "run:-"}
	if !slices.Equal(got, want) {
		t.Errorf("EachScope = %v, want %v", got, want)
	}
}

func TestVarsExpandRawHeredoc(t *testing.T) {
	f := mustParse(t, "FROM alpine\nENV A=1\nCOPY <<EOF /x\n'$A' $HOME\nEOF\n")
	s := f.VarsAt(at(t, f, 3), nil)
	e := s.ExpandRaw("'$A' $HOME\n")
	if e.Value != "'1' \n" || !slices.Equal(e.Undefined, []string{"HOME"}) {
		t.Errorf("raw expansion = %+v", e)
	}
}

func TestLocalCheckCommentDoesNotPanic(t *testing.T) {
	f := mustParse(t, "FROM alpine:3.20\n# check=skip=WorkdirRelativePath\nWORKDIR app\nONBUILD RUN true\n")
	if len(f.Stages) != 1 || len(f.Stages[0].Instructions) != 2 {
		t.Fatalf("stages = %+v", f.Stages)
	}
}

// A value that grows at every ENV is worked out until its substitutions pass
// maxSubstitution bytes; from then on it is unknown, every value made from
// it is unknown too, and none of them grows any more. Values under the
// bound expand as before.
func TestGrowingValuesBecomeUnknown(t *testing.T) {
	const n = 6000 // ENV PATH=$PATH:/x grows PATH by 3 bytes a line: past the bound after about 5,400
	src := "FROM alpine:3.20\nARG BIG=" + strings.Repeat("b", maxSubstitution-100) + "\nENV OK=$BIG\n" +
		strings.Repeat("ENV PATH=$PATH:/x\n", n) + "ENV DERIVED=${PATH}y\nENV FRESH=/z\nRUN echo\n"
	f := mustParse(t, src)
	s := f.VarsAt(at(t, f, n+6), nil)
	if v, ok := s.Lookup("OK"); !ok || v.Unknown || len(v.Value) != maxSubstitution-100 {
		t.Errorf("a value just under the bound: unknown %v, %d bytes", v.Unknown, len(v.Value))
	}
	for _, name := range []string{"PATH", "DERIVED"} {
		if v, ok := s.Lookup(name); !ok || !v.Unknown || v.Value != "" {
			t.Errorf("%s: unknown %v, %d bytes; want unknown and empty", name, v.Unknown, len(v.Value))
		}
	}
	if v, _ := s.Lookup("FRESH"); v.Unknown || v.Value != "/z" {
		t.Errorf("a fresh value after them: %+v", v)
	}
	if e := s.Expand("$PATH/bin"); !errors.Is(e.Err, errUnknownValue) {
		t.Errorf("expanding an unknown variable: err %v", e.Err)
	}
	// How far it got: the last known PATH is under the bound.
	known := 0
	f.EachScope(nil, func(in *Instruction, sc *Scope) {
		if v, ok := sc.Lookup("PATH"); ok && !v.Unknown {
			known = max(known, len(v.Value))
		}
	})
	if known == 0 || known > maxSubstitution+4 {
		t.Errorf("longest known PATH: %d bytes", known)
	}

	// The same through File.Expand and a map of values, as the rules keep them.
	vars := map[string]string{}
	for range n {
		vars["P"], _ = f.Expand("$P:/x", vars)
	}
	if vars["P"] != unknownValue {
		t.Errorf("P grew to %d bytes", len(vars["P"]))
	}
	if v, unresolved := f.Expand("${P}/bin", vars); !unresolved || v != unknownValue {
		t.Errorf("expanding P: %q, unresolved %v", v, unresolved)
	}
}
