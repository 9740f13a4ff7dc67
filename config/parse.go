package config

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/rules"
)

// Keys are the top-level keys of .dlint.yaml.
var Keys = []string{
	"ignore", "severity", "fail-level", "min-severity", "trusted-registries", "label-schema",
	"strict-labels", "build-args", "target", "daemon-flags", "context-size-limit", "no-ignore-pragmas",
	"report-unused-ignores", "overrides", "rules",
}

// hadolintKeys are the keys of .hadolint.yaml that dlint reads.
var hadolintKeys = []string{"ignored", "override", "trustedRegistries", "label-schema", "strict-labels", "failure-threshold", "disable-ignore-pragma"}

// hadolintOther are hadolint's other keys: accepted and listed as unsupported.
var hadolintOther = []string{"format", "formats", "no-fail", "no-color", "verbose"}

// LabelTypes are the types a label-schema entry may have.
var LabelTypes = rules.LabelTypes

// maxConfigSize caps what is read from a configuration file.
const maxConfigSize = 1 << 20

// Load reads and checks a configuration file. A file whose name starts
// with ".hadolint" or "hadolint" is read in hadolint's format.
func Load(p string) (*File, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, &Error{Path: p, Msg: "cannot read configuration: " + strings.TrimPrefix(err.Error(), "stat "+abs+": ")}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{Path: p, Msg: "configuration is not a regular file"}
	}
	if info.Size() > maxConfigSize {
		return nil, &Error{Path: p, Msg: "configuration file is too large"}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, &Error{Path: p, Msg: "cannot read configuration: " + err.Error()}
	}
	base := strings.ToLower(filepath.Base(abs))
	return Parse(abs, data, strings.HasPrefix(base, ".hadolint") || strings.HasPrefix(base, "hadolint"))
}

