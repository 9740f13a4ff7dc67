package rules

import "github.com/dlint/dlint/parser"

var ddNoDefaultUlimits = &Rule{
	ID: "DD1032", Name: "no-default-ulimits", Aliases: []string{"CIS-2.7"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 2.0,
	Summary: "No default-ulimits are set for containers",
	Doc:     "Without `default-ulimits` containers inherit the daemon's limits, which are high (systemd gives dockerd `LimitNOFILE=infinity` on many distributions), so one container can exhaust file descriptors or processes for the whole host. Set sane defaults such as `{\"nofile\": {\"Name\": \"nofile\", \"Soft\": 65536, \"Hard\": 65536}, \"nproc\": {…}}` and raise them per container with `--ulimit` where needed.",
	Bad:     `{}`,
	Good:    `{"default-ulimits": {"nofile": {"Name": "nofile", "Soft": 65536, "Hard": 65536}}}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		k := f.TopLevel("default-ulimits")
		if k == nil {
			p.Report(f.RootRange(), "no default-ulimits: containers inherit the daemon's high limits")
		} else if k.Value.IsObject() && len(f.Children(k)) == 0 {
			p.Report(k.ValueRange, "default-ulimits is empty: containers inherit the daemon's high limits")
		}
	},
}
