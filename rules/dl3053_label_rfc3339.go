package rules

import "github.com/dlint/dlint/parser"

var labelNotRFC3339 = &Rule{
	ID: "DL3053", Name: "label-invalid-rfc3339", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A schema label of type rfc3339 has a value that is not a timestamp",
	Doc: "Active when the label schema (`label-schema`) gives a label the type `rfc3339`: its value must be " +
		"an RFC 3339 timestamp. Tools that read the label (registries, SBOM and provenance tooling, dashboards) " +
		"expect that form. " +
		"Write it like 2024-05-01T10:00:00Z, with the T and a time zone. Values that use a variable without a known value are not judged; " +
		"declare such labels as `text` if they are always set at build time.",
	Bad:   "# label-schema: {org.opencontainers.image.created: rfc3339}\nLABEL org.opencontainers.image.created=\"2024-05-01 10:00\"",
	Good:  "# label-schema: {org.opencontainers.image.created: rfc3339}\nLABEL org.opencontainers.image.created=2024-05-01T10:00:00Z",
	Check: func(p *Pass) { checkLabelType(p, "rfc3339", validRFC3339, "an RFC 3339 timestamp") },
}
