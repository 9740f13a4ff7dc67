package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/report"
	"github.com/dlint/dlint/rules"
)

func lintFlags() []cli.Flag {
	return namesOnce(withEnv(append(outputFlags(),
		&cli.StringFlag{Name: "sarif-category", Usage: "SARIF runAutomationDetails.id: the `CATEGORY` that keeps uploads of several dlint runs apart"},
		&cli.StringFlag{Name: "fail-level", Usage: "exit 1 when a finding is at or above `LEVEL`: error, warning, info, style or none (default: warning)"},
		&cli.StringFlag{Name: "min-severity", Usage: "print only findings at or above `LEVEL`: error, warning, info or style (default: style)"},
		&cli.BoolFlag{Name: "no-fail", Usage: "exit 0 even with findings (usage and I/O errors still exit 2)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the findings: no summary line"},
		&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "read the configuration from `FILE` for every linted file (default: the nearest .dlint.yaml)"},
		&cli.BoolFlag{Name: "no-config", Usage: "read no configuration file"},
		&cli.StringFlag{Name: "baseline", Usage: "report only findings not recorded in the baseline `FILE`"},
		&cli.StringFlag{Name: "write-baseline", Usage: "record the current findings in the baseline `FILE` and exit 0"},
		&cli.StringSliceFlag{Name: "ignore", Usage: "turn off `RULE` (ID, name or alias); repeatable, comma-separated"},
		&cli.StringFlag{Name: "kind", Usage: "read every file as `KIND`: dockerfile, dockerignore or daemon.json"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "the `NAME` to report standard input (-) as; also where its configuration is looked up"},
		&cli.StringSliceFlag{Name: "build-arg", Usage: "`KEY=VALUE` for ARG expansion, as docker build takes it; repeatable"},
		&cli.StringFlag{Name: "target", Usage: "the `STAGE` that is built (default: the last)"},
		&cli.StringFlag{Name: "context", Usage: "build context `DIR` for the Dockerfiles (default: each Dockerfile's directory)"},
		&cli.StringSliceFlag{Name: "trusted-registry", Usage: "registry `HOST` images may come from (DL3026); repeatable"},
		&cli.StringSliceFlag{Name: "require-label", Usage: "`NAME:TYPE` label every image must carry (DL3049–DL3058); repeatable"},
		&cli.BoolFlag{Name: "strict-labels", Usage: "report labels that --require-label does not list"},
		&cli.StringFlag{Name: "daemon-flags", Usage: "the `FLAGS` dockerd runs with, to check daemon.json against them"},
		&cli.BoolFlag{Name: "no-ignore-pragmas", Usage: "ignore # dlint ignore= and # hadolint ignore= comments"},
		&cli.BoolFlag{Name: "report-unused-ignores", Usage: "report ignore pragmas that suppress nothing"},
		&cli.StringFlag{Name: "shellcheck", Usage: "`PATH` of the shellcheck binary (default: shellcheck on PATH)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files linted in parallel (default: number of CPUs)"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "say which configuration file each file uses"},
		&cli.BoolFlag{Name: "fix", Usage: "apply safe fixes to the files in place, then report what remains"},
		&cli.BoolFlag{Name: "fix-unsafe", Usage: "also apply fixes that change behaviour (implies --fix unless --diff)"},
		&cli.BoolFlag{Name: "diff", Usage: "print the fixes as a unified diff instead of the report, and write nothing"},
	)))
}

func usageError(format string, args ...any) error {
	return cli.Exit(fmt.Sprintf(format, args...), exitUsage)
}

// item is a finding with the profile of the file that produced it.
type item struct {
	rules.Finding
	prof *profile
}

