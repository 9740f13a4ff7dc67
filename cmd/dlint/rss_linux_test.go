package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dlintMeasured runs dlint as dlint() does, and reports the most memory it
// held. Linux counts a process's peak from the memory of the process that
// started it, up to the moment it replaced itself with the new program;
// the test process holds the large inputs, so dlint is started by a fresh
// copy of the test binary, whose own memory is a few megabytes.
func dlintMeasured(t *testing.T, dir string, args ...string) result {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	report, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer report.Close()
	cmd := exec.Command(self, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", measuredChildEnv+"="+binary)
	cmd.ExtraFiles = []*os.File{w}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill() // and dlint with it (Pdeathsig)
		t.Fatalf("dlint %v did not finish", args)
	}
	rss, _ := io.ReadAll(report)
	kb, err := strconv.ParseInt(strings.TrimSpace(string(rss)), 10, 64)
	if err != nil {
		t.Fatalf("no peak memory from the measuring process (%v); stderr: %.500s", err, errb.String())
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode(), kb * 1024}
}

// runMeasuredChild is the test binary as dlintMeasured's go-between: it
// runs dlint with its own arguments and standard streams, writes dlint's
// peak memory in kilobytes to file descriptor 3 and exits as dlint did.
func runMeasuredChild(dlintPath string) int {
	cmd := exec.Command(dlintPath, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	err := cmd.Run()
	var exited *exec.ExitError
	if err != nil && !errors.As(err, &exited) {
		fmt.Fprintln(os.Stderr, "measuring dlint:", err)
		return 125
	}
	report := os.NewFile(3, "peak-memory")
	fmt.Fprintln(report, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	report.Close()
	return cmd.ProcessState.ExitCode()
}
