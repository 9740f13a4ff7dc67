package rules

import "github.com/dlint/dlint/parser"

var labelNotSemver = &Rule{
	ID: "DL3056", Name: "label-invalid-semver", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A schema label of type semver has a value that is not a version",
	Doc: "Active when the label schema (`label-schema`) gives a label the type `semver`: its value must be " +
		"a semantic version (MAJOR.MINOR.PATCH). Tools that read the label (registries, SBOM and provenance tooling, dashboards) " +
		"expect that form. " +
		"Semantic versions have three numbers and no leading v, with optional -prerelease and +build parts. Values that use a variable without a known value are not judged; " +
		"declare such labels as `text` if they are always set at build time.",
	Bad:   "# label-schema: {org.opencontainers.image.version: semver}\nLABEL org.opencontainers.image.version=v1.2",
	Good:  "# label-schema: {org.opencontainers.image.version: semver}\nLABEL org.opencontainers.image.version=1.2.0",
	Check: func(p *Pass) { checkLabelType(p, "semver", validSemver, "a semantic version (MAJOR.MINOR.PATCH)") },
}
