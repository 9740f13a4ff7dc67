package rules

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill cmd when dlint's thread that started
// it ends: a dlint killed by its caller (a CI timeout, a pre-commit hook
// interrupted) must not leave ShellCheck running on a hostile script.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
