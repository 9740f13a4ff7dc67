package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddLogLevel = &Rule{
	ID: "DD1031", Name: "log-level-not-info", Aliases: []string{"CIS-2.2"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 2.0,
	Summary: "log-level is not info",
	Doc:     "At `info` dockerd logs what an audit needs (starts, stops, errors) without the bulk of `debug`, which can also leak request details into the journal; `warn` and lower drop events an incident review needs. Use `\"log-level\": \"info\"` (or leave it out) in production.",
	Bad:     `{"log-level": "debug"}`,
	Good:    `{"log-level": "info"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddString(f, "log-level"); k != nil && !strings.EqualFold(v, "info") && daemonjson.Lookup("log-level").AllowsValue(v) {
			p.Reportf(k.ValueRange, "log-level is %q rather than \"info\"", v)
		}
	},
}
