package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dlint/dlint/parser"
)

// maxFileSize caps what dlint reads from one file: no Dockerfile,
// .dockerignore or daemon.json is anywhere near it.
const maxFileSize = 8 << 20

// skipDirs are never descended into while searching a directory.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true}

// target is one file to lint.
type target struct {
	path    string      // as shown in reports: as the user named it, slash-separated
	fsPath  string      // where to read it ("" for standard input)
	kind    parser.Kind // what to parse it as
	named   bool        // named explicitly, not found by a directory search
	fromDir bool
}

// discover expands the command-line paths into files to lint. Missing
// paths are errors; a directory yields the files whose names dlint knows.
func discover(paths []string, forced parser.Kind, stdinName string) ([]target, []error) {
	var out []target
	var errs []error
	seen := map[string]bool{}
	add := func(t target) {
		key := t.fsPath
		if key == "" {
			key = "-"
		}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, t)
	}
	for _, p := range paths {
		if p == "-" {
			name := stdinName
			if name == "" {
				name = "-"
			}
			k := forced
			if k == parser.Unknown {
				k = parser.KindOfNamed(name)
			}
			add(target{path: filepath.ToSlash(name), kind: k, named: true})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, pathError(p, err))
			continue
		}
		if !info.IsDir() {
			k := forced
			if k == parser.Unknown {
				k = parser.KindOfNamed(p)
			}
			add(target{path: displayPath(p), fsPath: p, kind: k, named: true})
			continue
		}
		var found []target
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				errs = append(errs, pathError(path, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && skipDirs[d.Name()] {
					return fs.SkipDir
				}
				return nil
			}
			k := parser.KindOf(d.Name())
			if k == parser.Unknown {
				return nil
			}
			if forced != parser.Unknown && forced != k {
				return nil
			}
			if !d.Type().IsRegular() {
				return nil // symlinks, FIFOs and devices are not followed in a search
			}
			found = append(found, target{path: displayPath(path), fsPath: path, kind: k, fromDir: true})
			return nil
		})
		if walkErr != nil {
			errs = append(errs, pathError(p, walkErr))
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		for _, t := range found {
			add(t)
		}
	}
	return out, errs
}

// displayPath is a path as reports show it: slash-separated, cleaned, and
// relative to the working directory when it lies below it.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func pathError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file or directory", p)
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%s: permission denied", p)
	}
	return fmt.Errorf("%s: %w", p, err)
}

// readTarget reads a file, refusing what is not a regular file (a FIFO
// would block forever) and what is larger than maxFileSize.
func readTarget(t target, stdin io.Reader) ([]byte, error) {
	if t.fsPath == "" {
		return readCapped(stdin, t.path)
	}
	// Stat before opening: opening a FIFO blocks until someone writes to it.
	info, err := os.Stat(t.fsPath)
	if err != nil {
		return nil, pathError(t.fsPath, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", t.fsPath)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", t.fsPath)
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("%s: file is %d bytes, over the %d-byte limit", t.fsPath, info.Size(), maxFileSize)
	}
	f, err := os.Open(t.fsPath)
	if err != nil {
		return nil, pathError(t.fsPath, err)
	}
	defer f.Close()
	return readCapped(f, t.fsPath)
}

func readCapped(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, pathError(name, err)
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("%s: over the %d-byte limit", name, maxFileSize)
	}
	return b, nil
}