var yamlLineRE = lazyregexp.New(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse reads a configuration from data; path (absolute) names it in
// errors and anchors override globs.
func Parse(path string, data []byte, hadolint bool) (*File, error) {
	f := &File{Path: path, Dir: filepath.Dir(path), Hadolint: hadolint, Lines: map[string]int{}, res: &resolver{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		e := &Error{Path: path, Msg: err.Error()}
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = "invalid YAML: " + m[2]
		}
		return nil, e
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return f, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return f, nil
	}
	p := &parser{f: f}
	if root.Kind != yaml.MappingNode {
		return nil, p.errf(root, "the configuration must be a mapping of keys to values, not %s", kindName(root))
	}
	err := p.eachKey(root, func(key string, k, v *yaml.Node) error {
		f.Lines[key] = k.Line
		if hadolint {
			return p.hadolintKey(key, k, v)
		}
		return p.key(key, k, v)
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(f.Unsupported)
	return f, nil
}

type parser struct{ f *File }

func (p *parser) errf(n *yaml.Node, format string, args ...any) error {
	return &Error{Path: p.f.Path, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// eachKey walks a mapping, refusing duplicate and non-string keys.
func (p *parser) eachKey(m *yaml.Node, fn func(key string, k, v *yaml.Node) error) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return p.errf(k, "a key must be a string, not %s", kindName(k))
		}
		if seen[k.Value] {
			return p.errf(k, "key %q appears twice", k.Value)
		}
		seen[k.Value] = true
		if err := fn(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

func unknownKey(p *parser, k *yaml.Node, where string, known []string) error {
	msg := fmt.Sprintf("unknown key %q%s", k.Value, where)
	if s := closestName(k.Value, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else {
		msg += " (known keys: " + strings.Join(known, ", ") + ")"
	}
	return p.errf(k, "%s", msg)
}

func (p *parser) key(key string, k, v *yaml.Node) error {
	f := p.f
	var err error
	switch key {
	case "ignore":
		f.Ignore, err = p.ruleList(key, v)
	case "severity":
		f.Severity, err = p.severityMap(key, v)
	case "fail-level":
		var s rules.Severity
		s, err = p.level(key, v, true)
		f.FailLevel = &s
	case "min-severity":
		var s rules.Severity
		s, err = p.level(key, v, false)
		f.MinSeverity = &s
	case "trusted-registries":
		f.TrustedRegistries, err = p.stringList(key, v)
		if f.TrustedRegistries == nil {
			f.TrustedRegistries = []string{}
		}
	case "label-schema":
		f.LabelSchema, err = p.labelSchema(key, v)
	case "strict-labels":
		var b bool
		b, err = p.boolean(key, v)
		f.StrictLabels = &b
	case "build-args":
		f.BuildArgs, err = p.stringMap(key, v)
	case "target":
		if !isNull(v) {
			var s string
			s, err = p.str(key, v)
			f.Target = &s
		}
	case "daemon-flags":
		if !isNull(v) {
			var s string
			s, err = p.str(key, v)
			f.DaemonFlags = &s
		}
	case "no-ignore-pragmas":
		var b bool
		b, err = p.boolean(key, v)
		f.NoIgnorePragmas = &b
	case "report-unused-ignores":
		var b bool
		b, err = p.boolean(key, v)
		f.ReportUnusedIgnores = &b
	case "context-size-limit":
		var n int64
		n, err = p.size(key, v)
		f.ContextSizeLimit = &n
	case "overrides":
		f.Overrides, err = p.overrides(key, v)
	case "rules":
		f.RuleOptions, err = p.ruleOptions(key, v)
	default:
		return unknownKey(p, k, "", Keys)
	}
	return err
}

func (p *parser) hadolintKey(key string, k, v *yaml.Node) error {
	f := p.f
	var err error
	switch key {
	case "ignored":
		f.Ignore, err = p.ruleList(key, v)
	case "override":
		if v.Kind != yaml.MappingNode {
			return p.errf(v, "override must be a mapping of error/warning/info/style to rule lists, not %s", kindName(v))
		}
		err = p.eachKey(v, func(lvl string, lk, lv *yaml.Node) error {
			sev, ok := rules.ParseSeverity(lvl)
			if !ok {
				return unknownKey(p, lk, " in override", []string{"error", "warning", "info", "style"})
			}
			refs, err := p.ruleList("override."+lvl, lv)
			for _, r := range refs {
				f.Severity = append(f.Severity, SeverityRef{RuleRef: r, Level: Level{Severity: sev}})
			}
			return err
		})
		// hadolint: error beats warning beats info beats style.
		sort.SliceStable(f.Severity, func(i, j int) bool { return f.Severity[i].Level.Severity < f.Severity[j].Level.Severity })
	case "trustedRegistries":
		f.TrustedRegistries, err = p.stringList(key, v)
	case "label-schema":
		f.LabelSchema, err = p.labelSchema(key, v)
	case "strict-labels":
		var b bool
		b, err = p.boolean(key, v)
		f.StrictLabels = &b
	case "disable-ignore-pragma":
		var b bool
		b, err = p.boolean(key, v)
		f.NoIgnorePragmas = &b
	case "failure-threshold":
		var s string
		if s, err = p.str(key, v); err == nil {
			var sev rules.Severity
			switch strings.ToLower(s) {
			case "ignore", "none": // hadolint fails on any finding with these
				sev = rules.Style
			default:
				var ok bool
				if sev, ok = rules.ParseSeverity(s); !ok {
					return p.errf(v, "failure-threshold: unknown level %q (error, warning, info, style, ignore or none)", s)
				}
			}
			f.FailLevel = &sev
		}
	default:
		for _, o := range hadolintOther {
			if key == o {
				f.Unsupported = append(f.Unsupported, key)
				return nil
			}
		}
		return unknownKey(p, k, " in a hadolint configuration", append(append([]string{}, hadolintKeys...), hadolintOther...))
	}
	return err
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean"
		case "!!int", "!!float":
			return "a number"
		}
		return fmt.Sprintf("the string %q", n.Value)
	}
	return "nothing"
}

func (p *parser) str(key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Tag == "!!bool" || v.Tag == "!!map" {
		return "", p.errf(v, "%s: want a string, not %s", key, kindName(v))
	}
	return v.Value, nil
}

func (p *parser) boolean(key string, v *yaml.Node) (bool, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		return false, p.errf(v, "%s: want true or false, not %s", key, kindName(v))
	}
	var b bool
	if err := v.Decode(&b); err != nil {
		return false, p.errf(v, "%s: %v", key, err)
	}
	return b, nil
}

// stringList reads a list of strings; a single string is a list of one.
func (p *parser) stringList(key string, v *yaml.Node) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
		return []string{v.Value}, nil
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, p.errf(v, "%s: want a list of strings, not %s", key, kindName(v))
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.Tag != "!!str" {
			return nil, p.errf(item, "%s: want a string, not %s", key, kindName(item))
		}
		out = append(out, item.Value)
	}
	return out, nil
}

// hadolintCode is a hadolint rule code dlint may not have.
var hadolintCode = lazyregexp.New(`^(DL|SC)\d{4}$`)

// rule resolves a rule name at node n.
func (p *parser) rule(key string, name string, n *yaml.Node) (RuleRef, bool, error) {
	rs := rules.Lookup(name)
	if len(rs) > 0 {
		return RuleRef{Name: name, Rules: rs, Line: n.Line}, true, nil
	}
	if p.f.Hadolint && hadolintCode.MatchString(strings.TrimSpace(name)) {
		if !contains(p.f.UnknownRules, name) {
			p.f.UnknownRules = append(p.f.UnknownRules, name)
		}
		return RuleRef{}, false, nil
	}
	msg := fmt.Sprintf("%s: unknown rule %q", key, name)
	if s := rules.Suggest(name); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return RuleRef{}, false, p.errf(n, "%s", msg)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *parser) ruleList(key string, v *yaml.Node) ([]RuleRef, error) {
	items := []*yaml.Node{v}
	switch {
	case v.Kind == yaml.SequenceNode:
		items = v.Content
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return nil, nil
	case v.Kind == yaml.ScalarNode && v.Tag == "!!str":
	default:
		return nil, p.errf(v, "%s: want a list of rule IDs, names or aliases, not %s", key, kindName(v))
	}
	var out []RuleRef
	for _, item := range items {
		if item.Kind != yaml.ScalarNode || item.Tag != "!!str" {
			return nil, p.errf(item, "%s: want a rule ID, name or alias, not %s", key, kindName(item))
		}
		ref, ok, err := p.rule(key, item.Value, item)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, ref)
		}
	}
	return out, nil
}

