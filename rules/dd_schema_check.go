package rules

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser/daemonjson"
	"github.com/dlint/dlint/parser/source"
)

// The daemon.json rules DD1002–DD1008 share one walk over the file, driven
// by the key table in parser/daemonjson/schema.go. Each issue carries the
// rule family it belongs to; each rule reports its own.

type ddCategory int

const (
	ddLogOptType  ddCategory = iota + 1 // DD1002
	ddUnknown                           // DD1003
	ddIgnored                           // DD1004
	ddRemoved                           // DD1005
	ddWrongType                         // DD1006
	ddInvalid                           // DD1007
	ddCommandLine                       // DD1008
)

type ddIssue struct {
	cat   ddCategory
	rng   source.Range
	msg   string
	fixes []Fix
	// renamesTopLevelTo is the name a fix gives the top-level key the
	// issue is about, if any.
	renamesTopLevelTo string
}

type ddChecker struct {
	f      *daemonjson.File
	issues []ddIssue
	// byStart finds the member whose key starts at a position; names holds
	// the member names of each object a rename was asked for in, and the
	// names earlier renames gave its members (rename).
	byStart map[source.Position]*daemonjson.Key
	names   map[*daemonjson.Key]map[string]bool
	// suggested counts the unknown keys given a "did you mean", up to
	// maxKeySuggestions: each is measured against every known key, and a
	// file of 500,000 unknown keys spent most of its 5 s on it.
	suggested int
}

const maxKeySuggestions = 1000

// The rules DD1002–DD1008 run one after the other on the same file; the
// analysis is kept for the few files being linted at the moment.
var (
	ddCacheMu sync.Mutex
	ddCache   = map[*daemonjson.File][]ddIssue{}
)

// ddAnalyze walks the file once and returns every schema issue.
func ddAnalyze(f *daemonjson.File) []ddIssue {
	if f == nil || !f.Root.IsObject() {
		return nil
	}
	ddCacheMu.Lock()
	issues, ok := ddCache[f]
	ddCacheMu.Unlock()
	if ok {
		return issues
	}
	issues = ddAnalyzeFile(f)
	ddCacheMu.Lock()
	if len(ddCache) >= 64 {
		clear(ddCache)
	}
	ddCache[f] = issues
	ddCacheMu.Unlock()
	return issues
}

func ddAnalyzeFile(f *daemonjson.File) []ddIssue {
	c := &ddChecker{f: f}
	f.Root.ForEach(func(k, v gjson.Result) bool {
		c.topLevel(k, v)
		return true
	})
	c.crossField()
	return c.issues
}

func (c *ddChecker) add(cat ddCategory, r source.Range, format string, args ...any) {
	// As Reportf: the issues are kept until they are reported.
	c.issues = append(c.issues, ddIssue{cat: cat, rng: r, msg: clip(fmt.Sprintf(format, clipArgs(args)...))})
}

// fixLast attaches a safe replacement of the last issue's range.
func (c *ddChecker) fixLast(msg, text string) {
	is := &c.issues[len(c.issues)-1]
	is.fixes = append(is.fixes, Fix{Message: msg, Safe: true, Edits: []Edit{{Range: is.rng, NewText: text}}})
}

func ddReport(p *Pass, cat ddCategory) {
	if p.Daemon == nil {
		return
	}
	fixable := ddFixable(p)
	for _, is := range ddAnalyze(p.Daemon) {
		if is.cat == cat {
			if !fixable {
				is.fixes = nil
			}
			p.Report(is.rng, is.msg, is.fixes...)
		}
	}
}

// ddJSONInteger is an integer as JSON writes it (no leading zeros or plus).
var ddJSONInteger = lazyregexp.New(`^-?(0|[1-9][0-9]*)$`)

// ddValidNumber reports whether the integer text s, unquoted, is a value
// spec takes: within int64, not negative for an unsigned key, and in the
// key's range. Unquoting any other would trade one error for another.
func ddValidNumber(spec *daemonjson.Spec, s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && (spec.Type != daemonjson.Uint || n >= 0) && daemonjson.CheckNumber(spec.Format, n) == nil
}

