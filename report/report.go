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

	// Files lists every file that was linted, as the user named it
	// (slash-separated, like Finding.Path). Optional: the checkstyle and
	// junit formats list clean files from it (a passing test case per
	// clean file), markdown counts them. Nil lists only files with findings.
	Files []string
	// Sources maps a Finding.Path to the file's content. Optional: the
	// fingerprints of the sarif (partialFingerprints) and gitlab formats
	// hash the flagged lines' text from it so that they survive lines
	// moving; without it they hash the finding's message instead.
	Sources map[string][]byte
	// SourceRoot is the absolute, OS-specific directory that reported paths
	// are relative to (the repository root or the working directory).
	// Optional: when set, absolute finding paths inside it are reported
	// relative to it, and SARIF's originalUriBaseIds["%SRCROOT%"] carries
	// it as a file URI. Leave it empty for byte-stable output across
	// machines.
	SourceRoot string
}

// Reporter writes one format.
type Reporter func(w io.Writer, in Input) error

// Formats maps a format name to its reporter:
//
//	text        path:line:col: severity: message (ID name), for people and editors
//	json        dlint's own document (JSONSchemaVersion)
//	sarif       SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
//	checkstyle  Checkstyle XML for Jenkins warnings-ng, reviewdog, IDEs
//	junit       JUnit XML for GitLab/Jenkins/Azure test reports
//	gitlab      GitLab Code Quality (Code Climate) JSON
//	github      GitHub Actions workflow commands (inline annotations)
//	markdown    a summary for PR comments and $GITHUB_STEP_SUMMARY
var Formats = map[string]Reporter{
	"text":       Text,
	"json":       JSON,
	"sarif":      SARIF,
	"checkstyle": Checkstyle,
	"junit":      JUnit,
	"gitlab":     GitLab,
	"github":     GitHub,
	"markdown":   Markdown,
}

// UsesFingerprints reports whether format writes each finding's fingerprint
// (json's fingerprint, sarif's partialFingerprints, gitlab's fingerprint).
// A fingerprint hashes the finding's flagged text, so the CLI computes them
// as files are linted (SetFingerprints) only for a report that writes them.
func UsesFingerprints(format string) bool {
	switch format {
	case "json", "sarif", "gitlab":
		return true
	}
	return false
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
