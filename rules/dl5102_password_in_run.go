package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var passwordInRun = &Rule{
	ID: "DL5102", Name: "password-set-in-run", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 6.0,
	Aliases:          []string{"CKV2_DOCKER_17"},
	Summary:          "A RUN sets or removes an account password",
	Doc: "A password set while building (`chpasswd`, `useradd -p`, `usermod -p`, `passwd --stdin`) is " +
		"baked into every container started from the image: its hash sits in /etc/shadow for anyone " +
		"who pulls the image, and the plain text usually stays in the image history too. `passwd -d` " +
		"leaves the account with an empty password. Containers rarely need login passwords: create " +
		"system users without one (`useradd -r`), lock them (`passwd -l`), and provide credentials at " +
		"run time through secrets if a service really needs them.",
	Bad:   "RUN echo 'root:hunter2' | chpasswd",
	Good:  "RUN useradd -r -u 10001 app && passwd -l app",
	Check: checkPasswordInRun,
}

var shUseraddOpts = shOptSpec{
	shortVal: "bcdefgGkKpRPsuUZ",
	longVal: shSet("base-dir", "comment", "home-dir", "expiredate", "inactive", "gid", "groups", "skel", "key",
		"password", "root", "prefix", "shell", "uid", "selinux-user", "login"),
}

var shPasswdOpts = shOptSpec{shortVal: "inwxrRP", longVal: shSet("inactive", "mindays", "warndays", "maxdays", "repository", "root", "prefix")}

func checkPasswordInRun(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if !shExecuted(c) {
				continue
			}
			switch {
			case c.Is("chpasswd", "chgpasswd"):
				d.report(c.Name.Range, `"`+c.Base()+`" sets a password that is baked into the image`)
			case c.Is("useradd", "usermod", "adduser", "groupadd", "groupmod"):
				if o, ok := shOptFind(shUseraddOpts.options(c.Args), "p", "password"); ok && !shLockedPassword(o.Value) {
					d.report(o.optRange(), `"`+c.Base()+` `+o.optText()+`" sets a password that is baked into the image`)
				}
			case c.Is("passwd"):
				opts := shPasswdOpts.options(c.Args)
				if o, ok := shOptFind(opts, "stdin"); ok {
					d.report(o.optRange(), `"passwd --stdin" sets a password that is baked into the image`)
				} else if o, ok := shOptFind(opts, "d", "delete"); ok {
					d.report(o.optRange(), `"passwd `+o.optText()+`" leaves the account without a password`)
				}
			}
		}
	}
}

// shLockedPassword: an empty value or a hash starting with '*' or '!' can
// never match a password; the account is locked.
func shLockedPassword(v string) bool {
	return v == "" || strings.HasPrefix(v, "*") || strings.HasPrefix(v, "!")
}
