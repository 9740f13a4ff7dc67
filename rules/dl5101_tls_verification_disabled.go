package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
)

var tlsDisabled = &Rule{
	ID: "DL5101", Name: "tls-verification-disabled", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 7.0,
	Aliases:          []string{"CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_14"},
	Summary:          "Certificate verification is turned off for downloads",
	Doc: "Turning off TLS certificate checks lets anyone on the network path (a proxy, a compromised " +
		"mirror, a hostile Wi-Fi on a laptop build) replace what the build downloads, and the image then " +
		"ships their code. dlint reports `curl -k`/`--insecure`, `wget --no-check-certificate`, " +
		"`git -c http.sslVerify=false` and `git config http.sslVerify false`, and the variables " +
		"`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0` and `GIT_SSL_NO_VERIFY` set by ENV, ARG " +
		"or on a command line. When a private CA is the reason, add its certificate to the trust store " +
		"(`COPY ca.crt /usr/local/share/ca-certificates/` and `update-ca-certificates`) or pass it to the " +
		"tool (`curl --cacert`, `GIT_SSL_CAINFO`, `NODE_EXTRA_CA_CERTS`). Package-manager options " +
		"(pip --trusted-host, npm strict-ssl, yum sslverify) are checked by the package rules.",
	Bad:   "RUN curl -kfsSLO https://example.com/tool.tgz",
	Good:  "RUN curl -fsSLO --cacert /etc/ssl/corp-ca.pem https://example.com/tool.tgz",
	Check: checkTLSDisabled,
}

// shInsecureEnv tells whether setting a variable to value turns off TLS checks.
func shInsecureEnv(name, value string) bool {
	v := strings.Trim(value, `"'`)
	switch name {
	case "NODE_TLS_REJECT_UNAUTHORIZED", "PYTHONHTTPSVERIFY":
		return v == "0"
	case "GIT_SSL_NO_VERIFY":
		// git only checks that the variable is set.
		return v != ""
	}
	return false
}

func shFalsy(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'`)) {
	case "false", "0", "no", "off":
		return true
	}
	return false
}

// shGitSSLVerifyKey: http.sslVerify or http.<url>.sslVerify.
func shGitSSLVerifyKey(k string) bool {
	k = strings.ToLower(k)
	return strings.HasPrefix(k, "http.") && strings.HasSuffix(k, ".sslverify")
}

var shGitGlobalOpts = shOptSpec{shortVal: "cC", longVal: shSet("git-dir", "work-tree", "namespace", "exec-path", "config-env", "super-prefix")}

func checkTLSDisabled(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		cmds := r.Commands()
		for _, c := range cmds {
			for _, a := range c.Assigns {
				name, val, _ := strings.Cut(a.Value, "=")
				if shInsecureEnv(name, val) {
					d.report(a.Range, name+"="+strings.Trim(val, `"'`)+" turns off TLS certificate verification")
				}
			}
			if !shExecuted(c) {
				continue
			}
			switch {
			case c.Is("curl"):
				for o := range shCurlOpts.options(c.Args) {
					if (!o.Long && o.Name == "k") || (o.Long && (o.Name == "insecure" || o.Name == "proxy-insecure" || o.Name == "doh-insecure")) {
						d.report(o.optRange(), `"curl `+o.optText()+`" turns off TLS certificate verification`)
					}
				}
			case c.Is("wget"):
				for o := range shWgetOpts.options(c.Args) {
					if o.Long && (o.Name == "no-check-certificate" || (o.Name == "check-certificate" && o.HasValue && shFalsy(o.Value))) {
						d.report(o.optRange(), `"wget `+o.optText()+`" turns off TLS certificate verification`)
					}
				}
			case c.Is("git"):
				checkGitTLS(d, c)
			}
		}
	}
	// export/declare/readonly NAME=value set the variable for what follows.
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if !c.Is("export", "declare", "readonly", "typeset", "local") {
				continue
			}
			for _, a := range c.Args {
				name, val, ok := strings.Cut(a.Value, "=")
				if ok && a.Lit && shInsecureEnv(name, val) {
					d.report(a.Range, name+"="+strings.Trim(val, `"'`)+" turns off TLS certificate verification")
				}
			}
		}
	}
	for _, in := range append(shInstructionsOf(p.Dockerfile, "env"), shInstructionsOf(p.Dockerfile, "arg")...) {
		checkEnvTLS(d, in)
	}
}

func checkGitTLS(d *shDedup, c *shell.Command) {
	opts, pos := shGitGlobalOpts.parse(c.Args)
	for _, o := range opts {
		if !o.Long && o.Name == "c" {
			k, v, _ := strings.Cut(o.Value, "=")
			if shGitSSLVerifyKey(k) && shFalsy(v) {
				d.report(o.ValWord.Range, `"git -c `+o.Value+`" turns off TLS certificate verification`)
			}
		}
	}
	if len(pos) < 3 || pos[0].Value != "config" {
		return
	}
	// git config [--global|--system|--file f] [set] http.sslVerify false
	var rest []shell.Word
	for i := 1; i < len(pos); i++ {
		rest = append(rest, pos[i])
	}
	if len(rest) > 0 && rest[0].Value == "set" {
		rest = rest[1:]
	}
	if len(rest) >= 2 && shGitSSLVerifyKey(rest[0].Value) && shFalsy(rest[1].Value) {
		d.report(rest[1].Range, `"git config `+rest[0].Value+` `+rest[1].Value+`" turns off TLS certificate verification`)
	}
}

func checkEnvTLS(d *shDedup, in *dockerfile.Instruction) {
	var kvs [][2]string
	switch cmd := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range cmd.Env {
			kvs = append(kvs, [2]string{kv.Key, kv.Value})
		}
	case *instructions.ArgCommand:
		for _, kv := range cmd.Args {
			if kv.Value != nil {
				kvs = append(kvs, [2]string{kv.Key, *kv.Value})
			}
		}
	default:
		return
	}
	cursor := in.KeywordRange.End
	for _, kv := range kvs {
		if !shInsecureEnv(kv[0], kv[1]) {
			continue
		}
		r, ok := in.FindAfter(kv[0], cursor)
		if !ok {
			r = in.Find(kv[0])
		} else {
			cursor = r.End
		}
		d.report(r, strings.ToUpper(in.Cmd)+" "+kv[0]+"="+kv[1]+" turns off TLS certificate verification")
	}
}
