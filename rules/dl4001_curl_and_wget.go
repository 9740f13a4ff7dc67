package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
)

var curlAndWget = &Rule{
	ID: "DL4001", Name: "curl-and-wget", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagSize, TagMaintainability},
	Aliases: []string{"DS-0014"},
	Summary: "A stage uses both curl and wget",
	Doc: "Both tools download files; needing both usually means both get installed, which enlarges the " +
		"image and doubles the network tools to keep patched. Pick one and use it everywhere in the stage. " +
		"A feature test that falls back from one to the other (`command -v curl && curl … || wget …`) " +
		"is not reported.",
	Bad:   "RUN curl -fsSLO https://example.com/a.tgz\nRUN wget https://example.com/b.tgz",
	Good:  "RUN curl -fsSLO https://example.com/a.tgz \\\n && curl -fsSLO https://example.com/b.tgz",
	Check: checkCurlAndWget,
}

func checkCurlAndWget(p *Pass) {
	first := map[*dockerfile.Stage]map[string]*shell.Command{}
	reported := map[*dockerfile.Stage]bool{}
	for _, r := range shRuns(p) {
		st := r.Stage()
		if st == nil {
			continue
		}
		cmds := r.Commands()
		if shFallbackDownload(cmds) {
			continue
		}
		if first[st] == nil {
			first[st] = map[string]*shell.Command{}
		}
		for _, c := range cmds {
			if !shIsDownloader(c) || !shExecuted(c) {
				continue
			}
			name := c.Base()
			if first[st][name] != nil {
				continue
			}
			first[st][name] = c
			other := "wget"
			if name == "wget" {
				other = "curl"
			}
			if o := first[st][other]; o != nil && !reported[st] {
				reported[st] = true
				p.Report(c.Name.Range, fmt.Sprintf(`stage %s uses both %q and %q (line %d); use one download tool`,
					st.Ref(), name, other, o.Name.Range.Start.Line))
			}
		}
	}
}

// shFallbackDownload reports whether a script picks curl or wget by what is
// installed: it looks one of them up (`command -v`, `which`, `type`,
// `hash`) or joins them with `||`.
func shFallbackDownload(cmds []*shell.Command) bool {
	var prev *shell.Command
	for _, c := range cmds {
		if c.Is("which", "type", "hash", "command") {
			for _, a := range c.Args {
				if a.Value == "curl" || a.Value == "wget" {
					return true
				}
			}
		}
		if !shWrapped(c) && c.Op == "||" && prev != nil {
			if shChainHas(cmds, c, "curl", "wget") != nil && shChainHas(cmds, prev, "curl", "wget") != nil &&
				shChainHas(cmds, c, "curl", "wget").Base() != shChainHas(cmds, prev, "curl", "wget").Base() {
				return true
			}
		}
		if !shWrapped(c) {
			prev = c
		}
	}
	return false
}
