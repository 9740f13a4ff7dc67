package rules

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddInvalidLogOpt = &Rule{
	ID: "DD1011", Name: "invalid-log-opt", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "log-opts has an option the log driver rejects, so dockerd fails",
	Doc: "When `log-opts` is not empty, dockerd checks it against the driver at start (not with `--validate`) " +
		"and refuses to run with \"failed to set log opts: unknown log opt 'max-sizes' for json-file log driver\". " +
		"Each driver takes its own options (json-file and local: max-size, max-file, compress; gelf: gelf-*; …), " +
		"plus `mode` (blocking or non-blocking), `max-buffer-size` (only with `mode: non-blocking`), the " +
		"`cache-*` options of dual logging, and the metadata keys env, env-regex, labels, labels-regex and tag. " +
		"Options of a logging plugin are not checked.",
	Listing: func() string { return "Options per driver: " + daemonjson.DocLogOpts() },
	Bad:     `{"log-driver": "json-file", "log-opts": {"max-sizes": "10m"}}`,
	Good:    `{"log-driver": "json-file", "log-opts": {"max-size": "10m"}}`,
	Check: func(p *Pass) {
		f, opts, d, ok := ddLogOpts(p)
		if !ok || d.Removed != "" || d.Windows {
			return
		}
		children := f.Children(opts)
		mode := ""
		if m := daemonjson.Effective(children, "mode"); m != nil && m.Value.Type == gjson.String {
			mode = m.Value.Str
		}
		for _, c := range children {
			spec := d.Opt(c.Name)
			if spec == nil {
				hint := ddDidYouMean(c.Name, d.OptNames())
				p.Report(c.KeyRange, fmt.Sprintf("unknown log opt '%s' for %s log driver: dockerd refuses to start (failed to set log opts)%s", c.Name, d.Name, hint))
				continue
			}
			if c.Value.Type != gjson.String {
				continue // DD1002
			}
			switch c.Name {
			case "mode":
				if !spec.AllowsValue(c.Value.Str) && c.Value.Str != "" {
					p.Reportf(c.ValueRange, "logging mode not supported: %s; use blocking or non-blocking", c.Value.Str)
				}
			case "max-buffer-size":
				if mode != "non-blocking" {
					p.Reportf(c.KeyRange, "max-buffer-size option is only supported with 'mode=non-blocking'")
				} else if err := daemonjson.CheckFormat("size", c.Value.Str); err != nil {
					p.Reportf(c.ValueRange, "error parsing option max-buffer-size: %v", err)
				}
			case "cache-disabled":
				if err := daemonjson.CheckFormat("bool", c.Value.Str); err != nil {
					p.Reportf(c.ValueRange, "invalid value for option cache-disabled: %s", c.Value.Str)
				}
			}
		}
		if d.Name == "gelf" && daemonjson.Effective(children, "gelf-address") == nil {
			p.Report(opts.KeyRange, "gelf log driver needs log-opts \"gelf-address\" (udp://host:port or tcp://host:port)")
		}
		if d.Name == "gelf" {
			if a := daemonjson.Effective(children, "gelf-address"); a != nil && a.Value.Type == gjson.String &&
				!strings.HasPrefix(a.Value.Str, "udp://") && !strings.HasPrefix(a.Value.Str, "tcp://") {
				p.Reportf(a.ValueRange, "gelf-address %q must start with udp:// or tcp://", a.Value.Str)
			}
		}
	},
}
