package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var packageSignatureCheckDisabled = &Rule{
	ID:               "DL5300",
	Name:             "package-signature-check-disabled",
	Aliases:          []string{"CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"},
	Kind:             parser.Dockerfile,
	Severity:         Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 7.5,
	Summary:          "Do not turn off package signature checks",
	Doc: `Package managers verify each package's signature against the distribution's keys, so a
compromised mirror or a network attacker cannot slip in modified packages. Options such as
` + "`apt-get --allow-unauthenticated`" + ` / ` + "`--force-yes`" + ` / ` + "`--allow-insecure-repositories`" + `,
` + "`apk add --allow-untrusted`" + `, ` + "`yum`" + `/` + "`dnf`" + `/` + "`tdnf --nogpgcheck`" + ` (or
` + "`--setopt=gpgcheck=0`" + `), ` + "`zypper --no-gpg-checks`" + ` and ` + "`rpm --nosignature`" + ` /
` + "`--nodigest`" + ` turn that protection off. Import the repository's signing key instead
(` + "`signed-by=`" + ` for apt, ` + "`rpm --import`" + `, a key in /etc/apk/keys).`,
	Bad:  "RUN apt-get install -y --allow-unauthenticated mypkg=1.0",
	Good: "RUN apt-get install -y mypkg=1.0",
	Check: func(p *Pass) {
		pmCalls(p, func(_ *pkgRun, c *pkgCall) {
			for _, o := range c.Opts {
				if why := signatureBypass(c, o); why != "" {
					p.Report(o.Word.Range, why)
				}
			}
		})
	},
}

// signatureBypass says how option o of c turns signature checks off ("" when it does not).
func signatureBypass(c *pkgCall, o pkgOpt) string {
	off := func(what string) string {
		return what + " turns off package signature checks; import the signing key instead"
	}
	switch c.Family {
	case famApt:
		switch o.Name {
		case "--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories":
			return off(o.Name)
		case "-o", "--option":
			k, v, _ := strings.Cut(o.Value, "=")
			switch strings.ToLower(k) {
			case "apt::get::allowunauthenticated", "acquire::allowinsecurerepositories", "apt::get::force-yes":
				if pmTruthy(v) {
					return off(o.Value)
				}
			}
		}
	case famApk:
		if o.Name == "--allow-untrusted" {
			return off(o.Name)
		}
	case famYum, famDnf:
		switch o.Name {
		case "--nogpgcheck", "--no-gpgchecks":
			return off(o.Name)
		case "--setopt":
			k, v, _ := strings.Cut(o.Value, "=")
			if strings.HasSuffix(k, "gpgcheck") && pmFalsy(v) {
				return off("--setopt=" + o.Value)
			}
		}
	case famZypper:
		if o.Name == "--no-gpg-checks" {
			return off(o.Name)
		}
	case famRpm:
		switch o.Name {
		case "--nosignature", "--nodigest", "--nofiledigest":
			return off(o.Name)
		}
	}
	return ""
}
