package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

func shParseDockerfile(t *testing.T, src string) *parser.Document {
	t.Helper()
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	if doc.Dockerfile == nil {
		t.Fatal("no Dockerfile")
	}
	return doc
}

// scriptsOf reconstructs every ShellCheck script of a Dockerfile, each as
// text with a "<line>|" prefix naming the Dockerfile line (0 for added lines).
func shScriptsOf(t *testing.T, src string) []string {
	t.Helper()
	doc := shParseDockerfile(t, src)
	var out []string
	for _, r := range shRunsOf(doc.Dockerfile) {
		for _, s := range shellcheckScripts(doc.Dockerfile, r) {
			var sb strings.Builder
			for _, l := range s.lines {
				if strings.HasPrefix(l.text, "export ") && strings.Contains(strings.ToLower(l.text), "proxy") {
					continue
				}
				fmt.Fprintf(&sb, "%d|%s\n", l.line, l.text)
			}
			out = append(out, sb.String())
		}
	}
	return out
}

func TestShellCheckScripts(t *testing.T) {
	src := "FROM debian:12.6 AS base\n" + // 1
		"ARG VERSION=1\n" + // 2
		"ENV app_home=/app\n" + // 3
		"RUN --mount=type=cache,target=/x echo $VERSION \\\n" + // 4
		"# a comment inside the continuation\n" + // 5
		"\n" + // 6
		"  && echo done\n" + // 7
		"FROM base\n" + // 8
		"SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" + // 9
		"ONBUILD RUN echo $app_home\n" + // 10
		"RUN <<EOF\n" + // 11
		"set -e\n" + // 12
		"echo $VERSION\n" + // 13
		"EOF\n" + // 14
		"RUN <<EOF\n" + // 15
		"#!/usr/bin/env python3\n" + // 16
		"print(1)\n" + // 17
		"EOF\n" + // 18
		"RUN cat <<EOF > /x\n" + // 19
		"$HOME\n" + // 20
		"EOF\n" + // 21
		"RUN [\"sh\", \"-c\", \"echo $x\"]\n" // 22
	got := shScriptsOf(t, src)
	want := []string{
		"0|#!/bin/sh\n0|export VERSION\n0|export app_home\n" +
			"4|                                 echo $VERSION \\\n7|  && echo done\n",
		// Stage 1 derives from base: its ARG/ENV names are still declared
		// (ENV is inherited), and the SHELL is bash.
		"0|#!/bin/bash\n0|export VERSION\n0|export app_home\n10|            echo $app_home\n",
		"0|#!/bin/bash\n0|export VERSION\n0|export app_home\n12|set -e\n13|echo $VERSION\n",
		"0|#!/bin/bash\n0|export VERSION\n0|export app_home\n19|    cat <<EOF > /x\n20|$HOME\n21|EOF\n",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d scripts, want %d:\n%s", len(got), len(want), strings.Join(got, "----\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("script %d:\ngot:\n%s\nwant:\n%s", i, got[i], want[i])
		}
	}
}

func TestShellCheckScriptsSkipped(t *testing.T) {
	for _, src := range []string{
		"FROM alpine:3.20\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN echo $x\n",
		"FROM windows:1\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host $env:x\n",
		"FROM alpine:3.20\nRUN [\"echo\", \"$x\"]\n",
	} {
		if got := shScriptsOf(t, src); len(got) != 0 {
			t.Errorf("%q: got scripts %q, want none", src, got)
		}
	}
}

