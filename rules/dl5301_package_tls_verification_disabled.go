package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var packageTLSVerificationDisabled = &Rule{
	ID:               "DL5301",
	Name:             "package-tls-verification-disabled",
	Aliases:          []string{"CKV2_DOCKER_4", "CKV2_DOCKER_13", "CKV2_DOCKER_15"},
	Kind:             parser.Dockerfile,
	Severity:         Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 7.4,
	Summary:          "Do not turn off TLS certificate checks in package managers",
	Doc: `pip, npm, yarn, pnpm, composer and most language package managers do not sign packages: TLS
is the only thing that proves the package came from the registry. ` + "`pip --trusted-host`" + `,
` + "`npm config set strict-ssl false`" + ` (and yarn's and pnpm's), ` + "`--setopt=sslverify=0`" + ` for
yum/dnf, ` + "`apk --no-check-certificate`" + `, ` + "`composer config disable-tls true`" + ` /
` + "`secure-http false`" + ` and ` + "`go get -insecure`" + ` let anyone on the network path replace what is
installed. Add the proxy's or mirror's CA certificate to the image's trust store instead (and point
the tool at it: ` + "`pip --cert`" + `, ` + "`npm config set cafile`" + `).`,
	Bad:  "RUN pip install --trusted-host pypi.example.com flask==3.0.3",
	Good: "RUN pip install --cert /etc/ssl/certs/corp.pem flask==3.0.3",
	Check: func(p *Pass) {
		pmCalls(p, func(_ *pkgRun, c *pkgCall) {
			for _, o := range c.Opts {
				if tlsBypassOpt(c, o) {
					what := o.Name
					if o.HasValue && o.ValueWord == nil {
						what += "=" + o.Value
					}
					p.Report(o.Word.Range, what+" turns off TLS certificate checks for "+c.Tool+"; trust the server's CA certificate instead")
				}
			}
			if w, ok := tlsBypassConfig(c); ok {
				p.Report(w.Range, c.Tool+" "+c.Sub+" turns off TLS certificate checks; trust the server's CA certificate instead")
			}
		})
	},
}

func tlsBypassOpt(c *pkgCall, o pkgOpt) bool {
	switch c.Family {
	case famPip:
		return o.Name == "--trusted-host"
	case famNpm, famYarn, famPnpm:
		return o.Name == "--strict-ssl" && o.HasValue && pmFalsy(o.Value) || o.Name == "--no-strict-ssl"
	case famYum, famDnf:
		if o.Name == "--setopt" {
			k, v, _ := strings.Cut(o.Value, "=")
			return strings.HasSuffix(strings.ToLower(k), "sslverify") && pmFalsy(v)
		}
	case famApk:
		return o.Name == "--no-check-certificate"
	case famGo:
		return o.Name == "-insecure" || o.Name == "--insecure"
	}
	return false
}

// tlsBypassConfig finds `npm config set strict-ssl false`, `yarn config set
// enableStrictSsl false`, `pip config set global.trusted-host x`,
// `composer config disable-tls true` and returns the setting's word.
func tlsBypassConfig(c *pkgCall) (shell.Word, bool) {
	kv := func() (shell.Word, string, string, bool) {
		if len(c.Args) == 0 {
			return shell.Word{}, "", "", false
		}
		k, v, has := strings.Cut(c.Args[0].Value, "=")
		if !has && len(c.Args) > 1 {
			v = c.Args[1].Value
		}
		return c.Args[0], strings.ToLower(k), v, true
	}
	switch c.Family {
	case famNpm, famYarn, famPnpm:
		if !c.SubIs("config set", "set") {
			return shell.Word{}, false
		}
		if w, k, v, ok := kv(); ok && (k == "strict-ssl" || k == "enablestrictssl") && pmFalsy(v) {
			return w, true
		}
	case famPip:
		if c.Sub != "config" || len(c.Args) < 2 || c.Args[0].Value != "set" {
			return shell.Word{}, false
		}
		if strings.HasSuffix(c.Args[1].Value, ".trusted-host") {
			return c.Args[1], true
		}
	case famComposer:
		if c.Sub != "config" {
			return shell.Word{}, false
		}
		if w, k, v, ok := kv(); ok && (k == "disable-tls" && pmTruthy(v) || k == "secure-http" && pmFalsy(v)) {
			return w, true
		}
	}
	return shell.Word{}, false
}
