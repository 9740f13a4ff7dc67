package rules

import (
	"github.com/dlint/dlint/parser/source"
)

// Finding is one problem found in one file.
type Finding struct {
	Rule     *Rule
	Severity Severity // effective, after configuration
	Path     string   // as the user named it, slash-separated
	Range    source.Range
	Message  string
	Fixes    []Fix // alternatives; at most one is applied
	// Suppression is set when a pragma or the configuration silenced the
	// finding; reporters that can say so (SARIF) keep it, others drop it.
	Suppression *Suppression
	// Fingerprint is the finding's identity across runs, independent of
	// its line (report.Fingerprints). Empty until report.SetFingerprints
	// sets it; reporters compute it for findings that have none.
	Fingerprint string
}

// Fix is one way to repair a finding.
type Fix struct {
	Message string // a verb phrase: "Pin the tag"
	Safe    bool   // applied by --fix; unsafe fixes need --fix-unsafe
	// Path is the file the edits apply to when it is not the finding's own
	// (a .dockerignore repaired from a Dockerfile's finding), slash-separated
	// like Finding.Path. A file that does not exist yet is created from
	// edits at line 1, column 1.
	Path  string
	Edits []Edit
}

// Edit replaces the text in Range (of the finding's file) with NewText.
type Edit struct {
	Range   source.Range
	NewText string
}

// Suppression says why a finding was silenced.
type Suppression struct {
	Kind          string // "inSource" (a pragma) or "external" (configuration)
	Justification string
}
