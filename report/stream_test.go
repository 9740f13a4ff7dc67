package report

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
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
			for start := 0; start < len(in.Findings); {
				end := start + 1
				for end < len(in.Findings) && in.Findings[end].Path == in.Findings[start].Path {
					end++
				}
				if err := s.Write(in.Findings[start:end]); err != nil {
					t.Fatal(err)
				}
				start = end
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
