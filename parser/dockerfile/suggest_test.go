package dockerfile

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Among names equally close to an unknown one, the suggestion is the
// first in sorted order, every time; a suggestion without a tie is
// BuildKit's own.
func TestStableSuggestion(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"AZZ x\nFROM a\n", "unknown instruction: AZZ (did you mean ADD?)"},         // ADD and ARG are two edits away
		{"FROM a\nCOPY --cho=1 a b\n", "unknown flag: --cho (did you mean chmod?)"}, // chmod and chown
		{"FROM a\nENV --cho=1 a=b\n", "unknown flag: --cho"},                        // ENV takes no flags
		{"FROM a\nCOPY --chmod=1 --frm=x a b\n", "unknown flag: --frm (did you mean from?)"},
		{"FROM a\nEXPOSE 80\nHEALTHCHECK --start-perio=1s CMD true\n", "unknown flag: --start-perio (did you mean start-period?)"},
		{"FROM a\nfrom1 x\n", "unknown instruction: from1 (did you mean from?)"},
	} {
		for range 20 {
			_, errs := Parse([]byte(c.src), Options{})
			var got []string
			for _, e := range errs {
				got = append(got, e.Message)
			}
			if !slices.Contains(got, c.want) {
				t.Fatalf("%q: errors %q, want %q", c.src, got, c.want)
			}
		}
	}
}

// instructionFlags lists exactly the flags BuildKit takes: each
// instruction refuses as unknown every flag of the table that is not its
// own, and no other.
func TestInstructionFlags(t *testing.T) {
	args := map[string]string{
		"from": "alpine", "healthcheck": "CMD true", "env": "a=b", "label": "a=b", "expose": "80",
		"stopsignal": "SIGTERM", "shell": `["sh"]`, "onbuild": "RUN x", "arg": "a", "maintainer": "x",
	}
	var all []string
	for _, flags := range instructionFlags {
		all = append(all, flags...)
	}
	all = append(all, "zzz")
	for name := range command.Commands {
		// ARG, STOPSIGNAL and a few more never read their flags.
		if _, err := parseLine(t, name, "zzz", args); err == nil || !strings.Contains(err.Error(), "unknown flag: --zzz") {
			if len(instructionFlags[name]) > 0 {
				t.Errorf("%s reads no flags; the table gives it %q", name, instructionFlags[name])
			}
			continue
		}
		for _, flag := range all {
			line, err := parseLine(t, name, flag, args)
			unknown := err != nil && strings.Contains(err.Error(), "unknown flag: --"+flag)
			if want := !slices.Contains(instructionFlags[name], flag); unknown != want {
				t.Errorf("%q: unknown flag %v, the table says %v (%v)", line, unknown, want, err)
			}
		}
	}
}

// parseLine parses the instruction name with --flag=x and args[name] (or
// "a b") as BuildKit does.
func parseLine(t *testing.T, name, flag string, args map[string]string) (string, error) {
	t.Helper()
	a := args[name]
	if a == "" {
		a = "a b"
	}
	line := fmt.Sprintf("%s --%s=x %s\n", strings.ToUpper(name), flag, a)
	res, err := bkparser.Parse(bytes.NewReader([]byte(line)))
	if err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	_, err = instructions.ParseInstruction(res.AST.Children[0])
	return line, err
}
