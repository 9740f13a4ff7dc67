package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"
)

// TestHostileInputs is the matrix of inputs a linter meets in the wild or
// from an attacker: each must end with exit 0, 1 or 2, a clear message, no
// panic, no hang and bounded memory.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	utf16le := func(s string) []byte {
		var b bytes.Buffer
		b.Write([]byte{0xFF, 0xFE})
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.Bytes()
	}
	deepJSON := strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)
	var patterns strings.Builder // 150,000 ignore patterns, exceptions among them
	for i := range 50000 {
		fmt.Fprintf(&patterns, "**/f%d*.bak\n!**/keep%d\nsrc/f%d\n", i, i, i)
	}
	var hosts strings.Builder // a daemon.json of 200,000 findings on its one line
	hosts.WriteString(`{"hosts": [`)
	for i := range 200000 {
		if i > 0 {
			hosts.WriteByte(',')
		}
		fmt.Fprintf(&hosts, `"tcp://0.0.0.0:%d"`, i)
	}
	hosts.WriteString("]}")
	var chain strings.Builder // 20,000 stages, each built FROM the one before
	chain.WriteString("FROM alpine:3.20 AS s0\n")
	for i := 1; i < 20000; i++ {
		fmt.Fprintf(&chain, "FROM s%d AS s%d\n", i-1, i)
	}
	cases := []struct {
		name, file string
		content    []byte
		codes      []int  // acceptable exit codes
		stdout     string // expected in stdout
		stderr     string // expected in stderr
	}{
		{"binary", "bin/Dockerfile", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe"), []int{1}, "DL1000", ""},
		{"invalid UTF-8", "utf8/Dockerfile", []byte("FROM alpine:3.20\nLABEL x=\"\xff\xfe\"\nUSER app\n"), []int{1}, "invalid UTF-8", ""},
		{"invalid UTF-8 in a variable", "utf8var/Dockerfile", []byte("FROM $\xfc\xfc\nENV A=\xff${B}\n"), []int{1}, "invalid UTF-8", ""},
		{"300,000 nested subshells", "nest/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN <<EOF\n" + strings.Repeat("(\n", 300000) + "true\n" + strings.Repeat(")\n", 300000) + "EOF\n"), []int{1}, "nested more than", ""},
		{"2 MB ignore pattern", "longignore/.dockerignore", []byte(strings.Repeat("a/", 1<<20) + "x\n"), []int{1}, "BuildKit cannot read the file", ""},
		{"60 KB ignore pattern", "longpattern/.dockerignore", []byte(strings.Repeat("a/", 30_000) + "x\n"), []int{1}, "longer than any path", ""},
		{"ENV nested 600,000 deep", "envnest/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nENV A=" + strings.Repeat("${a:-\\\n", 600000) + "x\\\n" + strings.Repeat("}\\\n", 599999) + "}\n"), []int{0, 1}, "", ""},
		{"heredoc line nested 600,000 deep", "hdnest/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN cat <<EOF \\\n" + strings.Repeat("${a:-\\\n", 600000) + "x\\\n" + strings.Repeat("}\\\n", 599999) + "}\nhi\nEOF\n"), []int{1}, "nested more than", ""},
		{"invalid UTF-8 on a heredoc line", "hdutf8/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN cat <<EOF \xff\xfe\nx\nEOF\n"), []int{1}, "invalid UTF-8", ""},
		{"UTF-16 Dockerfile", "u16/Dockerfile", utf16le("FROM alpine:3.20\n"), []int{1}, "UTF-16", ""},
		{"UTF-16 daemon.json", "u16/daemon.json", utf16le(`{"debug": true}`), []int{0, 1}, "", ""},
		{"no trailing newline", "nonl/Dockerfile", []byte("FROM alpine:3.20\nUSER app"), []int{0}, "", ""},
		{"unterminated heredoc", "hd/Dockerfile", []byte("FROM alpine:3.20\nRUN <<EOF\nrm -rf /\n"), []int{1}, "unterminated heredoc", ""},
		{"2 MB line", "long/Dockerfile", []byte("FROM alpine:3.20\nRUN echo " + strings.Repeat("x", 2<<20) + "\n"), []int{1}, "65,535 bytes", ""},
		{"150,000 ignore patterns", "patterns/.dockerignore", []byte(patterns.String()), []int{1}, "over 10000 patterns", ""},
		{"a Dockerfile beside 150,000 ignore patterns", "patterns/Dockerfile", []byte("FROM alpine:3.20\nCOPY . /app\nUSER app\n"), []int{0}, "", ""},
		{"200,000 findings on one line", "hosts/daemon.json", []byte(hosts.String()), []int{1}, "DD1023", ""},
		{"FROM chain of 20,000 stages", "chain/Dockerfile", []byte(chain.String()), []int{1}, "FROM <stage> chains too long", ""},
		{"deep JSON", "deep/daemon.json", []byte(deepJSON), []int{1}, "DD1000", ""},
		{"huge numbers", "num/daemon.json", []byte(`{"mtu": 1e99999, "max-concurrent-downloads": 123456789012345678901234567890}`), []int{0, 1}, "", ""},
		{"over the size cap", "big/Dockerfile", bytes.Repeat([]byte("# padding line\n"), (maxFileSize/15)+10), []int{2}, "", "over the"},
		{"terminal escapes", "esc/Dockerfile", []byte("FROM alpine\x1b]0;pwned\x07\x1b[2J\nUSER app\n"), []int{0}, `\x1b`, ""},
		{"empty", "empty/Dockerfile", []byte(""), []int{1}, "empty", ""},
		{"empty ignore file", "empty/.dockerignore", []byte(""), []int{0, 1}, "", ""},
		{"ignore patterns that are not UTF-8 or hold a NUL", "latin1/.dockerignore", []byte("caf\xe9\nlogs/\xff*.log\nbin\x00ary\n"), []int{0}, "holds a NUL", ""},
		{"a Dockerfile beside them", "latin1/Dockerfile", []byte("FROM alpine:3.20\nCOPY . /app\nUSER app\n"), []int{0}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, dir, c.file, string(c.content))
			r := dlint(t, dir, "", "--fail-level", "error", "-f", "text", p)
			ok := false
			for _, code := range c.codes {
				ok = ok || r.code == code
			}
			if !ok {
				t.Errorf("exit %d, want one of %v\nstdout: %.500s\nstderr: %.500s", r.code, c.codes, r.stdout, r.stderr)
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "fatal error") || strings.Contains(r.stdout, "DL0000") {
				t.Fatalf("crashed:\n%.2000s", r.stderr)
			}
			if !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("want %q in stdout and %q in stderr\nstdout: %.500s\nstderr: %.500s", c.stdout, c.stderr, r.stdout, r.stderr)
			}
			if strings.Contains(r.stderr, "<input>:") {
				t.Errorf("a library wrote its own complaint to stderr: %.500s", r.stderr)
			}
			if strings.ContainsRune(r.stdout, '\x1b') || strings.ContainsRune(r.stdout, '\x07') {
				t.Errorf("control characters reached the terminal: %q", r.stdout)
			}
		})
	}
}

