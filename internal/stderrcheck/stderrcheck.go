// Package stderrcheck lets tests and fuzz targets fail when the code they
// run writes to the process's standard error. dlint reports everything
// through its reporters; a library that prints its own complaint there
// (patternmatcher's text/scanner does, for a pattern that is not UTF-8)
// puts a line naming no file in the middle of dlint's output.
package stderrcheck

import (
	"bytes"
	"flag"
	"os"
	"sync"
	"testing"
)

// Guard holds os.Stderr redirected to a pipe that a goroutine drains.
type Guard struct {
	w      *os.File
	mu     sync.Mutex
	cond   *sync.Cond
	buf    bytes.Buffer
	closed bool
}

// marker ends what a Check collects: the pipe keeps the order of writes,
// so once the marker is read, everything written before it has been too.
const marker = "\x00stderrcheck\x00"

// Start redirects os.Stderr to a pipe until tb ends. The code under test
// must not run concurrently with another test's, as a fuzz target's
// inputs do not. In the process that coordinates fuzzing, which runs no
// input and reports its progress on standard error, it does nothing.
func Start(tb testing.TB) *Guard {
	tb.Helper()
	if fuzzCoordinator() {
		return nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	g := &Guard{w: w}
	g.cond = sync.NewCond(&g.mu)
	done := make(chan struct{})
	go func() {
		defer close(done)
		chunk := make([]byte, 4096)
		for {
			n, err := r.Read(chunk)
			g.mu.Lock()
			g.buf.Write(chunk[:n])
			g.closed = err != nil
			g.cond.Broadcast()
			g.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	orig := os.Stderr
	os.Stderr = w
	tb.Cleanup(func() {
		os.Stderr = orig
		_ = w.Close()
		<-done
		_ = r.Close()
	})
	return g
}

// Check fails tb (without stopping it: Check may be deferred) with whatever
// was written to os.Stderr since Start or the last Check or Discard.
func (g *Guard) Check(tb testing.TB) {
	tb.Helper()
	if written := g.take(); written != "" {
		tb.Errorf("wrote to standard error: %q", written)
	}
}

// Discard drops whatever was written to os.Stderr since Start or the last
// Check or Discard: what reference code a test compares with wrote there.
func (g *Guard) Discard() { g.take() }

// take returns and forgets what was written so far.
func (g *Guard) take() string {
	if g == nil {
		return ""
	}
	if _, err := g.w.WriteString(marker); err != nil {
		return "(stderrcheck: " + err.Error() + ")"
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for !bytes.Contains(g.buf.Bytes(), []byte(marker)) && !g.closed {
		g.cond.Wait()
	}
	got, _, _ := bytes.Cut(g.buf.Bytes(), []byte(marker))
	written := string(got)
	rest := g.buf.Bytes()[min(len(got)+len(marker), g.buf.Len()):]
	g.buf = *bytes.NewBuffer(append([]byte(nil), rest...))
	return written
}

// fuzzCoordinator reports whether this test process coordinates fuzzing
// (go test -fuzz starts it, and it starts the workers that run inputs).
func fuzzCoordinator() bool {
	fuzz, worker := flag.Lookup("test.fuzz"), flag.Lookup("test.fuzzworker")
	return fuzz != nil && fuzz.Value.String() != "" && (worker == nil || worker.Value.String() != "true")
}
