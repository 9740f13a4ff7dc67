package rules

import "github.com/dlint/dlint/parser"

var ddSeccompUnconfined = &Rule{
	ID: "DD1025", Name: "seccomp-unconfined", Aliases: []string{"CIS-2.16"},
	Kind: parser.DaemonJSON, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 7.0,
	Summary: "seccomp-profile is unconfined, so containers have no syscall filter",
	Doc: "Docker's default seccomp profile blocks about 50 dangerous system calls (kernel module loading, " +
		"`keyctl`, `bpf`, namespace tricks) that many container escapes rely on. `\"seccomp-profile\": " +
		"\"unconfined\"` removes that filter from every container on the host. Leave the key out (the built-in " +
		"profile) or point it at a custom profile file; relax it per container with `--security-opt` where truly needed.",
	Bad:  `{"seccomp-profile": "unconfined"}`,
	Good: `{"seccomp-profile": "/etc/docker/seccomp.json"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddString(f, "seccomp-profile"); k != nil && v == "unconfined" {
			p.Report(k.ValueRange, "seccomp-profile \"unconfined\" disables the system-call filter for every container")
		}
	},
}
