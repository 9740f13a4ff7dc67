package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
)

var workdirSystemPath = &Rule{
	ID: "DL5208", Name: "workdir-in-system-path", Aliases: []string{"DS-0030"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags: []string{TagSecurity, TagCorrectness}, SecuritySeverity: 5.0,
	Summary: "WORKDIR is under /proc, /sys, /dev, /boot or another system path",
	Doc: "/proc, /sys and /dev are kernel file systems that the runtime mounts over the image, and " +
		"/boot, /initrd and /lost+found belong to the host's boot and file-system tooling. Files " +
		"written there during the build vanish or collide with the runtime's mounts, and a process " +
		"working in them risks touching the kernel's interfaces. Use an application directory such as " +
		"/app or /srv.",
	Bad:   "WORKDIR /proc/app",
	Good:  "WORKDIR /app",
	Check: checkWorkdirSystemPath,
}

var systemWorkdirs = []string{"/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"}

func checkWorkdirSystemPath(p *Pass) {
	f := p.Dockerfile
	// The working directory at the end of each stage ("" when unknown): a
	// stage starts where the stage it is built FROM, an earlier one, ended.
	endCwd := make([]string, len(f.Stages))
	for i, st := range f.Stages {
		cwd := ""
		if par := st.Parent; par != nil && par.Index < i {
			cwd = endCwd[par.Index]
		}
		vars := newChainVars(f, st)
		for _, in := range st.Instructions {
			c, ok := in.Command.(*instructions.WorkdirCommand)
			if !ok {
				continue
			}
			v, unresolved := vars.expand(in, c.Path)
			if unresolved {
				cwd = ""
				continue
			}
			if !strings.HasPrefix(v, "/") {
				if cwd == "" {
					continue
				}
				v = path.Join(cwd, v)
			}
			cwd = path.Clean(v)
			for _, d := range systemWorkdirs {
				if cwd == d || strings.HasPrefix(cwd, d+"/") {
					p.Report(in.Find(c.Path), fmt.Sprintf("WORKDIR %s is under %s, a system path the runtime mounts or the host owns", cwd, d))
					break
				}
			}
		}
		endCwd[i] = cwd
	}
}
