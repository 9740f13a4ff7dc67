package rules

import "github.com/dlint/dlint/parser"

var ddNoAuthzPlugin = &Rule{
	ID: "DD1035", Name: "no-authorization-plugin", Aliases: []string{"CIS-2.11"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 3.0,
	Summary: "No authorization plugin controls Docker API requests",
	Doc:     "Anyone who can reach the Docker socket can do everything. An authorization plugin (`authorization-plugins`, e.g. OPA's opa-docker-authz) can refuse privileged containers, host mounts or exec for some users. Worth it on shared hosts; single-user hosts usually rely on socket permissions instead.",
	Bad:     `{}`,
	Good:    `{"authorization-plugins": ["opa-docker-authz"]}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		elems, k := ddStrings(f, "authorization-plugins")
		if k == nil {
			p.Report(f.RootRange(), "no authorization-plugins: every client of the Docker API may do everything")
		} else if len(elems) == 0 {
			p.Report(k.ValueRange, "authorization-plugins is empty: every client of the Docker API may do everything")
		}
	},
}
