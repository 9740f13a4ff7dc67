package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dlint/dlint/parser"
)

func TestLocalCheckComments(t *testing.T) {
	cases := []struct {
		comments []string
		name     string
		want     bool
	}{
		{[]string{"check=skip=UndefinedVar"}, "UndefinedVar", true},
		{[]string{"CHECK = skip=UndefinedVar"}, "UndefinedVar", true},
		{[]string{"check=skip=all // reason"}, "FromAsCasing", true},
		{[]string{"check=skip=A, UndefinedVar"}, "UndefinedVar", false}, // cut at the first space
		{[]string{"a plain comment", "check=skip=UndefinedVar"}, "UndefinedVar", true},
		{[]string{"check=bogus=1"}, "UndefinedVar", false},
		{[]string{"check=skip=UndefinedVar"}, "undefinedvar", false}, // names are case-sensitive
		{nil, "UndefinedVar", false},
	}
	for _, c := range cases {
		if got := bkLocallySkipped(c.name, c.comments); got != c.want {
			t.Errorf("bkLocallySkipped(%q, %q) = %v, want %v", c.name, c.comments, got, c.want)
		}
	}
}

func TestExperimentalConfig(t *testing.T) {
	src := "FROM alpine:3.20\n# the stage\nFROM alpine:3.20 AS b\n"
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	on := func(opts Options) int {
		cfg := onlyRule(definitionDescription)
		cfg.Options = opts
		return len(Run(doc, cfg))
	}
	if n := on(Options{}); n != 0 {
		t.Errorf("experimental check ran without being enabled: %d findings", n)
	}
	if n := on(Options{BuildArgs: map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "experimental=all"}}); n != 1 {
		t.Errorf("BUILDKIT_DOCKERFILE_CHECK=experimental=all: %d findings, want 1", n)
	}
}

func TestLocalCheckSkipHook(t *testing.T) {
	src := "FROM alpine:3.20\n# check=skip=CopyIgnoredFile\nCOPY secret.txt /\n"
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	other := &Rule{ID: "DI9999", Name: "copy-ignored", Aliases: []string{"CopyIgnoredFile"}}
	f := Finding{Rule: other, Range: doc.Dockerfile.Instructions[1].Range}
	if !localCheckSkip(doc, f) {
		t.Error("a local check=skip comment should silence the finding of a rule with that BuildKit name")
	}
	f.Rule = undefinedVar // applies local comments itself
	if localCheckSkip(doc, f) {
		t.Error("rules of registry_buildkit.go apply local comments themselves")
	}
}

// fileCheckOf hands BuildKit only the lines that may hold directives; what
// it finds must be what BuildKit finds in the whole file.
func TestFileCheckReadsWhatBuildKitReads(t *testing.T) {
	for _, src := range []string{
		"# check=skip=JSONArgsRecommended\nFROM alpine\n",
		"\xEF\xBB\xBF# check=skip=all\nFROM alpine\n",
		"#!/usr/bin/env docker-build\n# check=skip=StageNameCasing\nFROM alpine\n",
		"# syntax=docker/dockerfile:1\r\n# check=error=true;skip=A,B\r\nFROM alpine\r\n",
		"\n# check=skip=all\nFROM alpine\n",
		"  # check=skip=all\nFROM alpine\n",
		"# a comment\n# check=skip=all\nFROM alpine\n",
		"FROM alpine\n# check=skip=all\n",
		"# check=skip=all",
		"# check=skip=all\n",
		"# CHECK=skip=all\nFROM alpine\n",
		"# syntax=x\n# cHeCk = skip=JSONArgsRecommended\nFROM alpine\n",
		"# a comment that names no directive\nFROM alpine\n",
		"",
	} {
		want := checkConfig{}
		if v, _, _, ok := bkparser.ParseDirective("check", []byte(src)); ok {
			want, _ = parseCheck(v)
		}
		got := fileCheckOf([]byte(src), nil)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(checkConfig{})); diff != "" {
			t.Errorf("%q (-BuildKit on the whole file +dlint):\n%s", src, diff)
		}
	}
}
