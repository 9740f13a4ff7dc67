package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var apkNoCache = &Rule{
	ID:       "DL3019",
	Name:     "apk-no-cache",
	Aliases:  []string{"DS-0025"},
	Kind:     parser.Dockerfile,
	Severity: Info,
	Tags:     []string{TagSize},
	Summary:  "Use apk add --no-cache to keep the package index out of the image",
	Doc: `Without ` + "`--no-cache`" + `, apk stores the repository indexes under /var/cache/apk in the
layer. ` + "`apk add --no-cache`" + ` fetches them to a temporary place instead (and makes a separate
` + "`apk update`" + ` unnecessary). The rule stays silent when the same RUN deletes /var/cache/apk
afterwards, when it mounts a cache or tmpfs on /var/cache/apk, and in stages that do not reach the
final image.

Fix (safe): ` + "`" + `--no-cache` + "`" + ` is inserted after ` + "`" + `add` + "`" + `.`,
	Bad:  "RUN apk add curl=8.5.0-r0",
	Good: "RUN apk add --no-cache curl=8.5.0-r0",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famApk || c.Sub != "add" || c.Has("--no-cache", "--no-network") || !pmInFinalImage(p, r.Stage) {
				return
			}
			if pmCacheMount(r.In, pmCoversDir("/var/cache/apk", "/etc/apk/cache")) {
				return
			}
			if pmCleanedAfter(r, c, "rm /var/cache/apk", func(o *shell.Command, _ *pkgCall) bool { return pmRemoves(o, "/var/cache/apk") }) {
				return
			}
			w := c.SubWord()
			p.Report(w.Range, "apk add without --no-cache leaves the package index in the image",
				pmInsertFix(p, r.In, w, " --no-cache", "Add --no-cache", true)...)
		})
	},
}
