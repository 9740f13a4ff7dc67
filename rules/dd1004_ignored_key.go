package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddIgnoredKey = &Rule{
	ID: "DD1004", Name: "ignored-key", Kind: parser.DaemonJSON, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "dockerd accepts this key but never applies it",
	Doc: "dockerd's check of daemon.json keys accepts every flag name, but its decoder only reads the keys' own " +
		"names, so some keys pass `dockerd --validate` and then do nothing: the singular flag names (`label`, " +
		"`host`, `insecure-registry`, `registry-mirror`, `log-opt`, `storage-opt`, `exec-opt`, `dns-opt`, " +
		"`default-ulimit`, …; the keys are plural), `containerd-plugins-namespace` (the flag's spelling, shown in " +
		"Docker's own example), top-level `http-proxy`/`https-proxy`/`no-proxy` (they belong inside `\"proxies\"`), " +
		"an unknown key whose value is an object (dockerd only checks the object's members), deprecated keys " +
		"(`allow-nondistributable-artifacts`) and unknown members of `builder` or `runtimes` entries. The setting " +
		"you meant is silently not in effect; use the key the message names.\n\nFix (unsafe: the setting then takes " +
		"effect): a singular flag name is renamed to its key when the value has the key's shape, a single value " +
		"being wrapped in an array for a list key (`\"host\": \"x\"` → `\"hosts\": [\"x\"]`); not when the key is " +
		"already set.",
	Listing: func() string { return "Accepted and ignored: " + daemonjson.DocIgnored() + "." },
	Bad:     `{"insecure-registry": ["registry.lan:5000"]}`,
	Good:    `{"insecure-registries": ["registry.lan:5000"]}`,
	Check:   func(p *Pass) { ddReport(p, ddIgnored) },
}