// ddTypo reports whether name is close enough to key to be a misspelling
// of it worth renaming automatically: same first letter, and only a letter
// or two apart ("log-drvier"; not "ftp-proxy" for "http-proxy").
func ddTypo(name, key string) bool {
	if len(name) < 4 || len(key) < 4 || !strings.EqualFold(name[:1], key[:1]) {
		return false
	}
	// What is left after removing the common prefix and suffix bounds the
	// edit distance from above.
	a, b := strings.ToLower(name), strings.ToLower(key)
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	return max(len(a), len(b)) <= 2
}

// rename is the fix renaming the key at kr to `to`, or nil when its object
// already has a member of that name or an earlier fix of this file renames
// another member to it: either way the object would hold two, dockerd
// would silently take the last, and the other's value would be lost.
// Fixes of later rounds see the name taken.
func (c *ddChecker) rename(kr source.Range, to string) []Fix {
	if c.byStart == nil {
		c.byStart = make(map[source.Position]*daemonjson.Key, len(c.f.Keys))
		for _, k := range c.f.Keys {
			c.byStart[k.KeyRange.Start] = k
		}
		c.names = map[*daemonjson.Key]map[string]bool{}
	}
	k := c.byStart[kr.Start]
	if k == nil {
		return nil
	}
	names := c.names[k.Parent]
	if names == nil {
		names = map[string]bool{}
		for _, m := range c.f.Children(k.Parent) {
			names[m.Name] = true
		}
		c.names[k.Parent] = names
	}
	if names[to] {
		return nil
	}
	names[to] = true
	return []Fix{ddRenameFix(kr, to)}
}

// renameLast attaches rename's fix to the last issue.
func (c *ddChecker) renameLast(kr source.Range, to string) {
	is := &c.issues[len(c.issues)-1]
	is.fixes = c.rename(kr, to)
	if is.fixes != nil && c.byStart[kr.Start].Parent == nil {
		is.renamesTopLevelTo = to
	}
}

// ddSuccessors are the removed keys whose replacement takes the same value.
var ddSuccessors = map[string]string{"graph": "data-root"}

// singularFix renames a singular flag name to its key when the value has
// the key's shape, wrapping a single value in an array for a list key
// ("host": "x" → "hosts": ["x"]), and attaches it to the last issue; none
// when the value does not fit or rename declines.
func (c *ddChecker) singularFix(kr source.Range, v gjson.Result, s *daemonjson.Spec) {
	fits := func(spec *daemonjson.Spec, v gjson.Result) bool {
		switch spec.Type {
		case daemonjson.Any:
			return true
		case daemonjson.String:
			return v.Type == gjson.String
		case daemonjson.Bool:
			return v.Type == gjson.True || v.Type == gjson.False
		case daemonjson.Int, daemonjson.Uint:
			return v.Type == gjson.Number
		case daemonjson.List:
			return v.IsArray()
		case daemonjson.Map, daemonjson.Struct:
			return v.IsObject()
		}
		return false
	}
	wrap := false
	switch {
	case fits(s, v):
	case s.Type == daemonjson.List && s.Elem != nil && !v.IsArray() && !v.IsObject() && fits(s.Elem, v):
		wrap = true
	default:
		return
	}
	c.renameLast(kr, s.Name)
	if is := &c.issues[len(c.issues)-1]; wrap && is.fixes != nil {
		is.fixes[0].Message += " and make the value an array"
		is.fixes[0].Edits = append(is.fixes[0].Edits, Edit{Range: c.f.Span(v), NewText: "[" + v.Raw + "]"})
	}
}

// ddRenameFix replaces a key's name, quotes included.
func ddRenameFix(r source.Range, to string) Fix {
	return Fix{Message: fmt.Sprintf("rename the key to %q", to), Edits: []Edit{{Range: r, NewText: `"` + to + `"`}}}
}

