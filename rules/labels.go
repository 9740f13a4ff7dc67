package rules

import (
	"net/url"
	"strings"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// Label helpers: every LABEL key and value of a file, positioned, and the
// validators of the label schema's types (DL3049–DL3058).

// labelKV is one key=value of a LABEL instruction.
type labelKV struct {
	Key      string
	Raw      string // the value as written
	Value    string // the value as BuildKit sets it (quotes removed, variables expanded)
	Unknown  bool   // the value uses a variable without a known value
	In       *dockerfile.Instruction
	Stage    *dockerfile.Stage
	OnBuild  bool
	KeyRange source.Range
	ValRange source.Range
	// KeyFound is set when KeyRange is where the key is written; a key
	// split by a line continuation is not found, and KeyRange is then the
	// instruction's first line.
	KeyFound bool
}

// fileLabels returns every label of every stage (ONBUILD LABEL included, marked), in order.
func fileLabels(f *dockerfile.File) []labelKV {
	var out []labelKV
	for _, st := range f.Stages {
		var w *varsWalker // made at the stage's first LABEL: it lists the whole chain
		for _, in := range st.Instructions {
			x := in
			if in.Inner != nil {
				x = in.Inner
			}
			if _, ok := x.Command.(*instructions.LabelCommand); !ok {
				continue
			}
			if w == nil {
				w = newVarsWalker(f, st)
			}
			out = append(out, instructionLabels(f, st, in, w)...)
		}
	}
	return out
}

// stageLabels returns the labels set in the stage's chain, oldest first.
func stageLabels(f *dockerfile.File, st *dockerfile.Stage) []labelKV {
	var out []labelKV
	// The chain of in.Stage is a prefix of st's, so one walker serves.
	w := newVarsWalker(f, st)
	for _, in := range ChainInstructions(st) {
		for _, l := range instructionLabels(f, in.Stage, in, w) {
			if !l.OnBuild {
				out = append(out, l)
			}
		}
	}
	return out
}

// instructionLabels reads the labels of in; w walks the chain in is part of.
func instructionLabels(f *dockerfile.File, st *dockerfile.Stage, in *dockerfile.Instruction, w *varsWalker) []labelKV {
	holder, onbuild := in, false
	if in.Inner != nil {
		in, onbuild = in.Inner, true
	}
	c, ok := in.Command.(*instructions.LabelCommand)
	if !ok {
		return nil
	}
	var out []labelKV
	var vars map[string]string
	pos := in.KeywordRange.End
	for _, kv := range c.Labels {
		l := labelKV{Key: kv.Key, Raw: kv.Value, In: holder, Stage: st, OnBuild: onbuild}
		if strings.ContainsAny(kv.Key, `"'`) {
			if k, unresolved := expandWord(f, kv.Key, nil); !unresolved {
				l.Key = k
			}
		}
		// Each label is looked for after the one before it; from the start
		// only when that fails (every label from the start was quadratic).
		if r, ok := in.FindAfter(kv.Key, pos); ok {
			l.KeyRange, l.ValRange, l.KeyFound, pos = r, r, true, r.End
		} else {
			r, ok := in.FindAfter(kv.Key, in.KeywordRange.End)
			if !ok {
				r = in.Find(kv.Key)
			}
			l.KeyRange, l.ValRange, l.KeyFound = r, r, ok
		}
		if kv.Value != "" {
			if r, ok := in.FindAfter(kv.Value, pos); ok {
				l.ValRange, pos = r, r.End
			}
		}
		l.Value = kv.Value
		if strings.ContainsAny(kv.Value, `$"'\`) {
			if vars == nil {
				vars = w.at(holder)
			}
			l.Value, l.Unknown = expandWord(f, kv.Value, vars)
		}
		out = append(out, l)
	}
	return out
}

// LabelTypes are the types a label schema may give a label (DL3049–DL3058).
var LabelTypes = []string{"text", "url", "rfc3339", "spdx", "hash", "semver", "email"}

func validURL(v string) bool {
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" || strings.ContainsAny(v, " \t") {
		return false
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		return u.Host != ""
	}
	return u.Host != "" || u.Opaque != "" || u.Path != ""
}

func validRFC3339(v string) bool {
	_, err := time.Parse(time.RFC3339Nano, v)
	return err == nil
}

var semverRE = lazyregexp.New(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func validSemver(v string) bool { return semverRE.MatchString(v) }

var hashRE = lazyregexp.New(`^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$`)

// validHash accepts a git commit hash: 7 to 40 lower-case hex digits (an
// abbreviated or full SHA-1) or 64 (SHA-256).
func validHash(v string) bool { return hashRE.MatchString(v) }

// validEmail (type email, DL3058) is in email.go.

var spdxIDRE = lazyregexp.New(`^(?:(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.-]*\+?)$`)

// notSPDX are common license names that are not SPDX identifiers.
var notSPDX = map[string]bool{
	"gpl": true, "lgpl": true, "agpl": true, "bsd": true, "apache": true, "apache2": true, "apache-2": true,
	"gplv2": true, "gplv3": true, "lgplv2": true, "lgplv3": true, "agplv3": true, "mpl": true, "epl": true,
	"cddl": true, "proprietary": true, "public-domain": true, "publicdomain": true, "none": true, "unknown": true,
	"commercial": true, "closed": true, "asl2": true, "asl-2.0": true, "mit-license": true,
}

// validSPDX accepts an SPDX license expression: identifiers (or
// LicenseRef-…) joined by AND, OR and WITH, with parentheses. Identifiers
// are checked for form, and against common names that are not SPDX ids;
// the full SPDX list is not embedded.
func validSPDX(v string) bool {
	toks := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(v))
	if len(toks) == 0 {
		return false
	}
	depth, wantID := 0, true
	for i, t := range toks {
		switch {
		case t == "(":
			if !wantID {
				return false
			}
			depth++
		case t == ")":
			if wantID || depth == 0 {
				return false
			}
			depth--
		case t == "AND" || t == "OR" || t == "WITH":
			if wantID || i == 0 {
				return false
			}
			wantID = true
		default:
			if !wantID || !spdxIDRE.MatchString(t) || notSPDX[strings.ToLower(t)] {
				return false
			}
			wantID = false
		}
	}
	return depth == 0 && !wantID
}

// checkLabelType reports schema labels of type typ whose value fails valid.
func checkLabelType(p *Pass, typ string, valid func(string) bool, what string) {
	schema := p.Options.LabelSchema
	if len(schema) == 0 {
		return
	}
	for _, l := range fileLabels(p.Dockerfile) {
		if !strings.EqualFold(schema[l.Key], typ) || l.Unknown || l.Value == "" {
			continue
		}
		if !valid(l.Value) {
			p.Report(l.ValRange, "label "+quoted(l.Key)+" is "+quoted(l.Value)+", which is not "+what)
		}
	}
}

func quoted(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
