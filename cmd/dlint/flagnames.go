package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// urfave/cli v2 works out a flag's names (FlagNames, a regular expression
// over each name) every time it asks for them, and looking up any one flag
// asks every flag for its names: before running the action it looks each
// flag up that way (runFlagActions), some two thousand runs of the
// expression that took a third of a one-file run. namesOnce wraps each
// flag so that its names are worked out once; the wrappers are the flags
// they wrap in everything else.
func namesOnce(flags []cli.Flag) []cli.Flag {
	out := make([]cli.Flag, len(flags))
	for i, f := range flags {
		switch f := f.(type) {
		case *cli.StringFlag:
			out[i] = stringFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.StringSliceFlag:
			out[i] = stringSliceFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.BoolFlag:
			out[i] = boolFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.IntFlag:
			out[i] = intFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.GenericFlag:
			out[i] = genericFlag{f, flagNames(f.Name, f.Aliases)}
		default:
			out[i] = f
		}
	}
	return out
}

// flagNames is cli.FlagNames without its regular expression: each name up
// to its first comma or space.
func flagNames(name string, aliases []string) []string {
	out := make([]string, 0, 1+len(aliases))
	for _, n := range append([]string{name}, aliases...) {
		if i := strings.IndexAny(n, ", "); i >= 0 {
			n = n[:i]
		}
		out = append(out, n)
	}
	return out
}

type stringFlag struct {
	*cli.StringFlag
	names []string
}

func (f stringFlag) Names() []string { return f.names }

type stringSliceFlag struct {
	*cli.StringSliceFlag
	names []string
}

func (f stringSliceFlag) Names() []string { return f.names }

type boolFlag struct {
	*cli.BoolFlag
	names []string
}

func (f boolFlag) Names() []string { return f.names }

type intFlag struct {
	*cli.IntFlag
	names []string
}

func (f intFlag) Names() []string { return f.names }

type genericFlag struct {
	*cli.GenericFlag
	names []string
}

func (f genericFlag) Names() []string { return f.names }
