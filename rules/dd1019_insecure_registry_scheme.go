package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var ddInsecureRegistryScheme = &Rule{
	ID: "DD1019", Name: "insecure-registry-scheme", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "An insecure-registries entry has a scheme other than http or https",
	Doc: "`insecure-registries` entries are `host[:port]` or a CIDR. dockerd strips an `http://` or `https://` " +
		"prefix with a warning, but any other scheme makes it fail at start with \"insecure registry … should " +
		"not contain '://'\" — after `--validate` said \"configuration OK\". Write the bare host and port.",
	Bad:  `{"insecure-registries": ["docker://registry.lan:5000"]}`,
	Good: `{"insecure-registries": ["registry.lan:5000"]}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		elems, _ := ddStrings(f, "insecure-registries")
		for _, e := range elems {
			v := e.Str
			if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || !strings.Contains(v, "://") {
				continue
			}
			p.Reportf(f.Span(e), "insecure registry %s should not contain '://': dockerd refuses to start; write the host and port only", v)
		}
	},
}
