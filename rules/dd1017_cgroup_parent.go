package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var ddCgroupParent = &Rule{
	ID: "DD1017", Name: "cgroup-parent-not-slice", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "cgroup-parent is not a systemd slice while the systemd driver is on",
	Doc: "With the systemd cgroup driver, `cgroup-parent` must name a slice (`docker.slice`, " +
		"`machine-docker.slice`); a path such as `/docker` makes dockerd fail at start with \"cgroup-parent for " +
		"systemd cgroup should be a valid slice named as \\\"xxx.slice\\\"\", which `--validate` does not check. " +
		"The rule fires when exec-opts selects systemd explicitly; note that systemd is also the default on " +
		"cgroup v2 hosts running systemd.",
	Bad:  `{"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "/docker"}`,
	Good: `{"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "docker.slice"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		drv, _ := ddCgroupDriverOpt(f)
		parent, k := ddString(f, "cgroup-parent")
		if drv != "systemd" || k == nil || parent == "" || (len(parent) > len(".slice") && strings.HasSuffix(parent, ".slice")) {
			return
		}
		p.Reportf(k.ValueRange, "cgroup-parent %q must be a slice named like \"xxx.slice\" with the systemd cgroup driver: dockerd refuses to start", parent)
	},
}
