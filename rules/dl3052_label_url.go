package rules

import "github.com/dlint/dlint/parser"

var labelNotURL = &Rule{
	ID: "DL3052", Name: "label-invalid-url", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A schema label of type url has a value that is not a URL",
	Doc: "Active when the label schema (`label-schema`) gives a label the type `url`: its value must be " +
		"an absolute URL. Tools that read the label (registries, SBOM and provenance tooling, dashboards) " +
		"expect that form. " +
		"A URL needs a scheme (https://). Values that use a variable without a known value are not judged; " +
		"declare such labels as `text` if they are always set at build time.",
	Bad:   "# label-schema: {org.opencontainers.image.source: url}\nLABEL org.opencontainers.image.source=github.com/acme/app",
	Good:  "# label-schema: {org.opencontainers.image.source: url}\nLABEL org.opencontainers.image.source=https://github.com/acme/app",
	Check: func(p *Pass) { checkLabelType(p, "url", validURL, "an absolute URL") },
}
