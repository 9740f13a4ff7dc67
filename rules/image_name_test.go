package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/distribution/reference"
)

// validImageName answers as the reference package does, the first time
// and from its cache.
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

// plainImageName only ever accepts what the reference package accepts, and
// accepts the everyday shapes, so that they skip the package.
func TestPlainImageName(t *testing.T) {
	for _, n := range []string{"alpine", "alpine:3.20", "python:3.12-slim", "gcr.io/distroless/static-debian12:nonroot",
		"my_org/app_name:V1.2_rc-1", "node:20.11.1-bookworm-slim", "registry.example.com/team/app:latest", "localhost/app"} {
		if !plainImageName(n) {
			t.Errorf("plainImageName(%q) = false: an everyday name goes to the regular expression", n)
		}
		if _, err := reference.ParseNormalizedNamed(n); err != nil {
			t.Errorf("%q: %v", n, err)
		}
	}
	check := func(n string) {
		if plainImageName(n) {
			if _, err := reference.ParseNormalizedNamed(n); err != nil {
				t.Fatalf("plainImageName(%q) = true, but the reference package says %v", n, err)
			}
		}
	}
	for _, n := range []string{"", ":", "a:", "a:.x", "a:-x", "a:x/y", "a/", "/a", "a//b", "a.-b", "a-.b", "a..b", "a__b",
		"x_y.io/app", "x.io_/app", "_a", "a_", "A", "a:" + strings.Repeat("x", 129), strings.Repeat("a", 64),
		strings.Repeat("0", 64), strings.Repeat("ab", 100), strings.Repeat("a/", 120) + "a", "a@sha256:00"} {
		check(n)
	}
	alphabet := "ab0.-_/:A@ é"
	r := rand.New(rand.NewPCG(5, 6))
	for range 300000 {
		b := make([]byte, r.IntN(14))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
}
