package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlint/dlint/internal/testtree"
)

// walkDir calls fn exactly as filepath.WalkDir does, in the same order and
// with the same results, whatever fn answers (skip a directory, skip the
// rest of a directory from one of its files, stop everything, an error),
// for a root that is a directory, a file, missing, or a symbolic link; and
// it hands listed every directory it reads, once, with os.ReadDir's
// entries.
func TestWalkDirIsWalkDir(t *testing.T) {
	root := t.TempDir()
	testtree.Write(t, root, map[string]string{
		"Dockerfile": "", "a/Dockerfile": "", "a/b/c/Dockerfile": "", "a/b/x": "", "a/skip/Dockerfile": "",
		"d/one": "", "d/stop": "", "d/three": "", "e/f/g": "", "z": "",
	})
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "z"), filepath.Join(root, "zlink")); err != nil {
		t.Fatal(err)
	}
	type call struct {
		Path, Name string
		Dir, Err   bool
	}
	answers := map[string]error{
		"skip":  fs.SkipDir,             // a directory skipped
		"stop":  fs.SkipDir,             // a file: the rest of d is skipped
		"three": fmt.Errorf("not seen"), // after stop: never asked
		"g":     fs.SkipAll,             // the walk ends
	}
	record := func(calls *[]call) fs.WalkDirFunc {
		return func(path string, d fs.DirEntry, err error) error {
			c := call{Path: path, Err: err != nil}
			if d != nil {
				c.Name, c.Dir = d.Name(), d.IsDir()
			}
			*calls = append(*calls, c)
			if d != nil {
				return answers[d.Name()]
			}
			return err
		}
	}
	for _, r := range []string{root, filepath.Join(root, "a"), filepath.Join(root, "z"), filepath.Join(root, "missing"),
		filepath.Join(root, "link"), filepath.Join(root, "link") + string(filepath.Separator), filepath.Join(root, "e")} {
		var want, got []call
		wantErr := filepath.WalkDir(r, record(&want))
		listed := map[string][]string{}
		gotErr := walkDir(r, func(dir string, ents []fs.DirEntry) {
			if _, ok := listed[dir]; ok {
				t.Errorf("%s: %s listed twice", r, dir)
			}
			for _, e := range ents {
				listed[dir] = append(listed[dir], e.Name())
			}
			if listed[dir] == nil {
				listed[dir] = []string{}
			}
		}, record(&got))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("walk of %s (-filepath.WalkDir +walkDir):\n%s", r, diff)
		}
		if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
			t.Errorf("walk of %s: error %v, want %v", r, gotErr, wantErr)
		}
		for _, c := range got {
			ents, err := os.ReadDir(c.Path)
			names := []string{}
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if l, ok := listed[c.Path]; ok && (err != nil || !slices.Equal(l, names)) {
				t.Errorf("walk of %s: %s listed as %v, os.ReadDir reads %v (%v)", r, c.Path, l, names, err)
			}
			if _, ok := listed[c.Path]; !ok && c.Dir && answers[c.Name] == nil && err == nil {
				t.Errorf("walk of %s: directory %s entered but not listed", r, c.Path)
			}
		}
	}
}
