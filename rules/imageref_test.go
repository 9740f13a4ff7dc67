package rules

import (
	_ "crypto/sha256" // the digest algorithms a docker binary has, so
	_ "crypto/sha512" // that go-digest's answers are docker's

	"math/rand/v2"
	"strings"
	"testing"

	"github.com/distribution/reference"
)

var (
	hex64  = strings.Repeat("0123456789abcdef", 4)
	hex96  = strings.Repeat("0123456789abcdef", 6)
	hex128 = strings.Repeat("0123456789abcdef", 8)
)

// imageRefCases document what ParseNormalizedNamed accepts; each is also
// checked against the package.
var imageRefCases = []struct {
	name string
	want bool
}{
	// Plain names and normalisation.
	{"", false},
	{"alpine", true},
	{"alpine:3.20", true},
	{"library/alpine", true},
	{"docker.io/alpine", true},
	{"docker.io/library/alpine:3.20", true},
	{"index.docker.io/alpine", true},
	{"index.docker.io/library/alpine", true},
	{"ghcr.io/org/img:v1", true},
	{"gcr.io/distroless/static-debian12:nonroot", true},
	{"my_org/app_name:V1.2_rc-1", true},

	// Upper case: never in the path, allowed in a domain and a tag.
	{"Alpine", false},
	{"alpine:LATEST", true},
	{"org/Alpine", false},
	{"Org/alpine", true},       // the first component is taken for a domain
	{"ORG/alpine:x", true},     // likewise
	{"Org_x/alpine", false},    // a domain, but not a valid one
	{"GHCR.IO/org/img", true},  // domains may be upper case
	{"ghcr.io/Org/img", false}, // paths may not
	{"alpine@SHA256:" + hex64, false},
	{"alpine:x@SHA256:" + hex64, false},

	// Image IDs.
	{hex64, false},
	{hex64[:63], true},
	{hex64 + "0", true},
	{strings.ToUpper(hex64), false}, // not an ID, but upper case
	{"sha256:" + hex64, true},       // a name "sha256" and a tag
	{"x/" + hex64, true},
	{hex64 + ":tag", true},

	// Digests.
	{"alpine@sha256:" + hex64, true},
	{"ghcr.io/org/img@sha256:" + hex64, true},
	{"alpine:3.20@sha256:" + hex64, true},
	{"alpine@sha384:" + hex96, true},
	{"alpine@sha512:" + hex128, true},
	{"alpine@sha256:" + hex64[:63], false},
	{"alpine@sha256:" + hex64 + "0", false},
	{"alpine@sha256:" + strings.ToUpper(hex64), false},
	{"alpine@sha512:" + hex64, false},
	{"alpine@sha384:" + hex64, false},
	{"alpine@md5:" + hex64[:32], false},
	{"alpine@sha224:" + hex64[:56], false},
	{"alpine@sha256+b64:" + hex64, false},
	{"alpine@sha256:" + hex64[:32], false},
	{"alpine@:" + hex64, false},
	{"alpine@sha256", false},
	{"alpine@", false},
	{"alpine@sha256:" + hex64 + "@sha256:" + hex64, false},
	{"alpine@sha256:" + hex64 + ":x", false},
	{"@sha256:" + hex64, false},

	// Tags.
	{"alpine:", false},
	{":tag", false},
	{"alpine:" + strings.Repeat("t", 128), true},
	{"alpine:" + strings.Repeat("t", 129), false},
	{"alpine:_x", true},
	{"alpine:.x", false},
	{"alpine:-x", false},
	{"alpine:x.-_", true},
	{"alpine:a:b", false},
	{"alpine:a/b", false},
	{"alpine:a b", false},

	// Domains and ports.
	{"localhost", true},
	{"localhost:5000", true}, // docker.io/library/localhost, tag 5000
	{"localhost/x", true},
	{"localhost:5000/x/y:tag", true},
	{"LOCALHOST/x", true},
	{"example.com:5000/x", true},
	{"example.com:/x", false},
	{"example.com:50a/x", false},
	{"example.com:5000:6000/x", false},
	{":5000/x", false},
	{"example:5000/x", true},
	{"a-b.c/x", true},
	{"a--b.c/x", true},
	{"-a.c/x", false},
	{"a-.c/x", false},
	{"a..c/x", false},
	{".a/x", false},
	{"a./x", false},
	{"a_b.c/x", true}, // not a domain, so a path component
	{"a__b.c/x", true},
	{"a___b.c/x", false},
	{"127.0.0.1:5000/x", true},
	{"[::1]:5000/x", true},
	{"[::1]/x", true},
	{"[2001:db8::1]:443/org/x:v", true},
	{"[fe80::1%eth0]/x", false},
	{"[]/x", false},
	{"[:]/x", true},
	{"[::1]x/x", false},
	{"[::1]:/x", false},
	{"[::1/x", false},
	{"::1/x", false},
	{"[::1]", false},

	// Path components and separators.
	{"a__b", true},
	{"a___b", false},
	{"a--b", true},
	{"a---------b", true},
	{"a.b", true},
	{"a..b", false},
	{"a.-b", false},
	{"a-.b", false},
	{"a_.b", false},
	{"a_-b", false},
	{"_a", false},
	{"a_", false},
	{"a-", false},
	{"a.", false},
	{"-a", false},
	{"a/", false},
	{"/a", false},
	{"a//b", false},
	{"x//y", false},
	{"a/b/c/d/e", true},
	{"docker.io/", false},
	{"localhost/", false},
	{"a b", false},
	{"a\x00b", false},
	{"a\tb", false},
	{"é", false},
	{"\xff", false},
	{"alpine:\xff", false},
	{"ALPINE\xff/x", false},
	{"x:tag:tag", false},
	{":", false},
	{"x_y.io/app", true},
	{"x.io_/app", false},
	{"a@sha256:00", false},
	{strings.Repeat("0", 64), false},
	{"app:latest@sha256:abc", false},

	// NameTotalLengthMax: 255 bytes of path, after "library/" is added
	// and without the domain or the tag.
	{strings.Repeat("a", 247), true},
	{strings.Repeat("a", 248), false},
	{strings.Repeat("a", 247) + ":" + strings.Repeat("t", 128), true},
	{"docker.io/" + strings.Repeat("a", 247), true},
	{"docker.io/" + strings.Repeat("a", 248), false},
	{"org/" + strings.Repeat("a", 251), true},
	{"org/" + strings.Repeat("a", 252), false},
	{"example.com/" + strings.Repeat("a", 255), true},
	{"example.com/" + strings.Repeat("a", 256), false},
	{strings.Repeat("h", 200) + ".com/" + strings.Repeat("a", 255), true},
	{"a_b.c/" + strings.Repeat("a", 249), true}, // the first component counts
	{"a_b.c/" + strings.Repeat("a", 250), false},
	{strings.Repeat("a/", 127) + "a", true},
	{strings.Repeat("a/", 128) + "a", false},
	{strings.Repeat("a", 100000), false},
}

