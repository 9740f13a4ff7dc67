package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var ddTCPWithoutTLS = &Rule{
	ID: "DD1023", Name: "tcp-socket-without-tls", Aliases: []string{"CIS-2.6"},
	Kind: parser.DaemonJSON, Severity: Error,
	Tags: []string{TagSecurity}, SecuritySeverity: 9.8,
	Summary: "The Docker API listens on TCP without TLS client verification",
	Doc: "Access to the Docker API is root on the host: whoever can reach a `tcp://` socket can start a " +
		"privileged container that mounts `/`. Without `\"tlsverify\": true` and its certificates anyone who " +
		"reaches the port is in (with `tls` alone the traffic is encrypted but any client is accepted). dockerd " +
		"only prints a warning today, and Docker has deprecated unauthenticated TCP. Even `127.0.0.1` lets every " +
		"local user become root. Use the unix socket (access through the docker group), SSH " +
		"(`docker -H ssh://host`), or TLS with client certificates: `\"tlsverify\": true`, `tlscacert`, " +
		"`tlscert`, `tlskey`, port 2376.",
	Bad:  `{"hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]}`,
	Good: `{"hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"], "tlsverify": true, "tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/server.pem", "tlskey": "/etc/docker/server-key.pem"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		elems, _ := ddStrings(f, "hosts")
		st := ddTLS(f)
		if st.verify {
			return
		}
		for _, e := range elems {
			proto, _, ok := strings.Cut(e.Str, "://")
			if ok && proto != "tcp" {
				continue
			}
			if !ok && (e.Str == "" || strings.HasPrefix(e.Str, "/")) {
				continue
			}
			if st.on {
				p.Reportf(f.Span(e), "host %q serves the Docker API with TLS but without client verification (tlsverify): anyone who can reach it gets root on this host", e.Str)
			} else {
				p.Reportf(f.Span(e), "host %q serves the Docker API over TCP without TLS: anyone who can reach it gets root on this host", e.Str)
			}
		}
	},
}
