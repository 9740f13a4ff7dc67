package rules

import "github.com/dlint/dlint/parser"

var dnfClean = &Rule{
	ID:       "DL3040",
	Name:     "dnf-clean",
	Aliases:  []string{"DS-0019", "DS-0027"},
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagSize},
	Summary:  "Run dnf clean all after dnf install in the same RUN",
	Doc: `dnf, microdnf and tdnf keep repository metadata and packages under /var/cache (dnf,
libdnf5, yum, tdnf). Deleting them in a later RUN does not shrink the image. End the installing
RUN with ` + "`dnf clean all`" + ` (` + "`microdnf clean all`" + `, ` + "`tdnf clean all`" + `) or remove the cache
directory, or mount a cache on it. Stages that do not reach the final image are not checked.`,
	Bad:  "RUN dnf install -y httpd-2.4.57",
	Good: "RUN dnf install -y httpd-2.4.57 && dnf clean all",
	Check: func(p *Pass) {
		reported := map[*pkgRun]bool{}
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famDnf || !(c.IsInstall() || c.IsUpgrade()) || !pmInFinalImage(p, r.Stage) || reported[r] {
				return
			}
			dirs := []string{"/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum", "/var/cache/tdnf"}
			if pmCacheMount(r.In, pmCoversDir(dirs...)) || pmRPMCleaned(r, c, dirs...) {
				return
			}
			reported[r] = true
			p.Report(c.SubWord().Range, c.Tool+" "+c.Sub+" leaves its cache in the layer; end the RUN with "+c.Tool+" clean all")
		})
	},
}
