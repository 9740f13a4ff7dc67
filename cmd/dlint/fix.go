package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/report"
	"github.com/dlint/dlint/rules"
)

// fixMode is what --fix, --fix-unsafe and --diff ask for.
type fixMode struct {
	write  bool // change files in place
	diff   bool // print a diff, write nothing
	unsafe bool // include fixes that change behaviour

	mu    sync.Mutex
	diffs map[string]string // path → diff, printed in target order
	// others collects fixes for files other than the finding's own (an
	// ignore file repaired from a Dockerfile's finding), applied once all
	// targets are done.
	others []rules.Finding
	errs   []error
}

func (m *fixMode) on() bool { return m != nil && (m.write || m.diff) }

func readFixMode(c *cli.Context, src flagSource, targets []target) (*fixMode, error) {
	get := func(name string) (bool, error) {
		v, _, err := src.boolean(name)
		return v, err
	}
	fixFlag, err := get("fix")
	if err != nil {
		return nil, err
	}
	unsafe, err := get("fix-unsafe")
	if err != nil {
		return nil, err
	}
	diff, err := get("diff")
	if err != nil {
		return nil, err
	}
	m := &fixMode{diff: diff, unsafe: unsafe, write: (fixFlag || unsafe) && !diff, diffs: map[string]string{}}
	if m.write {
		for _, t := range targets {
			if t.fsPath == "" {
				return nil, usageError("--fix cannot rewrite standard input; use --diff to see the fixes")
			}
		}
		if src.isSet("write-baseline") {
			return nil, usageError("--fix and --write-baseline cannot be combined")
		}
	}
	return m, nil
}

// fixOne applies the fixes of one file until they settle, writes the file
// (--fix) or records its diff (--diff), and returns the findings of the
// result, so the report and the exit status reflect what remains.
func fixOne(t target, src []byte, p *profile, l *cliLayer, lintSrc func([]byte) []rules.Finding) ([]rules.Finding, []byte, error) {
	m := l.fixing
	// The parse errors of the content linted last: a round of fixes that
	// would leave the file parsing worse than it found it is a bug in a
	// fix; it is not written, and the run says so.
	var last struct {
		src  string
		errs int
	}
	// Findings the configuration turns off are not fixed either.
	lint := func(b []byte) []rules.Finding {
		var out []rules.Finding
		errs := 0
		for _, f := range lintSrc(b) {
			if rules.IsParseError(f.Rule) {
				errs++
			}
			if off, _ := p.silenced(f.Rule, f.Path); !off {
				out = append(out, f)
			}
		}
		last.src, last.errs = string(b), errs
		return out
	}
	parseErrors := func(b []byte) int {
		if string(b) == last.src {
			return last.errs
		}
		return len(parse(t.path, b, t.kind, p.parseOpts).Errors)
	}
	fixed, _, err := fix.ConvergeParsing(t.path, src, lint, m.unsafe, parseErrors)
	if broken := (*fix.BrokenError)(nil); errors.As(err, &broken) && broken.Size > maxFileSize {
		// Not a fix with a bug: fixes that grow the file past what dlint reads.
		err = fmt.Errorf("%s: fixes of %s not applied: the file would grow to %d bytes, over the %d-byte limit",
			broken.Path, strings.Join(broken.Rules, ", "), broken.Size, maxFileSize)
	}
	if err != nil {
		m.mu.Lock()
		m.errs = append(m.errs, err)
		m.mu.Unlock()
	}
	after := lintSrc(fixed)
	var others []rules.Finding
	for _, f := range after {
		if f.Suppression == nil && len(f.Fixes) > 0 && f.Fixes[0].Path != "" && f.Fixes[0].Path != t.path && (f.Fixes[0].Safe || m.unsafe) {
			if off, _ := p.silenced(f.Rule, f.Path); !off {
				others = append(others, f)
			}
		}
	}
	m.mu.Lock()
	m.others = append(m.others, others...)
	m.mu.Unlock()
	if string(fixed) == string(src) {
		return after, src, nil
	}
	if m.diff {
		d, err := fix.Diff(t.path, src, fixed)
		if err != nil {
			return nil, nil, err
		}
		m.mu.Lock()
		m.diffs[t.path] = d
		m.mu.Unlock()
		return after, src, nil
	}
	write := fix.WriteFile // the user named it: a link is followed
	if t.fromDir {
		write = fix.WriteFound
	}
	if err := write(t.fsPath, fixed); err != nil {
		return nil, nil, err
	}
	return after, fixed, nil
}

