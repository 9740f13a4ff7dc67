package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/dlint/dlint/parser"
)

func TestZZRuleTiming(t *testing.T) {
	var docs []*parser.Document
	filepath.WalkDir(filepath.Join(corpusDir, "dockerfiles"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			src, _ := os.ReadFile(p)
			docs = append(docs, parser.Parse(p, src, parser.Dockerfile, parser.Options{}))
		}
		return nil
	})
	memos := make([]map[any]any, len(docs))
	for i := range memos {
		memos[i] = map[any]any{}
	}
	times := map[string]time.Duration{}
	for _, r := range All() {
		if r.Check == nil || r.Kind != parser.Dockerfile || r == shellcheckRule {
			continue
		}
		start := time.Now()
		for i, doc := range docs {
			p := &Pass{Document: doc, Options: &Options{}, rule: r, report: func(Finding) {}, memo: memos[i]}
			r.Check(p)
		}
		times[r.ID+" "+r.Name] = time.Since(start)
	}
	var keys []string
	var total time.Duration
	for k, v := range times {
		keys = append(keys, k)
		total += v
	}
	sort.Slice(keys, func(i, j int) bool { return times[keys[i]] > times[keys[j]] })
	fmt.Println("total", total)
	for _, k := range keys[:25] {
		fmt.Println(times[k], k)
	}
}
