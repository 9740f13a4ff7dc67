package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/rules"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:      "rules",
		Usage:     "list every rule, or explain one",
		ArgsUsage: "[ID|NAME|ALIAS]",
		Action: func(c *cli.Context) error {
			w := c.App.Writer
			if c.NArg() == 0 {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tKIND\tSEVERITY\tSUMMARY")
				for _, r := range rules.All() {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Kind, r.Severity, r.Summary)
				}
				return tw.Flush()
			}
			for _, name := range c.Args().Slice() {
				rs := rules.Lookup(name)
				if len(rs) == 0 {
					msg := fmt.Sprintf("unknown rule %q", name)
					if s := rules.Suggest(name); s != "" {
						msg += fmt.Sprintf(" (did you mean %s?)", s)
					}
					return cli.Exit(msg, exitUsage)
				}
				for _, r := range rs {
					explain(c, r)
				}
			}
			return nil
		},
	}
}

func explain(c *cli.Context, r *rules.Rule) {
	w := c.App.Writer
	fmt.Fprintf(w, "%s %s: %s\n\n", r.ID, r.Name, r.Summary)
	fmt.Fprintf(w, "Severity: %s    Kind: %s\n", r.Severity, r.Kind)
	if len(r.Aliases) > 0 {
		fmt.Fprintf(w, "Aliases: %s\n", strings.Join(r.Aliases, ", "))
	}
	fmt.Fprintf(w, "\n%s\n", r.Doc)
	if r.Bad != "" {
		fmt.Fprintf(w, "\nBad:\n%s\n", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(w, "\nGood:\n%s\n", indent(r.Good))
	}
	fmt.Fprintf(w, "\n%s\n", r.URL())
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
