package rules

import "github.com/dlint/dlint/parser"

var ddNoRemoteLogging = &Rule{
	ID: "DD1036", Name: "no-centralised-logging", Aliases: []string{"CIS-2.12"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 2.0,
	Summary: "Container logs stay on the host instead of central logging",
	Doc:     "With `json-file`, `local` or `none` the logs of containers live (or die) on the host: a compromised or lost host takes its evidence with it. A remote driver (syslog, journald with forwarding, gelf, fluentd, awslogs, splunk, gcplogs) or a log shipper keeps them elsewhere. Logging plugins are not reported.",
	Bad:     `{"log-driver": "json-file"}`,
	Good:    `{"log-driver": "journald"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		name, k, ok := ddLogDriver(f)
		if !ok || ddContains(ddRemoteDrivers, name) || (name != "json-file" && name != "local" && name != "none") {
			return
		}
		p.Reportf(ddValueOrRoot(f, k), "log driver %q keeps container logs on this host only; ship them to central logging", name)
	},
}
