package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
)

var definitionDescription = &Rule{
	ID: "DL5410", Name: "definition-description", Aliases: []string{"InvalidDefinitionDescription"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle, TagMaintainability},
	Summary: "A comment above FROM … AS or ARG should start with its name",
	Doc: "Docker's tooling (`docker buildx build --call=outline`, `--call=targets`) shows the comment just " +
		"above `FROM … AS name` and `ARG name` as the description of that stage or build argument when the " +
		"comment starts with the name (`# build compiles the binary`). A comment that does not is taken for " +
		"a plain comment. This is BuildKit's experimental InvalidDefinitionDescription check, and like BuildKit " +
		"dlint runs it only when the file opts in with `# check=experimental=InvalidDefinitionDescription` (or " +
		"`experimental=all`, in the file directive, in the comments above the instruction, or in the " +
		"BUILDKIT_DOCKERFILE_CHECK build arg). The comment block is the run of comment lines just above the " +
		"instruction: a blank line does not end it, an empty `#` line does.",
	Bad:  "# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20\n# the version to install\nARG VERSION=1.0",
	Good: "# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20\n# VERSION is the version to install\nARG VERSION=1.0",
	Check: func(p *Pass) {
		for _, in := range p.Dockerfile.Instructions {
			var keys []string
			switch c := in.Command.(type) {
			case *instructions.Stage:
				if c.Name != "" {
					keys = []string{c.Name}
				}
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					keys = append(keys, kv.Key)
				}
			}
			if len(keys) == 0 || len(in.Comments) == 0 || !bkExperimentalOn(p, "InvalidDefinitionDescription", in.Comments) {
				continue
			}
			first, _, _ := strings.Cut(in.Comments[len(in.Comments)-1], " ")
			if slices.Contains(keys, first) {
				continue
			}
			example := keys[0]
			if len(keys) > 1 {
				example = "<name>"
			}
			p.Report(firstLine(in), fmt.Sprintf("the comment above %s should start with %q to describe it: `# %s <description>`", strings.ToUpper(in.Cmd), example, example))
		}
	},
}
