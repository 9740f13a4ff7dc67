package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInputsRunAndFetchNothing: a repository whose Dockerfiles,
// daemon.json, ignore file, file names and configuration name programs and
// addresses makes dlint run none of them and connect to none, and dlint
// leaves the tree as it was. ShellCheck, given on the command line, gets a
// fixed argument vector: the scripts are files dlint names itself.
func TestInputsRunAndFetchNothing(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback listener:", err)
	}
	defer ln.Close()
	connected := make(chan string, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			connected <- c.RemoteAddr().String()
			c.Close()
		}
	}()
	addr := ln.Addr().String()

	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	touch := "touch " + marker
	write(t, dir, "Dockerfile", "# syntax="+addr+"/frontend:1\n"+
		"FROM "+addr+"/base:1 AS base\n"+
		"ADD http://"+addr+"/payload /payload\n"+
		"ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 git@"+addr+":x/y.git /src\n"+
		"RUN curl -fsSL http://"+addr+"/install.sh | sh && "+touch+"\n"+
		"RUN $("+touch+") `"+touch+"`\n"+
		"RUN <<EOF\n"+touch+"\nEOF\n"+
		"HEALTHCHECK CMD "+touch+"\n"+
		"ONBUILD RUN "+touch+"\n"+
		"USER app\n")
	write(t, dir, "$(touch ran).Dockerfile", "FROM alpine:3.20\nRUN echo `touch ran`\n")
	write(t, dir, "x;touch ran;.Dockerfile", "FROM alpine:3.20\nRUN echo $(touch ran)\n")
	write(t, dir, "daemon.json", `{"registry-mirrors": ["http://`+addr+`"], "hosts": ["tcp://`+addr+`"], `+
		`"authorization-plugins": ["`+touch+`"], "exec-root": "/tmp/$(touch ran)", "tlscacert": "http://`+addr+`/ca.pem"}`)
	write(t, dir, ".dockerignore", "$(touch ran)\n`touch ran`\nhttp://"+addr+"/x\n")
	// ShellCheck named by the command line, logging what it is given.
	argvLog := filepath.Join(t.TempDir(), "argv")
	fake := write(t, t.TempDir(), "shellcheck", "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> "+argvLog+"\necho '{\"comments\":[]}'\n")
	must(t, os.Chmod(fake, 0o755))

	before := treeDigest(t, dir)
	r := dlint(t, dir, "", "--no-config", "--shellcheck", fake, "-f", "json", ".")
	if r.code != 1 {
		t.Errorf("exit %d, want 1\nstdout %.1000s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a command named in the inputs ran")
	}
	time.Sleep(100 * time.Millisecond) // a connection dlint made would be accepted by now
	select {
	case from := <-connected:
		t.Errorf("dlint connected to an address named in its inputs (from %s)", from)
	default:
	}
	if after := treeDigest(t, dir); after != before {
		t.Error("dlint changed the tree it linted without --fix")
	}
	argv, err := os.ReadFile(argvLog)
	if err != nil {
		t.Fatalf("the fake ShellCheck did not run: %v", err)
	}
	for _, a := range strings.Split(strings.TrimSpace(string(argv)), "\n") {
		if !strings.HasPrefix(a, "--format=json1") && !strings.HasPrefix(a, "--exclude=") &&
			a != "--norc" && a != "--" && !isScriptName(a) {
			t.Errorf("ShellCheck was given %q: its arguments are dlint's own", a)
		}
	}
}

// isScriptName: run<n>.sh, the names dlint gives the scripts it writes.
func isScriptName(a string) bool {
	var n int
	_, err := fmt.Sscanf(a, "run%d.sh", &n)
	return err == nil && a == fmt.Sprintf("run%d.sh", n)
}

// treeDigest hashes every file's name, mode and content under dir.
func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	must(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %v %d\n", p, info.Mode(), info.Size())
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	}))
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestConfigurationCannotRunAFile: a configuration file, which can come with
// the code it checks, may not name a program by its path; dlint stops with
// the position and runs nothing.
func TestConfigurationCannotRunAFile(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	must(t, os.WriteFile(filepath.Join(dir, "lint.sh"), []byte("#!/bin/sh\ntouch "+marker+"\necho '{\"comments\":[]}'\n"), 0o755))
	write(t, dir, ".dlint.yaml", "rules:\n  shellcheck: {path: ./lint.sh}\n")
	write(t, dir, "Dockerfile", "FROM alpine:3.20\nRUN echo $x\nUSER app\n")
	r := dlint(t, dir, "", "Dockerfile")
	if r.code != 2 || !strings.Contains(r.stderr, `.dlint.yaml:2:22: rules.shellcheck.path: "./lint.sh" is a path`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the program the configuration named ran")
	}
	// The same program named on the command line runs.
	r = dlint(t, dir, "", "--no-config", "--shellcheck", filepath.Join(dir, "lint.sh"), "Dockerfile")
	if _, err := os.Stat(marker); err != nil || r.code != 0 {
		t.Errorf("--shellcheck did not run the program: exit %d, %v, stderr %q", r.code, err, r.stderr)
	}
}
