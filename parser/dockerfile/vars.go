package dockerfile

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Variable scoping, as BuildKit's Dockerfile frontend (v0.34) resolves it:
//
//   - Before the first FROM, meta ARGs form the global scope. A meta ARG's
//     default is expanded against the ARGs above it and the predefined
//     platform args; a --build-arg replaces it. FROM image names and
//     --platform values are expanded against that global scope.
//   - Inside a stage, nothing of the global scope is visible until an
//     `ARG NAME` (without a default) re-declares it: it then imports the
//     global value (or the build arg). `ARG NAME=default` takes the build
//     arg if one is given, else the default expanded against the stage.
//     An ARG with neither value is still declared: using it is not an error,
//     it expands to nothing.
//   - ENV sets a variable for the rest of the stage; all pairs of one ENV are
//     expanded against the variables before that ENV.
//   - A stage built FROM an earlier stage starts with that stage's variables
//     (ENV and ARG alike). A stage built on an image starts with the image's
//     ENV, which dlint does not know; BuildKit always adds PATH when the image
//     does not set it, so PATH is the one image variable a Scope holds.
//   - The predefined platform args (BUILDPLATFORM, TARGETARCH, …) exist in the
//     global scope and must be re-declared with ARG to be used in a stage.
//     Proxy args (HTTP_PROXY, …) reach RUN's environment without ARG but are
//     not variables of the Dockerfile: `$HTTP_PROXY` in COPY is undefined.

// VarKind says where a variable comes from.
type VarKind int

// Kinds of variables.
const (
	VarPredefined VarKind = iota + 1 // BUILDPLATFORM, TARGETARCH, …
	VarGlobal                        // a meta ARG (before the first FROM)
	VarArg                           // an ARG of the stage or of a parent stage
	VarEnv                           // an ENV of the stage or of a parent stage
	VarImage                         // from the base image's config (PATH)
)

// Var is one variable of a Scope.
type Var struct {
	Name  string
	Value string
	// HasValue is false for an ARG declared without a value and without a
	// build arg or global value: defined, but it expands to nothing.
	HasValue bool
	// Unknown is set, with an empty Value, when the value is past what dlint
	// works out: its expansion substituted over maxSubstitution bytes, or
	// used a variable that is itself unknown. Expanding a word that uses it
	// fails (Expansion.Err), so a value that doubles or grows at every ENV
	// stops growing.
	Unknown bool
	Kind    VarKind
	Decl    *Instruction // the ARG or ENV that set it; nil for predefined and image variables
}

// Scope is the set of variables visible at one point of a Dockerfile. It
// implements BuildKit's shell.EnvGetter over the variables that have a value.
type Scope struct {
	vars varTree
	// ImageEnvUnknown is set inside a stage whose chain starts at a real
	// image (not scratch): that image's ENV may define more variables.
	ImageEnvUnknown bool
	// Root is the stage at the start of the chain (the one FROM an image or
	// scratch); nil in the global scope.
	Root   *Stage
	lex    *bkshell.Lex
	escape rune // lex's escape character
}

// PredefinedPlatformArgs are the args BuildKit defines in the global scope.
var PredefinedPlatformArgs = []string{
	"BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT",
	"TARGETSTAGE",
}

// ProxyArgs are passed to RUN from --build-arg without an ARG instruction.
var ProxyArgs = []string{
	"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
	"NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
}

// IsPredefinedArg reports whether BuildKit knows name without an ARG
// instruction declaring it: a platform arg, a proxy arg, or one of
// BuildKit's own BUILDKIT_* settings.
func IsPredefinedArg(name string) bool {
	return slices.Contains(PredefinedPlatformArgs, name) || slices.Contains(ProxyArgs, name) ||
		name == "SOURCE_DATE_EPOCH" || len(name) > 9 && name[:9] == "BUILDKIT_"
}

// nonEnvArgs are ARGs that configure BuildKit and never become variables.
var nonEnvArgs = map[string]bool{"BUILDKIT_SBOM_SCAN_CONTEXT": true, "BUILDKIT_SBOM_SCAN_STAGE": true}

// Get returns the value of a variable that has one (shell.EnvGetter).
func (s *Scope) Get(name string) (string, bool) {
	v, ok := s.vars.get(name)
	if !ok || !v.HasValue {
		return "", false
	}
	return v.Value, true
}

// Keys lists the variables that have a value, sorted (shell.EnvGetter).
func (s *Scope) Keys() []string {
	var out []string
	s.vars.each(func(v Var) {
		if v.HasValue {
			out = append(out, v.Name)
		}
	})
	return out
}

