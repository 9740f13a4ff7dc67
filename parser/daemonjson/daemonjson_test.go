package daemonjson

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dlint/dlint/internal/stderrcheck"
	"github.com/dlint/dlint/parser/source"
)

func pos(l, c int) source.Position { return source.Position{Line: l, Column: c} }

func TestKeysPathsAndRanges(t *testing.T) {
	src := "{\n  \"log-driver\": \"local\",\n  \"log-opts\": {\"max-size\": \"10m\"},\n  \"ünïcode\": [1, 2]\n}\n"
	f, errs := Parse([]byte(src))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(f.Keys) != 4 {
		t.Fatalf("keys = %d, want 4", len(f.Keys))
	}
	k := f.Keys[0]
	if k.Name != "log-driver" || k.KeyRange.Start != pos(2, 3) || k.KeyRange.End != pos(2, 15) || k.ValueRange.Start != pos(2, 17) || k.ValueRange.End != pos(2, 24) {
		t.Errorf("log-driver: %+v %+v", k.KeyRange, k.ValueRange)
	}
	sz := f.Keys[2]
	if sz.PathString() != "log-opts.max-size" || sz.Parent != f.Keys[1] || sz.KeyRange.Start != pos(3, 16) {
		t.Errorf("nested key: %s %+v", sz.PathString(), sz.KeyRange)
	}
	if got := f.Child(f.Keys[1], "max-size"); got != sz {
		t.Errorf("Child = %v", got)
	}
	u := f.Keys[3]
	// Columns count code points, not bytes.
	if u.KeyRange.Start != pos(4, 3) || u.KeyRange.End != pos(4, 12) || u.ValueRange.Start != pos(4, 14) {
		t.Errorf("unicode key: %+v %+v", u.KeyRange, u.ValueRange)
	}
	els := f.Elements(u.Value)
	if len(els) != 2 || f.Span(els[1]).Start != pos(4, 18) {
		t.Errorf("elements: %v", els)
	}
	if f.RootRange().Start != pos(1, 1) {
		t.Errorf("root range %+v", f.RootRange())
	}
}

func TestDuplicates(t *testing.T) {
	f, _ := Parse([]byte(`{"debug": true, "x": {"debug": 1}, "debug": false}`))
	var dup []string
	for _, k := range f.Keys {
		if k.Duplicate {
			dup = append(dup, k.PathString())
		}
	}
	if strings.Join(dup, ",") != "debug" {
		t.Errorf("duplicates = %v", dup)
	}
	if k := f.TopLevel("debug"); k == nil || k.Value.Bool() {
		t.Errorf("TopLevel must be the last member: %v", k)
	}
}