func (c *ddChecker) topLevel(k, v gjson.Result) {
	name := k.Str
	kr := c.f.Span(k)
	if spec := daemonjson.Lookup(name); spec != nil {
		if spec.Deprecated != "" && strings.HasPrefix(spec.Deprecated, "nothing") {
			c.add(ddIgnored, kr, "key %q is deprecated and ignored; remove it", name)
			return
		}
		c.value(spec, v, name)
		if spec.Type == daemonjson.Struct && !spec.Flat && v.IsObject() {
			// dockerd checks the members of non-flat objects (proxies) as
			// if they were top-level keys.
			v.ForEach(func(ck, cv gjson.Result) bool {
				if spec.Field(ck.Str) != nil {
					return true
				}
				if daemonjson.IsFlagName(ck.Str) {
					c.add(ddIgnored, c.f.Span(ck), "key %q inside %q is ignored: it is not one of %s's settings", ck.Str, name, name)
				} else {
					c.unknown(ck, fmt.Sprintf(" in %q", name), ddFieldNames(spec))
				}
				return true
			})
		}
		return
	}
	if r, ok := daemonjson.RemovedKeys[name]; ok {
		c.add(ddRemoved, kr, "key %q was removed in Docker %s and dockerd refuses to start with it; %s", name, r.Release, r.Hint)
		if to := ddSuccessors[name]; to != "" {
			c.renameLast(kr, to)
		}
		return
	}
	if alt, ok := daemonjson.RejectedTags[name]; ok {
		c.add(ddUnknown, kr, "key %q is not accepted: dockerd fails with \"the following directives don't match any configuration option: %s\"; %s", name, name, alt)
		return
	}
	if sw, ok := daemonjson.CommandLineOnly[name]; ok {
		c.add(ddCommandLine, kr, "key %q is the command-line switch %s, not a setting: dockerd ignores it, and fails with a flag/file conflict whenever it runs with %s (as `dockerd --validate --config-file …` does)", name, sw, sw)
		return
	}
	if ig, ok := daemonjson.IgnoredKeys[name]; ok {
		c.add(ddIgnored, kr, "key %q is accepted but ignored: %s", name, ig.Reason)
		return
	}
	if s := daemonjson.SingularFlag(name); s != nil {
		c.add(ddIgnored, kr, "key %q is the flag name and dockerd silently ignores it; the daemon.json key is %q", name, s.Name)
		c.singularFix(kr, v, s)
		return
	}
	if v.IsObject() && !daemonjson.IsFlat(name) {
		c.add(ddIgnored, kr, "unknown key %q holds an object, which dockerd ignores without an error (it only checks the object's members)%s", name, ddDidYouMean(name, daemonjson.KeyNames()))
		v.ForEach(func(ck, _ gjson.Result) bool {
			if !daemonjson.IsFlagName(ck.Str) {
				c.unknown(ck, fmt.Sprintf(" (inside %q)", name), daemonjson.KeyNames())
			}
			return true
		})
		return
	}
	if ddContains(daemonjson.WindowsKeys, name) {
		c.add(ddUnknown, kr, "key %q only exists in dockerd on Windows: dockerd on Linux refuses to start (\"don't match any configuration option\")", name)
		return
	}
	if s := daemonjson.Shorthand(name); s != nil {
		c.add(ddUnknown, kr, "unknown key %q: dockerd does not accept flag shorthands in daemon.json; use %q", name, s.Name)
		c.renameLast(kr, s.Name)
		return
	}
	c.unknown(k, "", daemonjson.KeyNames())
}

func (c *ddChecker) unknown(k gjson.Result, where string, candidates []string) {
	kr := c.f.Span(k)
	closest := ""
	if c.suggested < maxKeySuggestions {
		c.suggested++
		closest = daemonjson.Closest(k.Str, candidates)
	}
	c.add(ddUnknown, kr, "unknown key %q%s: dockerd refuses to start (\"don't match any configuration option\")%s", k.Str, where, didYouMean(closest))
	if closest != "" && ddTypo(k.Str, closest) {
		c.renameLast(kr, closest)
	}
}

func ddDidYouMean(name string, candidates []string) string {
	return didYouMean(daemonjson.Closest(name, candidates))
}

func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", s)
}

func ddFieldNames(s *daemonjson.Spec) []string {
	var out []string
	for _, f := range s.Fields {
		out = append(out, f.Name)
	}
	return out
}

// ddJSONKind names the JSON type of a value for messages.
func ddJSONKind(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	if v.IsArray() {
		return "an array"
	}
	return "an object"
}

func ddIsInteger(v gjson.Result) bool {
	if v.Type != gjson.Number {
		return false
	}
	raw := strings.TrimPrefix(v.Raw, "-")
	return raw != "" && strings.Trim(raw, "0123456789") == ""
}

