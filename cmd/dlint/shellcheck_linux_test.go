package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A dlint killed by its caller (a CI timeout) takes its ShellCheck process
// with it instead of leaving it to run on.
func TestShellCheckDiesWithDlint(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	fake := write(t, dir, "fake-shellcheck", "#!/bin/sh\necho $$ > "+pidFile+"\nexec sleep 60\n")
	must(t, os.Chmod(fake, 0o755))
	df := write(t, dir, "Dockerfile", "FROM alpine:3.20\nRUN echo hi\n")
	cmd := exec.Command(binary, "--no-config", "--shellcheck", fake, df)
	cmd.Dir = dir
	must(t, cmd.Start())
	var pid int
	for deadline := time.Now().Add(20 * time.Second); pid == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("the fake shellcheck never started")
		}
		if b, err := os.ReadFile(pidFile); err == nil && strings.HasSuffix(string(b), "\n") {
			pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		}
	}
	must(t, cmd.Process.Kill())
	_ = cmd.Wait()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		// Signal 0 probes; a zombie that init has not reaped yet also counts as gone.
		if err := syscall.Kill(pid, 0); err != nil || isZombie(pid) {
			return
		}
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("shellcheck (pid %d) outlived the dlint that started it", pid)
		}
	}
}

func isZombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(fields) > 0 && fields[0] == "Z"
}
