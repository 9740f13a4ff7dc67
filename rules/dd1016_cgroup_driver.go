package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddCgroupDriver = &Rule{
	ID: "DD1016", Name: "invalid-cgroup-driver", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "exec-opts sets a cgroup driver other than cgroupfs or systemd",
	Doc: "`dockerd --validate` only checks that `native.cgroupdriver` is a known option; its value is checked " +
		"when the daemon starts, which then fails with \"native.cgroupdriver option … not supported\". The only " +
		"values are `cgroupfs` and `systemd` (the default on cgroup v2 hosts that run systemd). Kubernetes nodes " +
		"need the same driver as the kubelet.",
	Bad:  `{"exec-opts": ["native.cgroupdriver=system"]}`,
	Good: `{"exec-opts": ["native.cgroupdriver=systemd"]}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		v, r := ddCgroupDriverOpt(f)
		if r.IsZero() {
			return
		}
		allowed := daemonjson.ExecOpts["native.cgroupdriver"]
		if ddContains(allowed, v) {
			return
		}
		if v == "none" {
			p.Report(r, "native.cgroupdriver option none is internally used and cannot be specified manually; use cgroupfs or systemd")
			return
		}
		p.Reportf(r, "native.cgroupdriver option %s not supported: dockerd refuses to start; use %s%s", v, strings.Join(allowed, " or "), ddDidYouMean(v, allowed))
	},
}
