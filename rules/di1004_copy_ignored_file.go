package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerignore"
)

var copyIgnoredFile = &Rule{
	ID:       "DI1004",
	Name:     "copy-ignored-file",
	Aliases:  []string{"CopyIgnoredFile"},
	Kind:     parser.BuildContext,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "A COPY or ADD source is excluded by the ignore file",
	Doc: "The ignore file leaves this path out of the build context, so the builder never receives " +
		"it: the COPY fails with \"not found\", or a wildcard silently copies less than intended. " +
		"Either stop ignoring the path or stop copying it. As in BuildKit's CopyIgnoredFile check, " +
		"sources copied `--from` a stage or image, URLs and git repositories are not checked, `.` is " +
		"only reported when a pattern (`*`, `**`, `**/*`) ignores everything, and the rule stays " +
		"silent when the ignore file has any `!` exception, since an exception may bring back a file " +
		"inside an ignored directory. Unlike BuildKit it checks every stage, not only those the " +
		"target needs, and reads `/app` as the context path `app`.",
	Bad:  "# .dockerignore:\n#   config\nFROM alpine:3.20\nCOPY config /etc/app",
	Good: "# .dockerignore:\n#   config/local.yml\nFROM alpine:3.20\nCOPY config /etc/app",
	Check: func(p *Pass) {
		ig := p.Context.Ignore
		if ig == nil || len(ig.Patterns) == 0 || ig.HasExceptions() {
			return
		}
		rootIgnored := false
		for _, pat := range ig.Patterns {
			switch pat.Cleaned {
			case "*", "**", "**/*":
				rootIgnored = true
			}
		}
		name := ignoreName(p.Context)
		var work dockerignore.Work // a source too costly to match is not checked
		for _, s := range contextSources(p) {
			rel := s.Src.Clean
			if rel == "" {
				if !rootIgnored {
					continue
				}
				rel = "."
			}
			cost := ig.ExcludesCost(rel) // of Excludes; Deciding's is the same
			if rel != "." && (!work.Spend(cost) || !ig.Excludes(rel)) {
				continue
			}
			if !work.Spend(cost) {
				continue
			}
			pat, ok := ig.Deciding(rel)
			if rel == "." {
				for _, x := range ig.Patterns {
					if x.Cleaned == "*" || x.Cleaned == "**" || x.Cleaned == "**/*" {
						pat, ok = x, true
					}
				}
			}
			if !ok {
				continue
			}
			p.Reportf(s.Range, "%s source %q is excluded by %s (line %d: %q), so the builder never receives it",
				s.Verb, rel, name, pat.Range.Start.Line, pat.Raw)
		}
	},
}