func TestValidImageRef(t *testing.T) {
	for _, c := range imageRefCases {
		_, err := reference.ParseNormalizedNamed(c.name)
		if got := validImageRef(c.name); got != c.want || got != (err == nil) {
			t.Errorf("validImageRef(%q) = %v, want %v; the reference package says %v", c.name, got, c.want, err)
		}
	}
}

// FuzzImageRef holds validImageRef to the reference package.
func FuzzImageRef(f *testing.F) {
	for _, c := range imageRefCases {
		f.Add(c.name)
	}
	for _, s := range []string{"python:3.12-slim", "registry.example.com/team/app:latest", "node:20.11.1-bookworm-slim", "mcr.microsoft.com/dotnet/sdk:8.0",
		"quay.io/prometheus/node-exporter:v1.8.2", "registry.k8s.io/pause:3.9", "public.ecr.aws/lambda/python:3.12",
		"ubuntu:24.04@sha256:" + hex64, "localhost:5000/team/app:dev"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := reference.ParseNormalizedNamed(s)
		if got := validImageRef(s); got != (err == nil) {
			t.Errorf("validImageRef(%q) = %v, the reference package says %v", s, got, err)
		}
	})
}

var imageRefBench = []string{"alpine:3.20", "ghcr.io/org/img@sha256:" + hex64, "localhost:5000/x/y:tag"}

// BenchmarkImageRef compares validImageRef with the reference package.
func BenchmarkImageRef(b *testing.B) {
	for _, name := range imageRefBench {
		b.Run("scanner/"+name[:min(len(name), 30)], func(b *testing.B) {
			for b.Loop() {
				validImageRef(name)
			}
		})
		b.Run("reference/"+name[:min(len(name), 30)], func(b *testing.B) {
			for b.Loop() {
				_, _ = reference.ParseNormalizedNamed(name)
			}
		})
	}
}

// Random strings from the pieces of image references find the corners
// faster than bytes do.
func TestValidImageRefRandom(t *testing.T) {
	pieces := []string{"a", "b", "0", "A", "Z", ".", "_", "__", "-", "--", "/", "//", ":", "@", "[", "]", "::1",
		"localhost", "docker.io", "index.docker.io", "library", "sha256", "sha384", "sha512", "SHA256", "md5",
		"+", "ab", "é", "\xff", " ", "\x00", "5000", hex64, hex64[:32], hex96, hex128, "F", "x:",
		strings.Repeat("a", 100), strings.Repeat("t", 120), strings.Repeat("a/", 60)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for n := r.IntN(9); n >= 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		_, err := reference.ParseNormalizedNamed(s)
		if got := validImageRef(s); got != (err == nil) {
			t.Fatalf("validImageRef(%q) = %v, the reference package says %v", s, got, err)
		}
	}
}
