package report

import (
	"bytes"
	"io"
	"os"
)

// spillSize is how much of an encoded report is kept in memory: a whole
// repository's SARIF results or JUnit suites can be hundreds of megabytes,
// which then go to a temporary file until the report around them is
// written. A few megabytes keep the buffer's growth cheap: at 16 MB,
// growing it (copying, and the memory it takes from the system) cost a
// SARIF report of the corpus's 34,000 findings a tenth of its time and a
// third more peak memory.
var spillSize = 4 << 20

// spillBuffer holds the encoded middle of a report whose head can only be
// written at the end: in memory, and past spillSize in a temporary file
// (or still in memory when none can be made).
type spillBuffer struct {
	mem     bytes.Buffer // what came after the spilled part
	spill   *spillFile   // the first part, past spillSize
	noSpill bool         // no temporary file could be made
}

// spillIfLarge moves what is in memory to the temporary file once it
// holds more than spillSize.
func (b *spillBuffer) spillIfLarge() error {
	if b.mem.Len() <= spillSize {
		return nil
	}
	if b.spill == nil {
		if b.noSpill {
			return nil
		}
		if b.spill = newSpillFile(); b.spill == nil {
			b.noSpill = true // asked once, not at every write
			return nil
		}
	}
	_, err := b.mem.WriteTo(b.spill.f)
	return err
}

// writeTo writes everything held, in order.
func (b *spillBuffer) writeTo(w io.Writer) error {
	if b.spill != nil {
		if err := b.spill.copyTo(w); err != nil {
			return err
		}
	}
	_, err := b.mem.WriteTo(w)
	return err
}

// close removes the temporary file, if any.
func (b *spillBuffer) close() {
	if b.spill != nil {
		b.spill.close()
	}
}

// spillFile is a temporary file that only this process can reach: it is
// unlinked as soon as it is made where the system allows it (elsewhere when
// it is closed), so nothing is left behind even if dlint is killed.
type spillFile struct {
	f    *os.File
	name string // to remove at close; "" once unlinked
}

func newSpillFile() *spillFile {
	f, err := os.CreateTemp("", "dlint-report-*")
	if err != nil {
		return nil
	}
	sf := &spillFile{f: f, name: f.Name()}
	if os.Remove(sf.name) == nil {
		sf.name = ""
	}
	return sf
}

func (sf *spillFile) copyTo(w io.Writer) error {
	if _, err := sf.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, sf.f)
	return err
}

func (sf *spillFile) close() {
	sf.f.Close()
	if sf.name != "" {
		_ = os.Remove(sf.name) // best effort: it is in the temporary directory
	}
}
