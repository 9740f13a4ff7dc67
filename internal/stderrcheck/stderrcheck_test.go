package stderrcheck

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps its failure instead of failing.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Errorf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }
func (r *recorder) Helper()                           {}

func TestCheck(t *testing.T) {
	g := Start(t)
	rec := &recorder{TB: t}
	g.Check(rec)
	if rec.failed != "" {
		t.Fatalf("nothing written, yet: %s", rec.failed)
	}
	fmt.Fprintln(os.Stderr, "<input>:1:1: invalid UTF-8 encoding")
	g.Check(rec)
	if !strings.Contains(rec.failed, "invalid UTF-8 encoding") {
		t.Fatalf("a write to os.Stderr went unseen: %q", rec.failed)
	}
	// More than a pipe holds: the writer must not block, and all of it is seen.
	rec.failed = ""
	big := strings.Repeat("x", 1<<20)
	fmt.Fprint(os.Stderr, big)
	g.Check(rec)
	if !strings.Contains(rec.failed, "xxxx") || len(rec.failed) < len(big) {
		t.Fatalf("a large write was not seen whole (%d bytes)", len(rec.failed))
	}
	rec.failed = ""
	g.Check(rec)
	if rec.failed != "" {
		t.Fatalf("an earlier write was seen again: %.80s", rec.failed)
	}
	fmt.Fprintln(os.Stderr, "a reference's complaint")
	g.Discard()
	g.Check(rec)
	if rec.failed != "" {
		t.Fatalf("a discarded write was seen: %.80s", rec.failed)
	}
}
