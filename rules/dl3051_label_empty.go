package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var labelEmpty = &Rule{
	ID: "DL3051", Name: "label-empty", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "A label the label schema names has an empty value",
	Doc: "Active when a label schema is configured: a schema label set to an empty string carries no " +
		"information and defeats the point of requiring it. Give it a value. Values built from " +
		"variables without a known value are not judged.",
	Bad:   "# label-schema: {org.opencontainers.image.vendor: text}\nLABEL org.opencontainers.image.vendor=\"\"",
	Good:  "# label-schema: {org.opencontainers.image.vendor: text}\nLABEL org.opencontainers.image.vendor=\"ACME\"",
	Check: checkLabelEmpty,
}

func checkLabelEmpty(p *Pass) {
	schema := p.Options.LabelSchema
	if len(schema) == 0 {
		return
	}
	for _, l := range fileLabels(p.Dockerfile) {
		if _, ok := schema[l.Key]; !ok || l.Unknown {
			continue
		}
		if strings.TrimSpace(l.Value) == "" {
			p.Report(l.KeyRange, fmt.Sprintf("label %q has an empty value", l.Key))
		}
	}
}
