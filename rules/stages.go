package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

// The stage graph: which stage uses which, as BuildKit resolves it. A stage
// uses another through FROM <stage>, COPY --from=<stage> and
// RUN --mount=from=<stage>. ONBUILD triggers are listed in Refs (OnBuild
// set) but make no edge: they run in another build, against its stages. Rules ask the graph which stages reach the image that is built, which
// stages nothing uses, and where the dependencies form a cycle.

// RefKind says how an instruction uses another stage or image.
type RefKind int

// Kinds of references.
const (
	RefBase  RefKind = iota + 1 // FROM <stage>
	RefCopy                     // COPY --from=<name>
	RefMount                    // RUN --mount=from=<name>
)

func (k RefKind) String() string {
	switch k {
	case RefBase:
		return "FROM"
	case RefCopy:
		return "COPY --from"
	case RefMount:
		return "RUN --mount from"
	}
	return "reference"
}

// StageRef is one reference from a stage's instruction to a stage or an image.
type StageRef struct {
	Kind RefKind
	// Stage is the stage whose instruction makes the reference; In is that
	// instruction (the ONBUILD itself for a trigger, with OnBuild set).
	Stage   *dockerfile.Stage
	In      *dockerfile.Instruction
	OnBuild bool
	Name    string       // as written: "builder", "0", "nginx:1.27", "$SRC"
	Range   source.Range // the name in the source
	// Target is the stage the name resolves to, nil for an image or a name
	// that resolves to nothing.
	Target *dockerfile.Stage
	// Index is set for a numeric name (COPY --from=0). Variable is set when
	// the name uses a variable, which BuildKit refuses in --from.
	Index    bool
	Variable bool
	// Later is set when Target is defined after the referring stage (or is
	// the stage itself): BuildKit refuses to build it.
	Later bool
	// Possible is set for a FROM whose reference uses a variable without a
	// known value (FROM build-${TARGETARCH}) and whose pattern fits Target's
	// name: Target may be the base, depending on the build arguments.
	Possible bool
}

// Self reports whether the reference names the stage that makes it.
func (r StageRef) Self() bool { return r.Target != nil && r.Target == r.Stage }

// LooksLikeImage reports whether an unresolved name reads as an image
// reference (a registry, a path, a tag or a digest) rather than a stage name.
func (r StageRef) LooksLikeImage() bool {
	return r.Target == nil && !r.Variable && strings.ContainsAny(r.Name, ":/@")
}

// StageGraph is the dependency graph between the stages of one Dockerfile.
type StageGraph struct {
	File *dockerfile.File
	// Refs lists every reference in source order.
	Refs []StageRef
	deps map[*dockerfile.Stage][]*dockerfile.Stage
}

// NewStageGraph builds the graph of f's stages.
func NewStageGraph(f *dockerfile.File) *StageGraph {
	g := &StageGraph{File: f, deps: map[*dockerfile.Stage][]*dockerfile.Stage{}}
	if f == nil {
		return g
	}
	for _, st := range f.Stages {
		if st.Parent != nil {
			g.add(StageRef{Kind: RefBase, Stage: st, In: st.From, Name: st.Image.Ref, Range: st.Image.Range, Target: st.Parent})
		}
		// FROM platform-${TARGETARCH}: any earlier stage whose name fits
		// the pattern may be the base.
		if st.Parent == nil && st.Image.Unresolved {
			for _, cand := range possibleBases(f, st) {
				g.add(StageRef{Kind: RefBase, Stage: st, In: st.From, Name: st.Image.Ref, Range: st.Image.Range, Target: cand, Possible: true})
			}
		}
		for _, in := range st.Instructions {
			g.addInstruction(st, in, in, false)
			if in.Inner != nil {
				g.addInstruction(st, in, in.Inner, true)
			}
		}
	}
	return g
}

func (g *StageGraph) add(r StageRef) {
	g.Refs = append(g.Refs, r)
	// An ONBUILD trigger runs in the build that uses this image, where its
	// --from names that build's stages: it is no edge of this graph.
	if r.Target != nil && !r.OnBuild && !slices.Contains(g.deps[r.Stage], r.Target) {
		g.deps[r.Stage] = append(g.deps[r.Stage], r.Target)
	}
}