func TestShellCheckEscapeBacktick(t *testing.T) {
	src := "# escape=`\nFROM alpine:3.20\nRUN echo a `\n    b\n"
	got := shScriptsOf(t, src)
	want := "0|#!/bin/sh\n3|    echo a \\\n4|    b\n"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestShellCheckMissing(t *testing.T) {
	opts := &Options{RuleOptions: map[string]map[string]any{"shellcheck": {"path": "/nonexistent/dlint-test/shellcheck"}}}
	if ShellCheckAvailable(opts) {
		t.Fatal("ShellCheckAvailable with a missing path = true")
	}
	doc := shParseDockerfile(t, "FROM alpine:3.20\nRUN echo $x\n")
	cfg := onlyRule(shellcheckRule)
	cfg.Options = *opts
	if fs := Run(doc, cfg); len(fs) != 0 {
		t.Errorf("findings without shellcheck: %v", fs)
	}
}

type scWant struct {
	code       string
	start, end source.Position
	sev        Severity
}

func TestShellCheckPositions(t *testing.T) {
	if !ShellCheckAvailable(nil) {
		t.Skip("shellcheck is not installed")
	}
	src := "FROM debian:12.6\n" + // 1
		"ARG version=1.2\n" + // 2
		"RUN --mount=type=cache,target=/root/.cache echo \"$version\" \\\n" + // 3
		"    && cp /src $target \\\n" + // 4
		"# comment\n" + // 5
		"    && echo ok\n" + // 6
		"RUN <<EOF\n" + // 7
		"set -e\n" + // 8
		"\tcp /a $dst\n" + // 9
		"EOF\n" + // 10
		"ONBUILD RUN echo ünï $onb\n" + // 11
		"RUN echo $HOME $version\n" // 12
	doc := shParseDockerfile(t, src)
	fs := Run(doc, onlyRule(shellcheckRule))
	pos := func(l, c int) source.Position { return source.Position{Line: l, Column: c} }
	want := []scWant{
		{"SC2086", pos(4, 16), pos(4, 23), Info},
		{"SC2154", pos(4, 16), pos(4, 23), Warning},
		{"SC2086", pos(9, 8), pos(9, 12), Info},
		{"SC2154", pos(9, 8), pos(9, 12), Warning},
		{"SC2086", pos(11, 22), pos(11, 26), Info},
		{"SC2154", pos(11, 22), pos(11, 26), Warning},
		{"SC2086", pos(12, 10), pos(12, 15), Info},
		// Build arguments are declared without a value: quoting still matters.
		{"SC2086", pos(12, 16), pos(12, 24), Info},
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %v-%v %s", strings.SplitN(f.Message, ":", 2)[0], f.Range.Start, f.Range.End, f.Severity))
	}
	var exp []string
	for _, w := range want {
		exp = append(exp, fmt.Sprintf("%s %v-%v %s", w.code, w.start, w.end, w.sev))
	}
	if strings.Join(got, "\n") != strings.Join(exp, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(exp, "\n"))
	}
	// ShellCheck's own fix for SC2086 becomes an unsafe fix quoting the word.
	for _, f := range fs {
		if strings.HasPrefix(f.Message, "SC2086") && f.Range.Start.Line == 4 {
			if len(f.Fixes) != 1 || f.Fixes[0].Safe || len(f.Fixes[0].Edits) != 2 {
				t.Fatalf("fixes = %+v", f.Fixes)
			}
			e := f.Fixes[0].Edits
			if e[0].Range.Start != pos(4, 16) || e[0].NewText != `"` || e[1].Range.Start != pos(4, 23) || e[1].NewText != `"` {
				t.Errorf("edits = %+v", e)
			}
		}
	}
}

func TestShellCheckExcludeOption(t *testing.T) {
	if !ShellCheckAvailable(nil) {
		t.Skip("shellcheck is not installed")
	}
	doc := shParseDockerfile(t, "FROM alpine:3.20\nRUN echo $x\n")
	cfg := onlyRule(shellcheckRule)
	cfg.Options.RuleOptions = map[string]map[string]any{"shellcheck": {"exclude": []any{"SC2086", "2154"}}}
	if fs := Run(doc, cfg); len(fs) != 0 {
		t.Errorf("excluded codes still reported: %v", fs)
	}
}

// fakeShellCheck writes an executable script standing in for shellcheck.
func fakeShellCheck(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	p := filepath.Join(t.TempDir(), "shellcheck")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestShellCheckFake checks the mapping and the options without needing
// ShellCheck: a stand-in prints a fixed json1 report.
func TestShellCheckFake(t *testing.T) {
	// Script run0.sh is: shebang, 10 proxy declarations, then the RUN's lines.
	report := `{"comments":[` +
		`{"file":"run0.sh","line":13,"endLine":13,"column":10,"endColumn":14,"level":"style","code":2006,"message":"Use $(...).","fix":null},` +
		`{"file":"run0.sh","line":1,"endLine":1,"column":1,"endColumn":2,"level":"error","code":1000,"message":"added line","fix":null},` +
		`{"file":"other.sh","line":12,"endLine":12,"column":1,"endColumn":2,"level":"error","code":1001,"message":"unknown file","fix":null}]}`
	exe := fakeShellCheck(t, "cat <<'J'\n"+report+"\nJ\nexit 1\n")
	doc := shParseDockerfile(t, "FROM alpine:3.20\nRUN echo a \\\n && echo b\n")
	cfg := onlyRule(shellcheckRule)
	cfg.Options.RuleOptions = map[string]map[string]any{"shellcheck": {"path": exe}}
	fs := Run(doc, cfg)
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	f := fs[0]
	if f.Message != "SC2006: Use $(...)." || f.Severity != Style ||
		f.Range.Start != (source.Position{Line: 3, Column: 10}) || f.Range.End != (source.Position{Line: 3, Column: 14}) {
		t.Errorf("finding = %+v", f)
	}
}

func TestShellCheckTimeout(t *testing.T) {
	exe := fakeShellCheck(t, "exec sleep 10\n")
	doc := shParseDockerfile(t, "FROM alpine:3.20\nRUN echo $x\n")
	cfg := onlyRule(shellcheckRule)
	cfg.Options.RuleOptions = map[string]map[string]any{"DL5190": {"path": exe, "timeout": "200ms"}}
	start := time.Now()
	if fs := Run(doc, cfg); len(fs) != 0 {
		t.Errorf("findings = %+v", fs)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the timeout was not applied: %v", d)
	}
}
