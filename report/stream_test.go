package report

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/rules"
)

// A report streamed a file's findings at a time is the report written
// whole, byte for byte, for every format that streams.
func TestStreamsWriteWhatFormatsWrite(t *testing.T) {
	in := testInput()
	for name, newStream := range Streams {
		t.Run(name, func(t *testing.T) {
			if _, ok := Formats[name]; !ok {
				t.Fatalf("format %s streams but is not a format", name)
			}
			var buf bytes.Buffer
			s := newStream(&buf, in)
			for _, file := range byPath(in.Findings) {
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
	if s.(*sarifStream).spill == nil {
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
