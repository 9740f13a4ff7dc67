package rules

import "github.com/dlint/dlint/parser"

var labelNotHash = &Rule{
	ID: "DL3055", Name: "label-invalid-hash", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A schema label of type hash has a value that is not a git hash",
	Doc: "Active when the label schema (`label-schema`) gives a label the type `hash`: its value must be " +
		"a git commit hash (7 to 40 or 64 lower-case hex digits). Tools that read the label (registries, SBOM and provenance tooling, dashboards) " +
		"expect that form. " +
		"Record the commit, not a branch name or tag. Values that use a variable without a known value are not judged; " +
		"declare such labels as `text` if they are always set at build time.",
	Bad:  "# label-schema: {org.opencontainers.image.revision: hash}\nLABEL org.opencontainers.image.revision=main",
	Good: "# label-schema: {org.opencontainers.image.revision: hash}\nLABEL org.opencontainers.image.revision=3f5e1c2a9b",
	Check: func(p *Pass) {
		checkLabelType(p, "hash", validHash, "a git commit hash (7 to 40 or 64 lower-case hex digits)")
	},
}
