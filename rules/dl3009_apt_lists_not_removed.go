package rules

import (
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var aptListsNotRemoved = &Rule{
	ID:       "DL3009",
	Name:     "apt-lists-not-removed",
	Kind:     parser.Dockerfile,
	Severity: Info,
	Tags:     []string{TagSize},
	Summary:  "Remove /var/lib/apt/lists/* in the RUN that runs apt-get update",
	Doc: `` + "`apt-get update`" + ` downloads the package lists to /var/lib/apt/lists, tens of megabytes
that stay in the layer. Remove them at the end of the same RUN: ` + "`rm -rf /var/lib/apt/lists/*`" + `.
A later RUN cannot take them out of the earlier layer.

` + "`apt-get clean`" + ` is not enough: it empties /var/cache/apt/archives (the downloaded .deb files,
which Debian and Ubuntu images already delete after each install) but leaves the lists in place.
` + "`apt-get distclean`" + ` (apt 2.7 and later) removes the lists too and counts.

The rule stays silent when the RUN mounts a cache or tmpfs on /var/lib/apt/lists (or /var/lib/apt),
and for stages that do not reach the final image (builder stages only used by COPY --from).

Fix (unsafe: a later RUN that installs without its own apt-get update then fails): a shell-form RUN
without heredocs that installs after its update gets a continuation line ` + "`&& rm -rf /var/lib/apt/lists/*`" + ` (under sudo when
apt-get update ran under sudo).`,
	Bad:  "RUN apt-get update && apt-get install -y --no-install-recommends curl",
	Good: "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
	Check: func(p *Pass) {
		for _, r := range pkgRuns(p) {
			if !pmInFinalImage(p, r.Stage) || pmCacheMount(r.In, pmCoversDir("/var/lib/apt/lists")) {
				continue
			}
			var last *pkgCall
			for _, c := range r.Calls {
				if c.Family == famApt && c.Sub == "update" && (last == nil || pmAfter(last.Cmd, c.Cmd)) {
					last = c
				}
			}
			if last == nil {
				continue
			}
			cleaned := false
			for i, o := range r.Cmds {
				if !pmAfter(last.Cmd, o) {
					continue
				}
				if pmRemoves(o, "/var/lib/apt/lists") {
					cleaned = true
				}
				if oc := r.CallOf[i]; oc != nil && oc.Family == famApt && oc.Sub == "distclean" {
					cleaned = true
				}
			}
			if cleaned {
				continue
			}
			p.Report(last.SubWord().Range, "the package lists fetched by "+last.Tool+" update stay in the image; end the RUN with rm -rf /var/lib/apt/lists/*",
				aptListsFix(p, r, last)...)
		}
	},
}

// aptListsFix appends the cleanup to a plain shell-form RUN.
// The cleanup runs under sudo when apt-get update did, and is indented
// like the RUN's continuation lines.
func aptListsFix(p *Pass, r *pkgRun, update *pkgCall) []Fix {
	in := r.In
	if in.JSON || len(in.Heredocs) > 0 || p.Lines == nil {
		return nil
	}
	// Only when the RUN itself uses the lists after the update: a RUN that
	// just updates feeds a later one, which would then fail.
	uses := false
	for _, c := range r.Calls {
		if c.Family == famApt && pmAfter(update.Cmd, c.Cmd) && c.SubIs("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "reinstall") {
			uses = true
		}
	}
	if !uses {
		return nil
	}
	end := in.Range.End
	text := strings.TrimRight(p.Lines.Text(end.Line), " \t")
	// Not after an operator that would join the cleanup wrongly, and not
	// after a shell comment (`cmd # note`, `cmd &#`): it would swallow the
	// continuation, and the cleanup with it.
	if strings.HasPrefix(strings.TrimSpace(text), "#") || strings.HasSuffix(text, ";") || strings.HasSuffix(text, "&") || strings.HasSuffix(text, "\\") ||
		in.Script == nil || slices.ContainsFunc(in.Script.Comments, func(c source.Position) bool { return c.Line == end.Line }) {
		return nil
	}
	at := source.Position{Line: end.Line, Column: len([]rune(text)) + 1}
	rm := "rm -rf /var/lib/apt/lists/*"
	for via := update.Cmd.Via; via != nil; via = via.Via {
		if via.Is("sudo") {
			rm = "sudo " + rm
			break
		}
	}
	indent := "    "
	if end.Line > in.Range.Start.Line {
		if ind := fixIndent(p, end.Line); ind != "" {
			indent = ind
		}
	}
	return []Fix{{Message: "Remove the lists in the same RUN", Edits: []Edit{{Range: source.Range{Start: at, End: at}, NewText: " " + string(p.Dockerfile.Escape) + "\n" + indent + "&& " + rm}}}}
}
