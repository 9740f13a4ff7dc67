package rules

import (
	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser"
)

var ddBuilderInsecure = &Rule{
	ID: "DD1027", Name: "builder-insecure-entitlement", Kind: parser.DaemonJSON, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 7.8,
	Summary: "The builder allows privileged build steps (security-insecure)",
	Doc: "`\"builder\": {\"entitlements\": {\"security-insecure\": true}}` lets any build on this daemon run " +
		"`RUN --security=insecure` steps, which are privileged containers: a Dockerfile from an untrusted " +
		"repository then gets root on the host. Enable it only on dedicated build hosts, or grant it per build " +
		"with `docker buildx build --allow security.insecure` on a builder created for that purpose.",
	Bad:  `{"builder": {"entitlements": {"security-insecure": true}}}`,
	Good: `{"builder": {"entitlements": {"security-insecure": false}}}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		b := f.TopLevel("builder")
		if b == nil {
			return
		}
		for _, e := range f.Children(b) {
			if !ddEqualFold(e.Name, "entitlements") {
				continue
			}
			for _, c := range f.Children(e) {
				if ddEqualFold(c.Name, "security-insecure") && c.Value.Type == gjson.True {
					p.Report(c.KeyRange, "builder entitlement security-insecure lets every build run privileged steps (RUN --security=insecure)")
				}
			}
		}
	},
}
