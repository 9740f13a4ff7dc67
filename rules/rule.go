package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

// Severity is how serious a finding is. The zero value is invalid.
type Severity int

// Severities, least serious first.
const (
	Style Severity = iota + 1
	Info
	Warning
	Error
)

var severityNames = map[Severity]string{Style: "style", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, bool) {
	for k, v := range severityNames {
		if strings.EqualFold(v, s) {
			return k, true
		}
	}
	return 0, false
}

// Tags that classify rules; SARIF carries them as properties.tags.
const (
	TagSecurity        = "security"
	TagSize            = "size"
	TagReproducibility = "reproducibility"
	TagCorrectness     = "correctness"
	TagMaintainability = "maintainability"
	TagPerformance     = "performance"
	TagStyle           = "style"
)

// Rule is everything about one check.
type Rule struct {
	ID       string      // stable, never reused: DL3006, DI1002, DD1003
	Name     string      // kebab-case: untagged-image
	Aliases  []string    // the same check in other tools: "SecretsUsedInArgOrEnv", "DS031", "CKV_DOCKER_8", "CIS-2.1"
	Kind     parser.Kind // the documents Check receives
	Severity Severity    // default severity
	Tags     []string    // security, size, reproducibility, correctness, maintainability, style
	// SecuritySeverity is the CVSS-like score (0.1–10) GitHub code scanning
	// shows for security rules; 0 for rules that are not about security.
	SecuritySeverity float64
	// Optional rules are off unless the configuration gives them a
	// severity (`severity: {DL3066: info}`): checks that are right for some
	// teams and noise for most.
	Optional bool
	// ProgramOptions are the options that name a program the rule runs.
	// A configuration file can come with the code it checks (a pull
	// request can add one), so a configuration file may give only a
	// command name, looked up on PATH; a path to a program is taken from
	// the command line or the environment alone.
	ProgramOptions []string
	Summary        string // one line, no trailing period
	Doc            string // why it matters and how to fix it
	// Listing, when set, renders the reference list the documentation
	// ends with (the keys dockerd accepts, say) from the tables the check
	// itself reads, so that the two cannot disagree. It is built where
	// documentation is shown, not at every start of dlint: rendering all
	// of them took a tenth of a millisecond of each run.
	Listing   func() string
	Bad, Good string // tiny examples
	Check     func(*Pass)
}

// URL is where the rule's documentation lives.
func (r *Rule) URL() string {
	return DocsURL + "#" + strings.ToLower(r.ID)
}

// Documentation is the rule's full text: Doc, then the listing.
func (r *Rule) Documentation() string {
	if r.Listing == nil {
		return r.Doc
	}
	return r.Doc + "\n\n" + r.Listing()
}

// DocsURL is the generated rules reference.
const DocsURL = "https://github.com/dlint/dlint/blob/main/docs/rules.md"

// HasTag reports whether the rule carries tag.
func (r *Rule) HasTag(tag string) bool {
	for _, t := range r.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Names returns the ID, the name and the aliases: every way to name the rule.
func (r *Rule) Names() []string {
	return append([]string{r.ID, r.Name}, r.Aliases...)
}
