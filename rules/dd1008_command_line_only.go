package rules

import "github.com/dlint/dlint/parser"

var ddCommandLineOnly = &Rule{
	ID: "DD1008", Name: "command-line-only-key", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "daemon.json sets a command-line switch such as validate or config-file",
	Doc: "`validate` and `config-file` are switches of the dockerd command, not settings. dockerd accepts them " +
		"as keys and ignores them, but any key also given as a flag is a conflict: `dockerd --validate " +
		"--config-file daemon.json`, the usual way to check the file before a restart, always fails with \"the " +
		"following directives are specified both as a flag and in the configuration file\". Remove the key.",
	Bad:   `{"config-file": "/etc/docker/daemon.json", "debug": false}`,
	Good:  `{"debug": false}`,
	Check: func(p *Pass) { ddReport(p, ddCommandLine) },
}
