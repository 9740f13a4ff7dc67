// Package fix applies the fixes rules attach to findings: edits are applied
// to the file's bytes without touching anything else, overlapping fixes
// are resolved deterministically, and files are replaced atomically.
package fix

import (
	"bytes"
	"slices"
	"strings"

	"github.com/dlint/dlint/parser/source"
	"github.com/dlint/dlint/rules"
)

// edit is a byte-offset replacement.
type edit struct {
	start, end int
	text       string
	order      int // position among the edits taken, for equal offsets
}

// Apply applies to src, the content of file path, the first fix of each
// finding in order whose edits are for that file (safe fixes only unless
// unsafe is set) and returns the new content and the findings whose fix was
// applied. A fix's edits are for path when Fix.Path says so, or when it is
// empty and the finding is in path. An empty path takes every fix whose
// Fix.Path is empty. A fix with an edit that overlaps an edit already taken
// is skipped whole, to be reconsidered on the next round once the file has
// been linted again. New text written with "\n" follows the file's line
// endings, so a CRLF file stays CRLF.
func Apply(path string, src []byte, findings []rules.Finding, unsafe bool) ([]byte, []rules.Finding) {
	lines := source.NewLines(src)
	crlf := usesCRLF(src)
	var taken []edit
	var placed spans // taken, by offset
	var applied []rules.Finding
	for _, f := range findings {
		if len(f.Fixes) == 0 || f.Suppression != nil {
			continue
		}
		fx := f.Fixes[0]
		if !fx.Safe && !unsafe || !fixesFile(f, fx, path) {
			continue
		}
		var es []edit
		ok := len(fx.Edits) > 0
		for _, e := range fx.Edits {
			ed := edit{start: lines.Offset(e.Range.Start), end: lines.Offset(e.Range.End), text: e.NewText}
			if e.Range.End.Line == 0 {
				ed.end = ed.start
			}
			if ed.end < ed.start || placed.overlaps(ed) || overlaps(ed, es) {
				ok = false
				break
			}
			if crlf {
				ed.text = toCRLF(ed.text)
			}
			es = append(es, ed)
		}
		if !ok {
			continue
		}
		taken = append(taken, es...)
		for _, e := range es {
			placed.add(e)
		}
		applied = append(applied, f)
	}
	if len(taken) == 0 {
		return src, nil
	}
	// One pass over the file in offset order; edits at the same offset in
	// the order they were taken, so insertions end up in finding order.
	size := len(src)
	for i := range taken {
		taken[i].order = i
		size += len(taken[i].text)
	}
	slices.SortFunc(taken, func(a, b edit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.order - b.order
	})
	out := make([]byte, 0, size)
	pos := 0
	for _, e := range taken {
		if e.start > pos {
			out = append(out, src[pos:e.start]...)
			pos = e.start
		}
		out = append(out, e.text...)
		pos = max(pos, e.end)
	}
	return append(out, src[pos:]...), applied
}

// spans are edits that do not overlap, sorted by start, then end. Their
// ends are then sorted too (an empty edit sits only at another's
// boundary), so an edit overlaps one of them exactly when it overlaps the
// last that starts before it ends: a lookup costs a binary search, where
// comparing with every edit taken was the square of a file's fixes.
type spans []edit

func (s spans) overlaps(e edit) bool {
	i, _ := slices.BinarySearchFunc(s, e.end, func(o edit, end int) int {
		if o.start < end {
			return -1
		}
		return 1
	})
	return i > 0 && e.start < s[i-1].end && s[i-1].start < e.end
}

// add places e, which overlaps none of them; fixes come in file order, so
// it is nearly always appended.
func (s *spans) add(e edit) {
	i, _ := slices.BinarySearchFunc(*s, e, func(o, e edit) int {
		if o.start != e.start {
			return o.start - e.start
		}
		if o.end != e.end {
			return o.end - e.end
		}
		return -1 // after equal ones
	})
	*s = slices.Insert(*s, i, e)
}

