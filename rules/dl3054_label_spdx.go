package rules

import "github.com/dlint/dlint/parser"

var labelNotSPDX = &Rule{
	ID: "DL3054", Name: "label-invalid-spdx", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A schema label of type spdx has a value that is not an SPDX license",
	Doc: "Active when the label schema (`label-schema`) gives a label the type `spdx`: its value must be " +
		"an SPDX license expression. Tools that read the label (registries, SBOM and provenance tooling, dashboards) " +
		"expect that form. " +
		"Use SPDX identifiers such as MIT or Apache-2.0, joined with AND, OR or WITH; LicenseRef-… for others. The check reads the expression's form and rejects common names that are not identifiers (GPL, BSD, Apache2); it does not embed the full SPDX list. Values that use a variable without a known value are not judged; " +
		"declare such labels as `text` if they are always set at build time.",
	Bad:   "# label-schema: {org.opencontainers.image.licenses: spdx}\nLABEL org.opencontainers.image.licenses=\"Apache 2\"",
	Good:  "# label-schema: {org.opencontainers.image.licenses: spdx}\nLABEL org.opencontainers.image.licenses=Apache-2.0",
	Check: func(p *Pass) { checkLabelType(p, "spdx", validSPDX, "an SPDX license expression") },
}
