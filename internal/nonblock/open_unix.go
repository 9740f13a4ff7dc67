//go:build unix

// Package nonblock opens files to read without waiting on a FIFO.
package nonblock

import (
	"os"
	"syscall"
)

// Open opens a file to read without waiting for a writer: a plain open of
// a FIFO blocks until something writes to it, and a path found as a
// regular file may have become one since. Reads from a regular file ignore
// the flag; callers check what they opened (File.Stat) before reading.
func Open(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
