package rules_test

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"
	"mvdan.cc/sh/v3/syntax"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/dockerignore"
	"github.com/dlint/dlint/rules"
)

// FuzzFixDockerfile: fixing any Dockerfile ends, never breaks a file that
// parsed, and a second round changes nothing. And the fixes keep what they
// do not mean to change, as BuildKit reads it: the instructions, every ENV
// and LABEL pair, the flags and sources of COPY and ADD, every word of
// every script, the instructions a round does not edit; and each rule's
// fix does what it says: DL5400–DL5406 change case only, DL3025 writes the
// shell's words, DL3000 the path BuildKit would reach, DL4000 the
// MAINTAINER text.
func FuzzFixDockerfile(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fixtures/DL*/*.Dockerfile")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	noShellCheck := &rules.Config{Disabled: func(r *rules.Rule, _ string) bool { return r.ID == "DL5190" }}
	lint := func(b []byte) []rules.Finding {
		return rules.Run(parser.Parse("Dockerfile", b, parser.Dockerfile, parser.Options{}), noShellCheck)
	}
	parses := func(b []byte) bool {
		return len(parser.Parse("Dockerfile", b, parser.Dockerfile, parser.Options{}).Errors) == 0
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
		out, applied := fix.Converge("Dockerfile", src, lint, true)
		if !parses(src) {
			return
		}
		if !parses(out) {
			t.Fatalf("fixing broke the file:\n%s\n---\n%s", src, out)
		}
		before, after := summaryOf(src), summaryOf(out)
		if len(before.instructions) != len(after.instructions) {
			t.Fatalf("fixing changed the instructions %v to %v:\n%s\n---\n%s", before.instructions, after.instructions, src, out)
		}
		switch {
		case slices.ContainsFunc(applied, func(f rules.Finding) bool { return f.Rule.ID == "DL4000" }):
			// MAINTAINER became a label.
		case slices.ContainsFunc(applied, func(f rules.Finding) bool { return f.Rule.ID == "DL3048" }):
			// Label keys were lower-cased: the pairs are the same but for that.
			if !slices.Equal(lowerKeys(before.pairs), lowerKeys(after.pairs)) {
				t.Fatalf("fixing changed ENV or LABEL pairs %q to %q:\n%s\n---\n%s", before.pairs, after.pairs, src, out)
			}
		case !slices.Equal(before.pairs, after.pairs):
			t.Fatalf("fixing changed ENV or LABEL pairs %q to %q:\n%s\n---\n%s", before.pairs, after.pairs, src, out)
		}
		// COPY and ADD keep their sources and flags; the destination may
		// gain a trailing slash (DL3021), ADD may become COPY (DL3020).
		for i, c := range before.copies {
			if c.raw != "" && after.copies[i] != c && !slashed(c, after.copies[i]) {
				t.Fatalf("fixing changed a COPY or ADD: %+v became %+v:\n%s\n---\n%s", c, after.copies[i], src, out)
			}
		}
		// Fixes of scripts add words (flags, a cleanup command) and take
		// none away.
		for i, words := range before.scripts {
			if words != nil && after.scripts[i] != nil && !isSubsequence(words, after.scripts[i]) {
				t.Fatalf("fixing took words from a script: %q became %q:\n%s\n---\n%s", words, after.scripts[i], src, out)
			}
		}
		if again, applied := fix.Converge("Dockerfile", out, lint, true); len(applied) > 0 && string(again) != string(out) {
			t.Fatalf("a second round changed the file:\n%s\n---\n%s", out, again)
		}
		checkExecForm(t, src)
		checkAbsoluteWorkdir(t, src)
		checkMaintainerLabel(t, src)
		checkPlatformFlag(t, src)
		// One round of fixes leaves every instruction it does not edit as
		// BuildKit reads it.
		once, applied := fix.Apply("Dockerfile", src, lint(src), true)
		if len(applied) > 0 && parses(once) {
			b, a := nodesOf(t, src), nodesOf(t, once)
			for i := range min(len(b), len(a)) {
				if b[i].text != a[i].text && !edits(applied, b[i].start, b[i].end) {
					t.Fatalf("a fix changed an instruction it does not edit, %s to %s:\n%s\n---\n%s", b[i].text, a[i].text, src, once)
				}
			}
		}
		// The casing fixes alone change the case of letters and nothing
		// else, and BuildKit reads the file as before but for that case.
		cased, applied := fix.Converge("Dockerfile", src, lintOnly(casingRules), true)
		if len(applied) > 0 && (!strings.EqualFold(string(src), string(cased)) || len(src) != len(cased) ||
			!strings.EqualFold(astOf(t, src), astOf(t, cased))) {
			t.Fatalf("a casing fix changed more than case:\n%s\n---\n%s", src, cased)
		}
	})
}

// casingRules fix the case of words BuildKit reads in any case: keywords,
// AS, stage names, EXPOSE protocols.
var casingRules = map[string]bool{"DL5400": true, "DL5401": true, "DL5402": true, "DL5406": true}

// lintOnly lints with the rules of ids alone.
func lintOnly(ids map[string]bool) func([]byte) []rules.Finding {
	return func(b []byte) []rules.Finding {
		all := rules.Run(parser.Parse("Dockerfile", b, parser.Dockerfile, parser.Options{}), &rules.Config{
			Disabled: func(r *rules.Rule, _ string) bool { return !ids[r.ID] },
		})
		return slices.DeleteFunc(all, func(f rules.Finding) bool { return !ids[f.Rule.ID] })
	}
}

// checkExecForm holds DL3025's fix to writing the words the shell would
// have run, a leading exec left out.
func checkExecForm(t *testing.T, src []byte) {
	before, after, out := fixedBy(t, src, "DL3025")
	if before == nil {
		return
	}
	for i, in := range before.Instructions {
		was, now := cmdLineOf(in.Command), cmdLineOf(after.Instructions[i].Command)
		if was == nil || now == nil || !was.PrependShell || now.PrependShell {
			continue
		}
		var words []string
		file, err := syntax.NewParser().Parse(strings.NewReader(strings.Join(was.CmdLine, " ")), "")
		if err == nil && len(file.Stmts) == 1 {
			if call, ok := file.Stmts[0].Cmd.(*syntax.CallExpr); ok && len(file.Stmts[0].Redirs) == 0 && len(call.Assigns) == 0 {
				for _, w := range call.Args {
					words = append(words, w.Lit())
				}
			}
		}
		if len(words) > 1 && words[0] == "exec" {
			words = words[1:]
		}
		if !slices.Equal(words, now.CmdLine) || slices.Contains(words, "") {
			t.Fatalf("DL3025 wrote %q for the shell's words %q:\n%s\n---\n%s", now.CmdLine, words, src, out)
		}
	}
}

// checkAbsoluteWorkdir holds DL3000's fix to writing the path BuildKit
// would have reached from the base image's working directory ("/" or
// "/go" for the images the fix knows).
func checkAbsoluteWorkdir(t *testing.T, src []byte) {
	before, after, out := fixedBy(t, src, "DL3000")
	if before == nil {
		return
	}
	lex := bkshell.NewLex(before.Escape)
	for i, in := range before.Instructions {
		was, ok1 := in.Command.(*instructions.WorkdirCommand)
		now, ok2 := after.Instructions[i].Command.(*instructions.WorkdirCommand)
		if !ok1 || !ok2 || was.Path == now.Path {
			continue
		}
		w, _, err1 := lex.ProcessWord(was.Path, fixEnv{})
		n, _, err2 := lex.ProcessWord(now.Path, fixEnv{})
		if err1 != nil || err2 != nil || path.Clean(n) != path.Join("/", w) && path.Clean(n) != path.Join("/go", w) {
			t.Fatalf("DL3000 wrote WORKDIR %s (%q, %v) for %s (%q, %v):\n%s\n---\n%s", now.Path, n, err2, was.Path, w, err1, src, out)
		}
	}
}

// checkMaintainerLabel holds DL4000's fix to a label that holds the
// MAINTAINER text exactly, as BuildKit reads the label.
func checkMaintainerLabel(t *testing.T, src []byte) {
	before, after, out := fixedBy(t, src, "DL4000")
	if before == nil {
		return
	}
	lex := bkshell.NewLex(before.Escape)
	for i, in := range before.Instructions {
		m, ok := in.Command.(*instructions.MaintainerCommand)
		if !ok {
			continue
		}
		if _, still := after.Instructions[i].Command.(*instructions.MaintainerCommand); still {
			continue // not fixed
		}
		l, ok := after.Instructions[i].Command.(*instructions.LabelCommand)
		if !ok || len(l.Labels) != 1 {
			t.Fatalf("DL4000 made MAINTAINER %q something else than one label:\n%s\n---\n%s", m.Maintainer, src, out)
		}
		v, _, err := lex.ProcessWord(l.Labels[0].Value, fixEnv{})
		if err != nil || v != m.Maintainer {
			t.Fatalf("DL4000 wrote the label %q (%q, %v) for MAINTAINER %q:\n%s\n---\n%s", l.Labels[0].Value, v, err, m.Maintainer, src, out)
		}
	}
}

// checkPlatformFlag holds DL3065's fix to removing --platform from a FROM
// and nothing else: the stages keep their images, names and other flags.
func checkPlatformFlag(t *testing.T, src []byte) {
	before, after, out := fixedBy(t, src, "DL3065")
	if before == nil {
		return
	}
	if len(before.Stages) != len(after.Stages) {
		t.Fatalf("DL3065's fix changed the stages:\n%s\n---\n%s", src, out)
	}
	flagsOf := func(in *dockerfile.Instruction) (kept []string, platform string, has bool) {
		for _, fl := range in.Flags {
			if fl.Name == "platform" {
				platform, has = fl.Value, true
			} else {
				kept = append(kept, fl.Name+"="+fl.Value)
			}
		}
		return kept, platform, has
	}
	for i, st := range before.Stages {
		now := after.Stages[i]
		keptB, platB, _ := flagsOf(st.From)
		keptA, platA, hasA := flagsOf(now.From)
		if st.Name != now.Name || st.From.Args[0] != now.From.Args[0] || !slices.Equal(keptB, keptA) || hasA && platA != platB {
			t.Fatalf("DL3065 changed FROM %q into FROM %q:\n%s\n---\n%s", st.From.Args, now.From.Args, src, out)
		}
	}
}

// fixedBy applies the fixes of rule id alone to src until they converge,
// and returns the file before and after; nil when it has nothing to fix.
// The fixes must leave the instructions parsing, as many as before.
func fixedBy(t *testing.T, src []byte, id string) (before, after *dockerfile.File, out []byte) {
	out, applied := fix.Converge("Dockerfile", src, lintOnly(map[string]bool{id: true}), true)
	if len(applied) == 0 {
		return nil, nil, nil
	}
	before, _ = dockerfile.Parse(src, dockerfile.Options{})
	after, errs := dockerfile.Parse(out, dockerfile.Options{})
	if len(errs) > 0 || len(before.Instructions) != len(after.Instructions) {
		t.Fatalf("%s's fix broke the file:\n%s\n---\n%s", id, src, out)
	}
	return before, after, out
}

func cmdLineOf(cmd any) *instructions.ShellDependantCmdLine {
	switch c := cmd.(type) {
	case *instructions.CmdCommand:
		return &c.ShellDependantCmdLine
	case *instructions.EntrypointCommand:
		return &c.ShellDependantCmdLine
	}
	return nil
}

// astOf is BuildKit's syntax tree of a Dockerfile that parses, heredocs
// included.
func astOf(t *testing.T, src []byte) string {
	var b strings.Builder
	for _, n := range nodesOf(t, src) {
		b.WriteString(n.text)
		b.WriteByte('\n')
	}
	return b.String()
}

type nodeSummary struct {
	start, end int    // lines
	text       string // BuildKit's dump of the instruction, heredocs included
}

// nodesOf is each instruction of a Dockerfile that parses as BuildKit reads it.
func nodesOf(t *testing.T, src []byte) []nodeSummary {
	res, err := bkparser.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("BuildKit cannot parse a file dlint parses: %v\n%s", err, src)
	}
	var out []nodeSummary
	for _, n := range res.AST.Children {
		var b strings.Builder
		b.WriteString(n.Dump())
		for _, h := range n.Heredocs {
			fmt.Fprintf(&b, " <<%q %q", h.Name, h.Content)
		}
		out = append(out, nodeSummary{start: n.StartLine, end: n.EndLine, text: b.String()})
	}
	return out
}

// edits reports whether a fix of the findings edits lines start to end.
func edits(findings []rules.Finding, start, end int) bool {
	for _, f := range findings {
		for _, e := range f.Fixes[0].Edits {
			last := max(e.Range.End.Line, e.Range.Start.Line)
			if e.Range.Start.Line <= end && last >= start {
				return true
			}
		}
	}
	return false
}

// lowerKeys is pairs (key=value) with their keys lower-cased, as DL3048's
// fix writes label keys.
func lowerKeys(pairs []string) []string {
	out := make([]string, len(pairs))
	for i, kv := range pairs {
		k, v, _ := strings.Cut(kv, "=")
		out[i] = strings.ToLower(k) + "=" + v
	}
	return out
}

type fuzzSummary struct {
	instructions []string // the keyword of each instruction, lower-cased
	pairs        []string // each ENV and LABEL pair, key=value, as BuildKit's lexer reads them
	// scripts holds for each instruction the words of its shell script
	// (nil without one), `apt` written as the `apt-get` DL3027 makes it
	// (`/usr/bin/apt` as `/usr/bin/apt-get`),
	// words with blanks left out.
	scripts [][]string
	copies  []copied // for each instruction; zero but for COPY and ADD
}

// slashed reports whether a is b with a slash added to its destination,
// as written (after a variable: $DEST/) or as read (inside quotes: "a b/");
// an empty destination gains none, which would make it the root.
func slashed(b, a copied) bool {
	return a.raw == b.raw+"/" || a.read == b.read+"/" && b.read != b.flags
}

// copied is a COPY or ADD: its flags and sources, then its destination
// as written (raw) and as BuildKit's lexer reads it (read).
type copied struct {
	flags, raw, read string
}

func isSubsequence(a, b []string) bool {
	for _, w := range b {
		if len(a) > 0 && a[0] == w {
			a = a[1:]
		}
	}
	return len(a) == 0
}

// pairsOf summarises a Dockerfile that parses.
func summaryOf(src []byte) fuzzSummary {
	f, _ := dockerfile.Parse(src, dockerfile.Options{})
	var s fuzzSummary
	lex := bkshell.NewLex(f.Escape)
	// A word BuildKit cannot process stays one it cannot process; the
	// error quotes the word as written, which a fix may quote differently.
	read := func(w string) string {
		v, _, err := lex.ProcessWord(w, fixEnv{})
		if err != nil {
			return "(error)"
		}
		return v
	}
	for _, in := range f.Instructions {
		s.instructions = append(s.instructions, strings.ToLower(in.Keyword))
		var words []string
		if in.Script != nil {
			words = []string{}
			for _, c := range in.Script.Commands {
				name := c.Name.Value
				if path.Base(name) == "apt" {
					name = strings.TrimSuffix(name, "apt") + "apt-get"
				}
				words = append(words, name)
				if c.Wraps != nil {
					continue // sudo, env, xargs: the command they run is listed with its own words
				}
				for _, w := range append(c.Assigns, c.Args...) {
					// A word with blanks may be a script of its own
					// (sh -c '…'): its commands are listed too.
					if !strings.ContainsAny(w.Value, " \t\n") {
						words = append(words, w.Value)
					}
				}
			}
		}
		s.scripts = append(s.scripts, words)
		var sd *instructions.SourcesAndDest
		switch c := in.Command.(type) {
		case *instructions.CopyCommand:
			sd = &c.SourcesAndDest
		case *instructions.AddCommand:
			sd = &c.SourcesAndDest
		}
		var c copied
		if sd != nil {
			var flags []string
			for _, fl := range in.Flags {
				v := fl.Value
				if fl.Name == "from" {
					v = strings.ToLower(v) // stage names are read in any case (DL5400 lower-cases them)
				}
				flags = append(flags, fl.Name+"="+v)
			}
			c.flags = fmt.Sprintf("%q %q %+v ", flags, sd.SourcePaths, sd.SourceContents)
			c.raw, c.read = c.flags+sd.DestPath, c.flags+read(sd.DestPath)
		}
		s.copies = append(s.copies, c)
		for _, kv := range keyValues(in.Command) {
			s.pairs = append(s.pairs, read(kv.Key)+"="+read(kv.Value))
		}
	}
	return s
}

// addFixtureSeeds seeds f with the fixtures glob names, their want lines
// taken out.
func addFixtureSeeds(f *testing.F, glob string) {
	paths, _ := filepath.Glob(glob)
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(wantLine.ReplaceAll(b, nil))
		}
	}
}

// FuzzFixDockerignore: every finding lies inside the file; fixing any
// ignore file ends, adds no parse error, leaves out of the build context
// exactly the paths it left out before (the fixes of a lone ignore file
// only tidy it), and a second round changes nothing.
func FuzzFixDockerignore(f *testing.F) {
	addFixtureSeeds(f, "../testdata/fixtures/DI*/*.dockerignore")
	lint := func(b []byte) []rules.Finding {
		return rules.Run(parser.Parse(".dockerignore", b, parser.DockerIgnore, parser.Options{}), nil)
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
		for _, fd := range lint(src) {
			rules.CheckFindingRanges(t, fd, src)
		}
		out, _ := fix.Converge(".dockerignore", src, lint, true)
		before, errsBefore := dockerignore.Parse(src)
		after, errsAfter := dockerignore.Parse(out)
		if len(errsAfter) > len(errsBefore) {
			t.Fatalf("fixing added parse errors %v:\n%s\n---\n%s", errsAfter, src, out)
		}
		for _, p := range ignoreProbes(before) {
			if before.Excludes(p) != after.Excludes(p) {
				t.Fatalf("fixing changed whether %q is left out (%v before):\n%s\n---\n%s", p, before.Excludes(p), src, out)
			}
		}
		if again, applied := fix.Converge(".dockerignore", out, lint, true); len(applied) > 0 && string(again) != string(out) {
			t.Fatalf("a second round changed the file:\n%s\n---\n%s", out, again)
		}
	})
}

