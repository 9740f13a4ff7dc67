package rules

import "github.com/dlint/dlint/parser"

var ddCgroupParentSet = &Rule{
	ID: "DD1034", Name: "cgroup-parent-set", Aliases: []string{"CIS-2.9"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 1.0,
	Summary: "cgroup-parent moves every container out of the default cgroup",
	Doc:     "The CIS benchmark asks to confirm any change of the default cgroup parent: with `cgroup-parent` every container's resource accounting and limits live under another hierarchy, which can escape limits set on `docker.slice` or monitoring that expects the default. Keep it only when it is deliberate.",
	Bad:     `{"cgroup-parent": "/custom"}`,
	Good:    `{}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddString(f, "cgroup-parent"); k != nil && v != "" {
			p.Reportf(k.ValueRange, "cgroup-parent %q changes where every container's cgroup lives; confirm it is intended", v)
		}
	},
}
