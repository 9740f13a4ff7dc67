package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/rules"
)

// A report streamed a file's findings at a time is the report written
// whole, byte for byte, for every format that streams.
func TestStreamsWriteWhatFormatsWrite(t *testing.T) {
	in := testInput()
	for _, name := range FormatNames() {
		if Streams[name] == nil {
			t.Errorf("format %s does not stream: a run would hold every finding until the end", name)
		}
	}
	for name, newStream := range Streams {
		t.Run(name, func(t *testing.T) {
			if _, ok := Formats[name]; !ok {
				t.Fatalf("format %s streams but is not a format", name)
			}
			var buf bytes.Buffer
			s := newStream(&buf, in)
			files := byPath(in.Findings)
			if fs, named := s.(FileStream); named {
				// As the CLI does: every file in report order, those
				// without findings too, named as the user named it
				// ("./etc/…"), each before its findings, if any.
				files = nil
				for _, p := range fileList(&in) {
					named := p
					var found []rules.Finding
					for _, f := range in.Findings {
						if displayPath(&in, f.Path) == p {
							named, found = f.Path, append(found, f)
						}
					}
					fs.File(named)
					if len(found) == 0 {
						continue
					}
					if err := s.Write(found); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, file := range files {
				if err := s.Write(file); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(in.Errors); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(render(t, name, in)), buf.String()); diff != "" {
				t.Errorf("streamed %s differs from the whole report:\n%s", name, diff)
			}
		})
	}
}

// SARIF results past spillSize wait in a temporary file, which leaves
// nothing behind, and the log is the same byte for byte.
func TestSARIFSpillsToATemporaryFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	in := testInput()
	want := string(render(t, "sarif", in)) // all in memory
	defer func(n int) { spillSize = n }(spillSize)
	spillSize = 100 // the results go to the temporary file after each file
	var buf bytes.Buffer
	s := newSARIFStream(&buf, in)
	for _, file := range byPath(in.Findings) {
		if err := s.Write(file); err != nil {
			t.Fatal(err)
		}
	}
	if s.(*sarifStream).results.spill == nil {
		t.Fatal("no temporary file was used")
	}
	if err := s.Close(in.Errors); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("spilled SARIF differs from the report kept in memory:\n%s", diff)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// One file's findings can be hundreds of megabytes of SARIF (a daemon.json
// listing 200,000 hosts): they go to the temporary file as they are
// encoded, not once the file's last one is.
func TestSARIFSpillsWithinAFile(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	defer func(n int) { spillSize = n }(spillSize)
	spillSize = 1 << 10
	var many []rules.Finding
	for i := range 2000 { // about 700 KB of SARIF
		many = append(many, rules.Finding{Rule: fakeDaemon, Severity: rules.Error, Path: "daemon.json",
			Range: rng(1, 2+i, 1, 3+i), Message: fmt.Sprintf("host %d is reachable", i)})
	}
	var buf bytes.Buffer
	s := newSARIFStream(&buf, Input{Rules: fakeRules}).(*sarifStream)
	if err := s.Write(many); err != nil {
		t.Fatal(err)
	}
	// Spilled past 1 KB, the buffer never held more than that and a result.
	if held := s.results.mem.Cap(); held > 16<<10 {
		t.Errorf("the results buffer grew to %d bytes while one file's results were written", held)
	}
	if err := s.Close(nil); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct{ Results []json.RawMessage }
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != len(many) {
		t.Errorf("the spilled log does not hold the %d results: %v", len(many), err)
	}
}

// Where no temporary file can be made the results stay in memory, and the
// log is whole.
func TestSARIFWithoutATemporaryDirectory(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	defer func(n int) { spillSize = n }(spillSize)
	spillSize = 100
	in := testInput()
	want := string(render(t, "sarif", in))
	var buf bytes.Buffer
	s := newSARIFStream(&buf, in).(*sarifStream)
	for _, file := range byPath(in.Findings) {
		if err := s.Write(file); err != nil {
			t.Fatal(err)
		}
	}
	if s.results.spill != nil || !s.results.noSpill {
		t.Fatalf("spill %v, noSpill %v: a temporary file was made in a missing directory", s.results.spill, s.results.noSpill)
	}
	if err := s.Close(in.Errors); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("SARIF kept in memory after a failed spill differs:\n%s", diff)
	}
}

// byPath splits sorted findings into each file's, as a Stream takes them.
func byPath(fs []rules.Finding) [][]rules.Finding {
	var out [][]rules.Finding
	for start := 0; start < len(fs); {
		end := start + 1
		for end < len(fs) && fs[end].Path == fs[start].Path {
			end++
		}
		out = append(out, fs[start:end])
		start = end
	}
	return out
}