func (g *StageGraph) addInstruction(st *dockerfile.Stage, holder, in *dockerfile.Instruction, onbuild bool) {
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From == "" {
			return
		}
		r := g.resolve(st, c.From, true)
		r.Kind, r.In, r.OnBuild = RefCopy, holder, onbuild
		r.Range = flagRange(in, "from")
		g.add(r)
	case *instructions.RunCommand:
		for _, fl := range in.Flags {
			if fl.Name != "mount" {
				continue
			}
			from := mountFrom(fl.Value)
			if from == "" {
				continue
			}
			r := g.resolve(st, from, false)
			r.Kind, r.In, r.OnBuild = RefMount, holder, onbuild
			r.Range = tokenRange(in, fl, "from="+from)
			g.add(r)
		}
	}
}

// possibleBases returns the earlier stages whose names fit the pattern of
// an unresolved FROM reference (each variable standing for any text).
func possibleBases(f *dockerfile.File, st *dockerfile.Stage) []*dockerfile.Stage {
	ref := strings.ToLower(st.Image.Ref)
	if !strings.Contains(ref, "$") {
		return nil
	}
	var re strings.Builder
	re.WriteString("^")
	for i := 0; i < len(ref); {
		if ref[i] != '$' {
			re.WriteString(regexp.QuoteMeta(ref[i : i+1]))
			i++
			continue
		}
		j := i + 1
		if j < len(ref) && ref[j] == '{' {
			k := strings.IndexByte(ref[j:], '}')
			if k < 0 {
				return nil
			}
			j += k + 1
		} else {
			for j < len(ref) && (ref[j] == '_' || ref[j] >= 'a' && ref[j] <= 'z' || ref[j] >= '0' && ref[j] <= '9') {
				j++
			}
		}
		re.WriteString(".*")
		i = j
	}
	re.WriteString("$")
	pat, err := regexp.Compile(re.String())
	if err != nil {
		return nil
	}
	var out []*dockerfile.Stage
	for _, s := range f.Stages[:st.Index] {
		if s.Name != "" && pat.MatchString(s.Name) {
			out = append(out, s)
		}
	}
	return out
}

// mountFrom is the from= value of a --mount flag ("" when absent).
func mountFrom(value string) string {
	for _, field := range strings.Split(value, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(field), "=")
		if ok && strings.EqualFold(k, "from") {
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}

// resolve finds what a --from (or mount from=) name refers to, as BuildKit
// does: a variable is refused; a number is a stage index (COPY only); a name
// is a stage (case-insensitive) or else an image.
func (g *StageGraph) resolve(st *dockerfile.Stage, name string, allowIndex bool) StageRef {
	r := StageRef{Stage: st, Name: name}
	if strings.Contains(name, "$") {
		r.Variable = true
		return r
	}
	if n, err := strconv.Atoi(name); err == nil {
		r.Index = true
		if allowIndex && n >= 0 && n < len(g.File.Stages) {
			r.Target = g.File.Stages[n]
		}
	} else {
		r.Target = g.File.StageByName(name)
	}
	if r.Target != nil && r.Target.Index >= st.Index {
		r.Later = true
	}
	return r
}

// RefsFrom returns the references made by stage s.
func (g *StageGraph) RefsFrom(s *dockerfile.Stage) []StageRef {
	var out []StageRef
	for _, r := range g.Refs {
		if r.Stage == s {
			out = append(out, r)
		}
	}
	return out
}

// RefsTo returns the references that resolve to stage s.
func (g *StageGraph) RefsTo(s *dockerfile.Stage) []StageRef {
	var out []StageRef
	for _, r := range g.Refs {
		if r.Target == s {
			out = append(out, r)
		}
	}
	return out
}

// UsedBy returns the stages that use s directly (FROM, COPY --from, RUN
// --mount from=; ONBUILD triggers excluded), in file order.
func (g *StageGraph) UsedBy(s *dockerfile.Stage) []*dockerfile.Stage {
	var out []*dockerfile.Stage
	for _, st := range g.File.Stages {
		if slices.Contains(g.deps[st], s) {
			out = append(out, st)
		}
	}
	return out
}

// Deps returns the stages s uses directly, in the order first used.
func (g *StageGraph) Deps(s *dockerfile.Stage) []*dockerfile.Stage {
	return slices.Clone(g.deps[s])
}

// Reachable returns the stages needed to build target: target itself and
// every stage it uses, directly or transitively. Nil target gives nil.
func (g *StageGraph) Reachable(target *dockerfile.Stage) map[*dockerfile.Stage]bool {
	if target == nil {
		return nil
	}
	seen := map[*dockerfile.Stage]bool{}
	stack := []*dockerfile.Stage{target}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		stack = append(stack, g.deps[s]...)
	}
	return seen
}

// Unreachable returns, in file order, the stages that building target does
// not need.
func (g *StageGraph) Unreachable(target *dockerfile.Stage) []*dockerfile.Stage {
	if target == nil {
		return nil
	}
	reach := g.Reachable(target)
	var out []*dockerfile.Stage
	for _, s := range g.File.Stages {
		if !reach[s] {
			out = append(out, s)
		}
	}
	return out
}

