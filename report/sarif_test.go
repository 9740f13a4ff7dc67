package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dlint/dlint/rules"
)

// sarifSchemaPath is the OASIS SARIF 2.1.0 schema in the shared material
// next to the repository; the test is skipped where it is absent.
const sarifSchemaPath = "../../shared/schemas/sarif-schema-2.1.0.json"

func TestSARIFSchema(t *testing.T) {
	if _, err := os.Stat(sarifSchemaPath); err != nil {
		t.Skipf("SARIF schema not available: %v", err)
	}
	abs, err := filepath.Abs(sarifSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri and uri-reference formats are checked too
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]Input{"golden": testInput(), "empty": {}}
	withCategory := testInput()
	withCategory.SARIFCategory = "dockerfiles"
	withCategory.SourceRoot = "/src/repo"
	withCategory.Findings[0].Path = "/src/repo/app/Dockerfile"
	withCategory.Findings[1].Path = "/elsewhere/Dockerfile"
	cases["category-root"] = withCategory
	for i, h := range []string{"\x00", "\xff", " %#?[]", "c:x", "\u2028", "\\a\\b"} {
		in := testInput()
		in.Findings[0].Path = "dir" + h + "/Dockerfile"
		in.Findings[0].Message = h
		in.Findings[5].Suppression.Justification = h
		cases["hostile-"+strconv.Itoa(i)] = in
	}
	// The validator is live: a level GitHub rejects fails it.
	bad := bytes.Replace(render(t, "sarif", testInput()), []byte(`"level": "warning"`), []byte(`"level": "warn"`), 1)
	if inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad)); err != nil || sch.Validate(inst) == nil {
		t.Error("the schema accepted level \"warn\"")
	}
	for name, in := range cases {
		out := render(t, "sarif", in)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: SARIF does not validate against the 2.1.0 schema: %v", name, err)
		}
	}
}

