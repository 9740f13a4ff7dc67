package rules_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dlint/dlint/fix"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

// jsonNode is a JSON value as dockerd's decoder reads it, with the order
// and repetition of object members kept, which a map would lose: a fix
// that reorders members or writes a duplicate key changes what dockerd
// takes.
type jsonNode struct {
	kind byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 'z' null
	text string
	keys []string
	kids []*jsonNode
}

// readJSONTree reads one JSON document; numbers keep their text.
func readJSONTree(b []byte) (*jsonNode, error) {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	dec.UseNumber()
	var read func() (*jsonNode, error)
	read = func() (*jsonNode, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case json.Delim:
			n := &jsonNode{kind: 'a'}
			if v == '{' {
				n.kind = 'o'
			}
			for dec.More() {
				if n.kind == 'o' {
					k, err := dec.Token()
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, k.(string))
				}
				kid, err := read()
				if err != nil {
					return nil, err
				}
				n.kids = append(n.kids, kid)
			}
			_, err := dec.Token() // the closing delimiter
			return n, err
		case string:
			return &jsonNode{kind: 's', text: v}, nil
		case json.Number:
			return &jsonNode{kind: 'n', text: string(v)}, nil
		case bool:
			return &jsonNode{kind: 'b', text: fmt.Sprint(v)}, nil
		}
		return &jsonNode{kind: 'z', text: "null"}, nil
	}
	return read()
}

