package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddUnknownKey = &Rule{
	ID: "DD1003", Name: "unknown-key", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "daemon.json has a key dockerd does not know, so it refuses to start",
	Doc: "dockerd checks every key of daemon.json against its command-line flags and refuses to start with " +
		"\"the following directives don't match any configuration option\" when one is unknown: a typo " +
		"(`log-drvier`), a flag shorthand (`H`, `D`), or one of the names its decoder knows but its check " +
		"rejects (`containerd-plugin-namespace`, `swarm-raft-heartbeat-tick`, `default-init`). Members of " +
		"`proxies` are checked the same way, and `nri-opts` rejects unknown fields. The message suggests the " +
		"closest key.\n\n" +
		"Fix (unsafe: the setting then takes effect): a misspelt key (a letter or two from a key dockerd accepts, " +
		"same first letter) or a flag shorthand is renamed, unless that key is already set or another key of the " +
		"same object is renamed to it (the first is; a second of one name would be silently dropped).",
	Listing: func() string { return "Keys dockerd accepts on Linux: " + daemonjson.DocKeys() + "." },
	Bad:     `{"log-drvier": "local"}`,
	Good:    `{"log-driver": "local"}`,
	Check:   func(p *Pass) { ddReport(p, ddUnknown) },
}