// The shape GitHub code scanning reads, for the checks below.
type ghLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string            `json:"id"`
					Name             string            `json:"name"`
					ShortDescription map[string]string `json:"shortDescription"`
					FullDescription  map[string]string `json:"fullDescription"`
					Help             map[string]string `json:"help"`
					HelpURI          string            `json:"helpUri"`
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		ColumnKind         string                    `json:"columnKind"`
		OriginalURIBaseIDs map[string]map[string]any `json:"originalUriBaseIds"`
		Results            []struct {
			RuleID    string            `json:"ruleId"`
			RuleIndex *int              `json:"ruleIndex"`
			Level     string            `json:"level"`
			Message   map[string]string `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
						EndLine     int `json:"endLine"`
						EndColumn   int `json:"endColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []map[string]any  `json:"suppressions"`
			Fixes               []any             `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, in Input) ghLog {
	t.Helper()
	var log ghLog
	if err := json.Unmarshal(render(t, "sarif", in), &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// The ingestion rules of GitHub code scanning that the schema cannot say.
func TestSARIFGitHubRules(t *testing.T) {
	in := testInput()
	log := decodeSARIF(t, in)
	if log.Version != "2.1.0" || !strings.HasSuffix(log.Schema, "sarif-2.1.0.json") {
		t.Errorf("version %q, $schema %q", log.Version, log.Schema)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want exactly 1", len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "dlint" || d.Version != "test" || d.InformationURI == "" {
		t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	if run.AutomationDetails != nil {
		t.Error("automationDetails written without a category: it would override upload-sarif's category")
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if _, ok := run.OriginalURIBaseIDs[SARIFRootBase]; !ok {
		t.Errorf("originalUriBaseIds has no %s", SARIFRootBase)
	}

	// Every rule of the input, once, fully described.
	if len(d.Rules) != len(in.Rules) {
		t.Errorf("%d rules in the driver, want all %d", len(d.Rules), len(in.Rules))
	}
	ids := map[string]int{}
	for i, r := range d.Rules {
		if _, dup := ids[r.ID]; dup {
			t.Errorf("rule %s twice", r.ID)
		}
		ids[r.ID] = i
		for what, s := range map[string]string{"shortDescription": r.ShortDescription["text"], "fullDescription": r.FullDescription["text"], "help.text": r.Help["text"], "help.markdown": r.Help["markdown"], "name": r.Name, "helpUri": r.HelpURI} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("rule %s has no %s", r.ID, what)
			}
		}
		if len(r.ShortDescription["text"]) > 1024 || len(r.FullDescription["text"]) > 1024 || len(r.Name) > 255 {
			t.Errorf("rule %s: description or name over GitHub's limits", r.ID)
		}
		switch r.Default.Level {
		case "error", "warning", "note":
		default:
			t.Errorf("rule %s: default level %q", r.ID, r.Default.Level)
		}
		tags, _ := r.Properties["tags"].([]any)
		if len(tags) > 10 {
			t.Errorf("rule %s: %d tags, GitHub keeps 10", r.ID, len(tags))
		}
		hasSecurity := false
		for _, tag := range tags {
			hasSecurity = hasSecurity || tag == rules.TagSecurity
		}
		if sev, ok := r.Properties["security-severity"]; ok {
			s, isString := sev.(string)
			v, err := strconv.ParseFloat(s, 64)
			if !isString || err != nil || v <= 0 || v > 10 {
				t.Errorf("rule %s: security-severity %#v is not a number in (0, 10] written as a string", r.ID, sev)
			}
			if !hasSecurity {
				t.Errorf("rule %s: security-severity without the security tag", r.ID)
			}
		} else if hasSecurity {
			t.Errorf("rule %s: tagged security but has no security-severity", r.ID)
		}
		if !strings.Contains(r.Help["markdown"], r.HelpURI) {
			t.Errorf("rule %s: help.markdown does not link the docs (GitHub does not show helpUri)", r.ID)
		}
	}
	if got := d.Rules[ids["DL9002"]].Properties["security-severity"]; got != "7.5" {
		t.Errorf("security-severity = %#v, want \"7.5\"", got)
	}

	if len(run.Results) != len(in.Findings) {
		t.Fatalf("%d results, want %d (suppressed ones included)", len(run.Results), len(in.Findings))
	}
	fps := map[string]bool{}
	for i, res := range run.Results {
		f := in.Findings[i]
		if res.RuleIndex == nil || *res.RuleIndex >= len(d.Rules) || d.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex does not point at rule %s", i, res.RuleID)
		}
		if _, ok := ids[res.RuleID]; !ok {
			t.Errorf("result %d: rule %s is not in driver.rules", i, res.RuleID)
		}
		if res.Message["text"] == "" {
			t.Errorf("result %d has no message.text", i)
		}
		if want := sarifLevel(f.Severity); res.Level != want {
			t.Errorf("result %d: level %q, want %q", i, res.Level, want)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want 1", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		uri := loc.ArtifactLocation.URI
		if uri == "" || strings.Contains(uri, ":") || strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "./") || strings.Contains(uri, " ") {
			t.Errorf("result %d: uri %q is not a clean relative, encoded path", i, uri)
		}
		if loc.ArtifactLocation.URIBaseID != SARIFRootBase {
			t.Errorf("result %d: uriBaseId %q", i, loc.ArtifactLocation.URIBaseID)
		}
		reg := loc.Region
		if reg.StartLine < 1 || reg.EndLine < reg.StartLine {
			t.Errorf("result %d: region %+v", i, reg)
		}
		if f.Range.Start.Column == 0 && (reg.StartColumn != 0 || reg.EndColumn != 0) {
			t.Errorf("result %d: whole-line finding has columns %+v", i, reg)
		}
		if reg.StartLine == reg.EndLine && reg.EndColumn != 0 && reg.EndColumn <= reg.StartColumn {
			t.Errorf("result %d: empty region %+v", i, reg)
		}
		fp := res.PartialFingerprints[SARIFFingerprint]
		if fp == "" || fps[fp] {
			t.Errorf("result %d: fingerprint %q missing or not unique", i, fp)
		}
		fps[fp] = true
		if (f.Suppression != nil) != (len(res.Suppressions) == 1) {
			t.Errorf("result %d: suppressions %v", i, res.Suppressions)
		}
		if (len(f.Fixes) > 0) != (len(res.Fixes) > 0) {
			t.Errorf("result %d: fixes %v", i, res.Fixes)
		}
	}
	if got := run.Results[7].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "sub%20dir/.dockerignore" {
		t.Errorf("uri %q, want percent-encoded", got)
	}
	if got := run.Results[6].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "etc/docker/daemon.json" {
		t.Errorf("uri %q, want no leading ./", got)
	}
}

func TestSARIFCategoryAndRoot(t *testing.T) {
	in := testInput()
	in.SARIFCategory = "dockerfiles"
	in.SourceRoot = "/src/repo"
	in.Findings[0].Path = "/src/repo/app/Dockerfile"
	log := decodeSARIF(t, in)
	run := log.Runs[0]
	if run.AutomationDetails == nil || run.AutomationDetails.ID != "dockerfiles/" {
		t.Errorf("automationDetails %+v, want id \"dockerfiles/\"", run.AutomationDetails)
	}
	if got := run.OriginalURIBaseIDs[SARIFRootBase]["uri"]; got != "file:///src/repo/" {
		t.Errorf("%s uri %v", SARIFRootBase, got)
	}
	if got := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "app/Dockerfile" {
		t.Errorf("absolute path inside the root gave uri %q", got)
	}
}

// A finding whose rule is missing from Input.Rules still gets a described
// rule and a valid ruleIndex.
func TestSARIFRuleNotListed(t *testing.T) {
	in := testInput()
	in.Rules = []*rules.Rule{fakeQuiet}
	log := decodeSARIF(t, in)
	d := log.Runs[0].Tool.Driver
	for _, res := range log.Runs[0].Results {
		if d.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d does not match %s", *res.RuleIndex, res.RuleID)
		}
	}
	if len(d.Rules) != 5 {
		t.Errorf("%d rules, want 5", len(d.Rules))
	}
}
