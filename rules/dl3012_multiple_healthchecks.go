package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var multipleHealthchecks = &Rule{
	ID: "DL3012", Name: "multiple-healthchecks", Kind: parser.Dockerfile, Severity: Warning,
	Aliases: []string{"MultipleInstructionsDisallowed", "DS-0023"},
	Tags:    []string{TagCorrectness},
	Summary: "A stage has more than one HEALTHCHECK; only the last one counts",
	Doc: "Each HEALTHCHECK replaces the previous one of the same stage, so all but the last are " +
		"dead code that misleads readers about how health is checked. Keep one. Like " +
		"`docker build --check`, the finding is on each HEALTHCHECK that is overridden.",
	Bad:  "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD wget -qO- http://localhost/",
	Good: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			hcs := st.InstructionsOf("healthcheck")
			for i := 0; i+1 < len(hcs); i++ {
				last := hcs[len(hcs)-1]
				p.Report(hcs[i].KeywordRange, fmt.Sprintf("this HEALTHCHECK is overridden by the one on line %d", last.Line()))
			}
		}
	},
}
