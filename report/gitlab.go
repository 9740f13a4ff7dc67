package report

import (
	"bufio"
	"io"

	"github.com/dlint/dlint/rules"
)

type gitlabIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Categories  []string       `json:"categories"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// GitLab writes a GitLab Code Quality report (a JSON array of Code Climate
// issues, no BOM) for `artifacts: reports: codequality`. Each issue has the
// rule ID as check_name, the message (with the rule's name) as description,
// a relative path and line, and a fingerprint that is unique per finding and
// stable when lines move (see fingerprints). Severities: error → critical
// (blocker for security rules with a security severity of 9 or more),
// warning → major, info → minor, style → info. Suppressed findings are left
// out.
func GitLab(w io.Writer, in Input) error {
	return writeAll(newGitLabStream(w, in), in)
}

// gitlabStream writes the array an issue at a time, as encoding/json
// writes it whole with two spaces of indentation.
type gitlabStream struct {
	in    Input
	bw    *bufio.Writer
	n     int    // issues written
	issue []byte // the issue being written, reused
	// Worked out once: each rule's categories, each file's shown path.
	categories  map[*rules.Rule][]string
	path, shown string
}

func newGitLabStream(w io.Writer, in Input) Stream {
	return &gitlabStream{in: in, bw: bufio.NewWriter(w), categories: map[*rules.Rule][]string{}}
}

func (s *gitlabStream) Write(findings []rules.Finding) error {
	fps := fingerprintsOf(findings, &s.in)
	for i := range findings {
		f := &findings[i]
		if f.Suppression != nil {
			continue
		}
		r := ruleOf(f)
		sp := spanOf(f.Range)
		cats, ok := s.categories[r]
		if !ok {
			cats = gitlabCategories(r)
			s.categories[r] = cats
		}
		if s.shown == "" || f.Path != s.path {
			s.path, s.shown = f.Path, displayPath(&s.in, f.Path)
		}
		if s.n == 0 {
			s.bw.WriteString("[\n  ")
		} else {
			s.bw.WriteString(",\n  ")
		}
		s.n++
		s.issue = appendGitLabIssue(s.issue[:0], &gitlabIssue{
			Type:        "issue",
			CheckName:   r.ID,
			Description: valid(f.Message) + " (" + r.ID + " " + r.Name + ")",
			Categories:  cats,
			Fingerprint: fps[i],
			Severity:    gitlabSeverity(r, f.Severity),
			Location:    gitlabLocation{Path: s.shown, Lines: gitlabLines{Begin: sp.Line, End: sp.EndLine}},
		})
		if _, err := s.bw.Write(s.issue); err != nil {
			return err
		}
	}
	return nil
}

// appendGitLabIssue appends is as encoding/json writes it as an element of
// an array indented by two spaces (a test holds the two to the same
// bytes): written by hand, as the JSON report is, since reflection and
// re-indenting cost this report several times what the JSON report costs.
// Its categories are never nil (encoding/json would write null).
func appendGitLabIssue(b []byte, is *gitlabIssue) []byte {
	o := jsonObject{b: b, prefix: "  "}
	o.str("type", is.Type)
	o.str("check_name", is.CheckName)
	o.str("description", is.Description)
	o.strs("categories", is.Categories)
	o.str("fingerprint", is.Fingerprint)
	o.str("severity", is.Severity)
	o.key("location")
	loc := jsonObject{b: o.b, prefix: o.prefix + "  "}
	loc.str("path", is.Location.Path)
	loc.key("lines")
	lines := jsonObject{b: loc.b, prefix: loc.prefix + "  "}
	lines.int("begin", is.Location.Lines.Begin)
	lines.int("end", is.Location.Lines.End)
	loc.b = lines.end()
	o.b = loc.end()
	return o.end()
}

func (s *gitlabStream) Close([]string) error {
	if s.n == 0 {
		s.bw.WriteString("[]\n")
	} else {
		s.bw.WriteString("\n]\n")
	}
	return s.bw.Flush()
}

func gitlabSeverity(r *rules.Rule, s rules.Severity) string {
	switch {
	case s >= rules.Error:
		if _, ok := securitySeverity(r); ok && r.SecuritySeverity >= 9 {
			return "blocker"
		}
		return "critical"
	case s == rules.Warning:
		return "major"
	case s == rules.Info:
		return "minor"
	}
	return "info"
}

// gitlabCategories maps tags to Code Climate's categories (GitLab ignores
// them; Code Climate requires at least one).
func gitlabCategories(r *rules.Rule) []string {
	var out []string
	add := func(c string) {
		for _, have := range out {
			if have == c {
				return
			}
		}
		out = append(out, c)
	}
	for _, t := range r.Tags {
		switch t {
		case rules.TagSecurity:
			add("Security")
		case rules.TagStyle:
			add("Style")
		case rules.TagSize, rules.TagPerformance:
			add("Performance")
		case rules.TagMaintainability:
			add("Clarity")
		case rules.TagCorrectness, rules.TagReproducibility:
			add("Bug Risk")
		}
	}
	if out == nil {
		out = []string{"Bug Risk"}
	}
	return out
}
