package dockerfile

import (
	"errors"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/util/suggest"
)

// BuildKit suggests the closest name for an unknown instruction or flag
// (and, when a build runs, mount type or sharing mode), but lists the names
// from a Go map, so among names equally close it picks a different one
// from run to run: the same file read "did you mean ADD?" in one run and
// "did you mean ARG?" in the next, and two reports of one file differed.
// stableSuggestion asks BuildKit's own search the same question over the
// names in sorted order, so the first of the closest wins every time.

// instructionFlags are the flags each instruction takes in the BuildKit
// dlint is built with (instructions' parse functions and RUN's hooks);
// TestInstructionFlags holds the table to BuildKit.
var instructionFlags = map[string][]string{
	"add":         {"checksum", "chmod", "chown", "exclude", "keep-git-dir", "link", "unpack"},
	"copy":        {"chmod", "chown", "exclude", "from", "link", "parents"},
	"from":        {"platform"},
	"healthcheck": {"interval", "retries", "start-interval", "start-period", "timeout"},
	"run":         {"device", "mount", "network", "security"},
}

// stableSuggestion is BuildKit's message for err, an instruction cmd's
// parse error, with its "(did you mean …?)" chosen in a fixed order.
func stableSuggestion(cmd string, err error) string {
	msg := err.Error()
	var inner error
	var suffix string
	for e := err; e != nil; e = errors.Unwrap(e) {
		in := errors.Unwrap(e)
		if in == nil {
			break
		}
		if s, ok := strings.CutPrefix(e.Error(), in.Error()); ok && strings.HasPrefix(s, " (did you mean ") && strings.HasSuffix(s, "?)") {
			inner, suffix = in, s
			break
		}
	}
	if inner == nil || !strings.HasSuffix(msg, suffix) {
		return msg
	}
	val, options, caseSensitive := suggestionQuestion(cmd, inner)
	if options == nil {
		return msg // a list BuildKit keeps in order
	}
	msg = strings.TrimSuffix(msg, suffix)
	if match, ok := suggest.Search(val, options, caseSensitive); ok {
		msg += " (did you mean " + match + "?)"
	}
	return msg
}

// suggestionQuestion is what BuildKit looked up for err: the unknown
// value, the names it chose from (sorted; nil when BuildKit's own list has
// an order) and whether case counts.
func suggestionQuestion(cmd string, err error) (val string, options []string, caseSensitive bool) {
	var unknown *instructions.UnknownInstructionError
	if errors.As(err, &unknown) {
		for name := range command.Commands {
			options = append(options, strings.ToUpper(name))
		}
		slices.Sort(options)
		return unknown.Instruction, options, false
	}
	if flag, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		return flag, append([]string{}, instructionFlags[cmd]...), true
	}
	return "", nil, false
}