// lint is the root command: it returns the exit code, or an error for usage
// and I/O problems.
func lint(c *cli.Context) (int, error) {
	env := os.Getenv
	outputs, err := readOutputs(c, env)
	if err != nil {
		return exitUsage, err
	}
	layer, err := readCLILayer(c, env)
	if err != nil {
		return exitUsage, err
	}
	if layer.jobs <= 0 {
		layer.jobs = runtime.NumCPU()
	}
	// Looked up once: os.Getwd costs two stats, and paths are made absolute
	// against it for every rule of every file when a configuration file
	// applies.
	if wd, err := os.Getwd(); err == nil {
		layer.sourceRoot = wd
	}
	for _, o := range outputs {
		layer.fingerprints = layer.fingerprints || report.UsesFingerprints(o.format)
	}
	if layer.shellcheck != "" {
		// Asked for by name or path: a ShellCheck that cannot be run must
		// not leave its checks off in silence, as one merely absent from
		// PATH does (-v says so).
		if _, err := exec.LookPath(layer.shellcheck); err != nil {
			return exitUsage, usageError("%s: %s: no such executable", layer.shellcheckFrom, layer.shellcheck)
		}
	}
	src := newFlagSource(c, env)
	baselinePath, _ := src.str("baseline")
	writeBaselinePath := c.String("write-baseline")
	keep := false
	for _, o := range outputs {
		keep = keep || o.format == "sarif"
	}
	keep = keep && writeBaselinePath == ""
	stderr := c.App.ErrWriter
	notice := func(msg string) { fmt.Fprintln(stderr, "dlint: "+report.Sanitize(msg)) }
	// noting prints each file's note as the file is settled, in report
	// order, unless --quiet.
	noting := func(settle func(lintResult)) func(lintResult) {
		return func(r lintResult) {
			if r.note != "" && !layer.quiet {
				notice(r.note)
			}
			settle(r)
		}
	}

	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	targets, errs := discover(paths, layer.kind, layer.stdinName, layer.contexts.Seed)
	targets = withoutOutputs(targets, outputs)
	if err := outputsAreNotNamedTargets(targets, outputs, writeBaselinePath); err != nil {
		return exitUsage, err
	}
	// In report order, so that a file's findings can be reported as soon as
	// it and the files before it are linted.
	slices.SortStableFunc(targets, func(a, b target) int { return strings.Compare(a.path, b.path) })
	tprofs, err := newProfiles(layer, env, keep, notice).forTargets(targets)
	if err != nil {
		return exitUsage, err
	}
	st := &settler{keep: keep}
	if baselinePath != "" && writeBaselinePath == "" {
		if st.accepted, err = readBaseline(baselinePath); err != nil {
			return exitUsage, usageError("%s", err)
		}
		st.baselineDir = baselineDir(baselinePath)
	}

	if layer.verbose && len(tprofs) > 0 && !rules.ShellCheckAvailable(&tprofs[0].cfg.Options) {
		notice("shellcheck not found: ShellCheck's checks of RUN scripts (DL5190) are skipped")
	}
	fixing, err := readFixMode(c, src, targets)
	if err != nil {
		return exitUsage, err
	}
	layer.fixing = fixing
	in := report.Input{
		Tool: "dlint", Version: toolVersion(), InformationURI: "https://github.com/dlint/dlint",
		Rules: rules.All(), SARIFCategory: src.strOnly("sarif-category"), SourceRoot: layer.sourceRoot,
	}

	// Unless fixes or a baseline to write need every finding first, the
	// reports are written as the files are linted: formats that can stream
	// get each file's findings at once, and a run over a whole repository
	// holds only the findings of the formats that cannot.
	if !fixing.on() && writeBaselinePath == "" {
		reps, err := openReports(c, outputs, in, true)
		if err != nil {
			return exitUsage, err
		}
		byPath := grouper{settle: func(g []lintResult) { st.settle(g, reps) }}
		readErrs := lintAll(targets, tprofs, layer, c.App.Reader, noting(byPath.add))
		byPath.flush()
		errs = append(errs, readErrs...)
		return st.finish(reps, errs, len(targets), len(targets)-len(readErrs), layer, stderr)
	}

	var results []lintResult
	readErrs := lintAll(targets, tprofs, layer, c.App.Reader, noting(func(r lintResult) { results = append(results, r) }))
	errs = append(errs, readErrs...)
	if fixing.on() {
		changed, ferrs := finishFixes(c.App.Writer, notice, targets, layer)
		errs = append(errs, ferrs...)
		if fixing.diff {
			for _, e := range errs {
				notice(e.Error())
			}
			switch {
			case len(errs) > 0:
				return exitUsage, nil
			case changed:
				return exitFindings, nil
			}
			return exitClean, nil
		}
	}

	if writeBaselinePath != "" {
		for _, e := range errs {
			notice(e.Error())
		}
		if len(errs) > 0 {
			return exitUsage, nil
		}
		var active []rules.Finding
		sources := map[string][]byte{}
		for _, r := range results {
			sources[r.target.path] = r.src
			for _, f := range r.findings {
				if off, _ := r.prof.silenced(f.Rule, f.Path); !off && f.Suppression == nil {
					active = append(active, f)
				}
			}
		}
		if err := writeBaseline(writeBaselinePath, active, sources); err != nil {
			return exitUsage, usageError("writing the baseline: %v", err) // it names the file
		}
		if !layer.quiet {
			notice(fmt.Sprintf("recorded %d findings in %s", len(active), writeBaselinePath))
		}
		return exitClean, nil
	}

	reps, err := openReports(c, outputs, in, false)
	if err != nil {
		return exitUsage, err
	}
	byPath := grouper{settle: func(g []lintResult) { st.settle(g, reps) }}
	for _, r := range results {
		byPath.add(r)
	}
	byPath.flush()
	return st.finish(reps, errs, len(targets), len(targets)-len(readErrs), layer, stderr)
}

