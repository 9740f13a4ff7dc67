package rules

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
)

var (
	idRE   = regexp.MustCompile(`^(DL|DI|DD)\d{4}$`)
	nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// TestRegistryMetadata checks every rule's declaration, the one source of
// its docs, listing and SARIF metadata.
func TestRegistryMetadata(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, fam := range families() {
		for i := 1; i < len(fam); i++ {
			if fam[i-1].ID >= fam[i].ID {
				t.Errorf("registry list not sorted by ID: %s before %s", fam[i-1].ID, fam[i].ID)
			}
		}
	}
	for _, r := range All() {
		if !idRE.MatchString(r.ID) {
			t.Errorf("%s: ID does not match %s", r.ID, idRE)
		}
		if ids[r.ID] {
			t.Errorf("%s: duplicate ID", r.ID)
		}
		ids[r.ID] = true
		if !nameRE.MatchString(r.Name) {
			t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
		}
		if names[r.Name] {
			t.Errorf("%s: duplicate name %q", r.ID, r.Name)
		}
		names[r.Name] = true
		if r.Summary == "" || len(r.Summary) > 70 || strings.HasSuffix(r.Summary, ".") {
			t.Errorf("%s: summary must be one line of at most 70 characters without a trailing period: %q", r.ID, r.Summary)
		}
		if r.Doc == "" {
			t.Errorf("%s: no Doc", r.ID)
		}
		if r.Severity < Style || r.Severity > Error {
			t.Errorf("%s: invalid severity %d", r.ID, r.Severity)
		}
		if r.HasTag(TagSecurity) != (r.SecuritySeverity > 0) {
			t.Errorf("%s: security rules, and only they, need a SecuritySeverity", r.ID)
		}
		if r.Check == nil {
			continue // reserved: reported by the engine
		}
		if r.Bad == "" || r.Good == "" {
			t.Errorf("%s: Bad and Good examples are required", r.ID)
		}
		if len(r.Tags) == 0 {
			t.Errorf("%s: no tags", r.ID)
		}
		want := map[string][]parser.Kind{
			"DL": {parser.Dockerfile},
			"DI": {parser.DockerIgnore, parser.BuildContext},
			"DD": {parser.DaemonJSON},
		}[r.ID[:2]]
		ok := false
		for _, k := range want {
			ok = ok || k == r.Kind
		}
		if !ok {
			t.Errorf("%s: kind %s does not fit the ID prefix", r.ID, r.Kind)
		}
		for _, a := range r.Aliases {
			if a == "" || strings.TrimSpace(a) != a {
				t.Errorf("%s: bad alias %q", r.ID, a)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"DL1000", "dl1000", "dockerfile-parse-error"} {
		rs := Lookup(name)
		if len(rs) != 1 || rs[0] != dockerfileParseError {
			t.Errorf("Lookup(%q) = %v, want DL1000", name, rs)
		}
	}
	if rs := Lookup("no-such-rule"); len(rs) != 0 {
		t.Errorf("Lookup of an unknown name = %v", rs)
	}
	// An alias of several rules lists each once, and listing them leaves
	// the catalogue as it was (a name of one rule shares its array).
	var ids []string
	for _, r := range Lookup("multipleinstructionsdisallowed") {
		ids = append(ids, r.ID)
	}
	if want := []string{"DL3012", "DL4003", "DL4004"}; !slices.Equal(ids, want) {
		t.Errorf("Lookup(MultipleInstructionsDisallowed) = %v, want %v", ids, want)
	}
	catalogue := All()
	for i, r := range catalogue {
		if i > 0 && catalogue[i-1].ID >= r.ID {
			t.Fatalf("the catalogue is out of order at %s", r.ID)
		}
		if rs := Lookup(r.ID); len(rs) != 1 || rs[0] != r {
			t.Fatalf("Lookup(%s) = %v", r.ID, rs)
		}
	}
	if got := Suggest("dockerfile-parse-eror"); got != "dockerfile-parse-error" {
		t.Errorf("Suggest(dockerfile-parse-eror) = %q", got)
	}
}

func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "DL3008", "dockerfile-parse-error", "MultipleInstructionsDisallowed", "CKV_DOCKER_3",
		"DS-0002", "ÉCOLE", "Ünïcode-Name", "aßC", "\u212Aelvin", "\xff\xfeA"} {
		if got, want := string(appendLower([]byte("prefix "), s)), "prefix "+strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
		}
	}
}
