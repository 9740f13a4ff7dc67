package report

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dlint/dlint/parser/source"
	"github.com/dlint/dlint/rules"
)

// unknownRule stands in for a finding that carries no rule, so that no
// reporter ever dereferences nil.
var unknownRule = &rules.Rule{ID: "DL0000", Name: "internal-error", Severity: rules.Error, Summary: "dlint failed while checking this file"}

func ruleOf(f *rules.Finding) *rules.Rule {
	if f.Rule == nil {
		return unknownRule
	}
	return f.Rule
}

// valid replaces invalid UTF-8 with U+FFFD, so that every format that must
// be UTF-8 (JSON, SARIF, XML) stays valid whatever bytes a file held.
func valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// displayPath is the path every format shows: slash-separated, cleaned,
// without a leading "./", and relative to in.SourceRoot when it is an
// absolute path inside it.
func displayPath(in *Input, p string) string {
	p = valid(p)
	if p == "" || p == "-" {
		return p
	}
	if in.SourceRoot != "" && filepath.IsAbs(filepath.FromSlash(p)) {
		if rel, err := filepath.Rel(in.SourceRoot, filepath.FromSlash(p)); err == nil {
			rel = filepath.ToSlash(rel)
			if rel != ".." && !strings.HasPrefix(rel, "../") {
				p = rel
			}
		}
	}
	return path.Clean(p)
}

// span is a finding's region made safe for consumers: a start line of at
// least 1, an end that does not come before the start, and columns 0
// (absent) when the region covers whole lines.
type span struct {
	Line, Col, EndLine, EndCol int
}

func spanOf(r source.Range) span {
	s := span{Line: r.Start.Line, Col: r.Start.Column}
	if s.Line < 1 {
		return span{Line: 1, EndLine: 1}
	}
	if s.Col < 0 {
		s.Col = 0
	}
	s.EndLine, s.EndCol = r.End.Line, r.End.Column
	if s.EndLine == 0 { // the range is just its start
		s.EndLine, s.EndCol = s.Line, 0
	}
	if s.EndLine < s.Line {
		s.EndLine, s.EndCol = s.Line, 0
	}
	if s.Col == 0 || s.EndCol < 0 {
		s.EndCol = 0
	}
	if s.EndLine == s.Line && s.EndCol > 0 && s.EndCol < s.Col {
		s.EndCol = s.Col
	}
	return s
}

// pos is "line" or "line:col".
func (s span) pos() string {
	if s.Col > 0 {
		return strconv.Itoa(s.Line) + ":" + strconv.Itoa(s.Col)
	}
	return strconv.Itoa(s.Line)
}

// fingerprints gives every finding of in its Fingerprint, with paths as
// the report shows them. The result is parallel to in.Findings.
func fingerprints(in *Input) []string {
	return Fingerprints(in.Findings, in.Sources, func(p string) string { return displayPath(in, p) })
}

// Fingerprints gives every finding a stable identity that does not depend
// on line numbers: a hash of the rule ID, the path (as pathOf writes it),
// the normalised text of the flagged lines (from sources; the message when
// the source is not available) and the occurrence index of that triple in
// the file, so that two identical findings still differ and moving lines
// changes nothing. The result is parallel to findings. Baselines use the
// same identity.
func Fingerprints(findings []rules.Finding, sources map[string][]byte, pathOf func(string) string) []string {
	out := make([]string, len(findings))
	// Occurrences are counted per displayed path, so the paths are
	// independent: each is fingerprinted on its own, several at once.
	shown := map[string]string{}
	groups := map[string][]int{}
	var order []string
	for i := range findings {
		raw := findings[i].Path
		p, ok := shown[raw]
		if !ok {
			p = pathOf(raw)
			shown[raw] = p
		}
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], i)
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				fingerprintPath(findings, groups[p], p, sources, out)
			}
		}()
	}
	for _, p := range order {
		next <- p
	}
	close(next)
	wg.Wait()
	return out
}

// fingerprintPath fingerprints the findings at idx, all shown at path p.
func fingerprintPath(findings []rules.Finding, idx []int, p string, sources map[string][]byte, out []string) {
	seen := map[string]int{}
	lines := map[string]*source.Lines{}
	var key []byte
	for _, i := range idx {
		f := &findings[i]
		var content string
		if src, ok := sources[f.Path]; ok {
			l := lines[f.Path]
			if l == nil {
				l = source.NewLines(src)
				lines[f.Path] = l
			}
			content = flaggedText(l, f.Range)
		}
		key = append(key[:0], ruleOf(f).ID...)
		key = append(key, 0)
		key = append(key, p...)
		key = append(key, 0)
		if content == "" {
			key = append(key, "message:"...)
			key = append(key, f.Message...)
		} else {
			key = append(key, "lines:"...)
			key = append(key, content...)
		}
		n := seen[string(key)]
		seen[string(key)] = n + 1
		key = append(key, 0)
		key = strconv.AppendInt(key, int64(n), 10)
		sum := sha256.Sum256(key)
		out[i] = hex.EncodeToString(sum[:16])
	}
}

// flaggedText is the text of the lines a range covers, each trimmed and with
// runs of blanks collapsed, so that re-indenting does not change it.
func flaggedText(l *source.Lines, r source.Range) string {
	s := spanOf(r)
	if s.Line > l.Count() {
		return ""
	}
	last := min(s.EndLine, l.Count(), s.Line+49)
	var b strings.Builder
	for n := s.Line; n <= last; n++ {
		if n > s.Line {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Join(strings.Fields(l.Text(n)), " "))
	}
	return b.String()
}

// active returns the findings that were not suppressed.
func active(fs []rules.Finding) []rules.Finding {
	out := make([]rules.Finding, 0, len(fs))
	for _, f := range fs {
		if f.Suppression == nil {
			out = append(out, f)
		}
	}
	return out
}

// fileList is every file to list, sorted: in.Files plus every path that has
// a finding, as display paths.
func fileList(in *Input) []string {
	set := map[string]bool{}
	for _, p := range in.Files {
		set[displayPath(in, p)] = true
	}
	for _, f := range in.Findings {
		set[displayPath(in, f.Path)] = true
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// splitError splits an Input.Errors entry, "path: message".
func splitError(e string) (file, msg string) {
	e = valid(e)
	if p, m, ok := strings.Cut(e, ": "); ok && p != "" {
		return p, m
	}
	return "", e
}