// Len is the number of variables of the scope, with or without a value.
func (s *Scope) Len() int { return s.vars.size }

// Names lists every variable of the scope, with or without a value, sorted.
func (s *Scope) Names() []string {
	out := make([]string, 0, s.vars.size)
	s.vars.each(func(v Var) { out = append(out, v.Name) })
	return out
}

// Lookup returns a variable of the scope.
func (s *Scope) Lookup(name string) (Var, bool) {
	return s.vars.get(name)
}

// Defined reports whether BuildKit knows name here: it has a value or it
// was declared by an ARG without one.
func (s *Scope) Defined(name string) bool {
	_, ok := s.vars.get(name)
	return ok
}

// Expansion is the result of expanding one word.
type Expansion struct {
	Value string
	// Used are the variables the word referred to that have a value.
	Used []string
	// Undefined are the variables the word referred to that BuildKit does
	// not know here (reported by its UndefinedVar / UndefinedArgInFrom
	// checks). `${X:-default}` still refers to X.
	Undefined []string
	// Unset are the referred variables without a value, declared or not.
	Unset []string
	Err   error
}

// Expand substitutes the scope's variables in word with BuildKit's shell
// lexer (quotes are processed, as for COPY sources or ENV values).
func (s *Scope) Expand(word string) Expansion {
	return s.expand(s.lex, s.escape, word)
}

// ExpandRaw expands like BuildKit expands heredoc bodies of COPY and ADD:
// quotes are kept and the escape character is always a backslash.
func (s *Scope) ExpandRaw(word string) Expansion {
	lex := bkshell.NewLex('\\')
	lex.SkipProcessQuotes = true
	return s.expand(lex, '\\', word)
}

func (s *Scope) expand(lex *bkshell.Lex, escape rune, word string) Expansion {
	if escape == 0 {
		escape = '\\' // a Scope made without a File
	}
	if PlainWord(word, escape) {
		return Expansion{Value: word}
	}
	if lex == nil {
		lex = bkshell.NewLex(escape)
	}
	env := &scopeEnv{s: s}
	res, err := LexWord(lex, word, env)
	if err == nil && env.unknown {
		err = errUnknownValue
	}
	e := Expansion{Value: res.Result, Err: err}
	if err != nil {
		e.Value = word
	}
	for k := range res.Matched {
		e.Used = append(e.Used, k)
	}
	for k := range res.Unmatched {
		e.Unset = append(e.Unset, k)
		if !s.Defined(k) && !nonEnvArgs[k] {
			e.Undefined = append(e.Undefined, k)
		}
	}
	sort.Strings(e.Used)
	sort.Strings(e.Unset)
	sort.Strings(e.Undefined)
	return e
}

// scopeEnv is a Scope as BuildKit's lexer reads it, noting whether an
// unknown variable was used.
type scopeEnv struct {
	s       *Scope
	unknown bool
}

func (e *scopeEnv) Get(name string) (string, bool) {
	v, ok := e.s.vars.get(name)
	if !ok || !v.HasValue {
		return "", false
	}
	e.unknown = e.unknown || v.Unknown
	return v.Value, true
}

func (e *scopeEnv) Keys() []string { return e.s.Keys() }

// valueOf is the variable a declaration gives name from the expansion of
// its value: unknown when the expansion was too long or used an unknown
// variable.
func valueOf(e Expansion) (value string, unknown bool) {
	if errors.Is(e.Err, errSubstitutionTooLong) || errors.Is(e.Err, errUnknownValue) {
		return "", true
	}
	return e.Value, false
}

// clone copies the scope; the variables are a persistent tree, so the copy
// shares them and costs nothing.
func (s *Scope) clone() *Scope {
	c := *s
	return &c
}

func (s *Scope) set(v Var) {
	if nonEnvArgs[v.Name] && v.Kind == VarArg {
		return
	}
	s.vars = s.vars.with(v)
}

// platformDefaults are the values dlint gives the predefined platform args
// (BuildKit takes them from the builder; dlint assumes linux/amd64).
func platformDefaults(target string) [][2]string {
	if target == "" {
		target = "default"
	}
	return [][2]string{
		{"BUILDPLATFORM", "linux/amd64"}, {"BUILDOS", "linux"}, {"BUILDOSVERSION", ""},
		{"BUILDARCH", "amd64"}, {"BUILDVARIANT", ""},
		{"TARGETPLATFORM", "linux/amd64"}, {"TARGETOS", "linux"}, {"TARGETOSVERSION", ""},
		{"TARGETARCH", "amd64"}, {"TARGETVARIANT", ""}, {"TARGETSTAGE", target},
	}
}