// Cycles returns the dependency cycles, each as the stages in the order they
// use one another, starting from the earliest; a stage that uses itself is a
// cycle of one. Each strongly connected group of stages is reported once.
func (g *StageGraph) Cycles() [][]*dockerfile.Stage {
	var out [][]*dockerfile.Stage
	for _, scc := range g.components() {
		if len(scc) == 1 {
			if slices.Contains(g.deps[scc[0]], scc[0]) {
				out = append(out, scc)
			}
			continue
		}
		out = append(out, g.cycleThrough(scc))
	}
	slices.SortFunc(out, func(a, b []*dockerfile.Stage) int { return a[0].Index - b[0].Index })
	return out
}

// InCycle reports whether stage s is part of a cycle of two or more stages.
func (g *StageGraph) InCycle(s *dockerfile.Stage) bool {
	for _, c := range g.Cycles() {
		if len(c) > 1 && slices.Contains(c, s) {
			return true
		}
	}
	return false
}

// SameCycle reports whether stages a and b are distinct members of one cycle.
func (g *StageGraph) SameCycle(a, b *dockerfile.Stage) bool {
	if a == b {
		return false
	}
	for _, scc := range g.components() {
		if slices.Contains(scc, a) && slices.Contains(scc, b) {
			return true
		}
	}
	return false
}

// components returns the strongly connected components (Tarjan).
func (g *StageGraph) components() [][]*dockerfile.Stage {
	index := map[*dockerfile.Stage]int{}
	low := map[*dockerfile.Stage]int{}
	onStack := map[*dockerfile.Stage]bool{}
	var stack []*dockerfile.Stage
	var out [][]*dockerfile.Stage
	next := 0
	var visit func(s *dockerfile.Stage)
	visit = func(s *dockerfile.Stage) {
		index[s], low[s] = next, next
		next++
		stack = append(stack, s)
		onStack[s] = true
		for _, d := range g.deps[s] {
			if _, ok := index[d]; !ok {
				visit(d)
				low[s] = min(low[s], low[d])
			} else if onStack[d] {
				low[s] = min(low[s], index[d])
			}
		}
		if low[s] == index[s] {
			var scc []*dockerfile.Stage
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				scc = append(scc, top)
				if top == s {
					break
				}
			}
			slices.SortFunc(scc, func(a, b *dockerfile.Stage) int { return a.Index - b.Index })
			out = append(out, scc)
		}
	}
	for _, s := range g.File.Stages {
		if _, ok := index[s]; !ok {
			visit(s)
		}
	}
	return out
}

// cycleThrough finds a cycle inside a strongly connected component, starting
// at its earliest stage.
func (g *StageGraph) cycleThrough(scc []*dockerfile.Stage) []*dockerfile.Stage {
	start := scc[0]
	in := map[*dockerfile.Stage]bool{}
	for _, s := range scc {
		in[s] = true
	}
	// Breadth-first search for the shortest path back to start.
	prev := map[*dockerfile.Stage]*dockerfile.Stage{}
	queue := []*dockerfile.Stage{start}
	seen := map[*dockerfile.Stage]bool{start: true}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, d := range g.deps[s] {
			if !in[d] {
				continue
			}
			if d == start {
				path := []*dockerfile.Stage{s}
				for p := prev[s]; p != nil; p = prev[p] {
					path = append(path, p)
				}
				slices.Reverse(path)
				return path
			}
			if !seen[d] {
				seen[d], prev[d] = true, s
				queue = append(queue, d)
			}
		}
	}
	return scc
}

// CyclePath renders a cycle as "a → b → a".
func CyclePath(c []*dockerfile.Stage) string {
	var parts []string
	for _, s := range c {
		parts = append(parts, s.Ref())
	}
	if len(c) > 0 {
		parts = append(parts, c[0].Ref())
	}
	return strings.Join(parts, " → ")
}

// Stages returns the document's stage graph, built once for all the rules
// that ask (it is never changed once built).
func (p *Pass) Stages() *StageGraph {
	return p.Memo(stageGraphKey{}, func() any { return NewStageGraph(p.Dockerfile) }).(*StageGraph)
}

type stageGraphKey struct{}

// RuntimeStages returns the stages whose content can end up in the built
// image (the final stage or --target and every stage it uses), in file order.
func (p *Pass) RuntimeStages() []*dockerfile.Stage {
	final := p.FinalStage()
	if final == nil {
		return nil
	}
	reach := p.Stages().Reachable(final)
	var out []*dockerfile.Stage
	for _, s := range p.Dockerfile.Stages {
		if reach[s] {
			out = append(out, s)
		}
	}
	return out
}

