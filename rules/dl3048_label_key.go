package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var invalidLabelKey = &Rule{
	ID: "DL3048", Name: "invalid-label-key", Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "A LABEL key does not follow Docker's key format",
	Doc: "Docker's guidelines for label keys: lower-case letters, digits, `.`, `-` (and `_`, `/` in " +
		"practice); start with a letter and end with a letter or digit; no `..` or `--`; and the " +
		"`com.docker.`, `io.docker.` and `org.dockerproject.` namespaces are reserved for Docker. " +
		"Tools that read labels (OCI annotations, registries, scanners) expect these forms, so prefer " +
		"namespaced keys such as `org.opencontainers.image.source`. Keys given through variables are not judged.\n\n" +
		"Fix (unsafe: consumers looking for the old key miss it): the key is lowercased.",
	Bad:   "LABEL Maintainer=\"ops@example.com\"",
	Good:  "LABEL org.opencontainers.image.authors=\"ops@example.com\"",
	Check: checkInvalidLabelKey,
}

func checkInvalidLabelKey(p *Pass) {
	for _, l := range fileLabels(p.Dockerfile) {
		if l.OnBuild || strings.Contains(l.Key, "$") {
			continue
		}
		problem := labelKeyProblem(l.Key)
		if problem == "" {
			continue
		}
		msg := fmt.Sprintf("label key %q %s", l.Key, problem)
		var fixes []Fix
		if lower := strings.ToLower(l.Key); lower != l.Key && labelKeyProblem(lower) == "" && l.KeyFound {
			fixes = append(fixes, Fix{Message: "Lower-case the key (consumers looking for the old key will miss it)", Edits: []Edit{{Range: l.KeyRange, NewText: lower}}})
		}
		p.Report(l.KeyRange, msg, fixes...)
	}
}

// labelKeyProblem says what is wrong with a label key ("" when nothing).
func labelKeyProblem(k string) string {
	switch {
	case k == "":
		return "is empty"
	case strings.HasPrefix(k, "com.docker.") || strings.HasPrefix(k, "io.docker.") || strings.HasPrefix(k, "org.dockerproject."):
		return "uses a namespace reserved for Docker"
	}
	for _, c := range k {
		switch {
		case c >= 'A' && c <= 'Z':
			return "has upper-case letters"
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-', c == '_', c == '/':
		default:
			return fmt.Sprintf("has the character %q (use lower-case letters, digits, '.' and '-')", c)
		}
	}
	switch {
	case k[0] < 'a' || k[0] > 'z':
		return "must start with a letter"
	case !(k[len(k)-1] >= 'a' && k[len(k)-1] <= 'z' || k[len(k)-1] >= '0' && k[len(k)-1] <= '9'):
		return "must end with a letter or digit"
	case strings.Contains(k, ".."):
		return "has consecutive dots"
	case strings.Contains(k, "--"):
		return "has consecutive dashes"
	}
	return ""
}
