package report

import (
	"bytes"
	"encoding/json"
	"fmt"
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
		"trailing \xe2\x82", "c1 \u0080\u0085\u009b[2J\u009f \u00a0", "bidi \u202a\u202e\u2066\u2069 \u2029\u202f\u2065\u206a",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			// Bytes around the interesting boundaries: controls, ASCII,
			// and the lead and continuation bytes of multi-byte runes.
			b[i] = []byte{0, 0x1f, '"', '\\', 'a', 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xe2, 0x80, 0x81, 0xa6, 0xa8, 0xaa, 0xf0, 0x9f, 0xff}[rng.IntN(19)]
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
		if want := string(escapeInvisible([]byte(encodingJSON(t, s, "")))); got != want {
			t.Errorf("appendJSONString(%q) = %s, encoding/json and escapeInvisible write %s", s, got, want)
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
	// Member names are written as they are only when they need no escape.
	for _, k := range []string{"rule", "endLine", `a"b`, "a\\b", "tab\t", "x-y", "é", "a<b"} {
		o := jsonObject{}
		o.str(k, "v")
		if diff := cmp.Diff(encodingJSON(t, map[string]string{k: "v"}, ""), string(o.end())); diff != "" {
			t.Errorf("member name %q (-encoding/json +hand-written):\n%s", k, diff)
		}
	}
}

// escapeInvisible writes every character that text output escapes
// (isControl) as a \u escape that reads back to it, and leaves every other
// character, its neighbours among them, as it was.
func TestEscapeInvisible(t *testing.T) {
	var all []rune
	for r := rune(0x70); r <= 0xB0; r++ {
		all = append(all, r)
	}
	for r := rune(0x2000); r <= 0x2070; r++ {
		all = append(all, r)
	}
	all = append(all, 0x061C, 0xFEFF, 0x1F433, 0xE000, 0xFFFD)
	for _, r := range all {
		for _, s := range []string{string(r), "a" + string(r) + string(r) + "b", string(r) + `\u00`} {
			enc := []byte(encodingJSON(t, map[string]string{"k" + s: s}, ""))
			out := escapeInvisible(enc)
			var back map[string]string
			if err := json.Unmarshal(out, &back); err != nil {
				t.Fatalf("U+%04X: %s is not JSON: %v", r, out, err)
			}
			if back["k"+s] != s {
				t.Errorf("U+%04X: %s reads back as %q, want %q", r, out, back, s)
			}
			escaped := bytes.Contains(out, fmt.Appendf(nil, `\u%04x`, r))
			if raw := bytes.ContainsRune(out, r); isControl(r) && r >= 0x7f && (raw || !escaped) {
				t.Errorf("U+%04X: %s, want it as a \\u escape", r, out)
			} else if !isControl(r) && !bytes.Equal(out, enc) {
				t.Errorf("U+%04X: %s changed to %s", r, enc, out)
			}
		}
	}
	if in := []byte("{\"k\": \"plain\"}"); &escapeInvisible(in)[0] != &in[0] {
		t.Error("escapeInvisible copied JSON that needs no escape")
	}
}

// plain8 agrees with the byte-by-byte definition on every byte value in
// every lane.
func TestPlain8(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' }
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

// randomJSONValue is a value of up to depth levels of maps and slices
// whose strings hold what AppendIndentedJSON must copy whole: quotes after runs
// of backslashes, the characters escapeInvisible escapes, and punctuation.
func randomJSONValue(rng *rand.Rand, depth int) any {
	pieces := []string{`\`, `"`, `\\"`, `\"`, "{", "}", "[", "]", ",", ":", " ", "\n", "\u2028", "\u009b", "\u202e", "é", "\xff", "a", "\x7f"}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	kind := rng.IntN(8)
	if depth == 0 {
		kind %= 5
	}
	switch kind {
	case 0:
		return str()
	case 1:
		return rng.Float64() * 1e6
	case 2:
		return rng.IntN(2) == 0
	case 3:
		return nil
	case 4:
		return -rng.IntN(1000)
	case 5, 6:
		m := map[string]any{}
		for range rng.IntN(4) {
			m[str()] = randomJSONValue(rng, depth-1)
		}
		return m
	default:
		s := []any{}
		for range rng.IntN(4) {
			s = append(s, randomJSONValue(rng, depth-1))
		}
		return s
	}
}

func TestAppendIndentedMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		v := randomJSONValue(rng, 4)
		prefix := []string{"", "  ", "        "}[i%3]
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		got := string(AppendIndentedJSON(nil, compact.Bytes(), prefix, "  "))
		want := string(escapeInvisible([]byte(encodingJSON(t, v, prefix))))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("AppendIndentedJSON(%s) differs from encoding/json's indent and escapeInvisible (-want +got):\n%s", compact.Bytes(), diff)
		}
	}
}

// FuzzAppendIndented checks AppendIndentedJSON against json.Indent and
// escapeInvisible on any valid JSON, compacted as encoding/json writes it.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `{"a":[1,{},[]],"b":"\\\"x\\\\"}`, `"\\\\\\""`, `[[[["]"]]]]`, "\"\u2028\u009b\u202e\"", `{"":{"":""}}`, `-1.5e10`, `[true,false,null]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(s)); err != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "  ", "  "); err != nil {
			t.Fatalf("json.Indent refuses what json.Compact wrote: %v", err)
		}
		got := AppendIndentedJSON(nil, compact.Bytes(), "  ", "  ")
		if w := escapeInvisible(want.Bytes()); !bytes.Equal(got, w) {
			t.Fatalf("AppendIndentedJSON(%q) = %q, want %q", compact.Bytes(), got, w)
		}
	})
}

func TestAppendGitLabIssueMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	str := func() string {
		pieces := append([]string{"\u2028", "\u009b", "\u202e", "\\", "/", "%"}, xmlPieces...)
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 2000 {
		is := gitlabIssue{
			Type: str(), CheckName: str(), Description: str(), Categories: []string{}, Fingerprint: str(), Severity: str(),
			Location: gitlabLocation{Path: str(), Lines: gitlabLines{Begin: rng.IntN(100000) - 1, End: rng.IntN(100000)}},
		}
		for range rng.IntN(4) {
			is.Categories = append(is.Categories, str())
		}
		want := string(escapeInvisible([]byte(encodingJSON(t, is, "  "))))
		if diff := cmp.Diff(want, string(appendGitLabIssue(nil, &is))); diff != "" {
			t.Fatalf("issue %+v (-encoding/json +by hand):\n%s", is, diff)
		}
	}
}
