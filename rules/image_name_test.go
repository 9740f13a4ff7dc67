package rules

import (
	"testing"

	"github.com/distribution/reference"
)

// validImageName answers as the reference package does, every time.
func TestValidImageName(t *testing.T) {
	names := []string{"alpine", "alpine:3.20", "docker.io/library/alpine:3.20", "gcr.io/x/y@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"", "alpine:", "Alpine", "a b", "localhost:5000/app", "app:latest@sha256:abc", "-x", "x//y", "x:tag:tag"}
	for round := range 2 {
		for _, n := range names {
			_, err := reference.ParseNormalizedNamed(n)
			if got := validImageName(n); got != (err == nil) {
				t.Errorf("round %d: validImageName(%q) = %v, reference says %v", round, n, got, err)
			}
		}
	}
}
