package rules

import "github.com/dlint/dlint/parser"

var yumClean = &Rule{
	ID:       "DL3032",
	Name:     "yum-clean",
	Aliases:  []string{"DS-0015"},
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagSize},
	Summary:  "Run yum clean all after yum install in the same RUN",
	Doc: `yum keeps repository metadata (often hundreds of megabytes) and sometimes packages under
/var/cache/yum. Deleting them in a later RUN does not shrink the image, because the earlier layer
keeps them. End the installing RUN with ` + "`yum clean all`" + ` (or ` + "`rm -rf /var/cache/yum`" + `), or
mount a cache on /var/cache/yum. Stages that do not reach the final image are not checked.`,
	Bad:  "RUN yum install -y httpd-2.4.57",
	Good: "RUN yum install -y httpd-2.4.57 && yum clean all",
	Check: func(p *Pass) {
		reported := map[*pkgRun]bool{}
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famYum || !(c.IsInstall() || c.IsUpgrade()) || !pmInFinalImage(p, r.Stage) || reported[r] {
				return
			}
			dirs := []string{"/var/cache/yum", "/var/cache/dnf"}
			if pmCacheMount(r.In, pmCoversDir(dirs...)) || pmRPMCleaned(r, c, dirs...) {
				return
			}
			reported[r] = true
			p.Report(c.SubWord().Range, "yum "+c.Sub+" leaves its cache in the layer; end the RUN with yum clean all")
		})
	},
}
