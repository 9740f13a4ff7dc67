package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var ddInsecureRegistries = &Rule{
	ID: "DD1024", Name: "insecure-registry", Aliases: []string{"CIS-2.4"},
	Kind: parser.DaemonJSON, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 5.9,
	Summary: "A registry is reached without TLS verification",
	Doc: "`insecure-registries` lets dockerd talk to a registry over plain HTTP or with an unverified " +
		"certificate, so anyone on the path can serve tampered images or read credentials. Give the registry a " +
		"certificate (a private CA goes in /etc/docker/certs.d/<host:port>/ca.crt) and remove the entry. " +
		"Loopback registries (localhost, 127.0.0.0/8) are always trusted by dockerd and not reported.",
	Bad:  `{"insecure-registries": ["registry.lan:5000"]}`,
	Good: `{"insecure-registries": []}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		elems, _ := ddStrings(f, "insecure-registries")
		for _, e := range elems {
			host := e.Str
			if _, rest, ok := strings.Cut(host, "://"); ok {
				host = rest
			}
			if host == "" || ddIsLoopback(host) || strings.HasPrefix(host, "127.") {
				continue
			}
			p.Reportf(f.Span(e), "registry %q is used without TLS verification: pulled images and credentials can be tampered with or read", e.Str)
		}
	},
}
