package rules

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// Fixtures of the flag-conflict rules give dockerd's command line in a
// sidecar file "<fixture>.flags".
func init() {
	ddFixtureFlags = func(path string) *string {
		b, err := os.ReadFile(path + ".flags")
		if err != nil {
			return nil
		}
		s := strings.TrimSpace(string(b))
		return &s
	}
}

func TestParseDaemonFlags(t *testing.T) {
	got := ddParseFlags(`/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock -D --log-level debug --label "a=b c" -Hunix:///x --userland-proxy=false --add-runtime r=/bin/x --unknown-flag`)
	var keys []string
	for _, f := range got {
		keys = append(keys, f.Key+"="+f.Value)
	}
	want := []string{"hosts=fd://", "containerd=/run/containerd/containerd.sock", "debug=true", "log-level=debug", "labels=a=b c", "hosts=unix:///x", "userland-proxy=false", "runtimes=r=/bin/x"}
	if !slices.Equal(keys, want) {
		t.Errorf("flags = %q\nwant    %q", keys, want)
	}
}
