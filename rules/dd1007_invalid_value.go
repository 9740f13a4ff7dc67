package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddInvalidValue = &Rule{
	ID: "DD1007", Name: "invalid-value", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "A daemon.json value is one dockerd rejects",
	Doc: "dockerd validates many values when it starts and refuses to run when one is wrong: `log-level` " +
		"(panic, fatal, error, warn, info, debug, trace), `log-format` (text, json), a negative `mtu` or " +
		"`max-concurrent-*`, `firewall-backend` (iptables, nftables), `default-ipc-mode` (private, shareable), " +
		"`default-cgroupns-mode` (host, private), `registry-mirrors` without `http://` or `https://`, `labels` " +
		"without `=` or with one key given two values, `dns` servers with a port, `default-address-pools` bases " +
		"without a prefix length, malformed `hosts`, `exec-opts` that are not `opt=value` or unknown on Linux, " +
		"both `host-gateway-ip` and `host-gateway-ips`, `default-shm-size` that is not a size. Unknown " +
		"`default-ulimits` names and soft limits above hard ones make every container fail to start. The message " +
		"quotes dockerd's own error where it has one.",
	Listing: func() string { return "Fixed value sets: " + daemonjson.DocValues() + "." },
	Bad:     `{"log-level": "verbose", "registry-mirrors": ["mirror.lan:5000"]}`,
	Good:    `{"log-level": "info", "registry-mirrors": ["https://mirror.lan:5000"]}`,
	Check:   func(p *Pass) { ddReport(p, ddInvalid) },
}
