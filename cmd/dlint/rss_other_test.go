//go:build !linux

package main

import "testing"

// dlintMeasured runs dlint without measuring its memory (peakRSS 0): other
// systems count a process's peak differently.
func dlintMeasured(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return dlint(t, dir, "", args...)
}

func runMeasuredChild(string) int { panic("measured on Linux only") }
