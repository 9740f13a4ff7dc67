package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var wholeContextNoIgnore = &Rule{
	ID:       "DI1001",
	Name:     "whole-context-without-dockerignore",
	Kind:     parser.BuildContext,
	Severity: Warning,
	Tags:     []string{TagSize, TagPerformance},
	Summary:  "COPY . sends version control, dependencies or logs: no .dockerignore",
	Doc: "`COPY . …` (or `ADD .`) copies the whole build context into the image, and without a " +
		".dockerignore that includes `.git`, installed dependencies such as `node_modules` or a " +
		"virtualenv, caches and log files. They slow every build (the context is sent to the builder " +
		"and any change invalidates the layer cache), bloat the image, can leak history and local " +
		"configuration, and dependencies installed on the host may not even run in the image. " +
		"Add a .dockerignore (or `<Dockerfile>.dockerignore`) that excludes them; the message names " +
		"what would be sent.\n\nFix (unsafe: those files no longer reach the image): a .dockerignore is created at " +
		"the context root listing each reported directory by its path (`.git`, `node_modules`, " +
		"`web/node_modules`) and the log files by directory (`*.log`, `logs/*.log`). A path the pattern " +
		"language would read otherwise is written to match itself alone (`[#]logs/*.log`, `a[[]1]`). A path with a line break or bytes that are not UTF-8 is not " +
		"written (see DI1011): add it yourself.",
	Bad:  "# context holds .git/ and node_modules/, no .dockerignore\nFROM node:22-alpine\nCOPY . /app",
	Good: "# .dockerignore:\n#   .git\n#   node_modules\n#   *.log\nFROM node:22-alpine\nCOPY . /app",
	Check: func(p *Pass) {
		c := p.Context
		if c.Ignore != nil {
			return
		}
		var whole *ctxSource
		for _, s := range contextSources(p) {
			if s.Src.Whole() {
				whole = &s
				break
			}
		}
		if whole == nil {
			return
		}
		items := ctxClutter(c)
		if len(items) == 0 {
			return
		}
		p.Report(whole.Range, fmt.Sprintf("%s %s sends the whole build context and there is no .dockerignore: it includes %s",
			whole.Verb, whole.Src.Raw, ctxDescribeClutter(items)), ctxIgnoreFix(p, ctxIgnoreEntries(c, items))...)
	},
}
