package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var addLocalFile = &Rule{
	ID: "DL3020", Name: "add-local-file", Aliases: []string{"DS-0005", "CKV_DOCKER_4"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Summary: "ADD copies only local files that are not archives: use COPY",
	Doc: "ADD does more than copy: it downloads URLs, clones git repositories and unpacks local tar " +
		"archives. For plain local files it behaves like COPY, and readers (and reviewers) then have " +
		"to check that no archive gets unpacked by surprise. Use COPY for local files and keep ADD for " +
		"what only it does. ADD with a URL, a git source, anything that may be an archive (by its " +
		"name), a variable, or ADD-only flags (--checksum, --keep-git-dir, --unpack) is left alone.\n\n" +
		"Fix (unsafe: ADD would also unpack a local tar archive whatever its name): the keyword is replaced by COPY in the same casing.",
	Bad:   "ADD requirements.txt /app/",
	Good:  "COPY requirements.txt /app/",
	Check: checkAddLocalFile,
}

// compressedSuffixes may be compressed tar archives, which ADD unpacks.
var compressedSuffixes = []string{".gz", ".bz2", ".xz", ".zst", ".lz4", ".tb2"}

func mayBeArchive(name string) bool {
	if isTarName(name) {
		return true
	}
	lower := strings.ToLower(name)
	for _, s := range compressedSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

func isRemoteSource(s string) bool {
	lower := strings.ToLower(s)
	return strings.Contains(lower, "://") || strings.HasPrefix(lower, "git@") || strings.HasSuffix(lower, ".git") ||
		strings.Contains(lower, ".git#")
}

func checkAddLocalFile(p *Pass) {
	f := p.Dockerfile
	for _, st := range f.Stages {
		for _, in := range st.InstructionsOf("add") {
			if addOnlyFlags(in) {
				continue
			}
			sources, _, heredocs, ok := copyParts(in)
			if !ok || len(sources) == 0 || heredocs > 0 {
				continue
			}
			local := true
			for _, raw := range sources {
				src, lit := literalArg(f, raw)
				if !lit || isRemoteSource(src) || mayBeArchive(src) {
					local = false
					break
				}
			}
			if !local {
				continue
			}
			word := "COPY"
			if in.Keyword == strings.ToLower(in.Keyword) {
				word = "copy"
			}
			what := "local file " + quoteList(sources)
			if len(sources) > 1 {
				what = "local files " + quoteList(sources)
			}
			var fixes []Fix
			if keywordWritten(p, in) {
				fixes = append(fixes, Fix{Message: "Use COPY (ADD would also unpack a source that is a tar archive whatever its name)", Edits: []Edit{{Range: in.KeywordRange, NewText: word}}})
			}
			p.Report(in.KeywordRange, "ADD of "+what+": COPY does the same without ADD's unpacking and downloading", fixes...)
		}
	}
}

func addOnlyFlags(in *dockerfile.Instruction) bool {
	for _, fl := range in.Flags {
		switch fl.Name {
		case "checksum", "keep-git-dir", "unpack":
			return true
		}
	}
	return false
}

// quoteList renders words as "a", "b".
func quoteList(words []string) string {
	var parts []string
	for _, w := range words {
		parts = append(parts, `"`+strings.Trim(w, `"'`)+`"`)
	}
	return strings.Join(parts, ", ")
}
