package report

import (
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dlint/dlint/internal/pathfast"
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

// displayPath is the path every format shows (ShownPath).
func displayPath(in *Input, p string) string {
	return ShownPath(in.SourceRoot, p)
}

// ShownPath is a finding's path p as every format shows it: slash-separated,
// cleaned, without a leading "./", and relative to root (Input.SourceRoot)
// when it is an absolute path inside it.
func ShownPath(root, p string) string {
	p = valid(p)
	if p == "" || p == "-" {
		return p
	}
	if root != "" && filepath.IsAbs(filepath.FromSlash(p)) {
		if rel, ok := pathfast.RelInside(root, filepath.FromSlash(p)); ok {
			p = filepath.ToSlash(rel)
		}
	}
	if pathfast.IsClean(p) {
		return p // as path.Clean: where pathfast answers, the separator is a slash
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

// fingerprints gives every finding of in its identity, with paths as the
// report shows them. The result is parallel to in.Findings. Findings that
// all carry one already (Finding.Fingerprint, set by SetFingerprints as
// they were linted) keep theirs.
func fingerprints(in *Input) []string {
	return fingerprintsOf(in.Findings, in)
}

// fingerprintsOf is fingerprints for some findings of in: all of a path's,
// or all.
func fingerprintsOf(findings []rules.Finding, in *Input) []string {
	out := make([]string, len(findings))
	for i := range findings {
		if out[i] = findings[i].Fingerprint; out[i] == "" {
			return Fingerprints(findings, in.Sources, func(p string) string { return displayPath(in, p) })
		}
	}
	return out
}

// Fingerprints gives every finding a stable identity that does not depend
// on line numbers: a hash of the rule ID, the path (as pathOf writes it),
// the normalised text of the flagged lines (from sources; the message when
// the source is not available) and the occurrence index of that triple in
// the file, so that two identical findings still differ and moving lines
// changes nothing. The result is parallel to findings; it ignores the
// findings' own Fingerprint. Baselines use the same identity.
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
				var fp fingerprinter
				lines := map[string]*source.Lines{}
				for _, i := range groups[p] {
					f := &findings[i]
					src, ok := sources[f.Path]
					l := lines[f.Path]
					if ok && l == nil {
						l = source.NewLines(src)
						lines[f.Path] = l
					}
					out[i] = fp.of(f, l, p)
				}
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

// SetFingerprints sets the Fingerprint of each of findings, all of one file
// whose lines are lines (nil when its content is not at hand), shown at
// path p, the identity Fingerprints gives them. Fingerprinting a file's
// findings as they are linted, before any is filtered out, makes each
// identity independent of the filters (severity, suppression, baseline)
// and spreads the work over the workers that lint.
func SetFingerprints(findings []rules.Finding, lines *source.Lines, p string) {
	var fp fingerprinter
	for i := range findings {
		findings[i].Fingerprint = fp.of(&findings[i], lines, p)
	}
}

// fingerprinter fingerprints the findings of one path in order, counting
// the occurrences of each identity.
type fingerprinter struct {
	seen map[string]*int // occurrences so far, by identity
	key  []byte
	// long remembers the identities of findings whose flagged lines are
	// long: a line of thousands of findings (one per package of a very long
	// install) would otherwise be normalised and hashed whole for each.
	long map[longSpan]*longKey
}

// longSpan is what a long flagged text is known by before it is read.
type longSpan struct {
	rule, path    string
	line, endLine int
	lines         *source.Lines
}

// longKey is a long identity, its count of occurrences (shared with every
// finding of the same identity) and the SHA-256 state after it, from which
// each occurrence's fingerprint is finished.
type longKey struct {
	seen  *int
	state []byte
}

// longText is how many bytes of flagged lines make a text long.
const longText = 1024

func (fp *fingerprinter) of(f *rules.Finding, lines *source.Lines, p string) string {
	if fp.seen == nil {
		fp.seen = map[string]*int{}
	}
	if lines != nil {
		if s := spanOf(f.Range); flaggedLength(lines, s) > longText {
			if id, ok := fp.ofLong(f, lines, p, s); ok {
				return id
			}
		}
	}
	key, _ := fp.identity(f, lines, p)
	count := fp.occurrence(key)
	key = append(key, 0)
	key = strconv.AppendInt(key, int64(count), 10)
	fp.key = key
	sum := sha256.Sum256(key)
	return hex.EncodeToString(sum[:16])
}

// identity is the finding's identity before its occurrence index: rule,
// path and flagged text, or the message when there is no text (fromText
// false).
func (fp *fingerprinter) identity(f *rules.Finding, lines *source.Lines, p string) (key []byte, fromText bool) {
	key = append(fp.key[:0], ruleOf(f).ID...)
	key = append(key, 0)
	key = append(key, p...)
	key = append(key, 0)
	key = append(key, "lines:"...)
	n := len(key)
	if lines != nil {
		key = appendFlaggedText(key, lines, f.Range)
	}
	fromText = len(key) > n
	if !fromText { // no text: the message stands in for it
		key = append(key[:n-len("lines:")], "message:"...)
		key = append(key, f.Message...)
	}
	fp.key = key
	return key, fromText
}

// ofLong is of for a finding whose flagged lines are long: the identity is
// read and hashed once for all the findings of the same rule on the same
// lines, and each occurrence only finishes the hash, so the fingerprints
// are the same as of's. ok is false when the lines are blank (the message
// is then the identity, and of does the work).
func (fp *fingerprinter) ofLong(f *rules.Finding, lines *source.Lines, p string, s span) (id string, ok bool) {
	k := longSpan{rule: ruleOf(f).ID, path: p, line: s.Line, endLine: s.EndLine, lines: lines}
	c := fp.long[k]
	if c == nil {
		key, fromText := fp.identity(f, lines, p)
		if !fromText {
			return "", false
		}
		h := sha256.New()
		h.Write(key)
		state, err := h.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			return "", false
		}
		if fp.long == nil {
			fp.long = map[longSpan]*longKey{}
		}
		c = &longKey{seen: fp.counter(key), state: state}
		fp.long[k] = c
	}
	h := sha256.New()
	if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(c.state); err != nil {
		return "", false // not counted: of does the work
	}
	count := *c.seen
	*c.seen++
	h.Write(strconv.AppendInt([]byte{0}, int64(count), 10))
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16]), true
}

