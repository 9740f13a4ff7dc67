package rules

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser/daemonjson"
	"github.com/dlint/dlint/parser/source"
)

// Helpers shared by the daemon.json rules (DD).

// ddFile is the parsed daemon.json, or nil when the document has none or
// could not be read (the parse error is reported as DD1000).
func ddFile(p *Pass) *daemonjson.File {
	if p.Daemon == nil || len(p.Errors) > 0 {
		return nil
	}
	if !p.Daemon.Empty && !p.Daemon.Root.IsObject() {
		return nil
	}
	return p.Daemon
}

// ddBool reads the effective boolean of a top-level key: value, whether
// the key is set to a boolean.
func ddBool(f *daemonjson.File, name string) (bool, *daemonjson.Key) {
	k := f.TopLevel(name)
	if k == nil || (k.Value.Type != gjson.True && k.Value.Type != gjson.False) {
		return false, nil
	}
	return k.Value.Bool(), k
}

// ddString reads the effective string of a top-level key.
func ddString(f *daemonjson.File, name string) (string, *daemonjson.Key) {
	k := f.TopLevel(name)
	if k == nil || k.Value.Type != gjson.String {
		return "", nil
	}
	return k.Value.Str, k
}

// ddStrings reads the string elements of a top-level array key.
func ddStrings(f *daemonjson.File, name string) ([]gjson.Result, *daemonjson.Key) {
	k := f.TopLevel(name)
	if k == nil || !k.Value.IsArray() {
		return nil, nil
	}
	var out []gjson.Result
	for _, e := range f.Elements(k.Value) {
		if e.Type == gjson.String {
			out = append(out, e)
		}
	}
	return out, k
}

// ddLogDriver is the effective default log driver: the log-driver value,
// or json-file when the key is absent. ok is false for a non-string value.
func ddLogDriver(f *daemonjson.File) (name string, key *daemonjson.Key, ok bool) {
	k := f.TopLevel("log-driver")
	if k == nil || k.Value.Type == gjson.Null || (k.Value.Type == gjson.String && k.Value.Str == "") {
		return "json-file", k, true
	}
	if k.Value.Type != gjson.String {
		return "", k, false
	}
	return k.Value.Str, k, true
}

// ddCgroupDriverOpt is the native.cgroupdriver exec-opt: its trimmed value and
// the range of the element, "" when it is not set.
func ddCgroupDriverOpt(f *daemonjson.File) (string, source.Range) {
	elems, _ := ddStrings(f, "exec-opts")
	val, rng := "", source.Range{}
	for _, e := range elems {
		k, v, ok := strings.Cut(e.Str, "=")
		if ok && strings.ToLower(strings.TrimSpace(k)) == "native.cgroupdriver" {
			val, rng = strings.TrimSpace(v), f.Span(e)
		}
	}
	return val, rng
}

// ddTLS tells how TLS is configured the way dockerd derives it: any
// tlsverify key turns TLS on; verification is on when tlsverify is true,
// or when tls is true and tlsverify is absent.
type ddTLSState struct {
	on, verify bool
	key        *daemonjson.Key // the key that turned TLS on
}

func ddTLS(f *daemonjson.File) ddTLSState {
	tls, tlsKey := ddBool(f, "tls")
	verifyKey := f.TopLevel("tlsverify")
	var st ddTLSState
	switch {
	case verifyKey != nil && verifyKey.Value.Type != gjson.Null:
		st.on, st.key = true, verifyKey
		if tls {
			st.key = tlsKey
		}
		st.verify = verifyKey.Value.Type == gjson.True || (verifyKey.Value.Type != gjson.False && tls)
	case tls:
		st.on, st.verify, st.key = true, true, tlsKey
	}
	return st
}

// ddIsLoopback reports whether a registry or host name is on the loopback.
func ddIsLoopback(host string) bool {
	h := host
	if i := strings.LastIndex(h, ":"); i > 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	h = strings.Trim(h, "[]")
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1"
}

var ddRemoteDrivers = []string{"syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "gcplogs"}

// ddEqualFold compares member names the way encoding/json matches fields.
func ddEqualFold(a, b string) bool { return strings.EqualFold(a, b) }

// ddValueOrRoot points at a key's value when it is present, else at the file's top.
func ddValueOrRoot(f *daemonjson.File, k *daemonjson.Key) source.Range {
	if k != nil {
		return k.ValueRange
	}
	return f.RootRange()
}

// ddLogOpts is the daemon's log-opts object with the log driver it
// configures; ok is false when there is no log-opts object or the driver is
// unknown or "none" (which takes no options).
func ddLogOpts(p *Pass) (f *daemonjson.File, opts *daemonjson.Key, d *daemonjson.LogDriver, ok bool) {
	f = ddFile(p)
	if f == nil {
		return nil, nil, nil, false
	}
	opts = f.TopLevel("log-opts")
	if opts == nil || !opts.Value.IsObject() {
		return nil, nil, nil, false
	}
	name, _, known := ddLogDriver(f)
	d = daemonjson.LogDriverByName(name)
	if !known || d == nil || d.Name == "none" {
		return nil, nil, nil, false
	}
	return f, opts, d, true
}
