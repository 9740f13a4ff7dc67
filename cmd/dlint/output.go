package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/report"
)

// outputSpec is one report to write: a format, and a file ("" for
// standard output).
type outputSpec struct {
	format string
	path   string
}

// outputList records --format and --output in command-line order, so that
// each --format pairs with the --output that follows it.
type outputList struct {
	events []outputEvent
}

type outputEvent struct {
	output bool // an --output, else a --format
	value  string
}

type formatValue struct{ list *outputList }

// Set records a value. urfave/cli copies a flag's value to its aliases
// with Set(String()) after parsing; String is "" and "" is not recorded.
func (v *formatValue) Set(s string) error {
	if s == "" {
		return nil
	}
	v.list.events = append(v.list.events, outputEvent{value: s})
	return nil
}

func (v *formatValue) String() string { return "" }

type outputValue struct{ list *outputList }

func (v *outputValue) Set(s string) error {
	if s == "" {
		return nil
	}
	v.list.events = append(v.list.events, outputEvent{output: true, value: s})
	return nil
}

func (v *outputValue) String() string { return "" }

// outputFlags are --format/-f and --output/-o. The short forms are separate
// hidden flags sharing the same list: urfave/cli refuses a flag given both
// by its name and by an alias, and `-f sarif -o x --format text` is normal.
func outputFlags() []cli.Flag {
	list := &outputList{}
	return []cli.Flag{
		&cli.GenericFlag{Name: "format", Value: &formatValue{list}, Usage: "-f: report `FORMAT`: " +
			strings.Join(report.FormatNames(), ", ") + "; repeatable, each with the --output that follows it (default: text)"},
		&cli.GenericFlag{Name: "f", Value: &formatValue{list}, Hidden: true},
		&cli.GenericFlag{Name: "output", Value: &outputValue{list}, Usage: "-o: write the report of the preceding --format to `FILE` (default: standard output)"},
		&cli.GenericFlag{Name: "o", Value: &outputValue{list}, Hidden: true},
	}
}

// readOutputs pairs formats with files. Formats come from the command
// line, else from $DLINT_FORMAT (comma-separated) with $DLINT_OUTPUT for
// the first; the default is text on standard output.
func readOutputs(c *cli.Context, env func(string) string) ([]outputSpec, error) {
	var events []outputEvent
	if v, ok := c.Generic("format").(*formatValue); ok {
		events = v.list.events
	}
	if len(events) == 0 {
		for _, f := range strings.Split(env(envName("format")), ",") {
			if f = strings.TrimSpace(f); f != "" {
				events = append(events, outputEvent{value: f})
				if o := env(envName("output")); o != "" && len(events) == 1 {
					events = append(events, outputEvent{output: true, value: o})
				}
			}
		}
		if len(events) == 0 {
			if o := env(envName("output")); o != "" {
				events = append(events, outputEvent{output: true, value: o})
			}
		}
	}
	var specs []outputSpec
	var pending []string // outputs before any format
	open := -1           // the last format still without an output
	for _, e := range events {
		if !e.output {
			if _, ok := report.Formats[e.value]; !ok {
				return nil, usageError("unknown format %q (one of %s)", e.value, strings.Join(report.FormatNames(), ", "))
			}
			specs = append(specs, outputSpec{format: e.value})
			open = len(specs) - 1
			continue
		}
		path := e.value
		if path == "-" {
			path = ""
		}
		switch {
		case open >= 0:
			specs[open].path = path
			open = -1
		case len(specs) == 0:
			pending = append(pending, path)
		default:
			return nil, usageError("--output %s follows no --format (each --format takes at most one --output)", e.value)
		}
	}
	if len(pending) > 1 {
		return nil, usageError("several --output before the first --format: pair each --output with a --format")
	}
	if len(pending) == 1 {
		if len(specs) == 0 {
			specs = append(specs, outputSpec{format: "text"})
		}
		if specs[0].path != "" {
			return nil, usageError("--format %s has two --output", specs[0].format)
		}
		specs[0].path = pending[0]
	}
	if len(specs) == 0 {
		specs = []outputSpec{{format: "text"}}
	}
	stdout, files := []string{}, map[string]bool{}
	for _, s := range specs {
		if s.path == "" {
			stdout = append(stdout, s.format)
			continue
		}
		if files[s.path] {
			return nil, usageError("two reports would be written to %s", s.path)
		}
		files[s.path] = true
	}
	if len(stdout) > 1 {
		return nil, usageError("formats %s would share standard output: give all but one of them an --output FILE", strings.Join(stdout, " and "))
	}
	return specs, nil
}

func (s outputSpec) String() string {
	if s.path == "" {
		return fmt.Sprintf("%s on standard output", s.format)
	}
	return fmt.Sprintf("%s to %s", s.format, s.path)
}
