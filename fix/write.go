package fix

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile replaces the file at path with content atomically, for a file
// the user named: a symbolic link is followed, so the file it names is
// replaced and the link is kept (replacing the link itself would leave the
// file unfixed and the link gone).
func WriteFile(path string, content []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return replace(path, real, content)
}

// WriteFound replaces a file dlint found itself (in a directory search, or
// the ignore file of a build context) and refuses a symbolic link: a
// linted tree must not be able to point dlint's writes at a file outside
// it.
func WriteFound(path string, content []byte) error {
	info, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return linkFound(path)
	}
	return replace(path, path, content)
}

// CreateFound creates a file dlint found missing (a build context's ignore
// file) and fails if anything is there already, a dangling symbolic link
// included, which it would otherwise follow to create a file elsewhere.
func CreateFound(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
				return linkFound(path)
			}
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	_, err = f.Write(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// WriteNamed writes a file the user named that may not exist yet (a
// baseline, a starter configuration). An existing file is replaced as
// WriteFile replaces it. A new one is first created empty, with the
// permissions the process's umask leaves of 0644, and then replaced the
// same way, so its content too appears whole or not at all: a run killed
// while writing a baseline of thousands of findings must not leave half
// of one for the next run to refuse. A dangling symbolic link is an
// error, as it is to WriteFile.
func WriteNamed(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			_ = os.Remove(path)
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := replace(path, path, content); err != nil {
			_ = os.Remove(path)
			return err
		}
		return nil
	case errors.Is(err, fs.ErrExist):
		return WriteFile(path, content)
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is named once
		}
		return fmt.Errorf("%s: %w", path, err)
	}
}

// linkFound is the error for a file dlint found that is a symbolic link.
func linkFound(path string) error {
	return fmt.Errorf("%s: a symbolic link: not changed (dlint does not write through a link it found)", path)
}

// replace writes content to a temporary file in real's directory, syncs
// it, gives it the original's mode (and, where the system allows, its
// owner and group: a fix run as root in a container must not leave the
// user's files owned by root), then renames it over real. A file that is
// read-only or has vanished is an error, and the original is never left
// half-written. Errors name path, the file as the user knows it.
func replace(path, real string, content []byte) error {
	info, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	if info.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("%s: file is read-only", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".dlint-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(content); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	keepOwner(tmp, info)
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), real); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	done = true
	return nil
}
