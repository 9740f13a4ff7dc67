package rules

import (
	"strings"

	"github.com/dlint/dlint/parser/daemonjson"
)

// ddFlag is one flag of the dockerd command line (rules.Options.DaemonFlags).
type ddFlag struct {
	Text  string // as written: "-H fd://"
	Key   string // the daemon.json key it sets
	Value string
}

// ddSplitArgs splits a command line on blanks, honouring single and double quotes.
func ddSplitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// ddFlagSpec finds the key a long flag name sets.
func ddFlagSpec(name string) (key string, boolean bool, ok bool) {
	if sw, found := daemonjson.CommandLineOnly[name]; found {
		return name, sw == "--validate", true
	}
	switch name {
	case "http-proxy", "https-proxy", "no-proxy":
		return name, false, true
	}
	if s := daemonjson.Lookup(name); s != nil {
		return s.Name, s.Type == daemonjson.Bool, true
	}
	if s := daemonjson.SingularFlag(name); s != nil {
		return s.Name, false, true
	}
	return "", false, false
}

// ddParseFlags reads dockerd's flags as dockerd's pflag parser would, as
// far as the daemon.json conflict check needs: which keys they set.
func ddParseFlags(s string) []ddFlag {
	args := ddSplitArgs(s)
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		args = args[1:] // the program name
	}
	var out []ddFlag
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			continue
		}
		var key, value string
		var boolean, hasValue, ok bool
		text := a
		if strings.HasPrefix(a, "--") {
			name, v, eq := strings.Cut(a[2:], "=")
			key, boolean, ok = ddFlagSpec(name)
			value, hasValue = v, eq
		} else {
			short := a[1:2]
			s := daemonjson.Shorthand(short)
			if s == nil {
				continue
			}
			key, boolean, ok = s.Name, s.Type == daemonjson.Bool, true
			if rest := strings.TrimPrefix(a[2:], "="); rest != "" {
				value, hasValue = rest, true
			}
		}
		if !ok {
			continue
		}
		if !hasValue && !boolean && i+1 < len(args) {
			i++
			value = args[i]
			text += " " + value
		}
		if boolean && !hasValue {
			value = "true"
		}
		out = append(out, ddFlag{Text: text, Key: key, Value: value})
	}
	return out
}

// ddFlatKeys are the file's keys as dockerd compares them with flags: the
// members of non-flat objects (proxies) count as top-level keys.
func ddFlatKeys(f *daemonjson.File) []*daemonjson.Key {
	var out []*daemonjson.Key
	for _, k := range f.Keys {
		if k.Parent == nil {
			if k.Value.IsObject() && !daemonjson.IsFlat(k.Name) {
				out = append(out, f.Children(k)...)
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

// ddFixtureFlags lets the fixture tests give dockerd's command line of a
// fixture (from a sidecar file); nil outside tests.
var ddFixtureFlags func(path string) *string

// ddDaemonFlags is dockerd's command line when the user gave it.
func ddDaemonFlags(p *Pass) *string {
	if p.Options != nil && p.Options.DaemonFlags != nil {
		return p.Options.DaemonFlags
	}
	if ddFixtureFlags != nil {
		return ddFixtureFlags(p.Path)
	}
	return nil
}
