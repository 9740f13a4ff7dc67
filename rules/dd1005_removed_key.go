package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddRemovedKey = &Rule{
	ID: "DD1005", Name: "removed-key", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness, TagMaintainability},
	Summary: "daemon.json uses a key that current dockerd no longer has",
	Doc: "Keys that older Docker releases accepted are unknown to current dockerd, which then refuses to start. " +
		"They linger in old hardening templates (`disable-legacy-registry` came from early CIS benchmarks) and " +
		"copied examples (`graph`), and an upgrade of the engine package then leaves the host without a running " +
		"daemon. Remove the key or use its replacement.\n\nFix (unsafe): a key with a direct successor taking " +
		"the same value is renamed (`graph` → `data-root`), unless the successor is already set.",
	Listing: func() string { return "Removed keys: " + daemonjson.DocRemoved() + "." },
	Bad:     `{"graph": "/srv/docker"}`,
	Good:    `{"data-root": "/srv/docker"}`,
	Check:   func(p *Pass) { ddReport(p, ddRemoved) },
}