// withoutOutputs drops the files a directory search found that are this
// run's own report files (report.Dockerfile.json matches Dockerfile.*):
// they are created before the files are read, and a report is no input.
func withoutOutputs(targets []target, outputs []outputSpec) []target {
	outs := map[string]bool{}
	for _, o := range outputs {
		if o.path != "" {
			outs[absPath(o.path)] = true
		}
	}
	if len(outs) == 0 {
		return targets
	}
	return slices.DeleteFunc(targets, func(t target) bool { return t.fromDir && outs[absPath(t.fsPath)] })
}

// outputsAreNotNamedTargets refuses to write a report or a baseline over a
// file named to be linted (dlint -o Dockerfile -f json Dockerfile would
// replace the Dockerfile with its own report), as compilers refuse an
// output that is one of their inputs. It compares the files themselves, so
// another spelling of the path or a link to the file is caught too.
func outputsAreNotNamedTargets(targets []target, outputs []outputSpec, baseline string) error {
	var outs []string
	for _, o := range outputs {
		if o.path != "" {
			outs = append(outs, o.path)
		}
	}
	if baseline != "" {
		outs = append(outs, baseline)
	}
	var infos []fs.FileInfo
	for _, o := range outs {
		info, err := os.Stat(o)
		if err != nil {
			infos = append(infos, nil) // not there yet: no file to lose
			continue
		}
		infos = append(infos, info)
	}
	if !slices.ContainsFunc(infos, func(i fs.FileInfo) bool { return i != nil }) {
		return nil
	}
	for _, t := range targets {
		if !t.named || t.fsPath == "" {
			continue
		}
		ti, err := os.Stat(t.fsPath)
		if err != nil {
			continue
		}
		for i, oi := range infos {
			if oi != nil && os.SameFile(oi, ti) {
				return usageError("%s is also a file to lint: not overwritten", outs[i])
			}
		}
	}
	return nil
}

// lintResult is what linting one target gave.
type lintResult struct {
	target   target
	prof     *profile
	findings []rules.Finding
	src      []byte
	err      error  // the file could not be read
	note     string // what the user must know of how the file was judged
}

// grouper gathers the results of consecutive targets that share a path
// (standard input named like a file), one file as far as reports go, and
// hands each group to settle once the next path starts or at flush.
type grouper struct {
	group  []lintResult
	settle func([]lintResult)
}

func (g *grouper) add(r lintResult) {
	if len(g.group) > 0 && g.group[0].target.path != r.target.path {
		g.flush()
	}
	g.group = append(g.group, r)
}

func (g *grouper) flush() {
	if len(g.group) > 0 {
		g.settle(g.group)
		g.group = nil
	}
}

