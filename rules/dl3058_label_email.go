package rules

import "github.com/dlint/dlint/parser"

var labelNotEmail = &Rule{
	ID: "DL3058", Name: "label-invalid-email", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A schema label of type email has a value that is not an address",
	Doc: "Active when the label schema (`label-schema`) gives a label the type `email`: its value must be " +
		"an email address. Tools that read the label (registries, SBOM and provenance tooling, dashboards) " +
		"expect that form. " +
		"Both ops@example.com and Ops <ops@example.com> are accepted. Values that use a variable without a known value are not judged; " +
		"declare such labels as `text` if they are always set at build time.",
	Bad:   "# label-schema: {maintainer: email}\nLABEL maintainer=\"ops team\"",
	Good:  "# label-schema: {maintainer: email}\nLABEL maintainer=ops@example.com",
	Check: func(p *Pass) { checkLabelType(p, "email", validEmail, "an email address") },
}
