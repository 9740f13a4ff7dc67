package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var credentialsInRun = &Rule{
	ID: "DL5104", Name: "credentials-in-run", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 7.5,
	Aliases:          []string{"DS-0031"},
	Summary:          "A RUN puts a credential on a command line",
	Doc: "A credential written in a RUN (`aws configure set aws_secret_access_key …`, `docker login -p …`, " +
		"`npm config set //registry/:_authToken …`, `git clone https://user:token@host/…`, `az login -p`, " +
		"`doctl auth init -t`) is kept in the image history and in the layer, where anyone who can pull " +
		"the image reads it. Mount it as a build secret instead — `RUN --mount=type=secret,id=npm,env=NPM_TOKEN …` " +
		"or read it from the secret file, `$(cat /run/secrets/aws_key)` — and delete any configuration " +
		"file the tool writes in the same RUN. Values read from a secret mount are not reported; a value " +
		"taken from a secret-looking build argument is reported by DL5107.",
	Bad:   "RUN docker login -u ci -p s3cr3t registry.example.com",
	Good:  "RUN --mount=type=secret,id=reg,env=REG_PASSWORD \\\n    echo \"$REG_PASSWORD\" | docker login -u ci --password-stdin registry.example.com",
	Check: checkCredentialsInRun,
}

var shLoginOpts = shOptSpec{shortVal: "up", longVal: shSet("username", "password", "authfile", "cert-dir", "tls-verify")}

func checkCredentialsInRun(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		cmds := r.Commands()
		secretEnvs, _ := shSecretMounts(r.In)
		secretArgs := shSecretArgsInScope(p, r)
		fromSecret := func(w shell.Word) bool {
			if shReadsSecretFile(w, r.In) {
				return true
			}
			refs := shVarRefs(w)
			if len(refs) == 0 {
				return false
			}
			for _, v := range refs {
				if !secretEnvs[v] && !secretArgs[v] {
					return false
				}
			}
			return true
		}
		report := func(w shell.Word, what string) {
			if !fromSecret(w) {
				d.report(w.Range, what+" is written in the RUN and stays in the image history")
			}
		}
		for _, c := range cmds {
			if !shExecuted(c) {
				continue
			}
			// Each case names its commands (no two the same), and only
			// those need the argument values.
			switch {
			case c.Is("aws"):
				vals := c.ArgValues()
				if len(vals) < 4 || vals[0] != "configure" || vals[1] != "set" {
					continue
				}
				key := strings.ToLower(vals[2])
				if strings.HasSuffix(key, "aws_secret_access_key") || strings.HasSuffix(key, "aws_session_token") {
					report(c.Args[3], `the value of "aws configure set `+vals[2]+`"`)
				}
			case c.Is("docker", "podman", "buildah", "skopeo", "helm", "oras", "crane", "regctl"):
				if !shHasWord(c.ArgValues(), "login") {
					continue
				}
				if o, ok := shOptFind(shLoginOpts.options(c.Args), "p", "password"); ok && o.HasValue {
					report(o.ValWord, `the password of "`+c.Base()+` login `+o.optText()+`"`)
				}
			case c.Is("az"):
				if len(c.Args) == 0 || c.Args[0].Value != "login" {
					continue
				}
				if o, ok := shOptFind(shLoginOpts.options(c.Args), "p", "password"); ok && o.HasValue {
					report(o.ValWord, `the secret of "az login `+o.optText()+`"`)
				}
			case c.Is("doctl"):
				if vals := c.ArgValues(); len(vals) < 2 || vals[0] != "auth" || vals[1] != "init" {
					continue
				}
				opts := shOptSpec{shortVal: "t", longVal: shSet("access-token", "context")}.options(c.Args)
				if o, ok := shOptFind(opts, "t", "access-token"); ok && o.HasValue {
					report(o.ValWord, `the token of "doctl auth init `+o.optText()+`"`)
				}
			case c.Is("npm", "pnpm", "yarn"):
				if vals := c.ArgValues(); len(vals) >= 3 && vals[0] == "config" && vals[1] == "set" {
					checkNpmAuth(c, report)
				}
			case c.Is("git"):
				for _, a := range c.Args {
					if ui := shURLUserinfo(a.Value); ui != "" && (strings.Contains(ui, ":") || !a.Lit) {
						report(a, `the credential in URL "`+shRedactURL(a.Value)+`"`)
					}
				}
			}
		}
	}
}

// checkNpmAuth: npm config set //registry/:_authToken TOKEN (or key=value).
func checkNpmAuth(c *shell.Command, report func(shell.Word, string)) {
	args := c.Args[2:]
	for i := 0; i < len(args); i++ {
		key, val, eq := strings.Cut(args[i].Value, "=")
		k := strings.ToLower(key)
		if !strings.HasSuffix(k, "_authtoken") && !strings.HasSuffix(k, "_auth") && !strings.HasSuffix(k, "_password") && k != "npmauthtoken" {
			continue
		}
		if eq {
			if val != "" {
				report(args[i], `the value of "`+c.Base()+` config set `+key+`"`)
			}
			continue
		}
		if i+1 < len(args) {
			report(args[i+1], `the value of "`+c.Base()+` config set `+key+`"`)
			i++
		}
	}
}

func shHasWord(vals []string, w string) bool {
	for _, v := range vals {
		if v == w {
			return true
		}
	}
	return false
}

// shRedactURL hides the user information of a URL in messages.
func shRedactURL(u string) string {
	ui := shURLUserinfo(u)
	if ui == "" {
		return u
	}
	return strings.Replace(u, ui+"@", "***@", 1)
}
