//go:build !unix

package fix

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner and group.
func keepOwner(*os.File, fs.FileInfo) {}
