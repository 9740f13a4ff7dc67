package daemonjson

import (
	"math/rand/v2"
	"net"
	"testing"
)

// TestIPFormatsMatchNet holds parseIP and parseCIDR to the net package's
// answers, which dockerd gives: table cases at the edges, then random
// strings over the characters addresses are made of.
func TestIPFormatsMatchNet(t *testing.T) {
	cases := []string{
		"", "10.0.0.1", "::1", "10.0.0", "010.0.0.1", "1.2.3.4.5", "fe80::1%eth0", "::ffff:1.2.3.4",
		"10.0.0.1/8", "10.0.0.1/08", "10.0.0.1/008", "10.0.0.1/32", "10.0.0.1/33", "::1/128", "::1/129",
		"::1/0128", "10.0.0.1/", "/8", "10.0.0.1/+8", "10.0.0.1/-1", "10.0.0.1/8/8", "fe80::1%eth0/64",
		"10.0.0.1/99999999999999999999", "10.0.0.1/ 8", "10.0.0.1 /8", "[::1]/64", "1.2.3.4/0",
	}
	check := func(v string) {
		t.Helper()
		if got, want := parseIP(v), net.ParseIP(v) != nil; got != want {
			t.Errorf("parseIP(%q) = %v, net.ParseIP accepts it: %v", v, got, want)
		}
		_, _, err := net.ParseCIDR(v)
		if got, want := parseCIDR(v), err == nil; got != want {
			t.Errorf("parseCIDR(%q) = %v, net.ParseCIDR accepts it: %v", v, got, want)
		}
	}
	for _, v := range cases {
		check(v)
	}
	const alphabet = "0123456789abcdefABCDEFxg.:/%[] +-"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
	// Random strings seldom parse; mutations of valid ones often do.
	valid := []string{"192.168.10.1/24", "2001:db8::1/64", "::ffff:10.0.0.1/120", "0.0.0.0/0"}
	for range 200000 {
		b := []byte(valid[r.IntN(len(valid))])
		for range 1 + r.IntN(3) {
			b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
}
