package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var aptNoInstallRecommends = &Rule{
	ID:       "DL3015",
	Name:     "apt-no-install-recommends",
	Aliases:  []string{"DS-0029"},
	Kind:     parser.Dockerfile,
	Severity: Info,
	Tags:     []string{TagSize},
	Summary:  "Use --no-install-recommends with apt-get install",
	Doc: `By default apt-get also installs every package the requested ones recommend, which often
doubles an image's size with documentation, fonts and tools nobody uses. Pass
` + "`--no-install-recommends`" + ` (or ` + "`-o APT::Install-Recommends=false`" + `) and name what you
need. The rule stays silent when an earlier RUN of the stage (or a stage it is built from) writes
an ` + "`APT::Install-Recommends`" + ` setting to apt's configuration.

Fix (unsafe: packages that were only recommended are no longer installed): ` + "`" + `--no-install-recommends` + "`" + ` is inserted after the subcommand.`,
	Bad:  "RUN apt-get install -y curl",
	Good: "RUN apt-get install -y --no-install-recommends curl",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if !c.Is("apt-get", "apt", "aptitude") || c.Sub != "install" || c.Simulated() {
				return
			}
			if c.Has("--no-install-recommends", "--without-recommends") || c.Is("aptitude") && c.Has("-R") {
				return
			}
			for _, o := range c.Opts {
				if o.Name == "-o" || o.Name == "--option" {
					k, v, _ := strings.Cut(o.Value, "=")
					if strings.EqualFold(k, "APT::Install-Recommends") && pmFalsy(v) {
						return
					}
				}
			}
			if aptRecommendsConfigured(p, r) {
				return
			}
			w := c.SubWord()
			p.Report(w.Range, c.Tool+" install also installs recommended packages; add --no-install-recommends",
				pmInsertFix(p, r.In, w, " --no-install-recommends", "Add --no-install-recommends", false)...)
		})
	},
}

// aptRecommendsConfigured: an earlier RUN in the stage chain writes
// APT::Install-Recommends to apt's configuration (echo … > /etc/apt/apt.conf.d/…).
func aptRecommendsConfigured(p *Pass, cur *pkgRun) bool {
	chain := cur.Stage.Chain()
	for _, r := range aptRecommendsRuns(p) {
		inChain := false
		for _, s := range chain {
			inChain = inChain || s == r.Stage
		}
		if !inChain || r == cur || (r.Stage == cur.Stage && !r.In.Range.Start.Before(cur.In.Range.Start)) {
			continue
		}
		return true
	}
	return false
}

type aptRecommendsRunsKey struct{}

// aptRecommendsRuns are the RUNs with a command, not a package manager's,
// that mentions APT::Install-Recommends: found once per document rather
// than once per apt-get call (which made many apt-get lines quadratic).
func aptRecommendsRuns(p *Pass) []*pkgRun {
	return p.Memo(aptRecommendsRunsKey{}, func() any {
		var out []*pkgRun
		for _, r := range pkgRuns(p) {
			if runConfiguresRecommends(r) {
				out = append(out, r)
			}
		}
		return out
	}).([]*pkgRun)
}

func runConfiguresRecommends(r *pkgRun) bool {
	for i, c := range r.Cmds {
		if r.CallOf[i] != nil {
			continue
		}
		for _, a := range c.Args {
			if strings.Contains(a.Value, "Install-Recommends") {
				return true
			}
		}
	}
	return false
}
