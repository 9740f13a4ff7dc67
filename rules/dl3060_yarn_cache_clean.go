package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var yarnCacheClean = &Rule{
	ID:       "DL3060",
	Name:     "yarn-cache-clean",
	Kind:     parser.Dockerfile,
	Severity: Info,
	Tags:     []string{TagSize},
	Summary:  "Run yarn cache clean after yarn install in the same RUN",
	Doc: `yarn keeps a copy of every package it downloads in its global cache
(/usr/local/share/.cache/yarn for root), which then stays in the layer. End the RUN with
` + "`yarn cache clean`" + `, or mount a cache on the yarn cache directory
(` + "`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile`" + `).
Stages that do not reach the final image are not checked.`,
	Bad:  "RUN yarn install --frozen-lockfile",
	Good: "RUN yarn install --frozen-lockfile && yarn cache clean",
	Check: func(p *Pass) {
		reported := map[*pkgRun]bool{}
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famYarn || !pmInFinalImage(p, r.Stage) || reported[r] {
				return
			}
			bare := c.Sub == "" && !c.Has("-v", "--version", "-h", "--help")
			if !bare && !c.SubIs("install", "add", "global add") {
				return
			}
			if pmCacheMount(r.In, func(t string) bool { return strings.Contains(t, "yarn") }) {
				return
			}
			if pmCleanedAfter(r, c, "yarn cache clean", func(o *shell.Command, oc *pkgCall) bool {
				if oc != nil && oc.Family == famYarn && oc.Sub == "cache clean" {
					return true
				}
				if o.Is("rm") {
					for _, a := range o.Args {
						if strings.Contains(a.Value, ".cache/yarn") || strings.Contains(a.Value, ".yarn/cache") || strings.Contains(a.Value, ".yarn/berry/cache") {
							return true
						}
					}
				}
				return false
			}) {
				return
			}
			what := "yarn " + c.Sub
			if bare {
				what = "yarn"
			}
			reported[r] = true
			p.Report(c.SubWord().Range, what+" leaves its package cache in the image; end the RUN with yarn cache clean")
		})
	},
}
