package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dlint/dlint/rules"
)

// GitHub writes GitHub Actions workflow commands, one a finding, which the
// runner turns into annotations on the pull request's diff:
//
//	::warning file=Dockerfile,line=3,col=6,endLine=3,endColumn=12,title=DL3006 untagged-image::image "debian" has no tag or digest
//
// error → ::error, warning → ::warning, info and style → ::notice. Values
// are escaped as the Actions toolkit does (%, CR, LF; and ',' ':' in
// properties) after control characters are made visible, so no finding can
// inject a command. Suppressed findings are left out. GitHub shows at most
// 10 annotations of each level per step; the rest stay in the log.
func GitHub(w io.Writer, in Input) error {
	return writeAll(newGitHubStream(w, in), in)
}

type githubStream struct {
	in Input
	bw *bufio.Writer
}

func newGitHubStream(w io.Writer, in Input) Stream {
	return &githubStream{in: in, bw: bufio.NewWriter(w)}
}

func (gs *githubStream) Write(findings []rules.Finding) error {
	bw := gs.bw
	for _, f := range active(findings) {
		r := ruleOf(&f)
		s := spanOf(f.Range)
		props := []string{"file=" + escapeProperty(Sanitize(displayPath(&gs.in, f.Path))), fmt.Sprintf("line=%d", s.Line)}
		switch {
		case s.EndLine > s.Line: // annotations take columns on one line only
			props = append(props, fmt.Sprintf("endLine=%d", s.EndLine))
		case s.Col > 0 && s.EndCol > 0:
			props = append(props, fmt.Sprintf("col=%d", s.Col), fmt.Sprintf("endLine=%d", s.EndLine), fmt.Sprintf("endColumn=%d", s.EndCol))
		case s.Col > 0:
			props = append(props, fmt.Sprintf("col=%d", s.Col))
		}
		props = append(props, "title="+escapeProperty(r.ID+" "+r.Name))
		fmt.Fprintf(bw, "::%s %s::%s\n", githubLevel(f.Severity), strings.Join(props, ","), escapeData(Sanitize(f.Message)))
	}
	return nil
}

func (gs *githubStream) Close(errors []string) error {
	for _, e := range errors {
		fmt.Fprintf(gs.bw, "::error title=%s::%s\n", escapeProperty(nonEmpty(gs.in.Tool, "dlint")), escapeData(Sanitize(e)))
	}
	return gs.bw.Flush()
}

func githubLevel(s rules.Severity) string {
	switch {
	case s >= rules.Error:
		return "error"
	case s == rules.Warning:
		return "warning"
	}
	return "notice"
}

// The escapers of a workflow command's message and property values, made
// once: a Replacer builds its tables on first use, and one made per call
// took four fifths of the time of a report of thousands of annotations.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return dataEscaper.Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return propertyEscaper.Replace(s)
}
