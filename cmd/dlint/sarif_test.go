package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const (
	schemaPath = "../../../shared/schemas/sarif-schema-2.1.0.json"
	corpusPath = "../../../shared/corpus"
)

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	abs, err := filepath.Abs(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Skip("SARIF schema not present:", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(abs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSARIFFromCorpusRun lints a slice of the real-world corpus end to end
// and checks the SARIF against the schema and what code scanning needs:
// rule help, relative URIs and regions.
func TestSARIFFromCorpusRun(t *testing.T) {
	schema := sarifSchema(t)
	root, err := filepath.Abs(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	_ = filepath.WalkDir(filepath.Join(root, "dockerfiles"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && len(files) < 400 {
			rel, _ := filepath.Rel(root, p)
			files = append(files, rel)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	r := dlint(t, root, "", append([]string{"-f", "sarif", "--fail-level", "none", "--kind", "dockerfile"}, files...)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(r.stdout)))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string
						Help struct{ Text, Markdown string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) < 100 {
		t.Fatalf("only %d results from %d files", len(run.Results), len(files))
	}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.Help.Text == "" || rule.Help.Markdown == "" {
			t.Errorf("rule %s has no help", rule.ID)
		}
	}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Fatalf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if strings.HasPrefix(loc.ArtifactLocation.URI, "/") || strings.Contains(loc.ArtifactLocation.URI, "://") || loc.ArtifactLocation.URIBaseID == "" {
			t.Fatalf("URI %q (base %q) is not repository-relative", loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID)
		}
		if loc.Region.StartLine < 1 {
			t.Fatalf("result without a region: %+v", res)
		}
	}
}
