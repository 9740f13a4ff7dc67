package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
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
	return withEnv(append(outputFlags(),
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
	))
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
	src := flagSource{c: c, env: env}
	baselinePath, _ := src.str("baseline")
	writeBaselinePath := c.String("write-baseline")
	keep := false
	for _, o := range outputs {
		keep = keep || o.format == "sarif"
	}
	keep = keep && writeBaselinePath == ""
	stderr := c.App.ErrWriter
	notice := func(msg string) { fmt.Fprintln(stderr, "dlint: "+report.Sanitize(msg)) }

	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	targets, errs := discover(paths, layer.kind, layer.stdinName)
	profs := newProfiles(layer, env, keep, notice)
	tprofs := make([]*profile, len(targets))
	for i, t := range targets {
		if tprofs[i], err = profs.forDir(targetDir(t)); err != nil {
			return exitUsage, err
		}
		if layer.verbose {
			cfgPath := "no configuration file"
			if f := tprofs[i].eff.file; f != nil {
				cfgPath = "configuration " + displayPath(f.Path)
			}
			notice(fmt.Sprintf("%s: %s", t.path, cfgPath))
		}
	}
	var accepted map[string]bool
	if baselinePath != "" && writeBaselinePath == "" {
		if accepted, err = readBaseline(baselinePath); err != nil {
			return exitUsage, usageError("%s", err)
		}
	}

	if layer.verbose && len(tprofs) > 0 && !rules.ShellCheckAvailable(&tprofs[0].cfg.Options) {
		notice("shellcheck not found: ShellCheck's checks of RUN scripts (DL5190) are skipped")
	}
	fixing, err := readFixMode(c, src, targets)
	if err != nil {
		return exitUsage, err
	}
	layer.fixing = fixing
	if wd, err := os.Getwd(); err == nil {
		layer.sourceRoot = wd
	}
	items, sources, readErrs := lintAll(targets, tprofs, layer, c.App.Reader)
	errs = append(errs, readErrs...)
	if fixing.on() {
		changed, ferrs := finishFixes(c.App.Writer, targets, layer)
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

	// Findings the configuration turns off: dropped, or kept as suppressed
	// for SARIF.
	kept := items[:0]
	for _, it := range items {
		if it.Suppression == nil {
			if off, why := it.prof.silenced(it.Rule, it.Path); off {
				if !keep {
					continue
				}
				it.Suppression = &rules.Suppression{Kind: "external", Justification: why}
			}
		}
		kept = append(kept, it)
	}
	items = kept
	// The findings in force; built only for baselines, as a whole
	// repository's findings are many.
	activeFindings := func() []rules.Finding {
		var active []rules.Finding
		for _, it := range items {
			if it.Suppression == nil {
				active = append(active, it.Finding)
			}
		}
		return active
	}

	if writeBaselinePath != "" {
		for _, e := range errs {
			notice(e.Error())
		}
		if len(errs) > 0 {
			return exitUsage, nil
		}
		active := activeFindings()
		if err := writeBaseline(writeBaselinePath, active, sources); err != nil {
			return exitUsage, usageError("writing the baseline: %v", pathError(writeBaselinePath, err))
		}
		if !layer.quiet {
			notice(fmt.Sprintf("recorded %d findings in %s", len(active), writeBaselinePath))
		}
		return exitClean, nil
	}

	// Baseline: findings recorded in it are dropped, whatever the format.
	if accepted != nil {
		fps := baselineFingerprints(activeFindings(), sources, baselineDir(baselinePath))
		isOld := map[int]bool{}
		for i, fp := range fps {
			if accepted[fp] {
				isOld[i] = true
			}
		}
		kept, n := items[:0], 0
		for _, it := range items {
			if it.Suppression == nil {
				old := isOld[n]
				n++
				if old {
					continue
				}
			}
			kept = append(kept, it)
		}
		items = kept
	}

	failed, hidden := false, 0
	var shown []rules.Finding
	if len(items) > 0 {
		shown = make([]rules.Finding, 0, len(items))
	}
	suppressed := false
	for _, it := range items {
		if it.Suppression == nil && it.prof.eff.failLevel != 0 && it.Severity >= it.prof.eff.failLevel {
			failed = true
		}
		if it.Severity < it.prof.eff.minSeverity {
			if it.Suppression == nil {
				hidden++
			}
			continue
		}
		shown = append(shown, it.Finding)
		suppressed = suppressed || it.Suppression != nil
	}
	items = nil
	// Only SARIF lists suppressed findings; the other formats get the rest.
	activeShown := shown
	if suppressed {
		activeShown = nil
		for _, f := range shown {
			if f.Suppression == nil {
				activeShown = append(activeShown, f)
			}
		}
	}
	if len(activeShown) == 0 {
		activeShown = nil
	}
	if len(shown) == 0 {
		shown = nil
	}

	in := report.Input{
		Tool: "dlint", Version: toolVersion(), InformationURI: "https://github.com/dlint/dlint",
		Rules: rules.All(), Sources: sources, SARIFCategory: src.strOnly("sarif-category"),
	}
	in.SourceRoot = layer.sourceRoot
	for _, t := range targets {
		if _, ok := sources[t.path]; ok {
			in.Files = append(in.Files, t.path)
		}
	}
	for _, e := range errs {
		in.Errors = append(in.Errors, e.Error())
	}
	text := false
	for _, o := range outputs {
		one := in
		one.Findings = activeShown
		if o.format == "sarif" {
			one.Findings = shown
		}
		text = text || o.format == "text"
		if err := writeReport(c, o, one); err != nil {
			return exitUsage, err
		}
	}
	for _, e := range errs {
		notice(e.Error())
	}
	if text && !layer.quiet && len(targets) > 0 {
		summary := report.Summary(activeShown, len(targets)-len(readErrs))
		if hidden > 0 {
			summary += fmt.Sprintf("; %d below --min-severity not shown", hidden)
		}
		fmt.Fprintln(stderr, summary)
	}
	switch {
	case len(errs) > 0:
		return exitUsage, nil
	case failed && !layer.noFail:
		return exitFindings, nil
	}
	return exitClean, nil
}

