package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var rootUser = &Rule{
	ID: "DL3002", Name: "root-user", Kind: parser.Dockerfile, Severity: Warning,
	Aliases:          []string{"DS-0002", "CKV_DOCKER_8"},
	Tags:             []string{TagSecurity},
	SecuritySeverity: 7.0,
	Summary:          "The final image switches to root as its last user",
	Doc: "The last USER of the image that ships decides who the container's processes run as. " +
		"Root in a container is one kernel bug away from root on the host, and can write anywhere " +
		"in the image. Switch to an unprivileged user after the steps that need root. Only the " +
		"final stage (or --target) is judged, following `FROM <stage>` chains: build stages that " +
		"end as root never run in production.",
	Bad:  "FROM alpine:3.20\nRUN adduser -D app\nUSER app\nRUN make install\nUSER root",
	Good: "FROM alpine:3.20\nRUN adduser -D app\nUSER app",
	Check: func(p *Pass) {
		if in, user, ok := finalUser(p); ok && isRootUser(user) {
			p.Reportf(in.Find(in.Args[0]), "the final image runs as %q", user)
		}
	},
}

// finalUser is the USER instruction in effect in the image that ships and
// the user it names; ok is false when there is none or it comes from a
// variable.
func finalUser(p *Pass) (*dockerfile.Instruction, string, bool) {
	final := p.FinalStage()
	if final == nil {
		return nil, "", false
	}
	in := lastUser(final)
	if in == nil {
		return nil, "", false
	}
	user, ok := userOf(in)
	return in, user, ok
}

// lastUser is the USER in effect at the end of stage s, searching the
// stages it is built FROM; nil when none sets one.
func lastUser(s *dockerfile.Stage) *dockerfile.Instruction {
	for _, st := range s.Chain() {
		if users := st.InstructionsOf("user"); len(users) > 0 {
			return users[len(users)-1]
		}
	}
	return nil
}

// userOf is the user part of a USER instruction; ok is false when it comes
// from a variable and cannot be judged.
func userOf(in *dockerfile.Instruction) (string, bool) {
	if len(in.Args) == 0 || strings.Contains(in.Args[0], "$") {
		return "", false
	}
	return in.Args[0], true
}

func isRootUser(user string) bool {
	name, _, _ := strings.Cut(user, ":")
	return name == "root" || name == "0"
}

func nonRootImage(im dockerfile.Image) bool {
	s := strings.ToLower(im.Tag + " " + im.Repository)
	return strings.Contains(s, "nonroot") || strings.Contains(s, "non-root") || strings.Contains(s, "rootless")
}

// stageLabel names a stage in messages.
func stageLabel(s *dockerfile.Stage) string {
	if s.Name != "" {
		return "\"" + s.Name + "\""
	}
	return "(line " + itoa(s.From.Line()) + ")"
}
