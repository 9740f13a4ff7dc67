package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/internal/pathfast"
	"github.com/dlint/dlint/report"
	"github.com/dlint/dlint/rules"
)

// A baseline file records the findings a project has accepted, so that a
// run with --baseline reports only new ones:
//
//	{
//	  "version": 1,
//	  "tool": "dlint",
//	  "findings": [
//	    {"fingerprint": "3f1c…", "rule": "DL3006", "path": "Dockerfile", "message": "…"}
//	  ]
//	}
//
// Only fingerprint matters for matching; rule, path and message are there
// for people reading the file. A fingerprint does not depend on line
// numbers: it hashes the rule ID, the file's path relative to the
// baseline's directory, the flagged lines' text with blanks collapsed (the
// message when the text is not available) and the occurrence index of that
// triple in the file. Moving or re-indenting lines keeps a finding
// baselined; changing the flagged line or adding a second identical finding
// does not.
const baselineVersion = 1

type baselineFile struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Message     string `json:"message"`
}

// baselineFingerprints is parallel to fs (sorted findings): each finding's
// fingerprint, as reports compute it, with paths taken relative to dir.
func baselineFingerprints(fs []rules.Finding, sources map[string][]byte, dir string) []string {
	return report.Fingerprints(fs, sources, baselinePaths(dir))
}

// baselinePaths is baselinePath for findings in order: a file's findings
// come together, and its path is made relative once for all of them, from
// the working directory looked up once (filepath.Abs looks it up each
// time: a third of writing a baseline of thousands of findings).
func baselinePaths(dir string) func(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		wd = ""
	}
	var last, rel string
	seen := false
	return func(p string) string {
		if !seen || p != last {
			last, rel, seen = p, baselinePath(p, dir, wd), true
		}
		return rel
	}
}

// baselinePath is a finding's path relative to the baseline's directory
// dir (absolute), so that the baseline works from any working directory;
// a relative p is taken from wd ("" when it is not known: p is kept).
func baselinePath(p, dir, wd string) string {
	if p == "" || p == "-" {
		return p
	}
	abs := filepath.FromSlash(p)
	if !filepath.IsAbs(abs) {
		if wd == "" {
			return filepath.ToSlash(p)
		}
		abs = filepath.Join(wd, abs)
	}
	if rel, ok := pathfast.RelInside(dir, abs); ok {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

func baselineDir(path string) string {
	return filepath.Dir(absPath(path))
}

func writeBaseline(path string, fs []rules.Finding, sources map[string][]byte) error {
	dir := baselineDir(path)
	fps := baselineFingerprints(fs, sources, dir)
	relative := baselinePaths(dir)
	b := baselineFile{Version: baselineVersion, Tool: "dlint", Findings: []baselineEntry{}}
	for i, f := range fs {
		id := "DL0000"
		if f.Rule != nil {
			id = f.Rule.ID
		}
		b.Findings = append(b.Findings, baselineEntry{Fingerprint: fps[i], Rule: id, Path: relative(f.Path), Message: f.Message})
	}
	data, err := json.Marshal(b)
	if err != nil {
		return err
	}
	// As json.MarshalIndent would write it, in a third of the time.
	data = report.AppendIndentedJSON(make([]byte, 0, len(data)+len(data)/2), data, "", "  ")
	return fix.WriteNamed(path, append(data, '\n'))
}

// readBaseline returns the fingerprints a baseline file accepts.
// maxBaselineSize caps what is read of a baseline: some 80,000 findings
// (a baseline is written at about 1.5 KB a finding). /dev/zero named as
// the baseline ran the process out of memory.
const maxBaselineSize = 128 << 20

func readBaseline(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %w", pathError(path, err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBaselineSize+1))
	if err != nil {
		return nil, fmt.Errorf("baseline %w", pathError(path, err))
	}
	if len(data) > maxBaselineSize {
		return nil, fmt.Errorf("baseline %s: over the %d MiB a baseline may hold", path, maxBaselineSize>>20)
	}
	// Only the fingerprints count: decoding the rest of each entry too
	// took half as long again on a baseline of 34,000 findings.
	var b struct {
		Version  int `json:"version"`
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: not a dlint baseline: %w", path, err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, this dlint reads version %d", path, b.Version, baselineVersion)
	}
	out := map[string]bool{}
	for _, e := range b.Findings {
		out[e.Fingerprint] = true
	}
	return out, nil
}