// settler applies the configuration, the baseline and --min-severity to
// each file's findings, in report order, hands what is shown to the
// reports and keeps count of what decides the exit status.
type settler struct {
	keep        bool            // keep findings the configuration silences, marked (SARIF)
	accepted    map[string]bool // the baseline's fingerprints; nil without one
	baselineDir string

	failed bool
	hidden int // active findings below --min-severity
	files  []string
	tally  report.Tally
}

func (st *settler) settle(group []lintResult, reps []*reportOut) {
	n := 0
	for _, r := range group {
		n += len(r.findings)
	}
	items := make([]item, 0, n)
	var paths []string // the group's files that could be read
	for _, r := range group {
		if r.err != nil {
			continue
		}
		st.files = append(st.files, r.target.path)
		paths = append(paths, r.target.path)
		for _, f := range r.findings {
			items = append(items, item{f, r.prof})
		}
	}
	if len(group) > 1 {
		sortItems(items)
	}
	// Findings the configuration turns off: dropped, or kept as suppressed
	// for SARIF.
	kept := items[:0]
	for _, it := range items {
		if it.Suppression == nil {
			if off, why := it.prof.silenced(it.Rule, it.Path); off {
				if !st.keep {
					continue
				}
				it.Suppression = &rules.Suppression{Kind: "external", Justification: why}
			}
		}
		kept = append(kept, it)
	}
	items = kept
	// Baseline: findings recorded in it are dropped, whatever the format.
	if st.accepted != nil {
		var active []rules.Finding
		for _, it := range items {
			if it.Suppression == nil {
				active = append(active, it.Finding)
			}
		}
		sources := map[string][]byte{}
		for _, r := range group {
			sources[r.target.path] = r.src
		}
		fps := baselineFingerprints(active, sources, st.baselineDir)
		kept, n := items[:0], 0
		for _, it := range items {
			if it.Suppression == nil {
				old := st.accepted[fps[n]]
				n++
				if old {
					continue
				}
			}
			kept = append(kept, it)
		}
		items = kept
	}
	shown := make([]rules.Finding, 0, len(items))
	for _, it := range items {
		if it.Suppression == nil && it.prof.eff.failLevel != 0 && it.Severity >= it.prof.eff.failLevel {
			st.failed = true
		}
		if it.Severity < it.prof.eff.minSeverity {
			if it.Suppression == nil {
				st.hidden++
			}
			continue
		}
		shown = append(shown, it.Finding)
	}
	st.tally.Add(shown)
	for _, r := range reps {
		r.add(paths, shown)
	}
}

// finish completes the reports, prints the errors and the summary and
// returns the exit status. targets is the number of files to lint, read
// the number that could be read.
func (st *settler) finish(reps []*reportOut, errs []error, targets, read int, l *cliLayer, stderr io.Writer) (int, error) {
	notice := func(msg string) { fmt.Fprintln(stderr, "dlint: "+report.Sanitize(msg)) }
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	text := false
	for _, r := range reps {
		text = text || r.spec.format == "text"
		if err := r.close(msgs, st.files); err != nil {
			return exitUsage, err
		}
	}
	for _, m := range msgs {
		notice(m)
	}
	if targets == 0 && len(errs) == 0 && !l.quiet {
		// A CI gate pointed at the wrong directory must not pass in silence.
		notice("nothing to lint: no Dockerfile, .dockerignore or daemon.json found")
	}
	if text && !l.quiet && targets > 0 {
		summary := st.tally.Summary(read)
		if st.hidden > 0 {
			summary += fmt.Sprintf("; %d below --min-severity not shown", st.hidden)
		}
		// "no problems found" must not be the last word of a run that
		// could not read everything it was given.
		switch n := len(errs); {
		case n == 1:
			summary += "; 1 error above"
		case n > 1:
			summary += fmt.Sprintf("; %d errors above", n)
		}
		fmt.Fprintln(stderr, summary)
	}
	switch {
	case len(errs) > 0:
		return exitUsage, nil
	case st.failed && !l.noFail:
		return exitFindings, nil
	}
	return exitClean, nil
}

// reportOut is one --format and where it goes: written as findings come
// when the format can stream, else gathered and written at the end.
type reportOut struct {
	spec     outputSpec
	in       report.Input
	file     *os.File // nil: standard output
	bw       *bufio.Writer
	stream   report.Stream
	findings []rules.Finding
	err      error // the first error writing the stream
}

