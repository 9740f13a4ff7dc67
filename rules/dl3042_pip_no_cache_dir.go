package rules

import (
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var pipNoCacheDir = &Rule{
	ID:       "DL3042",
	Name:     "pip-no-cache-dir",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagSize},
	Summary:  "Use pip install --no-cache-dir to keep pip's cache out of the image",
	Doc: `pip keeps every downloaded wheel and archive under ~/.cache/pip, which then stays in the
layer. Pass ` + "`--no-cache-dir`" + `, or set ` + "`ENV PIP_NO_CACHE_DIR=1`" + ` once, or mount a cache on
~/.cache/pip (` + "`RUN --mount=type=cache,target=/root/.cache/pip`" + `), which also speeds up rebuilds.
The rule stays silent when PIP_NO_CACHE_DIR is set by ENV or ARG in the stage (or a stage it is
built from) or in the RUN itself, when the same RUN later runs ` + "`pip cache purge`" + ` or removes
the cache directory, and in stages that do not reach the final image. pipx keeps no such cache and
is not checked.

Fix (safe): ` + "`" + `--no-cache-dir` + "`" + ` is inserted after ` + "`" + `install` + "`" + `.`,
	Bad:  "RUN pip install flask==3.0.3",
	Good: "RUN pip install --no-cache-dir flask==3.0.3",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Tool != "pip" || c.Sub != "install" || c.Has("--no-cache-dir") || !pmInFinalImage(p, r.Stage) {
				return
			}
			nonEmpty := func(v string) bool { return strings.TrimSpace(v) != "" }
			if pmEnvInChain(r.Stage, r.In, "PIP_NO_CACHE_DIR", nonEmpty) || pipNoCacheInRun(r, c) {
				return
			}
			if pmCacheMount(r.In, func(t string) bool {
				return strings.HasSuffix(t, "/.cache/pip") || strings.HasSuffix(t, "/.cache") || t == "/root/.cache"
			}) {
				return
			}
			if pmCleanedAfter(r, c, "pip cache purge", func(o *shell.Command, oc *pkgCall) bool {
				if oc != nil && oc.Family == famPip && oc.Sub == "cache" && len(oc.Args) > 0 && oc.Args[0].Value == "purge" {
					return true
				}
				if o.Is("rm") {
					for _, a := range o.Args {
						if strings.Contains(a.Value, ".cache/pip") || strings.TrimRight(a.Value, "/") == "/root/.cache" {
							return true
						}
					}
				}
				return false
			}) {
				return
			}
			w := c.SubWord()
			p.Report(w.Range, "pip install keeps its download cache in the image; add --no-cache-dir",
				pmInsertFix(p, r.In, w, " --no-cache-dir", "Add --no-cache-dir", true)...)
		})
	},
}

// pipNoCacheInRun: PIP_NO_CACHE_DIR set on the command (`PIP_NO_CACHE_DIR=1
// pip …`, `env PIP_NO_CACHE_DIR=1 pip …`) or exported earlier in the RUN.
func pipNoCacheInRun(r *pkgRun, c *pkgCall) bool {
	for _, a := range c.Cmd.Assigns {
		if strings.HasPrefix(a.Value, "PIP_NO_CACHE_DIR=") {
			return true
		}
	}
	set := r.extreme("PIP_NO_CACHE_DIR set", false, func(o *shell.Command, _ *pkgCall) bool {
		if o.Is("export") && slices.ContainsFunc(o.Args, pipNoCacheAssign) {
			return true
		}
		return len(o.Args) == 0 && slices.ContainsFunc(o.Assigns, pipNoCacheAssign)
	})
	return set != nil && pmAfter(set, c.Cmd)
}

func pipNoCacheAssign(a shell.Word) bool { return strings.HasPrefix(a.Value, "PIP_NO_CACHE_DIR=") }
