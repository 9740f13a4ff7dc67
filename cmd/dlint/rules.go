package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/report"
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
				return report.RulesTable(w, rules.All())
			}
			for i, name := range c.Args().Slice() {
				rs := rules.Lookup(name)
				if len(rs) == 0 {
					msg := fmt.Sprintf("unknown rule %q", name)
					if s := rules.Suggest(name); s != "" {
						msg += fmt.Sprintf(" (did you mean %s?)", s)
					}
					return cli.Exit(msg, exitUsage)
				}
				for j, r := range rs {
					if i+j > 0 {
						fmt.Fprintln(w)
					}
					if err := report.ExplainRule(w, r); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}
