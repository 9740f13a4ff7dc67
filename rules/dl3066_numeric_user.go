package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var numericUser = &Rule{
	ID: "DL3066", Name: "non-numeric-user", Kind: parser.Dockerfile, Severity: Info, Optional: true,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 2.0,
	Summary:          "The final USER is a name, not a numeric UID",
	Doc: "Kubernetes' `runAsNonRoot` can only verify that an image does not run as root when its " +
		"USER is numeric: with a name such as `app` the kubelet cannot tell the UID and refuses to start " +
		"the pod, or the check has to be switched off. Use the UID (and GID) of the user you created, " +
		"`USER 10001:10001`. Only the USER in effect in the image that ships is judged (the last one " +
		"of the final stage or its parents); `root` is left to DL3002, and a user taken from a " +
		"variable is not judged. Off by default, since a named user is the norm outside Kubernetes: " +
		"turn it on with `severity: {DL3066: info}` in .dlint.yaml.",
	Bad:  "FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER app",
	Good: "FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001:10001",
	Check: func(p *Pass) {
		in, user, ok := finalUser(p)
		if !ok || isRootUser(user) {
			return
		}
		name, _, _ := strings.Cut(user, ":")
		if strings.Trim(name, "0123456789") == "" {
			return
		}
		p.Report(in.Find(name), fmt.Sprintf("USER %q is a name; use its numeric UID so runAsNonRoot can check it", name))
	},
}
