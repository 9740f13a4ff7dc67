package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var codeOwnedByRuntimeUser = &Rule{
	ID: "DL5206", Name: "copy-chown-to-runtime-user", Kind: parser.Dockerfile, Severity: Info,
	Tags: []string{TagSecurity}, SecuritySeverity: 4.0,
	Summary: "COPY --chown gives the runtime user write access to copied files",
	Doc: "When the files a container runs are owned by the user it runs as, a compromised process can " +
		"rewrite its own code and configuration, and the change persists for the container's life. " +
		"Keep application code owned by root (COPY without --chown; it stays readable) and give the " +
		"runtime user only the directories it must write (`RUN mkdir /app/data && chown app /app/data`, " +
		"or a volume). When the copied files are exactly such data, ignore this note. Only the final " +
		"stage (or --target) and the stages it is built FROM are judged.",
	Bad:   "FROM python:3.12-slim\nRUN useradd -r app\nCOPY --chown=app:app . /app\nUSER app",
	Good:  "FROM python:3.12-slim\nRUN useradd -r app\nCOPY . /app\nUSER app",
	Check: checkCodeOwnedByRuntimeUser,
}

func checkCodeOwnedByRuntimeUser(p *Pass) {
	final := p.FinalStage()
	if final == nil {
		return
	}
	user := stageUser(final)
	if userIsRoot(user) || strings.Contains(user, "$") {
		return
	}
	name, _, _ := strings.Cut(user, ":")
	same := sameUser(p.Dockerfile, final, name)
	for _, in := range ChainInstructions(final) {
		if in.Cmd != "copy" && in.Cmd != "add" {
			continue
		}
		var chown string
		switch c := in.Command.(type) {
		case *instructions.CopyCommand:
			chown = c.Chown
		case *instructions.AddCommand:
			chown = c.Chown
		}
		owner, _, _ := strings.Cut(chown, ":")
		if owner == "" || !same(owner) {
			continue
		}
		p.Report(flagRange(in, "chown"), fmt.Sprintf("--chown=%s makes the copied files writable by %s, the user the container runs as; keep code owned by root and chown only what %s must write", chown, name, name))
	}
}

// sameUser returns a test for whether a user name or UID denotes user name,
// using the UIDs given to users created in the stage's chain.
func sameUser(f *dockerfile.File, st *dockerfile.Stage, name string) func(string) bool {
	chain := map[*dockerfile.Stage]bool{}
	for _, s := range st.Chain() {
		chain[s] = true
	}
	aliases := map[string]bool{name: true}
	forEachUserCommand(f, func(c userCommand) {
		if !chain[c.Stage] || !c.Name.Lit || !c.UID.Lit || c.UID.Value == "" {
			return
		}
		if c.Name.Value == name || c.UID.Value == name {
			aliases[c.Name.Value], aliases[c.UID.Value] = true, true
		}
	})
	return func(u string) bool { return aliases[u] }
}
