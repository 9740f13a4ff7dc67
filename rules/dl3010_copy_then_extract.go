package rules

import (
	"path"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
)

var copyThenExtract = &Rule{
	ID: "DL3010", Name: "copy-then-extract-archive", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagSize},
	Summary: "A local tar archive is copied and then extracted: ADD does both",
	Doc: "COPY of a tar archive followed by `tar -x` in a later RUN stores the archive in one layer and " +
		"its contents in another, so the image carries both. ADD unpacks a local tar archive (plain or " +
		"compressed with gzip, bzip2, xz or zstd) straight into the destination in one layer. Use " +
		"`ADD app.tar.gz /opt/app/`, or a bind mount (`RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xf ...`) " +
		"when the extraction needs tar options ADD lacks (--strip-components, --exclude, member lists), which this rule leaves alone.",
	Bad:   "COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz",
	Good:  "ADD app.tar.gz /opt/",
	Check: checkCopyThenExtract,
}

// tarSuffixes are the names ADD recognises as (compressed) tar archives.
var tarSuffixes = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst"}

func isTarName(name string) bool {
	lower := strings.ToLower(name)
	for _, s := range tarSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

func checkCopyThenExtract(p *Pass) {
	f := p.Dockerfile
	for _, st := range f.Stages {
		for i, in := range st.Instructions {
			if in.Cmd != "copy" {
				continue
			}
			if _, ok := in.Flag("from"); ok {
				continue
			}
			sources, dest, _, ok := copyParts(in)
			if !ok {
				continue
			}
			ranges := argRanges(in, append(append([]string{}, sources...), dest))
			for j, raw := range sources {
				src, lit := literalArg(f, raw)
				if !lit || strings.ContainsAny(src, "*?[") || !isTarName(src) {
					continue
				}
				base := path.Base(src)
				names := []string{base}
				// COPY app.tar.gz /tmp/release.tgz renames the file.
				if d, lit := literalArg(f, dest); lit && len(sources) == 1 && !strings.HasSuffix(d, "/") && d != "." {
					names = append(names, path.Base(d))
				}
				for _, name := range names {
					if line := extractedLater(st.Instructions[i+1:], name); line > 0 {
						p.Reportf(ranges[j], "archive %q is copied here and extracted by the RUN at line %d; ADD extracts a local tar archive in one layer", base, line)
						break
					}
				}
			}
		}
	}
}

// extractedLater returns the line of the first RUN that extracts an archive
// with this base name as ADD would (no tar options ADD lacks); 0 if none.
func extractedLater(ins []*dockerfile.Instruction, base string) int {
	for _, in := range ins {
		if in.Cmd != "run" || in.Script == nil {
			continue
		}
		for _, c := range in.Script.Commands {
			if c.Is("tar") && tarExtractsPlainly(c, base) {
				return in.Line()
			}
		}
	}
	return 0
}

// tarExtractsPlainly reports whether a tar command extracts the archive
// named base with nothing ADD cannot do.
func tarExtractsPlainly(c *shell.Command, base string) bool {
	extract, names := false, false
	for i, a := range c.Args {
		v := a.Value
		switch {
		case v == "--extract" || v == "--get":
			extract = true
		case strings.HasPrefix(v, "--strip-components"), strings.HasPrefix(v, "--exclude"),
			strings.HasPrefix(v, "--wildcards"), v == "--to-stdout", strings.HasPrefix(v, "--to-command"),
			strings.HasPrefix(v, "--transform"), strings.HasPrefix(v, "--xform"), strings.HasPrefix(v, "--files-from"),
			strings.HasPrefix(v, "--one-top-level"), v == "--keep-old-files", v == "--skip-old-files":
			return false
		case strings.HasPrefix(v, "--"):
		case strings.HasPrefix(v, "-") || i == 0 && !strings.Contains(v, "/") && !strings.Contains(v, "."):
			flags := strings.TrimPrefix(v, "-")
			if strings.ContainsRune(flags, 'x') {
				extract = true
			}
			if strings.ContainsAny(flags, "OT") {
				return false
			}
		}
		if a.Lit && (path.Base(v) == base || path.Base(strings.TrimPrefix(v, "--file=")) == base) {
			names = true
		}
	}
	return extract && names
}
