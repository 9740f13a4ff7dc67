package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
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
	// A file's findings share its path: shown and escaped once.
	path, file string
	line       []byte // the command being written, reused
}

func newGitHubStream(w io.Writer, in Input) Stream {
	return &githubStream{in: in, bw: bufio.NewWriter(w)}
}

func (gs *githubStream) Write(findings []rules.Finding) error {
	for i := range findings {
		f := &findings[i]
		if f.Suppression != nil {
			continue
		}
		r := ruleOf(f)
		s := spanOf(f.Range)
		if gs.file == "" || f.Path != gs.path {
			gs.path, gs.file = f.Path, escapeProperty(Sanitize(displayPath(&gs.in, f.Path)))
		}
		b := append(gs.line[:0], "::"...)
		b = append(b, githubLevel(f.Severity)...)
		b = append(b, " file="...)
		b = append(b, gs.file...)
		b = appendProperty(b, "line", s.Line)
		switch {
		case s.EndLine > s.Line: // annotations take columns on one line only
			b = appendProperty(b, "endLine", s.EndLine)
		case s.Col > 0 && s.EndCol > 0:
			b = appendProperty(b, "col", s.Col)
			b = appendProperty(b, "endLine", s.EndLine)
			b = appendProperty(b, "endColumn", s.EndCol)
		case s.Col > 0:
			b = appendProperty(b, "col", s.Col)
		}
		b = append(b, ",title="...)
		b = append(b, escapeProperty(r.ID+" "+r.Name)...)
		b = append(b, "::"...)
		b = append(b, escapeData(Sanitize(f.Message))...)
		b = append(b, '\n')
		gs.bw.Write(b)
		gs.line = b
	}
	return nil
}

// appendProperty appends ",name=n".
func appendProperty(b []byte, name string, n int) []byte {
	b = append(b, ',')
	b = append(b, name...)
	b = append(b, '=')
	return strconv.AppendInt(b, int64(n), 10)
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
