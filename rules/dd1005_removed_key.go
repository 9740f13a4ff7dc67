package rules

import "github.com/dlint/dlint/parser"

var ddRemovedKey = &Rule{
	ID: "DD1005", Name: "removed-key", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness, TagMaintainability},
	Summary: "daemon.json uses a key that current dockerd no longer has",
	Doc: "Keys that older Docker releases accepted are unknown to current dockerd, which then refuses to start: " +
		"`graph` (use `data-root`, removed in v23.0), `cluster-store`, `cluster-advertise` and `cluster-store-opts` " +
		"(v23.0), `disable-legacy-registry` (v19.03; still found in old CIS-hardening templates), " +
		"`oom-score-adjust` (v25.0) and `api-cors-header` (v28.0). An upgrade of the engine package then leaves " +
		"the host without a running daemon. Remove the key or use its replacement.",
	Bad:   `{"graph": "/srv/docker"}`,
	Good:  `{"data-root": "/srv/docker"}`,
	Check: func(p *Pass) { ddReport(p, ddRemoved) },
}
