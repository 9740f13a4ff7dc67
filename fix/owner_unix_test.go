//go:build unix

package fix

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A fix run as root (a CI job in a container, on the user's checkout)
// leaves the file with the owner and group it had.
func TestWriteFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	p := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	const uid, gid = 4321, 8765
	if err := os.Chown(p, uid, gid); err != nil {
		t.Fatal(err)
	}
	for _, write := range []func(string, []byte) error{WriteFile, WriteFound} {
		if err := write(p, []byte("new")); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		st := info.Sys().(*syscall.Stat_t)
		if st.Uid != uid || st.Gid != gid {
			t.Errorf("owner %d:%d after the write, want %d:%d", st.Uid, st.Gid, uid, gid)
		}
	}
}
