package rules_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/dlint/dlint/parser/dockerfile"
)

// TestFixLegacyKeyValueSameValues: the DL5405 fix must not change a single
// ENV or LABEL value as BuildKit reads it (quotes removed, escapes applied,
// continuation lines joined).
func TestFixLegacyKeyValueSameValues(t *testing.T) {
	const input = "../testdata/fixtures/DL5405/legacy.Dockerfile"
	before, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(input + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(kvValues(t, wantLine.ReplaceAll(before, nil)), kvValues(t, after)); diff != "" {
		t.Errorf("values changed (-before +after):\n%s", diff)
	}
}

func kvValues(t *testing.T, src []byte) []string {
	f, errs := dockerfile.Parse(src, dockerfile.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var out []string
	for _, in := range f.Instructions {
		for _, kv := range keyValues(in.Command) {
			v, _, err := bkshell.NewLex(f.Escape).ProcessWord(kv.Value, fixEnv{"USER": "u", "APP_HOME": "/h", "PATH": "/p"})
			if err != nil {
				v = "error: " + err.Error()
			}
			out = append(out, kv.Key+"="+v)
		}
	}
	return out
}

// keyValues are the pairs of an ENV or LABEL command, nil for others.
func keyValues(cmd any) instructions.KeyValuePairs {
	switch c := cmd.(type) {
	case *instructions.EnvCommand:
		return c.Env
	case *instructions.LabelCommand:
		return c.Labels
	}
	return nil
}

type fixEnv map[string]string

func (e fixEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e fixEnv) Keys() []string {
	var ks []string
	for k := range e {
		ks = append(ks, k)
	}
	return ks
}

// TestFixMaintainerSameValue: the label the DL4000 fix writes holds the
// MAINTAINER text exactly, variables and quotes included.
func TestFixMaintainerSameValue(t *testing.T) {
	const input = "../testdata/fixtures/DL4000/maintainer.Dockerfile"
	before, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(input + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	fb, errs := dockerfile.Parse(wantLine.ReplaceAll(before, nil), dockerfile.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var want []string
	for _, in := range fb.Instructions {
		if m, ok := in.Command.(*instructions.MaintainerCommand); ok {
			want = append(want, "org.opencontainers.image.authors="+m.Maintainer)
		}
	}
	if got := kvValues(t, after); !cmp.Equal(want, got) {
		t.Errorf("labels %q, want %q", got, want)
	}
}
