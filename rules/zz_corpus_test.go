package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
)

func TestZZCorpus(t *testing.T) {
	root := os.Getenv("CORPUS")
	if root == "" {
		t.Skip()
	}
	mine := map[*Rule]bool{}
	for _, r := range instructionRules {
		mine[r] = true
	}
	counts := map[string]int{}
	files := map[string]int{}
	samples := map[string][]string{}
	n := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, _ := os.ReadFile(p)
		n++
		doc := parser.Parse(p, src, parser.Dockerfile, parser.Options{})
		seen := map[string]bool{}
		for _, f := range Run(doc, &Config{Disabled: func(r *Rule, _ string) bool { return !mine[r] && r != internalError }, Options: Options{LabelSchema: map[string]string{"maintainer": "email", "org.opencontainers.image.version": "semver", "org.opencontainers.image.source": "url", "org.opencontainers.image.url": "url", "org.opencontainers.image.created": "rfc3339", "org.opencontainers.image.revision": "hash", "org.opencontainers.image.licenses": "spdx"}, TrustedRegistries: []string{"docker.io", "*.microsoft.com"}}}) {
			id := f.Rule.ID
			if f.Rule == internalError {
				t.Errorf("%s: %s", p, f.Message)
			}
			if !mine[f.Rule] && f.Rule != internalError {
				continue
			}
			counts[id]++
			if !seen[id] {
				seen[id] = true
				files[id]++
			}
			if len(samples[id]) < 400 {
				line := ""
				if f.Range.Start.Line > 0 && f.Range.Start.Line <= doc.Lines.Count() {
					line = strings.TrimSpace(doc.Lines.Text(f.Range.Start.Line))
				}
				samples[id] = append(samples[id], fmt.Sprintf("%s:%d:%d: %s  | %s", strings.TrimPrefix(p, root), f.Range.Start.Line, f.Range.Start.Column, f.Message, line))
			}
		}
		return nil
	})
	var ids []string
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out, _ := os.Create("/tmp/corpus_report.txt")
	defer out.Close()
	fmt.Fprintf(out, "files=%d\n", n)
	for _, id := range ids {
		fmt.Fprintf(out, "%s findings=%d files=%d\n", id, counts[id], files[id])
	}
	for _, id := range ids {
		fmt.Fprintf(out, "\n== %s\n%s\n", id, strings.Join(samples[id], "\n"))
	}
}
