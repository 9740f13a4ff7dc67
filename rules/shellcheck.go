package rules

// The optional ShellCheck integration: each shell-form RUN script (heredoc
// bodies included) is written out as BuildKit would run it, with a shebang
// for the stage's SHELL and declarations for the ARG and ENV names in
// scope, checked by the `shellcheck` executable in one batch per
// Dockerfile, and every finding is mapped back to its line and column in
// the Dockerfile.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

var shellcheckRule = &Rule{
	ID: "DL5190", Name: "shellcheck", Kind: parser.Dockerfile, Severity: Warning,
	Tags:           []string{TagCorrectness},
	ProgramOptions: []string{"path"},
	Summary:        "ShellCheck reports a problem in a RUN script",
	Doc: "When the `shellcheck` executable is available (on PATH, given by `--shellcheck` or " +
		"`DLINT_SHELLCHECK`, or named by this rule's `path` option: in a configuration file a command " +
		"name looked up on PATH, never a path, since the file can come with the code it checks), " +
		"dlint runs it on every shell-form RUN script " +
		"and heredoc script, as BuildKit runs them: with a shebang for the stage's SHELL (`sh` by " +
		"default, `bash` when SHELL is bash; zsh and non-POSIX shells are skipped) and with the ARG and " +
		"ENV names in scope declared (`export NAME`), so ShellCheck does not report them as unassigned but " +
		"still asks to quote them. Each finding " +
		"keeps ShellCheck's code (`SC2086: …`) and level (error, warning, info, style) and points at " +
		"the exact line and column in the Dockerfile, through line continuations and heredocs. " +
		"SC1090, SC1091 and SC2187 are never reported; more codes can be excluded with the `exclude` " +
		"option, and the `timeout` option (default 60s per Dockerfile) bounds a run. Without ShellCheck the rule is silent. See https://www.shellcheck.net/wiki/ for each code.",
	Bad:   "RUN for f in $(ls *.txt); do cat $f; done",
	Good:  "RUN for f in ./*.txt; do cat \"$f\"; done",
	Check: checkShellCheck,
}

// shellcheckExcluded are never reported: sourcing files that are not
// there to lint (SC1090, SC1091), and SC2187 (ash scripts), as hadolint does.
var shellcheckExcluded = []string{"SC1090", "SC1091", "SC2187"}

// shellcheckTimeout bounds one shellcheck run (one Dockerfile) unless the
// rule's "timeout" option says otherwise (seconds, or a duration: "90s").
const shellcheckTimeout = 60 * time.Second

