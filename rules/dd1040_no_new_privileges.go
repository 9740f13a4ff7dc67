package rules

import "github.com/dlint/dlint/parser"

var ddNoNewPrivileges = &Rule{
	ID: "DD1040", Name: "no-new-privileges-off", Aliases: []string{"CIS-2.18"},
	Kind: parser.DaemonJSON, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 3.5,
	Summary: "Containers may gain new privileges through setuid binaries",
	Doc:     "`\"no-new-privileges\": true` sets the no_new_privs flag on every container, so a setuid or file-capability binary inside cannot raise the privileges of the process that runs it. It rarely breaks anything (sudo inside containers); opt out per container with `--security-opt no-new-privileges=false`.",
	Bad:     `{}`,
	Good:    `{"no-new-privileges": true}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		if v, k := ddBool(f, "no-new-privileges"); k == nil {
			p.Report(f.RootRange(), "no-new-privileges is not enabled: setuid binaries can raise privileges inside containers")
		} else if !v {
			p.Report(k.ValueRange, "no-new-privileges is false: setuid binaries can raise privileges inside containers")
		}
	},
}
