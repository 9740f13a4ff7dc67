package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var labelNotInSchema = &Rule{
	ID: "DL3050", Name: "label-not-in-schema", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "A label is not in the label schema (strict labels)",
	Doc: "Active only with `strict-labels`: every LABEL key must be one the label schema names, so " +
		"the set of labels stays the agreed one. Add the key to the schema or remove the label. With " +
		"strict labels and an empty schema, every label is reported.",
	Bad:   "# strict-labels, label-schema: {org.opencontainers.image.version: semver}\nLABEL build.host=ci-12",
	Good:  "# strict-labels, label-schema: {org.opencontainers.image.version: semver}\nLABEL org.opencontainers.image.version=1.4.0",
	Check: checkLabelNotInSchema,
}

func checkLabelNotInSchema(p *Pass) {
	if !p.Options.StrictLabels {
		return
	}
	for _, l := range fileLabels(p.Dockerfile) {
		if strings.Contains(l.Key, "$") {
			continue
		}
		if _, ok := p.Options.LabelSchema[l.Key]; !ok {
			p.Report(l.KeyRange, fmt.Sprintf("label %q is not in the label schema", l.Key))
		}
	}
}