func (f *File) newScope() *Scope {
	lex := f.lex.Lex
	if lex == nil {
		lex = bkshell.NewLex(f.Escape) // not stored: rules may share the File
	}
	return &Scope{lex: lex, escape: f.Escape}
}

// PlainWord reports whether BuildKit's word processing leaves word as it
// is, so that it need not run: no variable, quote or escape character, and
// only ASCII without NUL (BuildKit's scanner rewrites invalid UTF-8 and
// rejects NUL). Most words in real Dockerfiles are plain.
func PlainWord(word string, escape rune) bool {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c == 0 || c >= utf8.RuneSelf || c == '$' || c == '\'' || c == '"' || rune(c) == escape {
			return false
		}
	}
	return true
}

// LexWord runs BuildKit's word processing (variables, quotes, escapes) on
// word. BuildKit's scanner reports invalid UTF-8 and NUL bytes by printing
// to standard error, which would litter dlint's output. Invalid bytes are
// replaced with U+FFFD first, one per byte as the scanner itself reads
// them, so the result is the same; a word with a NUL byte is not processed.
//
// BuildKit's processing recurses once per nested ${…}; a word nested deeper
// than maxWordNesting is not processed (hundreds of thousands of levels,
// possible through line continuations, overflow the stack: a fatal error).
func LexWord(lex *bkshell.Lex, word string, env bkshell.EnvGetter) (bkshell.ProcessWordResult, error) {
	if strings.IndexByte(word, 0) >= 0 {
		return bkshell.ProcessWordResult{Result: word}, errNULInWord
	}
	if wordNesting(word) > maxWordNesting {
		return bkshell.ProcessWordResult{Result: word}, errWordTooDeep
	}
	if !utf8.ValidString(word) {
		var b strings.Builder
		for i := 0; i < len(word); {
			r, size := utf8.DecodeRuneInString(word[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteString(word[i : i+size])
			}
			i += size
		}
		word = b.String()
	}
	budget := &budgetEnv{env: env, left: maxSubstitution}
	res, ok := plainLex(lex, word, budget)
	var err error
	if !ok {
		res, err = lex.ProcessWordWithMatches(word, budget)
	}
	switch {
	case err != nil:
	case budget.unknown:
		err = errUnknownValue
	case budget.over:
		err = errSubstitutionTooLong
	}
	return res, err
}

// maxSubstitution bounds the bytes of variable values substituted into one
// word. Real values are a few hundred bytes; `ENV PATH=$PATH:/x` repeated
// makes each value longer than the last, so working them all out costs the
// square of their number (20,000 such lines took 17 s and 1.6 GB).
const maxSubstitution = 16 << 10

// budgetEnv hands BuildKit's lexer the values of env until they add up to
// maxSubstitution bytes, and empty values after that.
type budgetEnv struct {
	env     bkshell.EnvGetter
	left    int
	over    bool
	unknown bool // a value was unknownValue
}

// unknownValue stands, in the variable maps File.Expand is given, for a
// value past what dlint works out (File.Expand returns it for such a
// word), so that every value made from it is unknown too. A NUL byte never
// reaches a Dockerfile that parses.
const unknownValue = "\x00"

func (b *budgetEnv) Get(name string) (string, bool) {
	v, ok := b.env.Get(name)
	if v == unknownValue {
		b.unknown = true
		return "", ok
	}
	if len(v) > b.left {
		b.over, b.left = true, 0
		return "", ok
	}
	b.left -= len(v)
	return v, ok
}

func (b *budgetEnv) Keys() []string { return b.env.Keys() }

var (
	errNULInWord           = errors.New("a NUL byte in a word")
	errWordTooDeep         = fmt.Errorf("variables nested more than %d levels deep", maxWordNesting)
	errSubstitutionTooLong = fmt.Errorf("variables substitute over %d bytes into one word", maxSubstitution)
	errUnknownValue        = errors.New("uses a variable whose value is not worked out")
)

const maxWordNesting = 1000

// wordNesting over-estimates how deeply the ${…} of word nest.
func wordNesting(word string) int {
	if !strings.Contains(word, "${") {
		return 0
	}
	depth, deepest := 0, 0
	for i := 0; i < len(word); i++ {
		switch {
		case word[i] == '$' && i+1 < len(word) && word[i+1] == '{':
			depth++
			deepest = max(deepest, depth)
			i++
		case word[i] == '}' && depth > 0:
			depth--
		}
	}
	return deepest
}

// predefinedScope holds the platform args (build args override them).
func (f *File) predefinedScope(buildArgs map[string]string) *Scope {
	s := f.newScope()
	target := ""
	if st := f.FinalStage(); st != nil {
		target = st.Name
	}
	// The defaults are one shared tree (trees never change); only the
	// target stage and the build args that override a default are added.
	if len(buildArgs) == 0 {
		s.vars = targetStageTree(target)
		return s
	}
	s.vars = platformDefaultsTree()
	for _, kv := range platformDefaults(target) {
		v, ok := buildArgs[kv[0]]
		if kv[0] == "TARGETSTAGE" && !ok {
			v, ok = kv[1], true
		}
		if ok {
			s.set(Var{Name: kv[0], Value: v, HasValue: true, Kind: VarPredefined})
		}
	}
	return s
}

// platformDefaultsTree holds the predefined platform args with their
// default values (TARGETSTAGE, which depends on the file, aside).
var platformDefaultsTree = sync.OnceValue(func() varTree {
	var t varTree
	for _, kv := range platformDefaults("") {
		if kv[0] != "TARGETSTAGE" {
			t = t.with(Var{Name: kv[0], Value: kv[1], HasValue: true, Kind: VarPredefined})
		}
	}
	return t
})

// targetStageTrees holds, by target stage, the predefined tree with
// TARGETSTAGE set: the scope every file without --build-arg starts from,
// asked for several times a file. At most maxTargetStageTrees are kept.
var (
	targetStageTrees      sync.Map // string → varTree
	targetStageTreesCount atomic.Int64
)

const maxTargetStageTrees = 10000

func targetStageTree(target string) varTree {
	if t, ok := targetStageTrees.Load(target); ok {
		return t.(varTree)
	}
	value := target
	if value == "" {
		value = "default"
	}
	t := platformDefaultsTree().with(Var{Name: "TARGETSTAGE", Value: value, HasValue: true, Kind: VarPredefined})
	if targetStageTreesCount.Load() < maxTargetStageTrees {
		if _, loaded := targetStageTrees.LoadOrStore(target, t); !loaded {
			targetStageTreesCount.Add(1)
		}
	}
	return t
}

// GlobalScope is the scope FROM lines are expanded in: the predefined
// platform args and every meta ARG, with build args applied.
func (f *File) GlobalScope(buildArgs map[string]string) *Scope {
	return f.globalScope(buildArgs, nil)
}

// DefaultGlobalScope is the global scope with the ARG defaults only, as if
// no --build-arg were given (BuildKit's InvalidDefaultArgInFrom check).
// Build args still override the predefined platform args, as in BuildKit.
func (f *File) DefaultGlobalScope(buildArgs map[string]string) *Scope {
	s := f.predefinedScope(buildArgs)
	return f.applyMetaArgs(s, nil, nil)
}

// globalScope applies the meta ARGs before upto (all when upto is nil).
func (f *File) globalScope(buildArgs map[string]string, upto *Instruction) *Scope {
	return f.applyMetaArgs(f.predefinedScope(buildArgs), buildArgs, upto)
}

func (f *File) applyMetaArgs(s *Scope, buildArgs map[string]string, upto *Instruction) *Scope {
	for _, in := range f.Preamble {
		if in == upto {
			break
		}
		cmd, ok := in.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range cmd.Args {
			v := Var{Name: kv.Key, Kind: VarGlobal, Decl: in}
			if b, ok := buildArgs[kv.Key]; ok {
				v.Value, v.HasValue = b, true
			} else if kv.Value != nil {
				v.Value, v.Unknown = valueOf(s.Expand(*kv.Value))
				v.HasValue = true
			}
			if !v.HasValue {
				if old, ok := s.vars.get(kv.Key); ok && old.HasValue {
					// BuildKit keeps the earlier value; the key stays declared.
					continue
				}
			}
			s.set(v)
		}
	}
	return s
}

// VarsAt returns the variables visible when BuildKit processes in (before
// in's own effect): the global scope for FROM lines and meta ARGs, the
// stage's scope for instructions of a stage. buildArgs are --build-arg
// values (nil for none).
func (f *File) VarsAt(in *Instruction, buildArgs map[string]string) *Scope {
	if in == nil {
		return f.GlobalScope(buildArgs)
	}
	if in.Stage == nil {
		return f.globalScope(buildArgs, in)
	}
	if in.Cmd == "from" && in.Stage.From == in {
		return f.GlobalScope(buildArgs)
	}
	var out *Scope
	f.walkStage(in.Stage, f.GlobalScope(buildArgs), buildArgs, map[*Stage]bool{}, func(x *Instruction, s *Scope) bool {
		if x == in {
			out = s
			return false
		}
		return true
	})
	if out == nil {
		// an ONBUILD's inner instruction, or an instruction of no stage
		out = f.StageEndScope(in.Stage, buildArgs)
	}
	return out
}

// StageEndScope is the scope at the end of a stage: what a stage built
// FROM it starts with.
func (f *File) StageEndScope(st *Stage, buildArgs map[string]string) *Scope {
	return f.walkStage(st, f.GlobalScope(buildArgs), buildArgs, map[*Stage]bool{}, nil)
}

// EachScope calls fn for every instruction of every stage, in order, with
// the scope it is processed in. It is EachScope's single pass that rules
// checking a whole file should use.
func (f *File) EachScope(buildArgs map[string]string, fn func(in *Instruction, s *Scope)) {
	global := f.GlobalScope(buildArgs)
	ends := map[*Stage]*Scope{}
	for _, st := range f.Stages {
		start := f.stageStart(st, global, buildArgs, ends)
		ends[st] = f.walkFrom(st, start, global, buildArgs, func(in *Instruction, s *Scope) bool {
			fn(in, s)
			return true
		})
	}
}

// stageStart is the scope a stage's first instruction sees.
func (f *File) stageStart(st *Stage, global *Scope, buildArgs map[string]string, ends map[*Stage]*Scope) *Scope {
	if p := st.Parent; p != nil && p != st && p.Index < st.Index {
		end, ok := ends[p]
		if !ok {
			end = f.walkStage(p, global, buildArgs, map[*Stage]bool{}, nil)
		}
		s := end.clone()
		// ONBUILD triggers of the parent run first in the child.
		for _, in := range p.Instructions {
			if in.Cmd == "onbuild" && in.Inner != nil {
				s = f.apply(in.Inner, s, global, buildArgs)
			}
		}
		return s
	}
	s := f.newScope()
	s.Root = st
	s.ImageEnvUnknown = !st.Image.Scratch
	s.set(Var{Name: "PATH", Value: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HasValue: true, Kind: VarImage})
	return s
}

func (f *File) walkStage(st *Stage, global *Scope, buildArgs map[string]string, seen map[*Stage]bool, fn func(*Instruction, *Scope) bool) *Scope {
	seen[st] = true
	var start *Scope
	if p := st.Parent; p != nil && !seen[p] && p.Index < st.Index {
		end := f.walkStage(p, global, buildArgs, seen, nil)
		start = f.stageStart(st, global, buildArgs, map[*Stage]*Scope{p: end})
	} else {
		start = f.stageStart(st, global, buildArgs, map[*Stage]*Scope{})
	}
	return f.walkFrom(st, start, global, buildArgs, fn)
}

func (f *File) walkFrom(st *Stage, s *Scope, global *Scope, buildArgs map[string]string, fn func(*Instruction, *Scope) bool) *Scope {
	for _, in := range st.Instructions {
		if fn != nil && !fn(in, s) {
			return s
		}
		s = f.apply(in, s, global, buildArgs)
	}
	return s
}

// apply returns the scope after in (a new Scope when in changes it).
func (f *File) apply(in *Instruction, s *Scope, global *Scope, buildArgs map[string]string) *Scope {
	switch cmd := in.Command.(type) {
	case *instructions.EnvCommand:
		n := s.clone()
		for _, kv := range cmd.Env {
			key := s.Expand(kv.Key).Value
			value, unknown := valueOf(s.Expand(kv.Value))
			n.set(Var{Name: key, Value: value, HasValue: true, Unknown: unknown, Kind: VarEnv, Decl: in})
		}
		return n
	case *instructions.ArgCommand:
		n := s.clone()
		for _, kv := range cmd.Args {
			v := Var{Name: kv.Key, Kind: VarArg, Decl: in}
			b, hasBuild := buildArgs[kv.Key]
			switch {
			case hasBuild:
				v.Value, v.HasValue = b, true
			case kv.Value != nil:
				// each pair sees the pairs before it on the same line
				v.Value, v.Unknown = valueOf(n.Expand(*kv.Value))
				v.HasValue = true
			default:
				if g, ok := global.Get(kv.Key); ok {
					v.Value, v.HasValue = g, true
				}
			}
			if !v.HasValue {
				if old, ok := n.vars.get(kv.Key); ok && old.HasValue {
					continue // declared again; the value in the environment stays
				}
			}
			n.set(v)
		}
		return n
	}
	return s
}
