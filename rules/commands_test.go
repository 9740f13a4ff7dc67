package rules

import (
	"strings"
	"testing"

	"github.com/dlint/dlint/parser/shell"
)

func TestShChmodMode(t *testing.T) {
	for _, tc := range []struct {
		mode           string
		ww, sticky, ok bool
	}{
		{"777", true, false, true},
		{"0777", true, false, true},
		{"1777", true, true, true},
		{"775", false, false, true},
		{"0666", true, false, true},
		{"644", false, false, true},
		{"a+w", true, false, true},
		{"o+w", true, false, true},
		{"+w", false, false, true}, // the umask applies
		{"ugo+rwx", true, false, true},
		{"go=rwx", true, false, true},
		{"u=rwx,go=rx", false, false, true},
		{"a+w,o-w", false, false, true},
		{"a+rwxt", true, true, true},
		{"o+wt", true, true, true},
		{"u+x", false, false, true},
		{"g+w", false, false, true},
		{"o=u", false, false, true},
		{"8", false, false, false},
		{"$MODE", false, false, false},
		{"a*w", false, false, false},
	} {
		ww, sticky, ok := shChmodMode(tc.mode)
		if ww != tc.ww || sticky != tc.sticky || ok != tc.ok {
			t.Errorf("shChmodMode(%q) = %v, %v, %v; want %v, %v, %v", tc.mode, ww, sticky, ok, tc.ww, tc.sticky, tc.ok)
		}
	}
}

func shTestWords(vals ...string) []shell.Word {
	out := make([]shell.Word, len(vals))
	for i, v := range vals {
		out[i] = shell.Word{Raw: v, Value: v, Lit: true}
	}
	return out
}

func TestShOptParse(t *testing.T) {
	opts, pos := shCurlOpts.parse(shTestWords("-fsSLk", "-o", "out", "-Hx:k", "--insecure", "--retry", "3", "--url=u", "https://x", "--", "-k"))
	var got []string
	for _, o := range opts {
		s := o.optText()
		if o.HasValue {
			s += "=" + o.Value
		}
		got = append(got, s)
	}
	want := "-f -s -S -L -k -o=out -H=x:k --insecure --retry=3 --url=u"
	if strings.Join(got, " ") != want {
		t.Errorf("options = %q, want %q", strings.Join(got, " "), want)
	}
	if len(pos) != 2 || pos[0].Value != "https://x" || pos[1].Value != "-k" {
		t.Errorf("positionals = %+v", pos)
	}
	// wget -nv: -n takes its letters as a value.
	opts, _ = shWgetOpts.parse(shTestWords("-nv", "-qO-"))
	if len(opts) != 3 || opts[0].Name != "n" || opts[0].Value != "v" || opts[1].Name != "q" || opts[2].Name != "O" || opts[2].Value != "-" {
		t.Errorf("wget options = %+v", opts)
	}
}

func TestShSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"NPM_TOKEN": true, "GITHUB_TOKEN": true, "DB_PASSWORD": true, "api_key": true, "AUTH": true,
		"AWS_SECRET_ACCESS_KEY": true, "SSH_PRIVATE_KEY": true,
		"TOKENIZER": false, "PUBLIC_KEY": false, "GPG_KEY": false, "KEY_FILE": false, "NODE_VERSION": false,
		"CREDENTIALS_URL": false, "VERSION": false, "PASSWORD_FILE": false,
	} {
		if got := shSecretName(name); got != want {
			t.Errorf("shSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestShURLUserinfo(t *testing.T) {
	for u, want := range map[string]string{
		"https://user:tok@github.com/o/r.git": "user:tok",
		"https://github.com/o/r.git":          "",
		"https://git@github.com/o/r.git":      "git",
		"git@github.com:o/r.git":              "",
		"https://github.com/o/r.git#a@b":      "",
		"https://${T}@host/x":                 "${T}",
	} {
		if got := shURLUserinfo(u); got != want {
			t.Errorf("shURLUserinfo(%q) = %q, want %q", u, got, want)
		}
	}
}

func TestShVarNames(t *testing.T) {
	got := strings.Join(shVarNames(`a$A-${B_1:-x}$$ $1 ${#C} x$`), ",")
	if got != "A,B_1" {
		t.Errorf("shVarNames = %q", got)
	}
}

func TestShGitAndVersions(t *testing.T) {
	sha := "e8a1b0b8e6d9a8c6f2fbc4b1f2a54f3c37a7d1c9"
	for src, pinned := range map[string]bool{
		"https://github.com/o/r.git#" + sha:               true,
		"https://github.com/o/r.git#" + sha + ":sub":      true,
		"https://github.com/o/r.git?ref=v1&commit=" + sha: true,
		"https://github.com/o/r.git#v1.2.3":               false,
		"git@github.com:o/r.git":                          false,
	} {
		if !shIsGitSource(src) {
			t.Errorf("%q is a git source", src)
		}
		if got := shGitPinned(src); got != pinned {
			t.Errorf("shGitPinned(%q) = %v", src, got)
		}
	}
	if shIsGitSource("https://example.com/a.tgz") {
		t.Error("a tarball URL is not a git source")
	}
	for tag, want := range map[string]bool{"1": false, "1.4": false, "1.9.0": true, "1.9.0-labs": true, "1-labs": false, "latest": false, "": false} {
		if got := shExactVersion(tag); got != want {
			t.Errorf("shExactVersion(%q) = %v", tag, got)
		}
	}
}
