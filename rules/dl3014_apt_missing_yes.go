package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var aptMissingYes = &Rule{
	ID:       "DL3014",
	Name:     "apt-missing-yes",
	Aliases:  []string{"DS-0021"},
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "Use -y with apt-get install so the build never waits for an answer",
	Doc: `A build has no terminal: when apt-get asks "Do you want to continue?", it reads end of
input and aborts. Pass ` + "`-y`" + ` (` + "`--yes`" + `, ` + "`--assume-yes`" + `). ` + "`-qq`" + ` also implies
` + "`-y`" + `; a single ` + "`-q`" + ` does not. Checked for apt-get and apt on install, upgrade, remove and
the other subcommands that ask.

Fix (safe): ` + "`" + `-y` + "`" + ` is inserted after the subcommand.`,
	Bad:  "RUN apt-get install --no-install-recommends curl",
	Good: "RUN apt-get install -y --no-install-recommends curl",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if !c.Is("apt-get", "apt") || !c.SubIs("install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade",
				"remove", "purge", "autoremove", "autopurge", "build-dep") {
				return
			}
			if aptAssumesYes(c) || pmPipedFromYes(r, c) || c.Simulated() {
				return
			}
			w := c.SubWord()
			p.Report(w.Range, c.Tool+" "+c.Sub+" has no -y and aborts at its confirmation prompt",
				pmInsertFix(p, r.In, w, " -y", "Add -y", true)...)
		})
	},
}

// aptAssumesYes: -y, --yes, --assume-yes, quiet level 2, or the option set with -o.
func aptAssumesYes(c *pkgCall) bool {
	if c.Has("-y", "--yes", "--assume-yes") || c.Count("-q", "--quiet") >= 2 {
		return true
	}
	for _, o := range c.Opts {
		switch o.Name {
		case "-q", "--quiet":
			if o.Value == "2" {
				return true
			}
		case "-o", "--option":
			k, v, _ := strings.Cut(o.Value, "=")
			if strings.EqualFold(k, "APT::Get::Assume-Yes") && pmTruthy(v) {
				return true
			}
		}
	}
	return false
}