// value checks one value against its spec; path names it in messages.
func (c *ddChecker) value(spec *daemonjson.Spec, v gjson.Result, path string) {
	if v.Type == gjson.Null || spec.Type == daemonjson.Any {
		return
	}
	vr := c.f.Span(v)
	wrong := func(hint string) {
		c.add(ddWrongType, vr, "%q must be %s, not %s%s; dockerd refuses to start", path, spec.Type, ddJSONKind(v), hint)
	}
	switch spec.Type {
	case daemonjson.String:
		if v.Type != gjson.String {
			if spec.Format == "size" && v.Type == gjson.Number {
				wrong(fmt.Sprintf(` (dockerd: invalid size: "%s"); write "%sb" or "64M"`, v.Raw, v.Raw))
				return
			}
			if strings.HasPrefix(path, "log-opts.") {
				hint := ""
				if !v.IsObject() && !v.IsArray() {
					hint = " (" + ddQuoteRaw(v) + ")"
				}
				c.add(ddLogOptType, vr, "log-opts value %q must be a JSON string%s, not %s; dockerd refuses to start", path[len("log-opts."):], hint, ddJSONKind(v))
				if hint != "" {
					c.fixLast("quote the value", ddQuoteRaw(v))
				}
				return
			}
			hint := ""
			if v.Type == gjson.Number || v.Type == gjson.True || v.Type == gjson.False {
				hint = fmt.Sprintf(" (write %s)", ddQuoteRaw(v))
			}
			wrong(hint)
			return
		}
		if !spec.AllowsValue(v.Str) {
			c.add(ddInvalid, vr, "invalid %s %q: must be one of %s", path, v.Str, strings.Join(spec.Values, ", "))
			return
		}
		if err := daemonjson.CheckFormat(spec.Format, v.Str); err != nil {
			c.add(ddInvalid, vr, "invalid %s value: %v", path, err)
		}
	case daemonjson.Bool:
		if v.Type != gjson.True && v.Type != gjson.False {
			hint := ""
			if v.Type == gjson.String && (v.Str == "true" || v.Str == "false") {
				hint = fmt.Sprintf(" (write %s without quotes)", v.Str)
			}
			wrong(hint)
			if hint != "" {
				c.fixLast("remove the quotes", v.Str)
			}
		}
	case daemonjson.Int, daemonjson.Uint:
		if !ddIsInteger(v) {
			hint := ""
			if v.Type == gjson.String && ddJSONInteger.MatchString(v.Str) && ddValidNumber(spec, v.Str) {
				hint = fmt.Sprintf(" (write %s without quotes)", v.Str)
			}
			wrong(hint)
			if hint != "" {
				c.fixLast("remove the quotes", v.Str)
			}
			return
		}
		if spec.Type == daemonjson.Uint && strings.HasPrefix(v.Raw, "-") {
			wrong("")
			return
		}
		if err := daemonjson.CheckNumber(spec.Format, v.Int()); err != nil {
			c.add(ddInvalid, vr, "invalid %s %s: %v", path, v.Raw, err)
		}
	case daemonjson.List:
		if !v.IsArray() {
			hint := ""
			if v.Type == gjson.String {
				hint = fmt.Sprintf(" (write [%s])", v.Raw)
			}
			wrong(hint)
			return
		}
		for _, e := range c.f.Elements(v) {
			c.value(spec.Elem, e, path)
		}
	case daemonjson.Map:
		if !v.IsObject() {
			wrong("")
			return
		}
		v.ForEach(func(k, mv gjson.Result) bool {
			c.value(spec.Elem, mv, path+"."+k.Str)
			return true
		})
	case daemonjson.Struct:
		if !v.IsObject() {
			wrong("")
			return
		}
		v.ForEach(func(k, mv gjson.Result) bool {
			field := spec.Field(k.Str)
			switch {
			case field == nil && spec.Strict:
				c.add(ddUnknown, c.f.Span(k), "unknown field %q in %s: dockerd refuses to start (json: unknown field %q)%s", k.Str, path, k.Str, ddDidYouMean(k.Str, ddFieldNames(spec)))
			case field == nil:
				// Top-level non-flat structs (proxies) are handled by the caller.
				if spec.Name == "" || spec.Flat || daemonjson.Lookup(spec.Name) != spec {
					c.add(ddIgnored, c.f.Span(k), "%s has no setting %q; dockerd ignores it%s", path, k.Str, ddDidYouMean(k.Str, ddFieldNames(spec)))
				}
			default:
				if field.Deprecated != "" {
					c.add(ddIgnored, c.f.Span(k), "%s.%s is deprecated; use %s", path, k.Str, field.Deprecated)
				}
				c.value(field, mv, path+"."+k.Str)
			}
			return true
		})
	}
}

