// Command dlint lints Dockerfiles, .dockerignore files and Docker's daemon.json.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/dlint/dlint/internal/gctune"
)

// Exit codes.
const (
	exitClean    = 0 // nothing at or above the fail level
	exitFindings = 1 // findings at or above the fail level
	exitUsage    = 2 // usage or I/O error
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func main() {
	gctune.Tune(gctune.MinHeapGoal)
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := exitClean
	app := newApp(stdin, stdout, stderr, &code)
	if err := app.Run(args); err != nil {
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			if msg := ec.Error(); msg != "" {
				fmt.Fprintln(stderr, "dlint: "+msg)
			}
			return ec.ExitCode()
		}
		fmt.Fprintln(stderr, "dlint: "+err.Error())
		return exitUsage
	}
	return code
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, code *int) *cli.App {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version"}
	cli.VersionPrinter = func(c *cli.Context) {
		fmt.Fprintf(c.App.Writer, "dlint %s\n", c.App.Version)
	}
	app := &cli.App{
		Name:      "dlint",
		Usage:     "lint Dockerfiles, .dockerignore files and daemon.json",
		UsageText: "dlint [flags] [PATH...]\ndlint rules [ID|NAME]\ndlint config [flags] [PATH]\ndlint init [--force] [DIR]",
		Description: "Lints the files and directories given (the current directory when none is given). " +
			"Directories are searched for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile*, " +
			".dockerignore, *.dockerignore and daemon.json. \"-\" reads standard input.\n\n" +
			"Configuration: the nearest .dlint.yaml walking up from each file to the repository root, then " +
			"$XDG_CONFIG_HOME/dlint/config.yaml; flags win over DLINT_* environment variables, which win over the file.\n\n" +
			"Exit status: 0 nothing at or above --fail-level, 1 findings at or above it, 2 usage, configuration or I/O error.",
		Version:                toolVersion(),
		Reader:                 stdin,
		Writer:                 stdout,
		ErrWriter:              stderr,
		HideHelpCommand:        true,
		UseShortOptionHandling: true,
		Suggest:                true,
		Flags:                  lintFlags(),
		Action: func(c *cli.Context) error {
			n, err := lint(c)
			*code = n
			return err
		},
		Commands: []*cli.Command{rulesCommand(), configCommand(), initCommand()},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return cli.Exit(err.Error()+" (see dlint --help)", exitUsage)
		},
		ExitErrHandler: func(*cli.Context, error) {},
	}
	return app
}
