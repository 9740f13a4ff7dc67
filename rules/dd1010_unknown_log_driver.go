package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddUnknownLogDriver = &Rule{
	ID: "DD1010", Name: "unknown-log-driver", Kind: parser.DaemonJSON, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "log-driver names no built-in logging driver",
	Doc: "dockerd does not check `log-driver` when it starts (`dockerd --validate` says \"configuration OK\"), " +
		"but every container created afterwards fails with \"no log driver named '…' is registered\" unless a " +
		"logging plugin of that name is installed. Built in on Linux: json-file, local, journald, syslog, gelf, " +
		"fluentd, awslogs, splunk, gcplogs and none (`etwlogs` is Windows only; `logentries` was removed in " +
		"v25.0). Names with a `/` or a `:` are taken for plugin references and not reported.",
	Bad:  `{"log-driver": "jsonfile"}`,
	Good: `{"log-driver": "json-file", "log-opts": {"max-size": "10m"}}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		name, k, ok := ddLogDriver(f)
		if !ok || k == nil {
			return
		}
		d := daemonjson.LogDriverByName(name)
		switch {
		case d != nil && d.Removed != "":
			p.Reportf(k.ValueRange, "log driver %q was removed in Docker %s; containers fail to start", name, d.Removed)
		case d != nil && d.Windows:
			p.Reportf(k.ValueRange, "log driver %q only exists on Windows; containers on Linux fail to start", name)
		case d != nil:
		case strings.ContainsAny(name, "/:"):
		default:
			var names []string
			for _, d := range daemonjson.LogDrivers {
				if d.Removed == "" && !d.Windows {
					names = append(names, d.Name)
				}
			}
			p.Reportf(k.ValueRange, "log driver %q is not built into dockerd; unless a logging plugin of that name is installed, containers fail to start%s", name, ddDidYouMean(name, names))
		}
	},
}