// openReports creates the report files and starts the reports that stream
// (when streaming).
func openReports(c *cli.Context, outputs []outputSpec, in report.Input, streaming bool) ([]*reportOut, error) {
	var reps []*reportOut
	for _, o := range outputs {
		r := &reportOut{spec: o, in: in}
		out := c.App.Writer
		r.in.Color = o.path == "" && useColor(out)
		if o.path != "" {
			file, err := os.Create(o.path)
			if err != nil {
				for _, r := range reps {
					if r.file != nil {
						r.file.Close()
					}
				}
				return nil, usageError("%s", pathError(o.path, err))
			}
			r.file, out = file, file
		}
		// Large writes: a whole repository's report is megabytes, and a
		// system call per 4 KB showed in profiles.
		r.bw = bufio.NewWriterSize(out, 256<<10)
		if newStream := report.Streams[o.format]; newStream != nil && streaming {
			r.stream = newStream(r.bw, r.in)
		}
		reps = append(reps, r)
	}
	return reps, nil
}

// add takes one file's shown findings: SARIF lists the suppressed ones
// too, the other formats only the rest. paths are the file's targets that
// could be read, for the formats that list files without findings too.
func (r *reportOut) add(paths []string, shown []rules.Finding) {
	if lister, ok := r.stream.(report.FileStream); ok {
		for _, p := range paths {
			lister.File(p)
		}
	}
	fs := shown
	if r.spec.format != "sarif" && slices.ContainsFunc(shown, func(f rules.Finding) bool { return f.Suppression != nil }) {
		fs = nil
		for _, f := range shown {
			if f.Suppression == nil {
				fs = append(fs, f)
			}
		}
	}
	if len(fs) == 0 {
		return
	}
	if r.stream == nil {
		r.findings = append(r.findings, fs...)
		return
	}
	if r.err == nil {
		r.err = r.stream.Write(fs)
	}
}

// close writes the rest of the report and closes its file.
func (r *reportOut) close(errors, files []string) error {
	err := r.err
	if r.stream != nil {
		if err == nil {
			err = r.stream.Close(errors)
		}
	} else {
		in := r.in
		in.Findings, in.Errors, in.Files = r.findings, errors, files
		if err == nil {
			err = report.Formats[r.spec.format](r.bw, in)
		}
	}
	if err == nil {
		err = r.bw.Flush()
	}
	if r.file != nil {
		if cerr := r.file.Close(); err == nil && cerr != nil {
			err = pathError(r.spec.path, cerr)
		}
	}
	if err != nil {
		return usageError("writing the %s report: %v", r.spec.format, err)
	}
	return nil
}