// occurrence counts one more finding of identity key and returns how many
// came before it.
func (fp *fingerprinter) occurrence(key []byte) int {
	c := fp.counter(key)
	n := *c
	*c++
	return n
}

// counter is the count of occurrences of identity key.
func (fp *fingerprinter) counter(key []byte) *int {
	if c, ok := fp.seen[string(key)]; ok {
		return c
	}
	c := new(int)
	fp.seen[string(key)] = c
	return c
}

// flaggedLength is the bytes of the lines appendFlaggedText reads for s.
func flaggedLength(l *source.Lines, s span) int {
	if s.Line > l.Count() {
		return 0
	}
	n := 0
	for line := s.Line; line <= min(s.EndLine, l.Count(), s.Line+49); line++ {
		n += len(l.Text(line))
	}
	return n
}

// appendFlaggedText appends the text of the lines a range covers, each
// trimmed and with runs of blanks collapsed (as strings.Fields splits
// them), so that re-indenting does not change it; lines are joined by
// newlines.
func appendFlaggedText(b []byte, l *source.Lines, r source.Range) []byte {
	s := spanOf(r)
	if s.Line > l.Count() {
		return b
	}
	last := min(s.EndLine, l.Count(), s.Line+49)
	for n := s.Line; n <= last; n++ {
		if n > s.Line {
			b = append(b, '\n')
		}
		b = appendFields(b, l.Text(n))
	}
	return b
}

// appendFields appends strings.Join(strings.Fields(s), " ") without
// building either.
func appendFields(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.Join(strings.Fields(s), " ")...)
		}
	}
	first := true
	for i := 0; i < len(s); {
		for i < len(s) && asciiSpace(s[i]) {
			i++
		}
		start := i
		for i < len(s) && !asciiSpace(s[i]) {
			i++
		}
		if start == i {
			break
		}
		if !first {
			b = append(b, ' ')
		}
		first = false
		b = append(b, s[start:i]...)
	}
	return b
}

// asciiSpace is strings.Fields' notion of a blank among ASCII bytes.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
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