func shellcheckTimeoutOf(opts *Options) time.Duration {
	v, ok := shellcheckOption(opts, "timeout")
	if !ok {
		return shellcheckTimeout
	}
	switch v := v.(type) {
	case int:
		return time.Duration(v) * time.Second
	case int64:
		return time.Duration(v) * time.Second
	case float64:
		return time.Duration(v * float64(time.Second))
	case string:
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return shellcheckTimeout
}

// shellcheckOption reads an option of the rule, set under "shellcheck" or "DL5190".
func shellcheckOption(opts *Options, key string) (any, bool) {
	if opts == nil {
		return nil, false
	}
	for _, name := range []string{"shellcheck", "DL5190"} {
		if m, ok := opts.RuleOptions[name]; ok {
			if v, ok := m[key]; ok {
				return v, true
			}
		}
	}
	return nil, false
}

var shellcheckLookups sync.Map // name → resolved path ("" when missing)

// shellcheckPath finds the shellcheck executable.
func shellcheckPath(opts *Options) (string, bool) {
	name := "shellcheck"
	if v, ok := shellcheckOption(opts, "path"); ok {
		if s, ok := v.(string); ok && s != "" {
			name = s
		}
	}
	if v, ok := shellcheckLookups.Load(name); ok {
		return v.(string), v.(string) != ""
	}
	p, err := exec.LookPath(name)
	if err != nil {
		p = ""
	}
	shellcheckLookups.Store(name, p)
	return p, p != ""
}

// ShellCheckAvailable reports whether the ShellCheck rule (DL5190) can run:
// the executable named by its "path" option, or `shellcheck` on PATH.
func ShellCheckAvailable(opts *Options) bool {
	_, ok := shellcheckPath(opts)
	return ok
}

// scLine is one line of a reconstructed script and the Dockerfile line it
// comes from (0 for lines dlint adds: the shebang, the declarations).
type scLine struct {
	text string
	line int
}

// scScript is one script to check.
type scScript struct {
	lines []scLine
}

func (s scScript) text() string {
	var sb strings.Builder
	for _, l := range s.lines {
		sb.WriteString(l.text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// shCommandLines returns the lines of a shell-form RUN's command as the
// shell sees them: the keyword and flags blanked (columns keep their place),
// comment lines inside continuations dropped, the escape character at a
// line's end written as a backslash. rest lists the lines after the command
// (heredoc bodies and terminators).
func shCommandLines(f *dockerfile.File, r shRun) (cmd, rest []scLine) {
	in := r.In
	if in.JSON || f == nil {
		return nil, nil
	}
	start, end := in.Range.Start.Line, in.Range.End.Line
	kwEnd := in.KeywordRange.End
	var blanks []source.Range
	blanks = append(blanks, source.Range{Start: source.Position{Line: kwEnd.Line, Column: 1}, End: kwEnd})
	for _, fl := range in.Flags {
		blanks = append(blanks, shFlagRange(r, fl))
	}
	if r.Onbuild != nil && r.Onbuild.KeywordRange.Start.Line == kwEnd.Line {
		blanks = append(blanks, source.Range{Start: source.Position{Line: kwEnd.Line, Column: 1}, End: r.Onbuild.KeywordRange.End})
	}
	cmdEnd := start
	for n := start; n <= end; n++ {
		text := f.Lines.Text(n)
		if n > start && (shIsCommentLine(text) || strings.TrimSpace(text) == "") {
			continue
		}
		text = shBlank(text, n, blanks)
		if t := strings.TrimRight(text, " \t"); strings.HasSuffix(t, string(f.Escape)) {
			cmd = append(cmd, scLine{text: t[:len(t)-utf8.RuneLen(f.Escape)] + `\`, line: n})
			cmdEnd = n
			continue
		}
		cmd = append(cmd, scLine{text: text, line: n})
		cmdEnd = n
		break
	}
	for n := cmdEnd + 1; n <= end; n++ {
		rest = append(rest, scLine{text: f.Lines.Text(n), line: n})
	}
	return cmd, rest
}

func shIsCommentLine(s string) bool { return strings.HasPrefix(strings.TrimLeft(s, " \t"), "#") }

// shBlank replaces with spaces, one per character, the parts of line n
// that the ranges cover.
func shBlank(text string, n int, ranges []source.Range) string {
	runes := []rune(text)
	for _, r := range ranges {
		if r.Start.Line > n || r.End.Line < n || r.Start.Line == 0 {
			continue
		}
		from, to := 0, len(runes)
		if r.Start.Line == n {
			from = r.Start.Column - 1
		}
		if r.End.Line == n {
			to = r.End.Column - 1
		}
		for i := max(from, 0); i < to && i < len(runes); i++ {
			runes[i] = ' '
		}
	}
	return string(runes)
}

// shellcheckDialect is the shebang interpreter ShellCheck understands for a
// shell, "" when ShellCheck cannot check it.
func shellcheckDialect(name string) string {
	switch path.Base(strings.ReplaceAll(name, `\`, "/")) {
	case "sh", "ash", "busybox":
		return "sh"
	case "dash":
		return "dash"
	case "bash":
		return "bash"
	case "ksh", "mksh":
		return "ksh"
	}
	return ""
}

// shellcheckScripts reconstructs the scripts of a RUN: the whole command
// (with its heredocs) when a command runs, or each heredoc body when the
// RUN is only heredocs (BuildKit runs each body as a script, honouring its
// shebang).
func shellcheckScripts(f *dockerfile.File, r shRun) []scScript {
	in := r.In
	if in.JSON || in.Script == nil || len(in.Shell) == 0 {
		return nil
	}
	dialect := shellcheckDialect(in.Shell[0])
	if dialect == "" {
		return nil
	}
	decl := shellcheckDeclarations(r)
	cmd, rest := shCommandLines(f, r)
	if len(cmd) == 0 {
		return nil
	}
	if !shOnlyHeredocs(cmd) || len(in.Heredocs) == 0 {
		lines := append([]scLine{{text: "#!/bin/" + dialect}}, decl...)
		lines = append(lines, cmd...)
		lines = append(lines, rest...)
		return []scScript{{lines: lines}}
	}
	var out []scScript
	for _, h := range in.Heredocs {
		if h.Body.IsZero() || h.Body.End.Line <= h.Body.Start.Line {
			continue
		}
		var body []scLine
		for n := h.Body.Start.Line; n < h.Body.End.Line; n++ {
			body = append(body, scLine{text: f.Lines.Text(n), line: n})
		}
		lines := []scLine{{text: "#!/bin/" + dialect}}
		if first := body[0].text; strings.HasPrefix(first, "#!") {
			interp := strings.Fields(strings.TrimPrefix(first, "#!"))
			if len(interp) == 0 {
				continue
			}
			name := interp[0]
			if path.Base(name) == "env" && len(interp) > 1 {
				name = interp[1]
			}
			d := shellcheckDialect(name)
			if d == "" {
				continue // python, node, …
			}
			lines = []scLine{body[0]}
			body = body[1:]
		}
		lines = append(lines, decl...)
		out = append(out, scScript{lines: append(lines, body...)})
	}
	return out
}

// shOnlyHeredocs reports whether a RUN's command is nothing but heredoc
// markers (`RUN <<EOF`, `RUN <<-"EOT"`).
func shOnlyHeredocs(cmd []scLine) bool {
	var sb strings.Builder
	for _, l := range cmd {
		sb.WriteString(strings.TrimSuffix(l.text, `\`))
		sb.WriteByte(' ')
	}
	fields := strings.Fields(sb.String())
	if len(fields) == 0 {
		return false
	}
	for _, w := range fields {
		if !strings.HasPrefix(w, "<<") {
			return false
		}
	}
	return true
}

// shellcheckProxyArgs are BuildKit's predefined build arguments.
var shellcheckProxyArgs = []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"}

// shellcheckDeclarations declares the ARG and ENV names visible to a RUN,
// from its stage and the stages it is built on, as `export NAME` lines:
// ShellCheck then knows they are set (no SC2154) without assuming a safe
// constant value (hadolint's `NAME=1` hides SC2086 on build arguments,
// which --build-arg can fill with anything).
func shellcheckDeclarations(r shRun) []scLine {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if !seen[n] && shValidName(n) {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range shellcheckProxyArgs {
		add(n)
	}
	self := r.In
	if r.Onbuild != nil {
		self = r.Onbuild
	}
	if st := r.Stage(); st != nil {
		chain := st.Chain()
		for i := len(chain) - 1; i >= 0; i-- {
			for _, in := range chain[i].Instructions {
				if in == self {
					break
				}
				switch c := in.Command.(type) {
				case *instructions.ArgCommand:
					for _, kv := range c.Args {
						add(kv.Key)
					}
				case *instructions.EnvCommand:
					for _, kv := range c.Env {
						add(kv.Key)
					}
				}
			}
		}
	}
	out := make([]scLine, 0, len(names))
	for _, n := range names {
		out = append(out, scLine{text: "export " + n})
	}
	return out
}

func shValidName(n string) bool {
	if n == "" {
		return false
	}
	for i, ch := range n {
		letter := ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'
		digit := i > 0 && ch >= '0' && ch <= '9'
		if !letter && !digit {
			return false
		}
	}
	return true
}

// shellcheckComment is one finding in ShellCheck's json1 output.
type shellcheckComment struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	EndLine   int    `json:"endLine"`
	Column    int    `json:"column"`
	EndColumn int    `json:"endColumn"`
	Level     string `json:"level"`
	Code      int    `json:"code"`
	Message   string `json:"message"`
	Fix       *struct {
		Replacements []struct {
			Line        int    `json:"line"`
			EndLine     int    `json:"endLine"`
			Column      int    `json:"column"`
			EndColumn   int    `json:"endColumn"`
			Replacement string `json:"replacement"`
		} `json:"replacements"`
	} `json:"fix"`
}

func shellcheckSeverity(level string) Severity {
	switch level {
	case "error":
		return Error
	case "warning":
		return Warning
	case "info":
		return Info
	case "style":
		return Style
	}
	return Warning
}

// shellcheckExcludes is the exclusion list: the fixed codes plus the
// rule's "exclude" option (a list or a comma-separated string).
func shellcheckExcludes(opts *Options) string {
	codes := append([]string{}, shellcheckExcluded...)
	if v, ok := shellcheckOption(opts, "exclude"); ok {
		var items []string
		switch v := v.(type) {
		case string:
			items = strings.Split(v, ",")
		case []string:
			items = v
		case []any:
			for _, x := range v {
				items = append(items, fmt.Sprint(x))
			}
		}
		for _, it := range items {
			it = strings.ToUpper(strings.TrimSpace(it))
			if it == "" {
				continue
			}
			if !strings.HasPrefix(it, "SC") {
				it = "SC" + it
			}
			codes = append(codes, it)
		}
	}
	return strings.Join(codes, ",")
}

func checkShellCheck(p *Pass) {
	exe, ok := shellcheckPath(p.Options)
	if !ok || p.Dockerfile == nil {
		return
	}
	var scripts []scScript
	for _, r := range shRuns(p) {
		if shell.Declined(r.In.ScriptErr) {
			continue // hostile nesting or size: not handed to ShellCheck either
		}
		scripts = append(scripts, shellcheckScripts(p.Dockerfile, r)...)
	}
	if len(scripts) == 0 {
		return
	}
	comments, err := runShellCheck(exe, shellcheckExcludes(p.Options), shellcheckTimeoutOf(p.Options), scripts)
	if err != nil {
		return
	}
	for _, c := range comments {
		var i int
		if _, err := fmt.Sscanf(c.File, "run%d.sh", &i); err != nil || i < 0 || i >= len(scripts) {
			continue
		}
		s := scripts[i]
		start, ok := s.position(c.Line, c.Column)
		if !ok {
			continue
		}
		end, ok := s.position(c.EndLine, c.EndColumn)
		if !ok || end.Before(start) {
			end = start
		}
		var fixes []Fix
		if c.Fix != nil && len(c.Fix.Replacements) > 0 {
			fix := Fix{Message: fmt.Sprintf("Apply ShellCheck's fix for SC%04d", c.Code)}
			for _, rp := range c.Fix.Replacements {
				a, ok1 := s.position(rp.Line, rp.Column)
				b, ok2 := s.position(rp.EndLine, rp.EndColumn)
				if !ok1 || !ok2 {
					fix.Edits = nil
					break
				}
				fix.Edits = append(fix.Edits, Edit{Range: source.Range{Start: a, End: b}, NewText: rp.Replacement})
			}
			if len(fix.Edits) > 0 {
				fixes = append(fixes, fix)
			}
		}
		p.report(Finding{
			Rule: p.rule, Severity: shellcheckSeverity(c.Level), Path: p.Path,
			Range:   source.Range{Start: start, End: end},
			Message: fmt.Sprintf("SC%04d: %s", c.Code, c.Message),
			Fixes:   fixes,
		})
	}
}

// position maps a ShellCheck line and column (1-based, in characters, a
// tab counting as one) to the Dockerfile; false for the lines dlint added.
func (s scScript) position(line, col int) (source.Position, bool) {
	if line < 1 || line > len(s.lines) || s.lines[line-1].line == 0 {
		return source.Position{}, false
	}
	if col < 1 {
		col = 1
	}
	return source.Position{Line: s.lines[line-1].line, Column: col}, true
}

// runShellCheck checks the scripts in one shellcheck process. The
// scripts are written to a temporary directory as run<i>.sh.
func runShellCheck(exe, exclude string, timeout time.Duration, scripts []scScript) ([]shellcheckComment, error) {
	dir, err := os.MkdirTemp("", "dlint-shellcheck-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	args := []string{"--format=json1", "--exclude=" + exclude, "--norc", "--"}
	for i, s := range scripts {
		name := fmt.Sprintf("run%d.sh", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s.text()), 0o600); err != nil {
			return nil, err
		}
		args = append(args, name)
	}
	if timeout <= 0 {
		timeout = shellcheckTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 2 * time.Second // do not wait on stray children after a kill
	dieWithParent(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The parent-death signal follows the thread that started the child;
	// keep that thread while it runs, or the runtime could retire it.
	runtime.LockOSThread()
	runErr := cmd.Run()
	runtime.UnlockOSThread()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var out struct {
		Comments []shellcheckComment `json:"comments"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		if runErr != nil {
			return nil, fmt.Errorf("shellcheck: %w: %s", runErr, strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	return out.Comments, nil
}
