// Package report writes findings in the formats people and CI systems read.
// Each format is one file and one entry in Formats.
package report

import (
	"io"
	"sort"

	"github.com/dlint/dlint/rules"
)

// Input is everything a reporter needs.
type Input struct {
	Tool    string // "dlint"
	Version string // "test" in golden files
	// InformationURI is the project's home page.
	InformationURI string
	Rules          []*rules.Rule // every registered rule (SARIF tool.driver.rules)
	Findings       []rules.Finding
	// Errors are files that could not be read at all (missing, unreadable):
	// "path: message".
	Errors []string
	// Color enables ANSI colour in the text format.
	Color bool
	// SARIFCategory is runAutomationDetails.id; "" leaves it out.
	SARIFCategory string
}

// Reporter writes one format.
type Reporter func(w io.Writer, in Input) error

// Formats maps a format name to its reporter.
var Formats = map[string]Reporter{
	"text": Text,
	"json": JSON,
}

// FormatNames lists the formats, sorted.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for n := range Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
