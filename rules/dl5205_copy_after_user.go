package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var copyAfterUser = &Rule{
	ID: "DL5205", Name: "copy-after-user-without-chown", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagCorrectness},
	Summary: "Files copied after a non-root USER are still owned by root",
	Doc: "USER changes who runs RUN, CMD and ENTRYPOINT, not who owns copied files: COPY and ADD " +
		"create them as root unless --chown says otherwise. Placed after `USER app`, the COPY reads as " +
		"if app owned the files, yet app cannot write them. Decide explicitly: move the COPY before " +
		"USER when the files are read-only code (the safer default), or add `--chown=app` for the files " +
		"app must write. Only the final stage (or --target) and the stages it is built FROM are judged; " +
		"Windows images, where file ownership works differently, are left alone.",
	Bad:   "FROM node:22\nUSER node\nCOPY . /home/node/app",
	Good:  "FROM node:22\nCOPY . /home/node/app\nUSER node",
	Check: checkCopyAfterUser,
}

func checkCopyAfterUser(p *Pass) {
	final := p.FinalStage()
	if final == nil || final.Root().Image.Windows() {
		return
	}
	user := ""
	for _, in := range ChainInstructions(final) {
		if c, ok := in.Command.(*instructions.UserCommand); ok {
			user = c.User
			continue
		}
		if in.Cmd != "copy" && in.Cmd != "add" || userIsRoot(user) || strings.Contains(user, "$") {
			continue
		}
		if _, ok := in.Flag("chown"); ok {
			continue
		}
		name, _, _ := strings.Cut(user, ":")
		p.Reportf(in.KeywordRange, "%s after USER %s creates files owned by root, not %s: move it before USER for read-only files, or add --chown=%s for files %s must write", strings.ToUpper(in.Cmd), user, name, name, name)
	}
}

// userIsRoot reports whether a USER value (user[:group]) is root; an empty
// value (no USER yet) counts as root.
func userIsRoot(u string) bool {
	u = strings.TrimSpace(u)
	return u == "" || isRootUser(u)
}

// stageUser is the user a stage's container runs as ("" when no USER is
// set in its chain).
func stageUser(s *dockerfile.Stage) string {
	if in := lastUser(s); in != nil {
		if c, ok := in.Command.(*instructions.UserCommand); ok {
			return c.User
		}
	}
	return ""
}