// ddQuoteRaw renders a number or boolean as the JSON string it should have
// been: its text as written (1.50 is "1.50", not "1.5"), which holds no
// character a JSON string would escape.
func ddQuoteRaw(v gjson.Result) string {
	return `"` + v.Raw + `"`
}

// crossField holds the checks dockerd's Validate() makes across keys or
// across a list's elements.
func (c *ddChecker) crossField() {
	f := c.f
	if old, nw := f.TopLevel("host-gateway-ip"), f.TopLevel("host-gateway-ips"); old != nil && nw != nil {
		c.add(ddInvalid, old.KeyRange, "host-gateway-ip and host-gateway-ips must not both be specified in the config file; keep host-gateway-ips")
	}
	if k := f.TopLevel("host-gateway-ips"); k != nil && k.Value.IsArray() {
		var v4, v6 int
		for _, e := range f.Elements(k.Value) {
			a, err := netip.ParseAddr(e.Str)
			if err != nil {
				continue
			}
			if a.Unmap().Is4() {
				v4++
				if v4 == 2 {
					c.add(ddInvalid, f.Span(e), "only one IPv4 host gateway IP address can be specified in host-gateway-ips")
				}
			} else {
				v6++
				if v6 == 2 {
					c.add(ddInvalid, f.Span(e), "only one IPv6 host gateway IP address can be specified in host-gateway-ips")
				}
			}
		}
	}
	if k := f.TopLevel("labels"); k != nil && k.Value.IsArray() {
		seen := map[string]string{}
		for _, e := range f.Elements(k.Value) {
			key, val, ok := strings.Cut(e.Str, "=")
			if !ok {
				continue
			}
			if prev, dup := seen[key]; dup && prev != val {
				c.add(ddInvalid, f.Span(e), "conflict labels for %s=%s and %s=%s: dockerd refuses to start", key, val, key, prev)
			}
			seen[key] = val
		}
	}
	if k := f.TopLevel("features"); k != nil && k.Value.IsObject() {
		k.Value.ForEach(func(name, _ gjson.Result) bool {
			switch {
			case ddContains(daemonjson.Features, name.Str):
			case ddContains(daemonjson.WindowsFeatures, name.Str):
				c.add(ddIgnored, f.Span(name), "feature %q only has an effect on Windows", name.Str)
			case daemonjson.Closest(name.Str, daemonjson.Features) != "":
				c.add(ddIgnored, f.Span(name), "feature %q is not one dockerd knows, so it has no effect%s", name.Str, ddDidYouMean(name.Str, daemonjson.Features))
			}
			return true
		})
	}
	if k := f.TopLevel("default-ulimits"); k != nil && k.Value.IsObject() {
		k.Value.ForEach(func(name, u gjson.Result) bool {
			if !ddContains(daemonjson.UlimitNames, name.Str) {
				c.add(ddInvalid, f.Span(name), "unknown ulimit %q in default-ulimits: containers fail to start; use one of %s", name.Str, strings.Join(daemonjson.UlimitNames, ", "))
				return true
			}
			if !u.IsObject() {
				return true
			}
			if n := u.Get("Name"); n.Type == gjson.String && n.Str != name.Str {
				c.add(ddInvalid, f.Span(n), "default-ulimits %q has \"Name\": %q; the two must match", name.Str, n.Str)
			}
			soft, hard := u.Get("Soft"), u.Get("Hard")
			if ddIsInteger(soft) && ddIsInteger(hard) && soft.Int() > hard.Int() && hard.Int() >= 0 {
				c.add(ddInvalid, f.Span(soft), "default-ulimits %q: soft limit %d is above the hard limit %d, so containers fail to start", name.Str, soft.Int(), hard.Int())
			}
			return true
		})
	}
}

func ddContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