func TestEncodings(t *testing.T) {
	utf16le := func(s string, big bool) []byte {
		out := []byte{0xFF, 0xFE}
		if big {
			out = []byte{0xFE, 0xFF}
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if big {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
		return out
	}
	for name, src := range map[string][]byte{
		"utf8-bom": append([]byte{0xEF, 0xBB, 0xBF}, `{"debug": true}`...),
		"utf16le":  utf16le(`{"debug": true}`, false),
		"utf16be":  utf16le(`{"debug": true}`, true),
	} {
		f, errs := Parse(src)
		if len(errs) != 0 || f.TopLevel("debug") == nil || f.TopLevel("debug").KeyRange.Start != pos(1, 2) {
			t.Errorf("%s: errs=%v keys=%v", name, errs, f.Keys)
		}
	}
	for name, src := range map[string][]byte{
		"invalid-utf8":    []byte("{\"debug\": \"\xff\"}"),
		"truncated-utf16": {0xFF, 0xFE, '{'},
		"syntax":          []byte("{\n  \"debug\": true,\n}"),
		"top-array":       []byte(`[1, 2]`),
		"two-values":      []byte(`{} {}`),
	} {
		_, errs := Parse(src)
		if len(errs) != 1 || errs[0].Range.Start.Line < 1 || errs[0].Range.Start.Column < 1 {
			t.Errorf("%s: errors = %v", name, errs)
		}
	}
	_, errs := Parse([]byte("{\n  \"debug\": true,\n}"))
	if errs[0].Range.Start != pos(3, 1) {
		t.Errorf("syntax error at %v, want 3:1", errs[0].Range.Start)
	}
	_, errs = Parse([]byte("{\"debug\": \"\xff\"}"))
	if errs[0].Range.Start != pos(1, 12) {
		t.Errorf("invalid UTF-8 at %v, want 1:12", errs[0].Range.Start)
	}
}

func TestEmptyFileIsValid(t *testing.T) {
	for _, src := range []string{"", "  \n\t\n"} {
		f, errs := Parse([]byte(src))
		if len(errs) != 0 || !f.Empty || len(f.Keys) != 0 {
			t.Errorf("%q: errs=%v empty=%v", src, errs, f.Empty)
		}
		if f.RootRange().Start != pos(1, 1) {
			t.Errorf("root range of empty file: %v", f.RootRange())
		}
	}
}

func TestDeepNesting(t *testing.T) {
	// 100,000 levels: encoding/json (and so dockerd) stops at 10,000 with
	// an error; reading must neither crash nor take long.
	for _, open := range []string{"[", `{"a":`} {
		src := "{\"x\": " + strings.Repeat(open, 100000)
		start := time.Now()
		_, errs := Parse([]byte(src))
		if len(errs) != 1 || !strings.Contains(errs[0].Message, "exceeded max depth") {
			t.Errorf("%s×100000: errors = %v", open, errs)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s×100000 took %v", open, d)
		}
	}
	// 9,000 levels are valid JSON: keys stop at MaxDepth.
	src := strings.Repeat(`{"a":`, 9000) + "1" + strings.Repeat("}", 9000)
	start := time.Now()
	f, errs := Parse([]byte(src))
	if len(errs) != 0 || !f.Truncated || len(f.Keys) != MaxDepth {
		t.Errorf("9000 levels: errs=%v truncated=%v keys=%d", errs, f.Truncated, len(f.Keys))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("9000 levels took %v", d)
	}
}

func TestSchemaTable(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys {
		if k.Name == "" || seen[k.Name] {
			t.Errorf("key %q missing or listed twice", k.Name)
		}
		seen[k.Name] = true
		if _, removed := RemovedKeys[k.Name]; removed {
			t.Errorf("key %q is both accepted and removed", k.Name)
		}
		if (k.Type == List || k.Type == Map) && k.Elem == nil {
			t.Errorf("key %q has no element spec", k.Name)
		}
		if k.Default != "" && len(k.Values) > 0 && !k.AllowsValue(k.Default) {
			t.Errorf("key %q: default %q is not an allowed value", k.Name, k.Default)
		}
		if k.Format != "" {
			if _, ok := Formats[k.Format]; !ok {
				t.Errorf("key %q: unknown format %q", k.Name, k.Format)
			}
		}
	}
	for name := range IgnoredKeys {
		if Lookup(name) != nil {
			t.Errorf("ignored key %q is also accepted", name)
		}
	}
	for name := range RejectedTags {
		if IsFlagName(name) {
			t.Errorf("rejected key %q passes the flag check", name)
		}
	}
	for _, name := range []string{"label", "host", "insecure-registry", "log-opt", "storage-opt", "exec-opt", "default-ulimit", "registry-mirror", "add-runtime", "feature", "default-address-pool"} {
		if SingularFlag(name) == nil {
			t.Errorf("SingularFlag(%q) = nil", name)
		}
	}
	if s := Shorthand("H"); s == nil || s.Name != "hosts" {
		t.Errorf("Shorthand(H) = %v", s)
	}
	if d := LogDriverByName("json-file"); d == nil || d.Opt("max-size") == nil || d.Opt("mode") == nil || d.Opt("tag") == nil || d.Opt("max-sizes") != nil {
		t.Errorf("json-file options wrong")
	}
	if d := LogDriverByName("awslogs"); d.Opt("labels") != nil || d.Opt("tag") == nil {
		t.Errorf("awslogs metadata options wrong")
	}
	if LogDriverByName("none").Opt("mode") != nil {
		t.Errorf("none takes no options")
	}
	if got := Closest("log-drvier", KeyNames()); got != "log-driver" {
		t.Errorf("Closest(log-drvier) = %q", got)
	}
	if got := Closest("completely-different", KeyNames()); got != "" {
		t.Errorf("Closest(completely-different) = %q", got)
	}
}

func TestCheckFormat(t *testing.T) {
	for _, c := range []struct {
		format, value string
		ok            bool
	}{
		{"size", "64M", true}, {"size", "1.5GB", true}, {"size", "512", true}, {"size", "10 mb", true}, {"size", "lots", false}, {"size", "-1m", false},
		{"int", "3", true}, {"int", "three", false}, {"bool", "true", true}, {"bool", "yes", false},
		{"ip", "10.0.0.1", true}, {"ip", "::1", true}, {"ip", "10.0.0", false}, {"ip", "", true},
		{"ip-strict", "8.8.8.8:53", false}, {"cidr-strict", "172.30.0.0", false}, {"cidr-strict", "172.30.0.0/16", true},
		{"host", "unix:///var/run/docker.sock", true}, {"host", "fd://", true}, {"host", "tcp://0.0.0.0:2376", true},
		{"host", "0.0.0.0:2375", true}, {"host", "ssh://h", false}, {"host", "tcp://h:99999", false},
		{"mirror", "", false}, {"size", "", false}, {"label", "", false}, {"cidr", "", true},
		{"mirror", "https://mirror.gcr.io", true}, {"mirror", "mirror.gcr.io", false}, {"mirror", "https://m/v2/x", false},
		{"label", "a=b", true}, {"label", "a", false}, {"label", "=b", false},
		{"exec-opt", "native.cgroupdriver=systemd", true}, {"exec-opt", "isolation=hyperv", false}, {"exec-opt", "foo=bar", false}, {"exec-opt", "native.cgroupdriver", false},
		{"dns-search", "example.com", true}, {"dns-search", "-bad", false}, {"dns-search", ".", true},
		{"fwmark", "0x1/0xf", true}, {"fwmark", "x", false},
	} {
		err := CheckFormat(c.format, c.value)
		if (err == nil) != c.ok {
			t.Errorf("CheckFormat(%s, %q) = %v, want ok=%v", c.format, c.value, err, c.ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a": 1}`, `{"log-opts": {"max-size": "1m"}}`, "\xff\xfe{\x00}\x00", "", `[`, `{"a":{"b":{"c":[{"d":1}]}}}`} {
		f.Add([]byte(s))
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer stderr.Check(t)
		file, errs := Parse(src)
		for _, e := range errs {
			if e.Range.Start.Line < 1 {
				t.Fatalf("error without a line: %v", e)
			}
		}
		for _, k := range file.Keys {
			if k.KeyRange.Start.Line < 1 || k.KeyRange.Start.Column < 1 {
				t.Fatalf("key without position: %v", k.Path)
			}
		}
		// A UTF-8 file without a byte-order mark is valid exactly when
		// dockerd's json.Unmarshal into a map takes it.
		if !utf8.Valid(src) || bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) ||
			bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || len(bytes.TrimSpace(src)) == 0 {
			return
		}
		var m map[string]any
		uerr := json.Unmarshal(src, &m)
		if uerr != nil && strings.Contains(uerr.Error(), "exceeded max depth") {
			return
		}
		if (uerr == nil) != (len(errs) == 0) {
			t.Fatalf("errors %v, json.Unmarshal: %v\n%q", errs, uerr, src)
		}
	})
}

func TestPositionIndexMatchesLines(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		b.WriteString("ab€ü")
		if i%700 == 0 {
			b.WriteString("\n")
		}
		if i%1300 == 0 {
			b.WriteString("\r\n")
		}
	}
	text := []byte(b.String())
	x, lines := newPosIndex(text), source.NewLines(text)
	for off := 0; off <= len(text); off += 7 {
		if off < len(text) && text[off]&0xC0 == 0x80 {
			continue // offsets always fall on code point boundaries
		}
		if got, want := x.position(off), lines.Position(off); got != want {
			t.Fatalf("offset %d: %v, want %v", off, got, want)
		}
	}
}

func TestLongLineIsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 100000; i++ {
		b.WriteString(`"key`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(`": {"a": "ü"}, `)
	}
	b.WriteString(`"z": 1}`)
	start := time.Now()
	f, errs := Parse([]byte(b.String()))
	if len(errs) != 0 || len(f.Keys) != 200001 {
		t.Fatalf("errs=%v keys=%d", errs, len(f.Keys))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("parsing a 2 MB single-line file took %v", d)
	}
}

// TestTrailingData: whatever follows the top-level value but blanks is the
// error dockerd's json.Unmarshal reports, at that character (which it
// names whole where json names its first byte as a Latin-1 one: 'Ã' for é).
func TestTrailingData(t *testing.T) {
	for _, tc := range []struct {
		src  string
		at   source.Position
		char string
	}{
		{"{}A\"\" {", pos(1, 3), "'A'"},
		{"{} {}", pos(1, 4), "'{'"},
		{"{\"debug\": true}\n\n  x", pos(3, 3), "'x'"},
		{"{}'", pos(1, 3), `'\''`},
		{"{}\"", pos(1, 3), `'"'`},
		{"{}é", pos(1, 3), "'é'"},
		{"{}\t\r\n ", source.Position{}, ""},
	} {
		_, errs := Parse([]byte(tc.src))
		var v any
		uerr := json.Unmarshal([]byte(tc.src), &v)
		if tc.char == "" {
			if len(errs) != 0 || uerr != nil {
				t.Errorf("%q: errors %v, json.Unmarshal %v", tc.src, errs, uerr)
			}
			continue
		}
		want := "invalid JSON: invalid character " + tc.char + " after top-level value"
		if len(errs) != 1 || errs[0].Range.Start != tc.at || errs[0].Message != want || uerr == nil ||
			tc.char != "'é'" && "invalid JSON: "+uerr.Error() != want {
			t.Errorf("%q: errors %v, want %q at %v (json.Unmarshal: %v)", tc.src, errs, want, tc.at, uerr)
		}
	}
}

// TestNumberOutOfRange: a number beyond float64 is dockerd's error, pointed
// at the number (json names an offset after it).
func TestNumberOutOfRange(t *testing.T) {
	for _, tc := range []struct {
		src      string
		from, to source.Position
	}{
		{`{"a": 1e400}`, pos(1, 7), pos(1, 12)},
		{`{"a": [1, -1e999 ]}`, pos(1, 11), pos(1, 17)},
		{"{\"a\":\n  1e400,\n\"b\":2}", pos(2, 3), pos(2, 8)},
	} {
		_, errs := Parse([]byte(tc.src))
		var v any
		uerr := json.Unmarshal([]byte(tc.src), &v)
		if len(errs) != 1 || uerr == nil || errs[0].Message != "invalid JSON: "+uerr.Error() ||
			errs[0].Range.Start != tc.from || errs[0].Range.End != tc.to {
			t.Errorf("%q: errors %v, want %q from %v to %v", tc.src, errs, uerr, tc.from, tc.to)
		}
	}
}
