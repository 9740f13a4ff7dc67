//go:build !unix

// Package nonblock opens files to read without waiting on a FIFO.
package nonblock

import "os"

// Open opens a file to read; systems other than Unix have no FIFOs in
// their file systems to block on.
func Open(name string) (*os.File, error) {
	return os.Open(name)
}