// writeReport writes one report to its file or to standard output.
func writeReport(c *cli.Context, o outputSpec, in report.Input) error {
	out := c.App.Writer
	in.Color = o.path == "" && useColor(out)
	if o.path != "" {
		file, err := os.Create(o.path)
		if err != nil {
			return usageError("%s", pathError(o.path, err))
		}
		defer file.Close()
		out = file
	}
	// Large writes: a whole repository's report is megabytes, and a
	// system call per 4 KB showed in the run's tail.
	bw := bufio.NewWriterSize(out, 256<<10)
	if err := report.Formats[o.format](bw, in); err != nil {
		return usageError("writing the %s report: %v", o.format, err)
	}
	if err := bw.Flush(); err != nil {
		return usageError("writing the %s report: %v", o.format, err)
	}
	if f, ok := out.(*os.File); ok && o.path != "" {
		if err := f.Close(); err != nil {
			return usageError("writing the %s report: %v", o.format, pathError(o.path, err))
		}
	}
	return nil
}

// lintAll reads, parses and lints the targets in parallel; the result is
// sorted and so does not depend on scheduling. It also returns each file's
// content by path, for reporters that fingerprint findings by their text.
func lintAll(targets []target, profs []*profile, l *cliLayer, stdin io.Reader) ([]item, map[string][]byte, []error) {
	results := make([][]rules.Finding, len(targets))
	srcs := make([][]byte, len(targets))
	errs := make([]error, len(targets))
	// Workers take the next file from a shared counter: handing each file
	// over a channel woke a worker thread per file, a tenth of a
	// single-threaded run.
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(l.jobs, max(len(targets), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(targets) {
					return
				}
				results[i], srcs[i], errs[i] = lintOne(targets[i], profs[i], l, stdin)
			}
		}()
	}
	wg.Wait()
	n := 0
	for _, r := range results {
		n += len(r)
	}
	all := make([]item, 0, n)
	var allErrs []error
	sources := map[string][]byte{}
	for i := range targets {
		for _, f := range results[i] {
			all = append(all, item{f, profs[i]})
		}
		results[i] = nil
		if errs[i] != nil {
			allErrs = append(allErrs, errs[i])
		} else {
			sources[targets[i].path] = srcs[i]
		}
	}
	sortItems(all)
	return all, sources, allErrs
}

func lintOne(t target, p *profile, l *cliLayer, stdin io.Reader) ([]rules.Finding, []byte, error) {
	src, err := readTarget(t, stdin)
	if err != nil {
		return nil, nil, err
	}
	lintSrc := func(b []byte) []rules.Finding {
		doc := parser.Parse(t.path, b, t.kind, p.parseOpts)
		if doc.Kind == parser.Dockerfile && t.fsPath != "" {
			doc.Context = l.contexts.ForDockerfile(t.fsPath, l.context)
		}
		findings := rules.Run(doc, &p.cfg)
		// Fingerprinted here, on the workers, while the file's lines are
		// at hand, rather than in the report's serial tail.
		report.SetFingerprints(findings, doc.Lines, report.ShownPath(l.sourceRoot, t.path))
		return findings
	}
	if !l.fixing.on() {
		return lintSrc(src), src, nil
	}
	return fixOne(t, src, p, l, lintSrc)
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