// ignoreProbes are paths that the patterns of f may decide: each pattern
// with its wildcards written as plain letters, each of its parents, and a
// path inside it.
func ignoreProbes(f *dockerignore.File) []string {
	literal := strings.NewReplacer("**", "a", "*", "a", "?", "a", "[", "", "]", "", "\\", "")
	var out []string
	for _, p := range f.Patterns {
		path := strings.Trim(literal.Replace(p.Cleaned), "/")
		if path == "" || path == "." {
			continue
		}
		out = append(out, path, path+"/x")
		for dir := path; strings.Contains(dir, "/"); {
			dir = dir[:strings.LastIndexByte(dir, '/')]
			out = append(out, dir)
		}
	}
	return out
}

// FuzzFixDaemonJSON: fixing any daemon.json ends, never breaks a file that
// parsed, a second round changes nothing, and the configuration dockerd
// reads changes only as the applied fixes say (sameDaemonConfig).
func FuzzFixDaemonJSON(f *testing.F) {
	addFixtureSeeds(f, "../testdata/fixtures/DD*/*.daemon.jsonc")
	flags := "dockerd -H fd:// --log-driver=json-file -D"
	cfg := &rules.Config{Options: rules.Options{DaemonFlags: &flags}}
	lint := func(b []byte) []rules.Finding {
		return rules.Run(parser.Parse("daemon.json", b, parser.DaemonJSON, parser.Options{}), cfg)
	}
	parses := func(b []byte) bool {
		return len(parser.Parse("daemon.json", b, parser.DaemonJSON, parser.Options{}).Errors) == 0
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
		out, applied := fix.Converge("daemon.json", src, lint, true)
		if again, applied := fix.Converge("daemon.json", out, lint, true); len(applied) > 0 && string(again) != string(out) {
			t.Fatalf("a second round changed the file:\n%s\n---\n%s", out, again)
		}
		if !parses(src) {
			return
		}
		if !parses(out) {
			t.Fatalf("fixing broke the file:\n%s\n---\n%s", src, out)
		}
		before, err := readJSONTree(src)
		if err != nil {
			return // UTF-16 or all white space: nothing a fix could change
		}
		after, err := readJSONTree(out)
		if err != nil {
			t.Fatalf("dockerd's decoder cannot read the fixed file (%v):\n%s\n---\n%s", err, src, out)
		}
		if why := sameDaemonConfig(before, after, daemonFixesOf(applied)); why != "" {
			t.Fatalf("fixing changed the configuration: %s\n%s\n---\n%s", why, src, out)
		}
	})
}
