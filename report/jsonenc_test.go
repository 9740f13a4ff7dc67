package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// encodingJSON is what encoding/json writes for v under prefix with a
// two-space indent and no HTML escaping: the reference the hand-written
// encoder must match byte for byte.
func encodingJSON(t *testing.T, v any, prefix string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{
		"", "plain", `quote " and \ backslash`, "<html> & 'apos'",
		"\x00\x01\x07\b\t\n\v\f\r\x1b[31m\x1f\x7f", "é ü 日本 🐳",
		"line\u2028sep\u2029para", "bad \xff\xfe utf8 \xc3", "\xed\xa0\x80 surrogate",
		"trailing \xe2\x82",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			// Bytes around the interesting boundaries: controls, ASCII,
			// and the lead and continuation bytes of multi-byte runes.
			b[i] = []byte{0, 0x1f, '"', '\\', 'a', 0x7f, 0x80, 0xbf, 0xc3, 0xe2, 0x80, 0xa8, 0xf0, 0x9f, 0xff}[rng.IntN(15)]
		}
		cases = append(cases, string(b))
	}
	for range 2000 {
		// Long plain runs with the odd byte to escape anywhere in them,
		// for the eight-bytes-at-a-time path.
		b := []byte(strings.Repeat("plain ascii text", 1+rng.IntN(4)))
		for range rng.IntN(3) {
			b[rng.IntN(len(b))] = []byte{0, 0x1f, '"', '\\', 0x7f, 0x80, 0xc3, 0xe2, 0xff}[rng.IntN(9)]
		}
		cases = append(cases, string(b[rng.IntN(8):]))
	}
	for _, s := range cases {
		got := string(appendJSONString(nil, s))
		if want := encodingJSON(t, s, ""); got != want {
			t.Errorf("appendJSONString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

func TestJSONObjectMatchesEncodingJSON(t *testing.T) {
	type finding struct {
		Rule      string   `json:"rule"`
		Aliases   []string `json:"aliases"`
		Line      int      `json:"line"`
		Column    int      `json:"column"`
		Message   string   `json:"message"`
		Suppress  bool     `json:"suppressed,omitempty"`
		Fixable   bool     `json:"fixable,omitempty"`
		Reference string   `json:"fingerprint"`
	}
	for _, v := range []finding{
		{Rule: "DL3008", Aliases: []string{"CKV_DOCKER_1", "a\"b"}, Line: 3, Column: -1, Message: "m\n", Fixable: true, Reference: "ab"},
		{Rule: "DL0000", Aliases: nil, Message: "\x1b", Suppress: true},
	} {
		for _, prefix := range []string{"", "    "} {
			o := jsonObject{prefix: prefix}
			o.str("rule", v.Rule)
			o.strs("aliases", v.Aliases)
			o.int("line", v.Line)
			o.int("column", v.Column)
			o.str("message", v.Message)
			if v.Suppress {
				o.boolean("suppressed", true)
			}
			if v.Fixable {
				o.boolean("fixable", true)
			}
			o.str("fingerprint", v.Reference)
			ref := v
			if ref.Aliases == nil {
				ref.Aliases = []string{} // the report writes an absent list as empty, never null
			}
			if diff := cmp.Diff(encodingJSON(t, ref, prefix), string(o.end())); diff != "" {
				t.Errorf("prefix %q (-encoding/json +hand-written):\n%s", prefix, diff)
			}
		}
	}
	for _, errs := range [][]string{nil, {}, {"one"}, {"a", "b\tc"}} {
		want := encodingJSON(t, errs, "  ")
		if errs == nil {
			want = "[]" // the report writes an absent list as empty, never null
		}
		if got := string(appendJSONStrings(nil, errs, "  ")); got != want {
			t.Errorf("appendJSONStrings(%q) = %s, want %s", errs, got, want)
		}
	}
	if got := string((&jsonObject{}).end()); got != "{}" {
		t.Errorf("empty object = %s, want {}", got)
	}
}

// plain8 agrees with the byte-by-byte definition on every byte value in
// every lane.
func TestPlain8(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' }
	const filler = 0x6161616161616161 // "aaaaaaaa"
	for lane := range 8 {
		for c := range 256 {
			for _, around := range []uint64{filler, 0x2020202020202020, 0x7e7e7e7e7e7e7e7e} {
				w := around&^(0xff<<(8*lane)) | uint64(c)<<(8*lane)
				if got := plain8(w); got != plain(byte(c)) {
					t.Errorf("plain8(%#016x) = %v, want %v (byte %#02x in lane %d)", w, got, !got, c, lane)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		w := rng.Uint64()
		want := true
		for lane := range 8 {
			want = want && plain(byte(w>>(8*lane)))
		}
		if got := plain8(w); got != want {
			t.Errorf("plain8(%#016x) = %v, want %v", w, got, want)
		}
	}
}
