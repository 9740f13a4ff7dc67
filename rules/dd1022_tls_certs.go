package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var ddTLSCerts = &Rule{
	ID: "DD1022", Name: "tls-without-certs", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "TLS is on but the certificate, key or CA path is not set",
	Doc: "`\"tls\": true` or any `tlsverify` key (even `false`) turns TLS on for the API. Without `tlscert` and " +
		"`tlskey` dockerd falls back to cert.pem and key.pem in ~/.docker of the user it runs as (usually root), " +
		"and refuses to start when they are missing: \"invalid TLS configuration: could not load X509 key " +
		"pair\". With verification on (`tlsverify`, or `tls` without `tlsverify`) it also needs `tlscacert`, the CA " +
		"that signs client certificates (fallback ~/.docker/ca.pem). Set the three paths explicitly.",
	Bad:  `{"tlsverify": true, "hosts": ["tcp://0.0.0.0:2376"]}`,
	Good: `{"tlsverify": true, "tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/server.pem", "tlskey": "/etc/docker/server-key.pem"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		st := ddTLS(f)
		if !st.on || st.key == nil {
			return
		}
		missing := func(name string) bool {
			v, k := ddString(f, name)
			return k == nil || v == ""
		}
		var need []string
		for _, n := range []string{"tlscert", "tlskey"} {
			if missing(n) {
				need = append(need, n)
			}
		}
		if len(need) > 0 {
			verb := "is"
			if len(need) > 1 {
				verb = "are"
			}
			p.Reportf(st.key.KeyRange, "%s turns TLS on but %s %s not set: dockerd falls back to %s in ~/.docker and refuses to start when missing (invalid TLS configuration)",
				st.key.Name, strings.Join(need, " and "), verb, strings.Join(ddDefaultFiles(need), " and "))
		}
		if st.verify && missing("tlscacert") {
			p.Reportf(st.key.KeyRange, "%s verifies clients but tlscacert is not set: dockerd falls back to ~/.docker/ca.pem and refuses to start when it is missing", st.key.Name)
		}
	},
}

func ddDefaultFiles(keys []string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, map[string]string{"tlscert": "cert.pem", "tlskey": "key.pem", "tlscacert": "ca.pem"}[k])
	}
	return out
}