// finishFixes applies the fixes aimed at other files, prints the diffs in
// target order (--diff), and reports whether anything changed or would.
// notice tells what the diffs printed leave out.
func finishFixes(w io.Writer, notice func(string), targets []target, l *cliLayer) (bool, []error) {
	m := l.fixing
	errs := m.errs
	changed := false
	byPath := map[string][]rules.Finding{}
	seen := map[string]bool{}
	for _, f := range m.others {
		key := fixKey(f.Fixes[0])
		if seen[key] {
			continue // several Dockerfiles sharing one ignore file ask for the same repair
		}
		seen[key] = true
		byPath[f.Fixes[0].Path] = append(byPath[f.Fixes[0].Path], f)
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	otherDiffs := map[string]string{}
	for _, p := range paths {
		before, err := os.ReadFile(filepath.FromSlash(p))
		exists := err == nil
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, pathError(p, err))
			continue
		}
		after, applied := fix.Apply(p, before, byPath[p], m.unsafe)
		if len(applied) == 0 || string(after) == string(before) {
			continue
		}
		// Held to the same rule as a target's fixes: never written when
		// the file would parse worse than it did.
		kind := parser.KindOfNamed(p)
		if parseErrors(p, after, kind) > parseErrors(p, before, kind) {
			errs = append(errs, fix.Broken(p, applied))
			continue
		}
		changed = true
		if m.diff {
			d, err := fix.Diff(p, before, after)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			otherDiffs[p] = d
			continue
		}
		// An ignore file is found, never named: never written through a
		// link, which could point outside the tree being linted.
		if exists {
			err = fix.WriteFound(filepath.FromSlash(p), after)
		} else {
			err = fix.CreateFound(filepath.FromSlash(p), after)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	raw := isRegularFile(w)
	show := func(path, d string) {
		if !raw {
			var escaped bool
			if d, escaped = report.SanitizeLines(d); escaped {
				notice(path + ": the diff shows the file's control characters escaped, so it does not apply as printed; --fix applies it, and so does the diff written to a file")
			}
		}
		fmt.Fprint(w, d)
	}
	for _, t := range targets {
		if d := m.diffs[t.path]; d != "" {
			changed = true
			show(t.path, d)
		}
	}
	for _, p := range paths {
		if d := otherDiffs[p]; d != "" {
			show(p, d)
		}
	}
	return changed, errs
}

// isRegularFile reports whether w is a regular file. A diff is printed as
// it is only there: on a terminal or into a pipe, which may end in a CI
// log, the control characters of a hostile file could rewrite what is
// shown, as in any text dlint prints.
func isRegularFile(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}

// parseErrors counts the parse errors of src read as kind; a parser that
// fails on it counts as parsing it worse than anything (the fixes are then
// refused, not the run ended).
func parseErrors(p string, src []byte, kind parser.Kind) (n int) {
	defer func() {
		if recover() != nil {
			n = math.MaxInt
		}
	}()
	return len(parse(p, src, kind, parser.Options{}).Errors)
}

// fixKey identifies a fix by the file and edits it makes.
func fixKey(fx rules.Fix) string {
	var sb strings.Builder
	sb.WriteString(fx.Path)
	for _, e := range fx.Edits {
		fmt.Fprintf(&sb, "|%v-%v:%s", e.Range.Start, e.Range.End, e.NewText)
	}
	return sb.String()
}
