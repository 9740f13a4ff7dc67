//go:build unix

package main

import (
	"os"
	"syscall"
)

// openNoBlock opens a file to read without waiting for a writer: if the
// path became a FIFO after it was found, a plain open would block until
// something wrote to it. Reads from a regular file ignore the flag.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
