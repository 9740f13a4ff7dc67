//go:build !unix

package main

import "os"

// openNoBlock opens a file to read; systems other than Unix have no FIFOs
// in their file systems to block on.
func openNoBlock(name string) (*os.File, error) {
	return os.Open(name)
}