// lintAll reads, parses and lints the targets in parallel and hands each
// one's result to settle in target order, while later files are still
// being linted: the worker that finishes the file next in order settles it
// and those after it that are done, one worker at a time. Files are not
// linted more than a window ahead of the next to settle, which bounds what
// is held at once, however many files there are. It returns the errors of files that could not be read.
func lintAll(targets []target, profs []*profile, l *cliLayer, stdin io.Reader, settle func(lintResult)) []error {
	n := len(targets)
	jobs := min(l.jobs, max(n, 1))
	size := 4*jobs + 16
	window := make(chan struct{}, size)
	// The files between next and next+size, by index modulo size.
	results := make([]lintResult, size)
	done := make([]bool, size)
	var (
		mu       sync.Mutex
		next     int  // the next file to settle
		settling bool // a worker is settling files
		errs     []error
		taken    atomic.Int64 // files handed out
		wg       sync.WaitGroup
	)
	// The contexts cache lets go of a build context's listing once the
	// last Dockerfile built from it is linted.
	for _, t := range targets {
		if opensContext(t) {
			l.contexts.Expect(t.fsPath, l.context)
		}
	}
	// Workers take the next file from a shared counter: handing each file
	// over a channel woke a worker thread per file, a tenth of a
	// single-threaded run.
	for range jobs {
		wg.Go(func() {
			for {
				window <- struct{}{}
				i := int(taken.Add(1) - 1)
				if i >= n {
					<-window
					return
				}
				r := lintResult{target: targets[i], prof: profs[i]}
				r.findings, r.src, r.note, r.err = lintOne(targets[i], profs[i], l, stdin)
				if opensContext(targets[i]) {
					l.contexts.Done(targets[i].fsPath, l.context)
				}
				mu.Lock()
				results[i%size], done[i%size] = r, true
				if settling {
					mu.Unlock()
					continue
				}
				settling = true
				for next < n && done[next%size] {
					r := results[next%size]
					results[next%size], done[next%size] = lintResult{}, false
					next++
					mu.Unlock()
					if r.err != nil {
						errs = append(errs, r.err)
					}
					settle(r)
					<-window
					mu.Lock()
				}
				settling = false
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errs
}

// opensContext reports whether linting t opens its build context: a file
// read from disk (standard input has no directory) as a Dockerfile.
func opensContext(t target) bool {
	return t.fsPath != "" && parser.ReadAs(t.kind) == parser.Dockerfile
}

// parse is parser.Parse; a test replaces it to make it fail.
var parse = parser.Parse

func lintOne(t target, p *profile, l *cliLayer, stdin io.Reader) (findings []rules.Finding, src []byte, note string, err error) {
	src, err = readTarget(t, stdin)
	if err != nil {
		return nil, nil, "", err
	}
	// A panic while parsing (BuildKit's parser, mvdan/sh, dlint's own) on
	// some input no fuzzer has found yet costs this file, not the run: the
	// other files are still checked and every report is still written. A
	// fix in progress is dropped (the file is written last). A rule's
	// panic is caught closer, in rules.Run, and costs only that rule.
	defer func() {
		if v := recover(); v != nil {
			findings, note, err = []rules.Finding{rules.Failed(t.path, v)}, "", nil
		}
	}()
	lintSrc := func(b []byte) []rules.Finding {
		doc := parse(t.path, b, t.kind, p.parseOpts)
		note = missingTargetNote(t, doc, p.cfg.Options.Target)
		switch {
		case opensContext(t):
			doc.Context = l.contexts.ForDockerfile(t.fsPath, l.context)
		case t.fsPath != "" && doc.Ignore != nil:
			// The context the rules would make themselves (the directory
			// of a .dockerignore, by its path as shown), reading the
			// directory again.
			doc.Context = l.contexts.ForIgnoreFile(filepath.FromSlash(t.path), doc.Ignore)
		}
		findings := rules.Run(doc, p.configFor(t.path))
		// Fingerprinted here, while the file's lines are at hand, and
		// before any finding is filtered out (report.SetFingerprints);
		// baselines compute their own.
		if l.fingerprints {
			report.SetFingerprints(findings, doc.Lines, report.ShownPath(l.sourceRoot, t.path))
		}
		return findings
	}
	if !l.fixing.on() {
		return lintSrc(src), src, note, nil
	}
	findings, src, err = fixOne(t, src, p, l, lintSrc)
	return findings, src, note, err
}

// missingTargetNote is the note for a Dockerfile that has stages but none
// named target (the stage the configuration or --target says is built):
// docker build would stop there, and the rules about the image built
// judge its last stage instead. "" when there is nothing to say.
func missingTargetNote(t target, doc *parser.Document, target string) string {
	if target == "" || doc == nil || doc.Dockerfile == nil || len(doc.Dockerfile.Stages) == 0 ||
		doc.Dockerfile.StageByName(target) != nil {
		return ""
	}
	return fmt.Sprintf("%s: no stage is named %q, the target: docker build would fail; the rules about the image built judge the last stage", t.path, target)
}

// sortItems orders findings as rules.Sort does: by path, line, column,
// rule and message.
func sortItems(items []item) {
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
			cmp.Compare(a.Range.Start.Column, b.Range.Start.Column),
			strings.Compare(ruleID(a.Rule), ruleID(b.Rule)),
			strings.Compare(a.Message, b.Message),
		)
	})
}

func ruleID(r *rules.Rule) string {
	if r == nil {
		return ""
	}
	return r.ID
}

// useColor reports whether w is a terminal and NO_COLOR is unset.
func useColor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
