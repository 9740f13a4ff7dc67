package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/dlint/dlint/internal/nonblock"
	"github.com/dlint/dlint/internal/pathfast"
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
	mode    fs.FileMode // its type when it was found
}

// discover expands the command-line paths into files to lint. Missing
// paths are errors; a directory yields the files whose names dlint knows.
// listed, when not nil, is given each directory the search read whole: the
// build contexts of the files found list the same directories.
func discover(paths []string, forced parser.Kind, stdinName string, listed func(dir string, ents []fs.DirEntry)) ([]target, []error) {
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
	// The working directory, asked once: os.Getwd costs two stats, and a
	// list of absolute paths (xargs over a repository) asks for each.
	var wd string
	wdFor := func(p string) string {
		if wd == "" && filepath.IsAbs(p) {
			wd, _ = os.Getwd()
		}
		return wd
	}
	infos, statErrs := statAll(paths)
	for i, p := range paths {
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
		info, err := infos[i], statErrs[i]
		if err != nil {
			errs = append(errs, pathError(p, err))
			continue
		}
		if !info.IsDir() {
			k := forced
			if k == parser.Unknown {
				k = parser.KindOfNamed(p)
			}
			add(target{path: displayPathIn(wdFor(p), p), fsPath: p, kind: k, named: true, mode: info.Mode()})
			continue
		}
		var found []target
		// A directory named by a symbolic link is searched as the user
		// asked (WalkDir would see only the link): with a trailing
		// separator the link is resolved, and the paths found still
		// start with the name given. Links inside are not followed.
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator)
		}
		walkErr := walkDir(root, listed, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root {
					return err
				}
				errs = append(errs, pathError(path, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != root && skipDirs[d.Name()] {
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
			found = append(found, target{path: displayPathIn(wdFor(path), path), fsPath: path, kind: k, fromDir: true, mode: d.Type()})
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

// walkDir is filepath.WalkDir(root, fn) that also gives listed (when not
// nil) each directory it reads without error, with its entries as
// os.ReadDir returns them.
func walkDir(root string, listed func(dir string, ents []fs.DirEntry), fn fs.WalkDirFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkDirEntry(root, fs.FileInfoToDirEntry(info), listed, fn)
	}
	if errors.Is(err, fs.SkipDir) || errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// walkDirEntry walks path, whose entry in its directory is d, as
// filepath.WalkDir does: fn sees the entry, then, for a directory, fn
// sees each entry of it in name order (and again the directory, with the
// error, when it cannot be read whole); fs.SkipDir from fn skips a
// directory, or the rest of the directory a file is in.
func walkDirEntry(path string, d fs.DirEntry, listed func(string, []fs.DirEntry), fn fs.WalkDirFunc) error {
	if err := fn(path, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, fs.SkipDir) && d.IsDir() {
			err = nil // the directory is skipped
		}
		return err
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		// What could be read is still walked, unless fn says otherwise.
		if err = fn(path, d, err); err != nil {
			if errors.Is(err, fs.SkipDir) {
				err = nil
			}
			return err
		}
	} else if listed != nil {
		listed(path, ents)
	}
	for _, e := range ents {
		if err := walkDirEntry(filepath.Join(path, e.Name()), e, listed, fn); err != nil {
			if errors.Is(err, fs.SkipDir) {
				break
			}
			return err
		}
	}
	return nil
}

// statAll stats each path but "-"; a long list (a shell glob, xargs) on
// several threads, as a system call each made a serial start to the run.
func statAll(paths []string) ([]fs.FileInfo, []error) {
	infos, errs := make([]fs.FileInfo, len(paths)), make([]error, len(paths))
	stat := func(i int) {
		if paths[i] != "-" {
			infos[i], errs[i] = os.Stat(paths[i])
		}
	}
	const perThread = 256
	threads := min(runtime.GOMAXPROCS(0), len(paths)/perThread)
	if threads < 2 {
		for i := range paths {
			stat(i)
		}
		return infos, errs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range threads {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(paths); i = int(next.Add(1) - 1) {
				stat(i)
			}
		})
	}
	wg.Wait()
	return infos, errs
}

// displayPath is a path as reports show it: slash-separated, cleaned, and
// relative to the working directory when it lies below it.
func displayPath(p string) string {
	wd := ""
	if filepath.IsAbs(p) {
		wd, _ = os.Getwd()
	}
	return displayPathIn(wd, p)
}

// displayPathIn is displayPath with the working directory given ("": not
// known): a search below an absolute path asks for every file found, and
// os.Getwd costs two stats.
func displayPathIn(wd, p string) string {
	if wd != "" && filepath.IsAbs(p) {
		if rel, ok := pathfast.RelInside(wd, p); ok {
			p = rel
		}
	}
	return filepath.ToSlash(pathfast.Clean(p))
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
// would block forever) and what is larger than maxFileSize. What was not a
// regular file when it was found is not opened at all; what is opened is
// checked again, as the path may have changed since.
func readTarget(t target, stdin io.Reader) ([]byte, error) {
	if t.fsPath == "" {
		return readCapped(stdin, t.path, 0)
	}
	if err := checkRegular(t.fsPath, t.mode, -1); err != nil {
		return nil, err
	}
	f, err := nonblock.Open(t.fsPath)
	if err != nil {
		return nil, pathError(t.fsPath, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, pathError(t.fsPath, err)
	}
	if err := checkRegular(t.fsPath, info.Mode(), info.Size()); err != nil {
		return nil, err
	}
	return readCapped(f, t.fsPath, info.Size())
}

// checkRegular refuses a directory, anything else that is not a regular
// file, and a file of more than maxFileSize bytes (size < 0: unknown).
func checkRegular(name string, mode fs.FileMode, size int64) error {
	switch {
	case mode.IsDir():
		return fmt.Errorf("%s: is a directory", name)
	case !mode.IsRegular():
		return fmt.Errorf("%s: not a regular file", name)
	case size > maxFileSize:
		return fmt.Errorf("%s: file is %d bytes, over the %d-byte limit", name, size, maxFileSize)
	}
	return nil
}

// readCapped reads r to its end, or fails once it has given more than
// maxFileSize bytes. size is what r is expected to hold (0: unknown), so
// that a file is read into one buffer of the right size.
func readCapped(r io.Reader, name string, size int64) ([]byte, error) {
	// One byte more than expected, so that the read that meets the end
	// does not grow the buffer.
	b := make([]byte, 0, min(max(size, 511), maxFileSize)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if len(b) > maxFileSize {
			return nil, fmt.Errorf("%s: over the %d-byte limit", name, maxFileSize)
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, pathError(name, err)
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append grow it
		}
	}
}
