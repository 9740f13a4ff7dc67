package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/report"
	"github.com/dlint/dlint/rules"
)

func lintFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(report.FormatNames(), ", ")},
		&cli.StringFlag{Name: "sarif-category", Usage: "SARIF runAutomationDetails.id: the `CATEGORY` that keeps uploads of several dlint runs apart"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` instead of standard output"},
		&cli.StringFlag{Name: "fail-level", Value: "warning", Usage: "exit 1 when a finding is at or above `LEVEL`: error, warning, info, style or none"},
		&cli.StringSliceFlag{Name: "ignore", Usage: "turn off `RULE` (ID, name or alias); repeatable"},
		&cli.StringFlag{Name: "kind", Usage: "read every file as `KIND`: dockerfile, dockerignore or daemon.json"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "the `NAME` to report standard input (-) as"},
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
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "explain what is skipped"},
	}
}

// settings are the checked flag values.
type settings struct {
	format    report.Reporter
	output    string
	failLevel rules.Severity // 0: never fail
	kind      parser.Kind
	stdinName string
	context   string
	jobs      int
	cfg       rules.Config
	parseOpts parser.Options
	// contexts walks each build context once, however many Dockerfiles share it.
	contexts *buildcontext.Cache
}

func usageError(format string, args ...any) error {
	return cli.Exit(fmt.Sprintf(format, args...), exitUsage)
}

func readSettings(c *cli.Context) (*settings, error) {
	s := &settings{output: c.String("output"), stdinName: c.String("stdin-filename"), context: c.String("context"), jobs: c.Int("jobs"), contexts: buildcontext.NewCache()}
	var ok bool
	if s.format, ok = report.Formats[c.String("format")]; !ok {
		return nil, usageError("unknown format %q (one of %s)", c.String("format"), strings.Join(report.FormatNames(), ", "))
	}
	if lvl := c.String("fail-level"); lvl != "none" {
		if s.failLevel, ok = rules.ParseSeverity(lvl); !ok {
			return nil, usageError("unknown fail level %q (error, warning, info, style or none)", lvl)
		}
	}
	if k := c.String("kind"); k != "" {
		if s.kind, ok = parser.ParseKind(k); !ok {
			return nil, usageError("unknown kind %q (dockerfile, dockerignore or daemon.json)", k)
		}
	}
	if s.jobs <= 0 {
		s.jobs = runtime.NumCPU()
	}
	disabled := map[*rules.Rule]bool{}
	for _, name := range c.StringSlice("ignore") {
		for _, n := range strings.Split(name, ",") {
			rs := rules.Lookup(n)
			if len(rs) == 0 {
				msg := fmt.Sprintf("--ignore: unknown rule %q", n)
				if sug := rules.Suggest(n); sug != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", sug)
				}
				return nil, usageError("%s", msg)
			}
			for _, r := range rs {
				disabled[r] = true
			}
		}
	}
	s.cfg.Disabled = func(r *rules.Rule, _ string) bool { return disabled[r] }
	s.cfg.NoPragmas = c.Bool("no-ignore-pragmas")
	s.cfg.ReportUnusedIgnores = c.Bool("report-unused-ignores")
	opts := &s.cfg.Options
	opts.Target = c.String("target")
	opts.TrustedRegistries = c.StringSlice("trusted-registry")
	opts.StrictLabels = c.Bool("strict-labels")
	opts.BuildArgs = map[string]string{}
	for _, kv := range c.StringSlice("build-arg") {
		k, v, found := strings.Cut(kv, "=")
		if !found {
			// docker build takes a bare KEY from the environment.
			v, found = os.LookupEnv(k)
			if !found {
				continue
			}
		}
		opts.BuildArgs[k] = v
	}
	s.parseOpts.BuildArgs = opts.BuildArgs
	for _, l := range c.StringSlice("require-label") {
		name, typ, _ := strings.Cut(l, ":")
		if opts.LabelSchema == nil {
			opts.LabelSchema = map[string]string{}
		}
		if typ == "" {
			typ = "text"
		}
		opts.LabelSchema[name] = typ
	}
	if c.IsSet("daemon-flags") {
		df := c.String("daemon-flags")
		opts.DaemonFlags = &df
	}
	if sc := c.String("shellcheck"); sc != "" {
		opts.RuleOptions = map[string]map[string]any{"shellcheck": {"path": sc}}
	}
	return s, nil
}

// lint is the root command: it returns the exit code, or an error for usage
// and I/O problems.
func lint(c *cli.Context) (int, error) {
	s, err := readSettings(c)
	if err != nil {
		return exitUsage, err
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	targets, errs := discover(paths, s.kind, s.stdinName)
	findings, sources, readErrs := lintAll(targets, s, c.App.Reader)
	errs = append(errs, readErrs...)

	out := c.App.Writer
	var file *os.File
	if s.output != "" {
		file, err = os.Create(s.output)
		if err != nil {
			return exitUsage, usageError("%s", pathError(s.output, err))
		}
		defer file.Close()
		out = file
	}
	in := report.Input{
		Tool: "dlint", Version: toolVersion(), InformationURI: "https://github.com/dlint/dlint",
		Rules: rules.All(), Findings: findings, Color: s.output == "" && useColor(c.App.Writer),
		Sources: sources, SARIFCategory: c.String("sarif-category"),
	}
	if wd, err := os.Getwd(); err == nil {
		in.SourceRoot = wd
	}
	for _, t := range targets {
		if _, ok := sources[t.path]; ok {
			in.Files = append(in.Files, t.path)
		}
	}
	for _, e := range errs {
		in.Errors = append(in.Errors, e.Error())
	}
	bw := bufio.NewWriter(out)
	if err := s.format(bw, in); err != nil {
		return exitUsage, usageError("writing the report: %v", err)
	}
	if err := bw.Flush(); err != nil {
		return exitUsage, usageError("writing the report: %v", err)
	}
	for _, e := range errs {
		fmt.Fprintln(c.App.ErrWriter, "dlint: "+report.Sanitize(e.Error()))
	}
	if c.String("format") == "text" && len(targets) > 0 {
		fmt.Fprintln(c.App.ErrWriter, report.Summary(findings, len(targets)-len(readErrs)))
	}
	if len(errs) > 0 {
		return exitUsage, nil
	}
	if s.failLevel != 0 {
		for _, f := range findings {
			if f.Suppression == nil && f.Severity >= s.failLevel {
				return exitFindings, nil
			}
		}
	}
	return exitClean, nil
}

// lintAll reads, parses and lints the targets in parallel; the result is
// sorted and so does not depend on scheduling. It also returns each file's
// content by path, for reporters that fingerprint findings by their text.
func lintAll(targets []target, s *settings, stdin io.Reader) ([]rules.Finding, map[string][]byte, []error) {
	results := make([][]rules.Finding, len(targets))
	srcs := make([][]byte, len(targets))
	errs := make([]error, len(targets))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(s.jobs, max(len(targets), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i], srcs[i], errs[i] = lintOne(targets[i], s, stdin)
			}
		}()
	}
	for i := range targets {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var all []rules.Finding
	var allErrs []error
	sources := map[string][]byte{}
	for i := range targets {
		all = append(all, results[i]...)
		if errs[i] != nil {
			allErrs = append(allErrs, errs[i])
		} else {
			sources[targets[i].path] = srcs[i]
		}
	}
	rules.Sort(all)
	return all, sources, allErrs
}

func lintOne(t target, s *settings, stdin io.Reader) ([]rules.Finding, []byte, error) {
	src, err := readTarget(t, stdin)
	if err != nil {
		return nil, nil, err
	}
	doc := parser.Parse(t.path, src, t.kind, s.parseOpts)
	if doc.Kind == parser.Dockerfile && t.fsPath != "" {
		doc.Context = s.contexts.ForDockerfile(t.fsPath, s.context)
	}
	return rules.Run(doc, &s.cfg), src, nil
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
