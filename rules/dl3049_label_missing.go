package rules

import (
	"fmt"
	"slices"

	"github.com/dlint/dlint/parser"
)

var labelMissing = &Rule{
	ID: "DL3049", Name: "label-missing", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "A label the label schema requires is not set on the final image",
	Doc: "Active when a label schema is configured (`label-schema`): every label it names must be set " +
		"on the image that is built, the final stage (or --target), by a LABEL in that stage or in a " +
		"stage it is built FROM. Build stages that only feed others need no labels. Labels inherited " +
		"from the base image are not visible to dlint; set them again, or leave them out of the schema.",
	Bad:   "# label-schema: {org.opencontainers.image.source: url}\nFROM alpine:3.20",
	Good:  "# label-schema: {org.opencontainers.image.source: url}\nFROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app",
	Check: checkLabelMissing,
}

func checkLabelMissing(p *Pass) {
	schema := p.Options.LabelSchema
	final := p.FinalStage()
	if len(schema) == 0 || final == nil {
		return
	}
	set := map[string]bool{}
	for _, l := range stageLabels(p.Dockerfile, final) {
		set[l.Key] = true
	}
	var keys []string
	for k := range schema {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	at := final.From.KeywordRange
	if !final.Image.Range.IsZero() {
		at = final.Image.Range
	}
	for _, k := range keys {
		if !set[k] {
			p.Report(at, fmt.Sprintf("label %q required by the label schema is not set on the final image (%s)", k, stageName(final)))
		}
	}
}
