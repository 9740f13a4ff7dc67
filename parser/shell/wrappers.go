package shell

import (
	"strings"

	"github.com/dlint/dlint/parser/source"
)

// shells run their -c argument as a script.
var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true}

// wrapper describes a command that runs another command given in its
// arguments, and which of its own options take a value.
type wrapper struct {
	valueOpts map[string]bool
	// skipAssigns: leading NAME=value arguments belong to the wrapper (env).
	skipAssigns bool
}

var wrappers = map[string]wrapper{
	"sudo":      {valueOpts: set("-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T", "--command-timeout")},
	"doas":      {valueOpts: set("-u", "-C")},
	"env":       {valueOpts: set("-u", "--unset", "-C", "--chdir", "-S", "--split-string"), skipAssigns: true},
	"nice":      {valueOpts: set("-n", "--adjustment")},
	"nohup":     {},
	"time":      {valueOpts: set("-f", "--format", "-o", "--output")},
	"exec":      {valueOpts: set("-a")},
	"command":   {},
	"builtin":   {},
	"stdbuf":    {valueOpts: set("-i", "-o", "-e")},
	"xargs":     {valueOpts: set("-a", "--arg-file", "-d", "--delimiter", "-E", "-e", "-I", "-i", "-L", "-l", "-n", "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var")},
	"timeout":   {valueOpts: set("-s", "--signal", "-k", "--kill-after")},
	"gosu":      {},
	"su-exec":   {},
	"chroot":    {},
	"eatmydata": {},
}

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// unwrap adds the command run by a wrapper (sudo apt-get …) and the commands
// of a `sh -c '…'` body, each with Via pointing back at cmd.
func (s *Script) unwrap(cmd *Command, at Mapper, lang Variant, depth int) {
	if depth >= maxNesting {
		return
	}
	name := cmd.Base()
	if shells[name] {
		s.unwrapShell(cmd, at, lang, depth)
		return
	}
	w, ok := wrappers[name]
	if !ok {
		return
	}
	args := cmd.Args
	i := 0
	// gosu/su-exec/chroot take a user or directory first.
	if name == "gosu" || name == "su-exec" || name == "chroot" {
		i = 1
	}
	if name == "timeout" {
		// The first positional is the duration.
		for i < len(args) && strings.HasPrefix(args[i].Value, "-") {
			i += optWidth(args[i].Value, w.valueOpts)
		}
		i++
	}
	for i < len(args) {
		v := args[i].Value
		if v == "--" {
			i++
			break
		}
		if w.skipAssigns && strings.Contains(v, "=") && !strings.HasPrefix(v, "-") {
			i++
			continue
		}
		if !strings.HasPrefix(v, "-") || v == "-" {
			break
		}
		i += optWidth(v, w.valueOpts)
	}
	if i >= len(args) {
		return
	}
	inner := &Command{Name: args[i], Args: args[i+1:], Range: cmd.Range, Op: cmd.Op, InPipeline: cmd.InPipeline, InSubshell: cmd.InSubshell, Container: cmd.Container, Via: cmd}
	if name == "env" {
		for _, a := range args[:i] {
			if strings.Contains(a.Value, "=") && !strings.HasPrefix(a.Value, "-") {
				inner.Assigns = append(inner.Assigns, a)
			}
		}
	}
	cmd.Wraps = inner
	s.push(inner)
	s.unwrap(inner, at, lang, depth+1)
}

// optWidth is how many words an option occupies: two when it takes its value
// as the next word.
func optWidth(opt string, valueOpts map[string]bool) int {
	if strings.Contains(opt, "=") {
		return 1
	}
	if valueOpts[opt] {
		return 2
	}
	return 1
}

// unwrapShell parses the script of `sh -c 'script'` as commands.
func (s *Script) unwrapShell(cmd *Command, at Mapper, lang Variant, depth int) {
	args := cmd.Args
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		switch {
		case v == "--":
			continue
		case v == "-o" || v == "+o" || v == "-O" || v == "+O":
			i++ // the option's name follows: -o pipefail
			continue
		case !strings.HasPrefix(v, "-") || strings.HasPrefix(v, "--"):
			return // a script file, not -c
		case !strings.Contains(v[1:], "c"):
			continue
		}
		if i+1 >= len(args) {
			return
		}
		body := args[i+1]
		if !body.Lit {
			return
		}
		_ = s.add(body.Value, bodyMapper(body, at), lang, cmd, depth+1)
		return
	}
}

// bodyMapper maps positions in a quoted -c body to the file. The body starts
// one character after the opening quote; later lines start at column 1.
func bodyMapper(body Word, _ Mapper) Mapper {
	start := body.Range.Start
	offset := 0
	if strings.HasPrefix(body.Raw, "'") || strings.HasPrefix(body.Raw, `"`) {
		offset = 1
	}
	return func(line, byteCol int) source.Position {
		if line == 1 {
			return source.Position{Line: start.Line, Column: start.Column + offset + byteCol - 1}
		}
		return source.Position{Line: start.Line + line - 1, Column: byteCol}
	}
}
