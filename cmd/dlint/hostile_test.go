package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/dlint/dlint/report"
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
	longGlob := strings.Repeat("**/", 1365) + "x\n" // a 4 KB regular expression
	var chain strings.Builder                       // 20,000 stages, each built FROM the one before
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
		format     string // of the report
		maxMB      int64  // the most memory dlint may hold
	}{
		{"binary", "bin/Dockerfile", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe"), []int{1}, "DL1000", "", "text", 128},
		{"invalid UTF-8", "utf8/Dockerfile", []byte("FROM alpine:3.20\nLABEL x=\"\xff\xfe\"\nUSER app\n"), []int{1}, "invalid UTF-8", "", "text", 128},
		{"invalid UTF-8 in a variable", "utf8var/Dockerfile", []byte("FROM $\xfc\xfc\nENV A=\xff${B}\n"), []int{1}, "invalid UTF-8", "", "text", 128},
		{"300,000 nested subshells", "nest/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN <<EOF\n" + strings.Repeat("(\n", 300000) + "true\n" + strings.Repeat(")\n", 300000) + "EOF\n"), []int{1}, "nested more than", "", "text", 192}, // 90-105 MB: BuildKit keeps a range per heredoc line
		// Deep trees the nesting count cannot see: arithmetic (a fatal
		// stack overflow at 600,000 levels) and closers in quotes (24 GB).
		{"arithmetic 600,000 negations deep", "arith/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN echo $((" + strings.Repeat(strings.Repeat("!", 60000)+"\\\n", 10) + "1))\n"), []int{1}, "not analysed", "", "text", 128},
		{"70,000 substitutions behind quoted closers", "closers/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN <<EOF\n" + strings.Repeat(`echo $(echo ")" \`+"\n", 70000) + "true" + strings.Repeat(")\\\n", 70000) + "\nEOF\n"), []int{1}, "not analysed", "", "text", 128},
		{"2 MB ignore pattern", "longignore/.dockerignore", []byte(strings.Repeat("a/", 1<<20) + "x\n"), []int{1}, "BuildKit cannot read the file", "", "text", 128},
		{"60 KB ignore pattern", "longpattern/.dockerignore", []byte(strings.Repeat("a/", 30_000) + "x\n"), []int{1}, "longer than any path", "", "text", 128},
		{"ENV nested 600,000 deep", "envnest/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nENV A=" + strings.Repeat("${a:-\\\n", 600000) + "x\\\n" + strings.Repeat("}\\\n", 599999) + "}\n"), []int{0, 1}, "", "", "text", 128},
		{"heredoc line nested 600,000 deep", "hdnest/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN cat <<EOF \\\n" + strings.Repeat("${a:-\\\n", 600000) + "x\\\n" + strings.Repeat("}\\\n", 599999) + "}\nhi\nEOF\n"), []int{1}, "nested more than", "", "text", 128},
		{"invalid UTF-8 on a heredoc line", "hdutf8/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nRUN cat <<EOF \xff\xfe\nx\nEOF\n"), []int{1}, "invalid UTF-8", "", "text", 128},
		{"UTF-16 Dockerfile", "u16/Dockerfile", utf16le("FROM alpine:3.20\n"), []int{1}, "UTF-16", "", "text", 128},
		{"UTF-16 daemon.json", "u16/daemon.json", utf16le(`{"debug": true}`), []int{0, 1}, "", "", "text", 128},
		{"no trailing newline", "nonl/Dockerfile", []byte("FROM alpine:3.20\nUSER app"), []int{0}, "", "", "text", 128},
		{"unterminated heredoc", "hd/Dockerfile", []byte("FROM alpine:3.20\nRUN <<EOF\nrm -rf /\n"), []int{1}, "unterminated heredoc", "", "text", 128},
		{"2 MB line", "long/Dockerfile", []byte("FROM alpine:3.20\nRUN echo " + strings.Repeat("x", 2<<20) + "\n"), []int{1}, "65,535 bytes", "", "text", 128},
		{"150,000 ignore patterns", "patterns/.dockerignore", []byte(patterns.String()), []int{1}, "over 10000 patterns", "", "text", 128},
		{"a Dockerfile beside 150,000 ignore patterns", "patterns/Dockerfile", []byte("FROM alpine:3.20\nCOPY . /app\nUSER app\n"), []int{0}, "", "", "text", 128},
		// Each finding is kept until its file is reported, so memory grows
		// with their number (bounded by the size cap): about 1 KB each.
		{"330,000 findings on one line (200,000 hosts)", "hosts/daemon.json", []byte(hosts.String()), []int{1}, "DD1023", "", "text", 512},
		{"330,000 findings on one line, as SARIF", "hosts/daemon.json", []byte(hosts.String()), []int{1}, `"DD1023"`, "", "sarif", 768},
		{"FROM chain of 20,000 stages", "chain/Dockerfile", []byte(chain.String()), []int{1}, "FROM <stage> chains too long", "", "text", 128},
		{"deep JSON", "deep/daemon.json", []byte(deepJSON), []int{1}, "DD1000", "", "text", 128},
		{"huge numbers", "num/daemon.json", []byte(`{"mtu": 1e99999, "max-concurrent-downloads": 123456789012345678901234567890}`), []int{0, 1}, "", "", "text", 128},
		{"over the size cap", "big/Dockerfile", bytes.Repeat([]byte("# padding line\n"), (maxFileSize/15)+10), []int{2}, "", "over the", "text", 128},
		{"terminal escapes", "esc/Dockerfile", []byte("FROM alpine\x1b]0;pwned\x07\x1b[2J\nUSER app\n"), []int{0}, `\x1b`, "", "text", 128},
		{"empty", "empty/Dockerfile", []byte(""), []int{1}, "empty", "", "text", 128},
		{"empty ignore file", "empty/.dockerignore", []byte(""), []int{0, 1}, "", "", "text", 128},
		{"ignore patterns that are not UTF-8 or hold a NUL", "latin1/.dockerignore", []byte("caf\xe9\nlogs/\xff*.log\nbin\x00ary\n"), []int{0}, "holds a NUL", "", "text", 128},
		// A pattern of 1,365 "**" took 128 MB and 10 ms for each path it was
		// compared with: such an ignore file is not analysed.
		{"an exception 2,000 directories deep against a 4 KB pattern of **", "deepexception/.dockerignore", []byte("!" + strings.Repeat("a/", 2000) + "a\n" + longGlob), []int{1}, "not analysed", "", "text", 128},
		{"a 4 KB ignore pattern of **", "deepcopy/.dockerignore", []byte(longGlob), []int{1}, "not analysed", "", "text", 128},
		{"a COPY source 2,000 directories deep beside it", "deepcopy/Dockerfile", []byte("FROM alpine:3.20\nUSER app\nCOPY " + strings.Repeat("a/", 1999) + "a /x\n"), []int{0}, "DL5205", "", "text", 128},
		{"a Dockerfile beside them", "latin1/Dockerfile", []byte("FROM alpine:3.20\nCOPY . /app\nUSER app\n"), []int{0}, "", "", "text", 128},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, dir, c.file, string(c.content))
			r := dlintMeasured(t, dir, "--fail-level", "error", "-f", c.format, p)
			if r.peakRSS > c.maxMB<<20 {
				t.Errorf("dlint held %d MB, over the %d MB expected", r.peakRSS>>20, c.maxMB)
			}
			ok := false
			for _, code := range c.codes {
				ok = ok || r.code == code
			}
			if !ok {
				t.Errorf("exit %d, want one of %v\nstdout: %.500s\nstderr: %.500s", r.code, c.codes, r.stdout, r.stderr)
			}
			internalError := "(DL0000 " // a rule that failed, in text
			if c.format == "sarif" {
				internalError = `"ruleId": "DL0000"`
				if !json.Valid([]byte(r.stdout)) {
					t.Errorf("the SARIF log is not JSON: %.500s", r.stdout)
				}
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "fatal error") || strings.Contains(r.stdout, internalError) {
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
	// A tree of 100,000 files: only the known names are read, and the
	// listing of the build context a COPY . sends is kept within bounds.
	many := filepath.Join(dir, "many")
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, 500)
	for d := range 500 { // 500 directories of 200 files, made side by side
		wg.Add(1)
		go func() {
			defer wg.Done()
			sub := filepath.Join(many, fmt.Sprintf("d%03d", d))
			errs[d] = os.MkdirAll(sub, 0o755)
			for i := d; i < 100_000 && errs[d] == nil; i += 500 {
				name, content := fmt.Sprintf("f%d.txt", i), ""
				if i%1000 == 0 {
					name, content = fmt.Sprintf("f%d.Dockerfile", i), clean
				}
				errs[d] = os.WriteFile(filepath.Join(sub, name), []byte(content), 0o644)
			}
		}()
	}
	wg.Wait()
	must(t, errors.Join(errs...))
	write(t, many, "Dockerfile", "FROM alpine:3.20\nCOPY . /app\nUSER app\n")
	write(t, many, "d499/.git/HEAD", "ref: refs/heads/main\n")
	t.Logf("made the tree in %v", time.Since(start))
	r = dlintMeasured(t, dir, "many")
	if r.code != 1 || !strings.Contains(r.stderr, "101 files checked") || r.peakRSS > 128<<20 ||
		!strings.Contains(r.stdout, "many/Dockerfile:2:6: warning: COPY . sends the whole build context and there is no .dockerignore: it includes d499/.git/") {
		t.Errorf("tree: exit %d, %d MB\nstdout %q\nstderr %q", r.code, r.peakRSS>>20, r.stdout, r.stderr)
	}
	// 400 build contexts nested in each other over 2,000 files, with
	// configuration discovery: each Dockerfile's context holds everything
	// below it, and each looks for a configuration in all its parents.
	nested := filepath.Join(dir, "nested")
	must(t, os.MkdirAll(filepath.Join(nested, ".git"), 0o755))
	deep := nested
	for i := range 400 {
		content := clean
		if i == 0 {
			content = "FROM alpine:3.20\nCOPY . /app\nUSER app\n"
		}
		write(t, deep, "Dockerfile", content)
		deep = filepath.Join(deep, "d")
	}
	write(t, deep, ".env", "TOKEN=x\n")
	for i := range 2000 {
		write(t, deep, fmt.Sprintf("f%d", i), "")
	}
	r = dlintMeasured(t, nested)
	secret := `Dockerfile:2:6: warning: COPY . copies secret file "` + strings.Repeat("d/", 400) + `.env" into the image`
	if r.code != 1 || !strings.Contains(r.stderr, "400 files checked") || r.peakRSS > 160<<20 || !strings.Contains(r.stdout, secret) {
		t.Errorf("nested: exit %d, %d MB\nstdout %.2000q\nstderr %q", r.code, r.peakRSS>>20, r.stdout, r.stderr)
	}
}

// TestUnreadableFiles: a file or directory dlint may not read is named with
// the reason, the rest is linted, and the exit code is 2. Root reads
// everything, so as root dlint runs as nobody (in a directory nobody may
// enter; the test's own is its owner's alone).
func TestUnreadableFiles(t *testing.T) {
	dir, err := os.MkdirTemp("", "dlint-unreadable")
	must(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	must(t, os.Chmod(dir, 0o755))
	write(t, dir, "secret/Dockerfile", clean)
	write(t, dir, "closed/Dockerfile", clean)
	write(t, dir, "open/Dockerfile", untagged)
	write(t, dir, "Dockerfile", "FROM alpine:3.20\nCOPY . /app\nUSER app\n")
	must(t, os.Chmod(filepath.Join(dir, "secret/Dockerfile"), 0))
	must(t, os.Chmod(filepath.Join(dir, "closed"), 0))
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "closed"), 0o755) })
	var asNobody *syscall.SysProcAttr
	if os.Geteuid() == 0 {
		asNobody = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		probe := exec.Command(binary, "--version")
		probe.Dir, probe.SysProcAttr = dir, asNobody
		if out, err := probe.CombinedOutput(); err != nil {
			t.Skipf("nobody cannot run dlint here (%v: %s): the temporary directory is not reachable", err, out)
		}
	}
	for _, c := range []struct {
		args       []string
		stdout     string
		unreadable []string
		summary    string
	}{
		{[]string{"secret/Dockerfile"}, "", []string{"secret/Dockerfile"}, "0 files checked, no problems found; 1 error above\n"},
		{[]string{"closed/Dockerfile"}, "", []string{"closed/Dockerfile"}, "dlint: closed/Dockerfile: permission denied\n"}, // nothing to check: no summary
		{[]string{"."}, "open/Dockerfile:1:6", []string{"closed", "secret/Dockerfile"}, "2 files checked, 1 problem (1 warning); 2 errors above\n"},
	} {
		cmd := exec.Command(binary, c.args...)
		cmd.Dir, cmd.SysProcAttr = dir, asNobody
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		_ = cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(out.String(), c.stdout) {
			t.Errorf("%v: exit %d, want 2 with %q\nstdout %q\nstderr %q", c.args, code, c.stdout, out.String(), errb.String())
		}
		if !strings.HasSuffix(errb.String(), c.summary) {
			t.Errorf("%v: the summary is not %q: %q", c.args, c.summary, errb.String())
		}
		for _, name := range c.unreadable {
			if !strings.Contains(errb.String(), "dlint: "+name+": permission denied\n") {
				t.Errorf("%v: stderr does not say %s is unreadable: %q", c.args, name, errb.String())
			}
		}
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

// An ignore file that is a FIFO or a device is no ignore file: reading it
// would wait for a writer, or never end. A Dockerfile beside one is linted
// as if there were none, and the run ends.
func TestIgnoreFileNotARegularFile(t *testing.T) {
	for _, c := range []struct{ name, ignore, arg string }{
		{"FIFO .dockerignore", ".dockerignore", "Dockerfile"},
		{"FIFO Dockerfile.dockerignore in a search", "Dockerfile.dockerignore", "."},
		{"link to a device", ".dockerignore", "Dockerfile"},
	} {
		dir := t.TempDir()
		write(t, dir, "Dockerfile", "FROM alpine:3.20\nCOPY . /app\nUSER app\n")
		write(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
		p := filepath.Join(dir, c.ignore)
		if strings.HasPrefix(c.name, "FIFO") {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
		} else {
			must(t, os.Symlink(os.DevNull, p))
		}
		r := dlint(t, dir, "", "--no-config", c.arg) // fails the test if dlint does not end
		if r.code != 1 || !strings.Contains(r.stdout, "there is no .dockerignore") {
			t.Errorf("%s: exit %d\n%s%s", c.name, r.code, r.stdout, r.stderr)
		}
	}
}

// A configuration file is input too: one is found in the tree a CI gate
// lints. A glob of many "**" on a deep path, and a file of thousands of
// overrides asked about every rule of every file, end the run in time (the
// first never returned, the second took over two minutes on 300 files).
func TestHostileConfiguration(t *testing.T) {
	dir := t.TempDir()
	deep := strings.Repeat("d/", 30)
	write(t, dir, "stars/"+deep+"Dockerfile", untagged)
	write(t, dir, "stars/.dlint.yaml", "overrides:\n  - files: [\""+strings.Repeat("**/", 20)+"nomatch\"]\n    ignore: [DL3006]\n")
	r := dlint(t, dir, "", "stars") // fails the test if dlint does not end
	if r.code != 1 || !strings.Contains(r.stdout, "DL3006") {
		t.Errorf("many stars: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	var overrides strings.Builder
	overrides.WriteString("overrides:\n")
	for i := 0; overrides.Len() < 1<<20-200; i++ {
		fmt.Fprintf(&overrides, "  - files: [\"**/x%d/**/*.Dockerfile\"]\n    ignore: [DL3006]\n", i)
	}
	overrides.WriteString("  - files: [\"svc1*/**\"]\n    ignore: [DL3006]\n")
	write(t, dir, "many/.dlint.yaml", overrides.String())
	for i := range 100 {
		write(t, dir, fmt.Sprintf("many/svc%d/Dockerfile", i), untagged)
	}
	// A baseline that never ends is read only so far.
	if _, err := os.Stat("/dev/zero"); err == nil {
		r = dlint(t, dir, "", "--baseline", "/dev/zero", "stars")
		if r.code != 2 || !strings.Contains(r.stderr, "baseline /dev/zero: over the 128 MiB") {
			t.Errorf("baseline /dev/zero: exit %d, stderr %q", r.code, r.stderr)
		}
	}
	r = dlint(t, dir, "", "many")
	// svc1 and svc10 to svc19 match the last override.
	if r.code != 1 || strings.Count(r.stdout, "DL3006") != 100-11 || strings.Contains(r.stdout, "svc1/") || strings.Contains(r.stdout, "svc15/") {
		t.Errorf("many overrides: exit %d, %d DL3006\n%s", r.code, strings.Count(r.stdout, "DL3006"), r.stderr)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestReportsStream: every format is written as files are linted, so a run
// over many files does not hold every finding until the end. 100,000
// findings in every format at once took 480 MB when GitLab, JUnit,
// Checkstyle and Markdown gathered them (250, 260, 170 and 140 MB each).
func TestReportsStream(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 files")
	}
	dir := t.TempDir()
	for i := range 20_000 {
		write(t, dir, fmt.Sprintf("d%02d/%d.Dockerfile", i%100, i), "FROM alpine\nRUN apt-get install curl\n")
	}
	out := t.TempDir()
	args := []string{"--no-config", "--ignore", "DL5190"}
	for _, f := range report.FormatNames() {
		args = append(args, "-f", f, "-o", filepath.Join(out, f))
	}
	r := dlintMeasured(t, dir, append(args, ".")...)
	if r.code != 1 || r.peakRSS > 256<<20 {
		t.Errorf("exit %d, %d MB\n%.500s", r.code, r.peakRSS>>20, r.stderr)
	}
	gitlab, err := os.ReadFile(filepath.Join(out, "gitlab"))
	must(t, err)
	var issues []struct {
		CheckName string `json:"check_name"`
	}
	if err := json.Unmarshal(gitlab, &issues); err != nil || len(issues) != 100_000 {
		t.Errorf("the GitLab report holds %d issues, want 100,000 (%v)", len(issues), err)
	}
	junit, err := os.ReadFile(filepath.Join(out, "junit"))
	must(t, err)
	if !bytes.Contains(junit, []byte(`<testsuites name="dlint" tests="100000" failures="100000" errors="0">`)) {
		t.Errorf("the JUnit report's totals: %.300s", junit)
	}
}
