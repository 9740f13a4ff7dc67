package rules

import (
	"net/mail"
	"strings"
	"testing"
)

// emailCases are validEmail's expectations. Each is also what
// mail.ParseAddress decides (validEmail has no deliberate difference from
// it), which TestValidEmail checks too.
var emailCases = []struct {
	in   string
	want bool
}{
	// Plain addresses.
	{"ops@example.com", true},
	{"a@b", true},
	{"first.last+tag@sub.example.co.uk", true},
	{"!#$%&'*+-/=?^_`{|}~@example.com", true},
	{"  ops@example.com  ", true},
	{"\tops@example.com\t", true},
	{"ops@ example.com", true}, // net/mail skips spaces after "@"
	{"ops @example.com", false},
	{"ops@example .com", false},
	{".ops@example.com", false},
	{"ops.@example.com", false},
	{"o..ps@example.com", false},
	{"ops@.example.com", false},
	{"ops@example.com.", false},
	{"ops@example..com", false},

	// Display names.
	{"Ops <ops@example.com>", true},
	{"Ops Team <ops@example.com>", true},
	{"Ops<ops@example.com>", true},
	{"<ops@example.com>", true},
	{"  <ops@example.com>  ", true},
	{"< ops@example.com>", true},
	{"<ops@example.com >", false},
	{"<ops @example.com>", false},
	{"John Q. Public <jqp@example.com>", true},
	{". <jqp@example.com>", true},
	{"a..b. <jqp@example.com>", true},
	{"Ops, Team <ops@example.com>", false},
	{"Ops: Team <ops@example.com>", false},
	{"Ops@Team <ops@example.com>", false},
	{"ops@example.com <ops@example.com>", false},
	{"Ops <ops@example.com> Team", false},
	{"Ops <ops@example.com> <ops@example.com>", false},
	{"Ops <>", false},
	{"Ops", false},
	{"ops team", false},
	{"ops.example.com", false},

	// Quoted display names.
	{`"Ops Team" <ops@example.com>`, true},
	{`"Doe, John" <jd@example.com>`, true},
	{`"" <ops@example.com>`, true},
	{`"a\"b" <ops@example.com>`, true},
	{`"a\\b" <ops@example.com>`, true},
	{`"Ops" Team "X" <ops@example.com>`, true},
	{`"Ops <ops@example.com>`, false},
	{`"Ops\" <ops@example.com>`, false},
	{"\"a\x01b\" <ops@example.com>", false},
	{"\"a\\\x01b\" <ops@example.com>", false},
	{"\"a\tb\" <ops@example.com>", true},
	{"\"a\x7fb\" <ops@example.com>", false},

	// Comments.
	{"ops@example.com (Ops Team)", true},
	{"ops@example.com(Ops Team)", true},
	{"ops@example.com (Ops (nested) Team)", true},
	{"ops@example.com (a) (b)", true},
	{`ops@example.com (a \) b)`, true},
	{"ops@example.com (Ops", false},
	{"ops@example.com (Ops))", false},
	{"ops@example.com (\x00\xff\x7f)", true}, // comments hold any bytes
	{"(Ops) ops@example.com", false},
	{"(Ops) <ops@example.com>", false},
	{"Ops (team) <ops@example.com>", true},
	{"Ops (team)<ops@example.com>", true},
	{"Ops (team <ops@example.com>", false},
	{"<ops@example.com> (Ops)", true},
	{"<ops@example.com> (Ops", false},
	{"ops(x)@example.com", false},

	// Quoted local parts.
	{`"ops team"@example.com`, true},
	{`"ops@team"@example.com`, true},
	{`"o\"ps"@example.com`, true},
	{`""@example.com`, false},
	{`<""@example.com>`, false},
	{`"ops"team@example.com`, false},
	{`Ops <"ops team"@example.com>`, true},
	{"\"ops\x00\"@example.com", false},

	// Domain literals.
	{"ops@[192.0.2.1]", true},
	{"ops@[2001:db8::1]", true},
	{"ops@[::ffff:192.0.2.1]", true},
	{"Ops <ops@[192.0.2.1]>", true},
	{"ops@[192.0.2]", false},
	{"ops@[192.0.2.256]", false},
	{"ops@[192.0.2.01]", false},
	{"ops@[IPv6:2001:db8::1]", false},
	{"ops@[fe80::1%eth0]", false},
	{"ops@[example.com]", false},
	{"ops@[]", false},
	{"ops@[192.0.2.1", false},
	{"ops@[ 192.0.2.1]", false},
	{"ops@[192.0.2.1] ", true},

	// UTF-8 (RFC 6532).
	{"josé@example.com", true},
	{"ops@exämple.com", true},
	{"用户@例子.广告", true},
	{"José Núñez <jose@example.com>", true},
	{`"José" <jose@example.com>`, true},
	{"\"jos\xe9\"@example.com", false},
	{"jos\xe9@example.com", false},
	{"ops@ex\xe4mple.com", false},
	{"Jos\xe9 <jose@example.com>", false},
	{"Jose <jose@example.com>\xff", false},
	{"ops@example.com (\xe9)", true},
	{"ops@[\xe9]", false},
	{"\xed\xa0\x80@example.com", false}, // an encoded surrogate is not UTF-8
	{"\uFFFD@example.com", true},        // U+FFFD itself is a character
	{"ops\x00@example.com", false},
	{"\x00", false},

	// Missing, extra or lone "@".
	{"ops.example.com", false},
	{"ops@example@com", false},
	{"ops@@example.com", false},
	{"@", false},
	{"@example.com", false},
	{"ops@", false},
	{"<@>", false},
	{"Ops <@example.com>", false},
	{"Ops <ops@>", false},
	{"Ops <ops>", false},

	// Empty and spaces.
	{"", false},
	{" ", false},
	{"\t", false},
	{"()", false},
	{"ops@example.com\n", false},
	{"Ops\r\n <ops@example.com>", false},

	// Trailing text.
	{"ops@example.com x", false},
	{"ops@example.com,", false},
	{"ops@example.com, b@example.com", false},
	{"ops@example.com;", false},
	{"ops@example.com>", false},

	// Angle brackets.
	{"Ops <ops@example.com", false},
	{"Ops ops@example.com>", false},
	{"Ops <<ops@example.com>>", false},
	{"Ops <ops@example.com>>", false},
	{"<", false},
	{">", false},

	// RFC 2047 encoded words.
	{"=?utf-8?q?Ren=C3=A9?= <rene@example.com>", true},
	{"=?UTF-8?B?UmVuw6k=?= <rene@example.com>", true},
	{"=?iso-8859-1?q?Ren=E9?= <rene@example.com>", true},
	{"=?us-ascii?q?Rene?= <rene@example.com>", true},
	{"=?utf-8?q?a?= =?utf-8?q?b?= <rene@example.com>", true},
	{"=?windows-1252?q?Ren=E9?= <rene@example.com>", false}, // charset net/mail cannot read
	{"Rene =?windows-1252?q?x?= <rene@example.com>", true},  // ...it then ends the name there
	{"Rene =?windows-1252?q?x?=<rene@example.com>", true},
	{"Rene =?windows-1252?q?x?= Smith <rene@example.com>", false},
	{"=?utf-8?q?a?= =?x?q?b?= <rene@example.com>", true},
	{"=?utf-8?q??= =?x?q?b?= <rene@example.com>", false},
	{"=?utf-8?q??= <rene@example.com>", false}, // an empty name is no name
	{"=?utf-8?q??= Rene <rene@example.com>", true},
	{"=?utf-8?q?a?= (c) <rene@example.com>", false}, // comments only after a plain word
	{"Rene =?utf-8?q?a?= (c) <rene@example.com>", true},
	{"=?utf-8?x?Rene?= <rene@example.com>", true},  // malformed: an ordinary word
	{"=?utf-8?q?Ren=C?= <rene@example.com>", true}, // malformed Q escape
	{"=?utf-8?b?UmVu?= <rene@example.com>", true},
	{"=?utf-8?b?UmV?= <rene@example.com>", true}, // malformed base64
	{"=?x?b?UmV?= <rene@example.com>", true},
	{"=?x?b?UmVu?= <rene@example.com>", false},
	{"=??q?Rene?= <rene@example.com>", true},
	{"=?x?qq?Rene?= <rene@example.com>", true},
	{"=?x?q?a?b?= <rene@example.com>", true},
	{"=?x?q??= <rene@example.com>", false},
	{"=?UTF-8?Q?Ren=c3=a9?= <rene@example.com>", true},
	{"=?uſ-aſcii?q?Rene?= <rene@example.com>", true}, // folds to us-ascii
	{"ops@example.com (=?utf-8?q?Ops?=)", true},
	{"ops@example.com (=?x?q?Ops?=)", false},
	{"ops@example.com (Team =?x?q?Ops?=)", false},
	{"ops@example.com (=?x?q?Ops?=x)", true},
	{`ops@example.com (=\?x?q?Ops?=)`, false},   // escapes are removed first
	{`ops@example.com (=?x?q?O\ ps?=)`, true},   // ...and split the word here
	{"ops@example.com (=?x?b?T3\nBz?=)", false}, // base64 skips newlines
	{"ops@example.com (=?x?b?T\npz?=)", true},
	{"ops@example.com (a) (=?x?q?Ops?=)", true}, // only the first comment is decoded
	{"<ops@example.com> (=?x?q?Ops?=)", true},

	// Groups.
	{"undisclosed:;", false},
	{"undisclosed: ;", false},
	{"Team: ops@example.com;", true},
	{"Team:ops@example.com;", true},
	{"Team: Ops <ops@example.com>;", true},
	{"Team: ops@example.com ; (c)", true},
	{"Team: ops@example.com", false},
	{"Team: ops@example.com, dev@example.com;", false},
	{"Team: ops@example.com,;", false},
	{"Team: Sub: ops@example.com;;", false},
	{": ops@example.com;", false},
	{"Team: ops@example.com; x", false},
	{"<ops@example.com>: ops@example.com;", false},
	{"ops@example.com: a@b;", false},
}

func TestValidEmail(t *testing.T) {
	for _, c := range emailCases {
		if got := validEmail(c.in); got != c.want {
			t.Errorf("validEmail(%q) = %v, want %v", c.in, got, c.want)
		}
		if got := netMailEmail(c.in); got != c.want {
			t.Errorf("mail.ParseAddress(%q) accepts: %v, the table says %v", c.in, got, c.want)
		}
	}
}

// netMailEmail is the check validEmail replaces.
func netMailEmail(v string) bool {
	a, err := mail.ParseAddress(v)
	return err == nil && strings.Contains(a.Address, "@")
}

// FuzzEmail compares validEmail with net/mail on any string.
func FuzzEmail(f *testing.F) {
	for _, c := range emailCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := validEmail(v), netMailEmail(v); got != want {
			t.Fatalf("validEmail(%q) = %v, mail.ParseAddress accepts: %v", v, got, want)
		}
	})
}
