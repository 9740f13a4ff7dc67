package rules

import (
	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser"
)

var ddLogRotation = &Rule{
	ID: "DD1001", Name: "json-file-without-max-size", Kind: parser.DaemonJSON, Severity: Warning,
	Tags:    []string{TagCorrectness, TagPerformance},
	Summary: "Container logs use json-file without max-size, so they never rotate",
	Doc: "dockerd's default log driver is `json-file`, and it keeps every line a container writes in one file " +
		"under /var/lib/docker/containers until the container is removed: no `max-size` means no rotation. A chatty " +
		"container fills the disk and takes the host down with it. Set `\"log-opts\": {\"max-size\": \"10m\", " +
		"\"max-file\": \"3\"}` (values are strings), or switch to the `local` driver, which rotates by default " +
		"(20 MB × 5 files, compressed). The settings apply to containers created after the daemon restarts.",
	Bad:  `{"log-driver": "json-file"}`,
	Good: `{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		driver, dk, ok := ddLogDriver(f)
		if !ok || driver != "json-file" {
			return
		}
		opts := f.TopLevel("log-opts")
		if opts != nil && opts.Value.IsObject() && opts.Value.Get(gjson.Escape("max-size")).Exists() {
			return
		}
		switch {
		case opts != nil:
			p.Report(opts.KeyRange, `log-opts has no "max-size" for the json-file log driver: container logs grow without bound`)
		case dk != nil:
			p.Report(dk.ValueRange, `log driver "json-file" without log-opts "max-size": container logs grow without bound`)
		default:
			p.Report(f.RootRange(), `no log-driver is set, so containers log to json-file without rotation; set log-opts "max-size" or use the "local" driver`)
		}
	},
}
