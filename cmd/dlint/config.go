package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/config"
	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/report"
	"github.com/dlint/dlint/rules"
)

func configCommand() *cli.Command {
	return &cli.Command{
		Name:      "config",
		Usage:     "print the effective configuration for a path and where each value comes from",
		ArgsUsage: "[PATH]",
		Flags:     lintFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageError("dlint config takes one path")
			}
			p := c.Args().First()
			if p == "" {
				p = "."
			}
			dir := p
			if info, err := os.Stat(p); err != nil {
				return usageError("%s", pathError(p, err))
			} else if !info.IsDir() {
				dir = filepath.Dir(p)
			}
			layer, err := readCLILayer(c, os.Getenv)
			if err != nil {
				return err
			}
			notice := func(msg string) { fmt.Fprintln(c.App.ErrWriter, "dlint: "+report.Sanitize(msg)) }
			prof, err := newProfiles(layer, os.Getenv, false, notice).forDir(dir)
			if err != nil {
				return err
			}
			printEffective(c.App.Writer, p, prof.eff)
			return nil
		},
	}
}

// printEffective writes the effective configuration as YAML, each value
// with a comment saying where it came from.
func printEffective(w io.Writer, path string, e *effective) {
	// Keys, values and paths come from the configuration file and the
	// command line: escaped as the text report escapes a linted file's.
	line := func(indent int, text, from string) {
		s := strings.Repeat("  ", indent) + text
		if from != "" {
			s = fmt.Sprintf("%-44s # %s", s, from)
		}
		fmt.Fprintln(w, report.Sanitize(strings.TrimRight(s, " ")))
	}
	line(0, "# effective dlint configuration for "+path, "")
	switch {
	case e.file == nil:
		line(0, "# configuration file: none", "")
	case e.file.Hadolint:
		line(0, "# configuration file: "+e.file.Path+" (hadolint format)", "")
	default:
		line(0, "# configuration file: "+e.file.Path, "")
	}
	level := func(s rules.Severity) string {
		if s == 0 {
			return "none"
		}
		return s.String()
	}
	line(0, "fail-level: "+level(e.failLevel), e.failFrom)
	line(0, "min-severity: "+e.minSeverity.String(), e.minFrom)
	if len(e.ignore) == 0 {
		line(0, "ignore: []", "default")
	} else {
		line(0, "ignore:", "")
		for _, n := range e.ignore {
			line(1, "- "+n.name, n.from+ids(n))
		}
	}
	if f := e.file; f != nil && len(f.Severity) > 0 {
		line(0, "severity:", "")
		for _, s := range f.Severity {
			line(1, fmt.Sprintf("%s: %s", s.Name, s.Level), f.At(s.Line))
		}
	} else {
		line(0, "severity: {}", "default")
	}
	line(0, "trusted-registries: "+flow(e.trusted), e.trustedFrom)
	if len(e.labels) == 0 {
		line(0, "label-schema: {}", e.labelsFrom)
	} else {
		line(0, "label-schema:", e.labelsFrom)
		for _, k := range sortedKeys(e.labels) {
			line(1, fmt.Sprintf("%s: %s", k, e.labels[k]), "")
		}
	}
	line(0, fmt.Sprintf("strict-labels: %v", e.strict), e.strictFrom)
	if len(e.buildArgs) == 0 {
		line(0, "build-args: {}", "default")
	} else {
		line(0, "build-args:", "")
		for _, k := range sortedKeys(e.buildArgs) {
			line(1, fmt.Sprintf("%s: %q", k, e.buildArgs[k]), e.argsFrom[k])
		}
	}
	line(0, fmt.Sprintf("target: %q", e.target), e.targetFrom)
	if e.daemonFlags == nil {
		line(0, "daemon-flags: null", e.daemonFrom)
	} else {
		line(0, fmt.Sprintf("daemon-flags: %q", *e.daemonFlags), e.daemonFrom)
	}
	line(0, fmt.Sprintf("context-size-limit: %d", e.sizeLimit), e.sizeFrom)
	line(0, fmt.Sprintf("no-ignore-pragmas: %v", e.noPragmas), e.pragmasFrom)
	line(0, fmt.Sprintf("report-unused-ignores: %v", e.unused), e.unusedFrom)
	if f := e.file; f != nil && len(f.Overrides) > 0 {
		line(0, "overrides:", "")
		abs := absPath(path)
		for _, o := range f.Overrides {
			applies := "does not apply to " + path
			if f.Matches(o, abs) {
				applies = "applies to " + path
			}
			line(1, "- files: "+flow(o.Files), f.At(o.Line)+", "+applies)
			if len(o.Ignore) > 0 {
				var names []string
				for _, r := range o.Ignore {
					names = append(names, r.Name)
				}
				line(2, "ignore: "+flow(names), "")
			}
			if len(o.Severity) > 0 {
				line(2, "severity:", "")
				for _, s := range o.Severity {
					line(3, fmt.Sprintf("%s: %s", s.Name, s.Level), "")
				}
			}
		}
	} else {
		line(0, "overrides: []", "default")
	}
	if e.shellcheck != "" {
		// A comment: a configuration file may not name a program by its path.
		line(0, "# ShellCheck: "+strconv.Quote(e.shellcheck), e.shellcheckFrom)
	}
	if len(e.ruleOptions) == 0 {
		line(0, "rules: {}", "default")
	} else {
		line(0, "rules:", "")
		for _, id := range sortedKeys(e.ruleOptions) {
			line(1, id+":", "")
			for _, k := range sortedKeys(e.ruleOptions[id]) {
				v, err := json.Marshal(e.ruleOptions[id][k])
				if err != nil {
					v = []byte(fmt.Sprintf("%q", fmt.Sprint(e.ruleOptions[id][k])))
				}
				line(2, fmt.Sprintf("%s: %s", k, v), "")
			}
		}
	}
}

// ids names the rules an entry stands for when the name is not the ID.
func ids(n namedRules) string {
	if len(n.rules) == 1 && strings.EqualFold(n.rules[0].ID, n.name) {
		return ""
	}
	var out []string
	for _, r := range n.rules {
		out = append(out, r.ID)
	}
	return " (" + strings.Join(out, ", ") + ")"
}

func flow(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter .dlint.yaml",
		ArgsUsage: "[DIR]",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "force", Usage: "overwrite an existing .dlint.yaml"}},
		Action: func(c *cli.Context) error {
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			p := filepath.Join(dir, config.Names[0])
			if _, err := os.Lstat(p); err == nil && !c.Bool("force") {
				return usageError("%s already exists (use --force to overwrite it)", p)
			}
			if err := fix.WriteNamed(p, []byte(config.Starter)); err != nil {
				return usageError("%v", err) // it names p
			}
			fmt.Fprintf(c.App.ErrWriter, "dlint: wrote %s\n", p)
			return nil
		},
	}
}