func (p *parser) severityMap(key string, v *yaml.Node) ([]SeverityRef, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v, "%s: want a mapping of rule to error, warning, info, style or off, not %s", key, kindName(v))
	}
	var out []SeverityRef
	err := p.eachKey(v, func(name string, k, lv *yaml.Node) error {
		ref, ok, err := p.rule(key, name, k)
		if err != nil {
			return err
		}
		s, err := p.str(key+"."+name, lv)
		if err != nil {
			return err
		}
		lvl, valid := ParseLevel(s)
		if !valid {
			msg := fmt.Sprintf("%s.%s: unknown severity %q", key, name, s)
			if sug := closestName(s, []string{"error", "warning", "info", "style", "off"}); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			} else {
				msg += " (error, warning, info, style or off)"
			}
			return p.errf(lv, "%s", msg)
		}
		if ok {
			out = append(out, SeverityRef{RuleRef: ref, Level: lvl})
		}
		return nil
	})
	return out, err
}

// level reads a severity name; withNone allows "none" (0).
func (p *parser) level(key string, v *yaml.Node, withNone bool) (rules.Severity, error) {
	s, err := p.str(key, v)
	if err != nil {
		return 0, err
	}
	if withNone && strings.EqualFold(s, "none") {
		return 0, nil
	}
	sev, ok := rules.ParseSeverity(s)
	if !ok {
		names := []string{"error", "warning", "info", "style"}
		if withNone {
			names = append(names, "none")
		}
		msg := fmt.Sprintf("%s: unknown level %q", key, s)
		if sug := closestName(s, names); sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		} else {
			msg += " (" + strings.Join(names, ", ") + ")"
		}
		return 0, p.errf(v, "%s", msg)
	}
	return sev, nil
}

func (p *parser) stringMap(key string, v *yaml.Node) (map[string]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return map[string]string{}, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v, "%s: want a mapping, not %s", key, kindName(v))
	}
	out := map[string]string{}
	err := p.eachKey(v, func(name string, _, val *yaml.Node) error {
		if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
			return p.errf(val, "%s.%s: want a string, not %s", key, name, kindName(val))
		}
		out[name] = val.Value
		return nil
	})
	return out, err
}

func (p *parser) labelSchema(key string, v *yaml.Node) (map[string]string, error) {
	m, err := p.stringMap(key, v)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		name, val := v.Content[i].Value, v.Content[i+1]
		if !contains(LabelTypes, val.Value) {
			msg := fmt.Sprintf("%s.%s: unknown label type %q", key, name, val.Value)
			if s := closestName(val.Value, LabelTypes); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += " (" + strings.Join(LabelTypes, ", ") + ")"
			}
			return nil, p.errf(val, "%s", msg)
		}
	}
	return m, nil
}

var sizeRE = lazyregexp.New(`^(?i)\s*(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$`)

