package rules

import "github.com/dlint/dlint/parser"

var ddContainerdNamespace = &Rule{
	ID: "DD1018", Name: "containerd-namespace-conflict", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "containerd-namespace equals the plugins namespace",
	Doc: "dockerd keeps containers and plugins in two containerd namespaces and refuses to start when they are " +
		"the same (\"containers namespace and plugins namespace cannot be the same\"); `--validate` does not " +
		"check it. daemon.json cannot change the plugins namespace (the `containerd-plugins-namespace` key is " +
		"ignored and `containerd-plugin-namespace` is rejected), so it is always `plugins.moby` unless the flag " +
		"sets it: do not use that name for `containerd-namespace`.",
	Bad:  `{"containerd-namespace": "plugins.moby"}`,
	Good: `{"containerd-namespace": "moby-ci"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		ns, k := ddString(f, "containerd-namespace")
		if k == nil {
			return
		}
		if ns == "plugins.moby" {
			p.Report(k.ValueRange, "containerd-namespace \"plugins.moby\" is the plugins namespace: containers namespace and plugins namespace cannot be the same, so dockerd refuses to start")
		}
	},
}