func fixesFile(f rules.Finding, fx rules.Fix, path string) bool {
	if fx.Path != "" {
		return fx.Path == path
	}
	return path == "" || f.Path == path
}

// overlaps reports whether e shares bytes with any of es. Two insertions at
// the same point do not overlap; an insertion inside a replaced span does.
func overlaps(e edit, es []edit) bool {
	for _, o := range es {
		if e.start < o.end && o.start < e.end {
			return true
		}
		if e.start == e.end && o.start < e.start && e.start < o.end {
			return true
		}
		if o.start == o.end && e.start < o.start && o.start < e.end {
			return true
		}
	}
	return false
}

func usesCRLF(src []byte) bool {
	crlf := bytes.Count(src, []byte("\r\n"))
	return crlf > 0 && crlf*2 >= bytes.Count(src, []byte("\n"))
}

func toCRLF(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

// maxRounds bounds Converge: each round applies every fix that does not
// overlap another, so a handful of rounds settles any real file.
const maxRounds = 10

// Converge lints src, applies the fixes, and repeats on the result until
// no fix applies, so fixes that overlapped in one round land in the next
// and a second run changes nothing. It returns the final content and every
// finding whose fix was applied.
func Converge(path string, src []byte, lint func([]byte) []rules.Finding, unsafe bool) ([]byte, []rules.Finding) {
	out, applied, _ := converge(path, src, lint, unsafe, nil)
	return out, applied
}

// BrokenError is what ConvergeParsing returns when a round of fixes would
// have left more parse errors than it found: a fix with a bug.
type BrokenError struct {
	Path  string
	Rules []string // the rules whose fixes the dropped round held, sorted
	Size  int      // the bytes the dropped round would have written
}

// Broken is the BrokenError of fixes applied to path, naming their rules.
func Broken(path string, applied []rules.Finding) *BrokenError {
	return &BrokenError{Path: path, Rules: ruleIDs(applied)}
}

func (e *BrokenError) Error() string {
	return e.Path + ": fixes of " + strings.Join(e.Rules, ", ") +
		" not applied: the file would no longer parse as it does now (a bug in dlint; please report it)"
}

// ConvergeParsing is Converge for content that is about to be written: a
// round whose result has more parse errors than its input (parseErrors
// counts them) is dropped, the rounds before it are kept, and a
// *BrokenError names the rules of the dropped round. Every fix is meant to
// keep a file parsing; this keeps a user's file whole if one does not.
// parseErrors is asked about a content right after lint was.
func ConvergeParsing(path string, src []byte, lint func([]byte) []rules.Finding, unsafe bool, parseErrors func([]byte) int) ([]byte, []rules.Finding, error) {
	return converge(path, src, lint, unsafe, parseErrors)
}

func converge(path string, src []byte, lint func([]byte) []rules.Finding, unsafe bool, parseErrors func([]byte) int) ([]byte, []rules.Finding, error) {
	var all []rules.Finding
	findings := lint(src)
	errs := -1 // src's parse errors, once counted
	for range maxRounds {
		out, applied := Apply(path, src, findings, unsafe)
		if len(applied) == 0 || bytes.Equal(out, src) {
			break
		}
		// Each content's parse errors are asked for right after it was
		// linted: a caller whose lint parses can count them from that parse.
		if parseErrors != nil && errs < 0 {
			errs = parseErrors(src)
		}
		next := lint(out)
		if parseErrors != nil {
			n := parseErrors(out)
			if n > errs {
				broken := Broken(path, applied)
				broken.Size = len(out)
				return src, all, broken
			}
			errs = n
		}
		all = append(all, applied...)
		src, findings = out, next
	}
	return src, all, nil
}

// ruleIDs are the distinct rules of fs, sorted.
func ruleIDs(fs []rules.Finding) []string {
	var ids []string
	for _, f := range fs {
		if f.Rule != nil {
			ids = append(ids, f.Rule.ID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