// ChainInstructions returns the instructions of a stage's chain, oldest
// ancestor first: everything the stage's image was built with in this file.
// The result is read-only: for a stage built on an image (most stages,
// which rules ask about for every file) it is the stage's own list.
func ChainInstructions(s *dockerfile.Stage) []*dockerfile.Instruction {
	if s.Parent == nil {
		return slices.Clip(s.Instructions)
	}
	chain := s.Chain()
	var out []*dockerfile.Instruction
	for i := len(chain) - 1; i >= 0; i-- {
		out = append(out, chain[i].Instructions...)
	}
	return out
}

// VarsAt returns the ARG and ENV values known just before instruction at of
// stage s (at nil: at the end of the stage), following the chain of stages
// it derives from, as BuildKit scopes them: a stage ARG without a default
// takes the global ARG's value. Variables without a known value are absent.
func VarsAt(f *dockerfile.File, s *dockerfile.Stage, at *dockerfile.Instruction) map[string]string {
	if f == nil || s == nil {
		return map[string]string{}
	}
	return newVarsWalker(f, s).at(at)
}

// varsWalker answers VarsAt for instructions of one stage's chain asked in
// order, walking the chain once for all of them rather than once each.
type varsWalker struct {
	f     *dockerfile.File
	chain []*dockerfile.Instruction
	next  int
	vars  map[string]string
}

func newVarsWalker(f *dockerfile.File, s *dockerfile.Stage) *varsWalker {
	return &varsWalker{f: f, chain: ChainInstructions(s), vars: map[string]string{}}
}

// at returns the variables known just before in. Each call must name an
// instruction at or after the previous one, and the map is only good
// until the next call.
func (w *varsWalker) at(in *dockerfile.Instruction) map[string]string {
	for w.next < len(w.chain) && w.chain[w.next] != in {
		w.apply(w.chain[w.next])
		w.next++
	}
	return w.vars
}

func (w *varsWalker) apply(in *dockerfile.Instruction) {
	f, vars := w.f, w.vars
	switch c := in.Command.(type) {
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			switch {
			case kv.Value != nil:
				if v, unresolved := expandWord(f, *kv.Value, vars); !unresolved {
					vars[kv.Key] = v
				} else {
					delete(vars, kv.Key)
				}
			default:
				if v, ok := f.GlobalArgs[kv.Key]; ok {
					vars[kv.Key] = v
				} else {
					delete(vars, kv.Key)
				}
			}
		}
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			if v, unresolved := expandWord(f, kv.Value, vars); !unresolved {
				vars[kv.Key] = v
			} else {
				delete(vars, kv.Key)
			}
		}
	}
}

// chainVars expands words with the variables VarsAt gives for the
// instructions of one stage's chain, asked in the chain's order: it walks
// the chain once for all of them (a VarsAt for each would walk it again
// each time, the square of a long stage). An instruction of an earlier
// stage of the chain sees the same variables as in its own stage's chain,
// which is a prefix of this one.
type chainVars struct {
	f  *dockerfile.File
	st *dockerfile.Stage
	w  *varsWalker // made at the first word that needs it
}

func newChainVars(f *dockerfile.File, st *dockerfile.Stage) *chainVars {
	return &chainVars{f: f, st: st}
}

// expand is expandWord with the variables known just before in; a word
// with nothing to expand does not need them.
func (c *chainVars) expand(in *dockerfile.Instruction, word string) (string, bool) {
	if dockerfile.PlainWord(word, escapeOf(c.f)) {
		return word, false
	}
	if c.w == nil {
		c.w = newVarsWalker(c.f, c.st)
	}
	return expandWord(c.f, word, c.w.at(in))
}

// processWord is f.ProcessWord, for a nil f (a word outside any file) too.
func processWord(f *dockerfile.File, word string, env bkshell.EnvGetter) (bkshell.ProcessWordResult, error) {
	if f == nil {
		return dockerfile.LexWord(bkshell.NewLex('\\'), word, env)
	}
	return f.ProcessWord(word, env)
}

func escapeOf(f *dockerfile.File) rune {
	if f != nil && f.Escape != 0 {
		return f.Escape
	}
	return '\\'
}