func TestHostileTrees(t *testing.T) {
	dir := t.TempDir()
	// A symlink loop, a dangling link and a link to a directory outside.
	must(t, os.MkdirAll(filepath.Join(dir, "tree/a"), 0o755))
	must(t, os.Symlink("../a", filepath.Join(dir, "tree/a/loop")))
	must(t, os.Symlink("nowhere", filepath.Join(dir, "tree/Dockerfile.dangling")))
	must(t, os.Symlink("/etc", filepath.Join(dir, "tree/etc")))
	write(t, dir, "tree/a/Dockerfile", clean)
	r := dlint(t, dir, "", "tree")
	if r.code != 0 {
		t.Errorf("symlinks: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// An unreadable file (root reads everything, so only as another user).
	p := write(t, dir, "secret/Dockerfile", clean)
	must(t, os.Chmod(p, 0))
	if os.Geteuid() != 0 {
		r = dlint(t, dir, "", "secret/Dockerfile")
		if r.code != 2 || !strings.Contains(r.stderr, "permission denied") {
			t.Errorf("unreadable: exit %d stderr %q", r.code, r.stderr)
		}
	}
	// Thousands of files: only the known names are read.
	many := filepath.Join(dir, "many")
	for i := 0; i < 10000; i++ {
		sub := filepath.Join(many, fmt.Sprintf("d%03d", i%200))
		if i < 200 {
			must(t, os.MkdirAll(sub, 0o755))
		}
		name := fmt.Sprintf("f%d.txt", i)
		if i%1000 == 0 {
			name = fmt.Sprintf("f%d.Dockerfile", i)
		}
		must(t, os.WriteFile(filepath.Join(sub, name), []byte(clean), 0o644))
	}
	r = dlint(t, dir, "", "many")
	if r.code != 0 || !strings.Contains(r.stderr, "10 files checked") {
		t.Errorf("tree: exit %d stderr %q", r.code, r.stderr)
	}
}

func TestFIFOOnStdinName(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	r := dlint(t, dir, "", "pipe.Dockerfile")
	if r.code != 2 || !strings.Contains(r.stderr, "not a regular file") {
		t.Errorf("FIFO: exit %d stderr %q", r.code, r.stderr)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