func (n *jsonNode) String() string {
	switch n.kind {
	case 'o':
		parts := make([]string, len(n.keys))
		for i, k := range n.keys {
			parts[i] = fmt.Sprintf("%q: %s", k, n.kids[i])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case 'a':
		parts := make([]string, len(n.kids))
		for i, k := range n.kids {
			parts[i] = k.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case 's':
		return fmt.Sprintf("%q", n.text)
	}
	return n.text
}

// daemonFixes are what the applied daemon.json fixes may change, read from
// their messages: the names keys were renamed to, whether a renamed key's
// value was put in an array, whether values were quoted or unquoted, and
// whether log rotation was added.
type daemonFixes struct {
	renamedTo        map[string]bool
	wrapped          bool
	quoted, unquoted bool
	rotation         bool
}

func daemonFixesOf(applied []rules.Finding) daemonFixes {
	d := daemonFixes{renamedTo: map[string]bool{}}
	for _, f := range applied {
		for _, fx := range f.Fixes {
			msg := fx.Message
			var to string
			switch {
			case strings.HasPrefix(msg, "rename the key to "):
				rest := strings.TrimPrefix(msg, "rename the key to ")
				if r, ok := strings.CutSuffix(rest, " and make the value an array"); ok {
					rest = r
					d.wrapped = true
				}
				if _, err := fmt.Sscanf(rest, "%q", &to); err == nil {
					d.renamedTo[to] = true
				}
			case msg == "quote the value":
				d.quoted = true
			case msg == "remove the quotes":
				d.unquoted = true
			case msg == "Rotate the logs at 10 MB, keeping 3 files":
				d.rotation = true
			}
		}
	}
	return d
}

// sameDaemonConfig reports how after differs from before beyond what the
// applied fixes may change, or "" when it does not. Fixes rename keys to
// the names they give, quote a number or boolean in log-opts or unquote a
// boolean or integer (the text the same), wrap a renamed key's value in an
// array, and add "max-size": "10m" and "max-file": "3" at the end of the
// top-level log-opts or a log-opts member holding just those; anything
// else, and a member that becomes a duplicate of another, is a change of
// meaning.
func sameDaemonConfig(before, after *jsonNode, d daemonFixes) string {
	var cmp func(b, a *jsonNode, path string, depth int) string
	cmp = func(b, a *jsonNode, path string, depth int) string {
		if b.kind != a.kind {
			switch {
			case b.kind == 'o' || b.kind == 'a' || a.kind == 'o':
			case a.kind == 'a':
				if d.wrapped && len(a.kids) == 1 {
					return cmp(b, a.kids[0], path+"[0]", depth+1)
				}
			case b.text != a.text:
			case a.kind == 's' && d.quoted && (b.kind == 'n' || b.kind == 'b'):
				return ""
			case b.kind == 's' && d.unquoted && (a.kind == 'n' || a.kind == 'b'):
				return ""
			}
			return fmt.Sprintf("%s: %s became %s", path, b, a)
		}
		switch b.kind {
		case 'a':
			if len(b.kids) != len(a.kids) {
				return fmt.Sprintf("%s: %s became %s", path, b, a)
			}
			for i := range b.kids {
				if why := cmp(b.kids[i], a.kids[i], fmt.Sprintf("%s[%d]", path, i), depth+1); why != "" {
					return why
				}
			}
			return ""
		case 'o':
			return cmpMembers(b, a, path, depth, d, cmp)
		}
		if b.text != a.text {
			return fmt.Sprintf("%s: %s became %s", path, b, a)
		}
		return ""
	}
	return cmp(before, after, "", 0)
}

func cmpMembers(b, a *jsonNode, path string, depth int, d daemonFixes, cmp func(b, a *jsonNode, path string, depth int) string) string {
	// added reports whether a's member j is one log rotation adds here.
	added := func(j int) bool {
		if !d.rotation {
			return false
		}
		k, v := a.keys[j], a.kids[j].String()
		switch {
		case depth == 0 && k == "log-opts":
			return v == `{"max-size": "10m", "max-file": "3"}`
		case depth == 1 && strings.HasSuffix(path, ".log-opts"):
			return k == "max-size" && v == `"10m"` || k == "max-file" && v == `"3"`
		}
		return false
	}
	j := 0
	for i, k := range b.keys {
		for j < len(a.keys) && a.keys[j] != k && !d.renamedTo[a.keys[j]] && added(j) && !slices.Contains(b.keys, a.keys[j]) {
			j++
		}
		if j == len(a.keys) {
			return fmt.Sprintf("%s: member %q is gone: %s became %s", path, k, b, a)
		}
		if a.keys[j] != k {
			if !d.renamedTo[a.keys[j]] {
				return fmt.Sprintf("%s: member %q became %q: %s became %s", path, k, a.keys[j], b, a)
			}
			if slices.Contains(a.keys[:j], a.keys[j]) || slices.Contains(a.keys[j+1:], a.keys[j]) {
				return fmt.Sprintf("%s: renaming %q made a second %q: %s became %s", path, k, a.keys[j], b, a)
			}
		}
		if why := cmp(b.kids[i], a.kids[j], path+"."+a.keys[j], depth+1); why != "" {
			return why
		}
		j++
	}
	for ; j < len(a.keys); j++ {
		if !added(j) || slices.Contains(b.keys, a.keys[j]) {
			return fmt.Sprintf("%s: member %q was added: %s became %s", path, a.keys[j], b, a)
		}
	}
	return ""
}

// TestDaemonFixesNeverDuplicateAKey: two fixes that would give the same
// object two members of one name (a rename and log rotation's new
// log-opts, or two renames) are not applied together: the first lands, the
// other is not offered once the name is taken, and no value is lost to a
// duplicate that dockerd would silently drop.
func TestDaemonFixesNeverDuplicateAKey(t *testing.T) {
	lint := func(b []byte) []rules.Finding {
		return rules.Run(parser.Parse("daemon.json", b, parser.DaemonJSON, parser.Options{}), nil)
	}
	for _, tc := range []struct{ src, want string }{
		{`{"l-opts": ""}`, `{"log-opts": ""}`},
		{`{"log-driver": "json-file", "lug-opts": "x"}`, `{"log-driver": "json-file", "log-opts": "x"}`},
		{`{"log-driver": "local", "log-drivr": "local", "log-drver": "journald"}`,
			`{"log-driver": "local", "log-drivr": "local", "log-drver": "journald"}`},
		{`{"log-drivr": "local", "log-drver": "journald"}`, `{"log-driver": "local", "log-drver": "journald"}`},
		// Log rotation is added for the driver named once the rename is
		// done: journald takes no max-size.
		{`{"log-drivr": "journald"}`, `{"log-driver": "journald"}`},
		{`{"log-drivr": "json-file"}`, `{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}`},
		{`{"log-driver": "local", "graph": "/a", "data-rot": "/b"}`, `{"log-driver": "local", "data-root": "/a", "data-rot": "/b"}`},
		{`{"log-driver": "local", "proxies": {"http-prxy": "a", "http-proxi": "b"}}`,
			`{"log-driver": "local", "proxies": {"http-proxy": "a", "http-proxi": "b"}}`},
	} {
		out, _ := fix.Converge("daemon.json", []byte(tc.src), lint, true)
		if got := strings.TrimSpace(string(out)); got != tc.want {
			t.Errorf("%s fixed is\n%s\nwant\n%s", tc.src, got, tc.want)
		}
	}
}
