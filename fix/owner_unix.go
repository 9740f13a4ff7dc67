//go:build unix

package fix

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file info describes, as
// far as this process may: root may give any, another user only a group it
// is in. A file that keeps the writer's owner is still correct, so a
// refusal is not an error.
func keepOwner(f *os.File, info fs.FileInfo) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	uid, gid := int(st.Uid), int(st.Gid)
	if uid == os.Geteuid() && gid == os.Getegid() {
		return
	}
	if f.Chown(uid, gid) != nil {
		_ = f.Chown(-1, gid)
	}
}
