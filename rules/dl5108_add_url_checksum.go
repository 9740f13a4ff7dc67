package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
)

var addURLChecksum = &Rule{
	ID: "DL5108", Name: "add-url-without-checksum", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity, TagReproducibility},
	SecuritySeverity: 4.5,
	Summary:          "ADD downloads a URL without --checksum",
	Doc: "`ADD <url>` fetches whatever the server returns at build time. Without `--checksum`, a " +
		"changed or tampered file goes straight into the image and two builds of the same Dockerfile " +
		"may differ. Add `--checksum=sha256:<digest>` (Dockerfile syntax 1.6 and later) so the build " +
		"fails when the content changes. A Git source (`ADD https://github.com/org/repo.git#<ref>`) is " +
		"silent when the ref is a full commit hash or when `--checksum` names the commit.",
	Bad:   "ADD https://example.com/tool-1.2.tgz /opt/",
	Good:  "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.tgz /opt/",
	Check: checkAddURLChecksum,
}

func checkAddURLChecksum(p *Pass) {
	for _, in := range shInstructionsOf(p.Dockerfile, "add") {
		cmd, ok := in.Command.(*instructions.AddCommand)
		if !ok {
			continue
		}
		if fl, ok := in.Flag("checksum"); ok && fl.Value != "" {
			continue
		}
		cursor := in.KeywordRange.End
		for _, src := range cmd.SourcePaths {
			r, found := in.FindAfter(src, cursor)
			if !found {
				r = in.Find(src)
			} else {
				cursor = r.End
			}
			switch {
			case shIsGitSource(src):
				if !shGitPinned(src) {
					p.Reportf(r, "git source %q is not pinned to a commit", src)
				}
			case strings.HasPrefix(strings.ToLower(src), "http://") || strings.HasPrefix(strings.ToLower(src), "https://"):
				p.Reportf(r, "download %q has no --checksum", src)
			}
		}
	}
}

// shIsGitSource reports whether ADD treats a source as a Git repository.
func shIsGitSource(s string) bool {
	lower := strings.ToLower(s)
	base, _, _ := strings.Cut(lower, "#")
	base, _, _ = strings.Cut(base, "?")
	return strings.HasPrefix(lower, "git@") || strings.HasPrefix(lower, "git://") ||
		strings.HasPrefix(lower, "github.com/") || strings.HasSuffix(base, ".git") ||
		(strings.HasPrefix(lower, "ssh://") && strings.Contains(lower, "git"))
}

// shGitPinned reports whether a Git source names a full commit hash, as
// `#<sha>`, `#<sha>:subdir`, or `?ref=<sha>` / `?commit=<sha>`.
func shGitPinned(s string) bool {
	if _, frag, ok := strings.Cut(s, "#"); ok {
		ref, _, _ := strings.Cut(frag, ":")
		if shIsCommitHash(ref) {
			return true
		}
	}
	if _, q, ok := strings.Cut(s, "?"); ok {
		q, _, _ = strings.Cut(q, "#")
		for _, kv := range strings.Split(q, "&") {
			k, v, _ := strings.Cut(kv, "=")
			if (k == "ref" || k == "commit" || k == "checksum") && shIsCommitHash(v) {
				return true
			}
		}
	}
	return false
}

func shIsCommitHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, ch := range s {
		hex := ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f'
		if !hex {
			return false
		}
	}
	return true
}