// expandWord processes a word as BuildKit does (quotes removed, variables
// substituted); unresolved is set when it uses a variable without a value
// or cannot be processed.
func expandWord(f *dockerfile.File, word string, vars map[string]string) (string, bool) {
	escape := escapeOf(f)
	if dockerfile.PlainWord(word, escape) {
		return word, false
	}
	res, err := processWord(f, word, wordEnv(vars))
	if err != nil {
		return word, true
	}
	return res.Result, len(res.Unmatched) > 0
}

// referencedVars returns the variables a word refers to.
func referencedVars(f *dockerfile.File, word string) []string {
	if !strings.Contains(word, "$") {
		return nil
	}
	res, err := processWord(f, word, wordEnv(nil))
	if err != nil {
		return nil
	}
	var out []string
	for k := range res.Unmatched {
		if isVariableName(k) {
			out = append(out, k)
		}
	}
	for k := range res.Matched {
		if isVariableName(k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isVariableName(s string) bool {
	for i, c := range s {
		if c != '_' && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && (i == 0 || !(c >= '0' && c <= '9')) {
			return false
		}
	}
	return s != ""
}

type wordEnv map[string]string

func (m wordEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m wordEnv) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// flagRange locates the value of flag name of an instruction (the whole
// --name=value flag when the value cannot be found on its own).
func flagRange(in *dockerfile.Instruction, name string) source.Range {
	for _, fl := range in.Flags {
		if fl.Name == name {
			return tokenRange(in, fl, fl.Value)
		}
	}
	return in.Find("--" + name)
}

// tokenRange locates token inside flag fl of in; the flag itself when the
// token is not found. It also repairs flag ranges the parser could not place
// (the flags of an ONBUILD trigger).
func tokenRange(in *dockerfile.Instruction, fl dockerfile.Flag, token string) source.Range {
	fr := fl.Range
	if fr.Start.Line == 0 {
		raw := "--" + fl.Name
		if fl.Value != "" {
			raw += "=" + fl.Value
		}
		r, ok := in.FindAfter(raw, in.KeywordRange.End)
		if !ok {
			return in.Find(raw)
		}
		fr = r
	} else if fr == in.KeywordRange {
		// The parser could not place the flag (its value was quoted): point
		// at its name.
		if r, ok := in.FindAfter("--"+fl.Name, in.KeywordRange.End); ok {
			return r
		}
	}
	if token != "" {
		if r, ok := in.FindAfter(token, fr.Start); ok && !r.Start.Before(fr.Start) && !fr.End.Before(r.End) {
			return r
		}
	}
	return fr
}

// stageName names a stage in messages: `stage "builder"` or `stage #2`.
func stageName(s *dockerfile.Stage) string {
	if s.Name != "" {
		return fmt.Sprintf("stage %q", s.Name)
	}
	return fmt.Sprintf("stage #%d", s.Index)
}

// copyParts returns the sources and the destination of a COPY or ADD (of
// an ONBUILD trigger too), as written, and how many heredoc sources it has.
func copyParts(in *dockerfile.Instruction) (sources []string, dest string, heredocs int, ok bool) {
	var sd instructions.SourcesAndDest
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		sd = c.SourcesAndDest
	case *instructions.AddCommand:
		sd = c.SourcesAndDest
	default:
		return nil, "", 0, false
	}
	return sd.SourcePaths, sd.DestPath, len(sd.SourceContents), true
}

// argsStart is where an instruction's arguments begin: after its keyword
// and flags.
func argsStart(in *dockerfile.Instruction) source.Position {
	pos := in.KeywordRange.End
	for _, fl := range in.Flags {
		if fl.Range.Start.Line != 0 && pos.Before(fl.Range.End) {
			pos = fl.Range.End
		}
	}
	return pos
}

// argRanges locates each argument of an instruction in order (words of an
// exec-form array are found with their JSON quotes stripped); an argument
// that cannot be found gets the instruction's first line.
func argRanges(in *dockerfile.Instruction, args []string) []source.Range {
	out := make([]source.Range, len(args))
	pos := argsStart(in)
	for i, a := range args {
		r, ok := in.FindAfter(a, pos)
		if !ok {
			out[i] = in.Find(a)
			continue
		}
		out[i], pos = r, r.End
	}
	return out
}

// lastArgRange locates the last argument (a COPY destination).
func lastArgRange(in *dockerfile.Instruction, sources []string, dest string) source.Range {
	rs := argRanges(in, append(slices.Clone(sources), dest))
	return rs[len(rs)-1]
}

// literalArg removes the quotes of a word as the Dockerfile lexer would; ok is
// false when the word uses variables.
func literalArg(f *dockerfile.File, word string) (string, bool) {
	if strings.Contains(word, "$") {
		return word, false
	}
	v, unresolved := expandWord(f, word, nil)
	return v, !unresolved
}
