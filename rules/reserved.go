package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

// Reserved rules: the engine reports these itself; they have no Check.

var internalError = &Rule{
	ID: "DL0000", Name: "internal-error", Kind: parser.Unknown, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "dlint failed while checking this file",
	Doc: "dlint stopped with an internal error on this file: a rule (the other rules still ran) " +
		"or the parser (no rule ran on the file; the other files were checked). " +
		"Please report it with the file that triggers it.",
}

// Failed is the finding that says dlint failed on the file at path,
// outside any one rule (parsing it, say), with what the failure said.
func Failed(path string, what any) Finding {
	return Finding{Rule: internalError, Severity: internalError.Severity, Path: path,
		Message: fmt.Sprintf("dlint failed on this file, and checked nothing in it: %v", what)}
}

var unknownPragmaRule = &Rule{
	ID: "DL0001", Name: "unknown-rule-in-pragma", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "An ignore pragma names a rule that does not exist",
	Doc: "A `# dlint ignore=` or `# hadolint ignore=` comment names something that is neither a rule ID, " +
		"a rule name nor an alias, so it silences nothing. Usually a typo; the message suggests the closest name.",
	Bad:  "# dlint ignore=DL3800\nRUN apt-get install -y curl",
	Good: "# dlint ignore=DL3008 -- pinned by the base image\nRUN apt-get install -y curl",
}

var unusedPragma = &Rule{
	ID: "DL0002", Name: "unused-ignore-pragma", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "An ignore pragma silences nothing",
	Doc: "Reported only with --report-unused-ignores: an ignore pragma that matched no finding. " +
		"Remove it, or it will hide a future finding nobody meant to accept.",
	Bad:  "# dlint ignore=DL3008\nRUN apt-get install -y curl=8.5.0-2",
	Good: "RUN apt-get install -y curl=8.5.0-2",
}

var dockerfileParseError = &Rule{
	ID: "DL1000", Name: "dockerfile-parse-error", Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "The Dockerfile cannot be parsed",
	Doc: "BuildKit's parser rejects this file or instruction (an unterminated heredoc, an unknown " +
		"instruction, a malformed flag, a line over 64 KiB, a file that is not text), so `docker build` " +
		"fails. dlint still checks the instructions it could read. The same finding marks what dlint " +
		"declines to analyse because no real file needs it and a hostile one could exhaust it (over " +
		"25,000 instructions, a script nested over 1,000 levels, the scripts after a file's first " +
		"million words of scripts): the build may work, but dlint did not check that part.",
	Bad:  "FROM alpine:3.20\nRUN <<EOF\necho never closed",
	Good: "FROM alpine:3.20\nRUN <<EOF\necho closed\nEOF",
}

var ignoreParseError = &Rule{
	ID: "DI1000", Name: "dockerignore-parse-error", Kind: parser.DockerIgnore, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "The .dockerignore file has an invalid pattern",
	Doc: "BuildKit's pattern matcher rejects this pattern, and the build fails before any file is sent. " +
		"Fix the pattern's syntax (an unclosed `[`, a lone `!`). BuildKit does not read an ignore file " +
		"with a line over 64 KiB at all (comments too); dlint then declines the whole file. The same finding marks an ignore file " +
		"dlint declines to analyse: over 10,000 patterns or 8 MiB, or a pattern of over 32 `**`. The build contexts that use it are " +
		"then not checked either.",
	Bad:  "[abc\n",
	Good: "[abc]*\n",
}

var daemonParseError = &Rule{
	ID: "DD1000", Name: "daemon-json-parse-error", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "daemon.json is not valid JSON",
	Doc: "dockerd reads /etc/docker/daemon.json at start and refuses to start when it is not a valid " +
		"JSON object, taking every container on the host down with it. Fix the syntax at the position shown.",
	Bad:  "{\"log-driver\": \"json-file\",}",
	Good: "{\"log-driver\": \"json-file\"}",
}
