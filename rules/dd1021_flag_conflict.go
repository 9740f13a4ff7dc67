package rules

import (
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
)

var ddFlagConflict = &Rule{
	ID: "DD1021", Name: "conflicts-with-daemon-flags", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "A key is also set by a flag on dockerd's command line",
	Doc: "Only active when dlint knows dockerd's command line (the DaemonFlags option, e.g. " +
		"`-H fd:// --containerd=/run/containerd/containerd.sock`). Like dockerd, it reports every key that a flag " +
		"also sets — whatever the two values — because dockerd then refuses to start with \"the following " +
		"directives are specified both as a flag and in the configuration file\". `runtimes` is the exception " +
		"(dockerd merges it). Drop one side: remove the key, or remove the flag with a systemd drop-in (see DD1020).",
	Bad:  `{"hosts": ["unix:///var/run/docker.sock"]}  # dockerd -H fd://`,
	Good: `{"log-level": "info"}  # dockerd -H fd://`,
	Check: func(p *Pass) {
		f := ddFile(p)
		cmdline := ddDaemonFlags(p)
		if f == nil || cmdline == nil {
			return
		}
		flags := ddParseFlags(*cmdline)
		// The flags by the key they set, in order: comparing every key with
		// every flag grew with their product (300,000 flags and 20,000 keys
		// took 12 s).
		byKey := map[string][]int{}
		for i, fl := range flags {
			byKey[fl.Key] = append(byKey[fl.Key], i)
		}
		for _, k := range ddFlatKeys(f) {
			if k.Duplicate || k.Name == "runtimes" {
				continue
			}
			at := byKey[k.Name]
			if k.Name == "host-gateway-ip" {
				at = append(slices.Clone(at), byKey["host-gateway-ips"]...)
				slices.Sort(at) // in the flags' order
			}
			var hits []string
			for _, i := range at {
				hits = append(hits, flags[i].Text)
			}
			if len(hits) > 0 {
				p.Reportf(k.KeyRange, "%q is also set by the flag %s: dockerd refuses to start (specified both as a flag and in the configuration file)", k.Name, strings.Join(hits, ", "))
			}
		}
	},
}