// size reads a byte count: a number, or a string with a unit (500MB, 1GiB).
func (p *parser) size(key string, v *yaml.Node) (int64, error) {
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!str") {
		if m := sizeRE.FindStringSubmatch(v.Value); m != nil {
			n, err := strconv.ParseInt(m[1], 10, 64)
			if err == nil {
				mult := map[string]int64{"": 1, "b": 1, "k": 1 << 10, "kb": 1000, "kib": 1 << 10, "m": 1 << 20, "mb": 1000 * 1000,
					"mib": 1 << 20, "g": 1 << 30, "gb": 1000 * 1000 * 1000, "gib": 1 << 30}[strings.ToLower(m[2])]
				if n <= math.MaxInt64/mult {
					return n * mult, nil
				}
			}
		}
	}
	return 0, p.errf(v, "%s: want a size in bytes (a number, or a string such as \"500MB\" or \"1GiB\"), not %s", key, kindName(v))
}

var overrideKeys = []string{"files", "ignore", "severity"}

func (p *parser) overrides(key string, v *yaml.Node) ([]Override, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, p.errf(v, "%s: want a list of {files, ignore, severity}, not %s", key, kindName(v))
	}
	var out []Override
	for i, item := range v.Content {
		where := fmt.Sprintf("%s[%d]", key, i)
		if item.Kind != yaml.MappingNode {
			return nil, p.errf(item, "%s: want a mapping with files, ignore and severity, not %s", where, kindName(item))
		}
		o := Override{Line: item.Line}
		err := p.eachKey(item, func(k string, kn, val *yaml.Node) error {
			var err error
			switch k {
			case "files":
				o.Files, err = p.stringList(where+".files", val)
				for _, g := range o.Files {
					if _, perr := filepathMatchCheck(g); perr != nil {
						return p.errf(val, "%s.files: bad glob %q: %v", where, g, perr)
					}
				}
			case "ignore":
				o.Ignore, err = p.ruleList(where+".ignore", val)
			case "severity":
				o.Severity, err = p.severityMap(where+".severity", val)
			default:
				return unknownKey(p, kn, " in "+where, overrideKeys)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(o.Files) == 0 {
			return nil, p.errf(item, "%s: files is required (globs relative to %s)", where, filepath.Base(p.f.Path))
		}
		out = append(out, o)
	}
	return out, nil
}

func filepathMatchCheck(g string) (bool, error) {
	for _, seg := range strings.Split(g, "/") {
		if _, err := filepath.Match(seg, ""); err != nil {
			return false, err
		}
	}
	return true, nil
}

// programName checks an option that names a program to run: a
// configuration file can come with the code it checks, so it may name a
// command to look up on PATH, never a path (./lint.sh would run a file
// of the repository being linted).
func (p *parser) programName(key string, v *yaml.Node) error {
	if v == nil {
		return nil
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return p.errf(v, "%s: want a command name, not %s", key, kindName(v))
	}
	if strings.ContainsAny(v.Value, `/\`) || filepath.VolumeName(v.Value) != "" || v.Value == "." || v.Value == ".." {
		return p.errf(v, "%s: %q is a path; a configuration file may name a program only by a command "+
			"found on PATH, since it can come with the code it checks (a path is given on the command line or in the environment)", key, v.Value)
	}
	return nil
}

// mappingValue is the value of key in mapping m, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func (p *parser) ruleOptions(key string, v *yaml.Node) (map[string]map[string]any, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v, "%s: want a mapping of rule to its options, not %s", key, kindName(v))
	}
	out := map[string]map[string]any{}
	err := p.eachKey(v, func(name string, k, val *yaml.Node) error {
		ref, _, err := p.rule(key, name, k)
		if err != nil {
			return err
		}
		if val.Kind != yaml.MappingNode {
			return p.errf(val, "%s.%s: want a mapping of option names to values, not %s", key, name, kindName(val))
		}
		var m map[string]any
		if err := val.Decode(&m); err != nil {
			return p.errf(val, "%s.%s: %v", key, name, err)
		}
		for _, r := range ref.Rules {
			for _, opt := range r.ProgramOptions {
				if err := p.programName(key+"."+name+"."+opt, mappingValue(val, opt)); err != nil {
					return err
				}
			}
		}
		for _, r := range ref.Rules {
			if out[r.ID] == nil {
				out[r.ID] = map[string]any{}
			}
			for ok, ov := range m {
				out[r.ID][ok] = ov
			}
		}
		return nil
	})
	return out, err
}
