package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var exposeProtoCasing = &Rule{
	ID: "DL5406", Name: "expose-protocol-casing", Aliases: []string{"ExposeProtoCasing"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "EXPOSE protocols should be lowercase",
	Doc: "`EXPOSE 80/TCP` works, but the image config records `80/tcp`, and other tools compare the " +
		"protocol as written. Write `tcp`, `udp` or `sctp` in lowercase. One finding per port.\n\nFix (safe): the protocol is lowercased where the port is written " +
		"literally (not through a variable).",
	Bad:  "FROM nginx:1.27\nEXPOSE 80/TCP",
	Good: "FROM nginx:1.27\nEXPOSE 80/tcp",
	Check: func(p *Pass) {
		eachExposedPort(p, func(in *dockerfile.Instruction, raw string, port exposedPort) {
			if port.proto == strings.ToLower(port.proto) {
				return
			}
			var fixes []Fix
			r, ok := fixFindToken(p, in, raw)
			if ok {
				i := strings.LastIndex(raw, "/")
				fixes = append(fixes, Fix{Message: "Lowercase the protocol", Safe: true,
					Edits: []Edit{{Range: r, NewText: raw[:i+1] + strings.ToLower(raw[i+1:])}}})
			} else {
				r = in.Find(raw)
			}
			bkReport(p, "ExposeProtoCasing", in.Comments, r,
				fmt.Sprintf("protocol %q of EXPOSE %s should be lowercase", port.proto, raw), fixes...)
		})
	},
}

type exposedPort struct {
	ip, hostPort, port, proto string
}

// eachExposedPort calls fn for every EXPOSE entry BuildKit would accept as
// far as its protocol goes, after variable expansion, in every stage.
func eachExposedPort(p *Pass, fn func(in *dockerfile.Instruction, raw string, port exposedPort)) {
	eachScope(p, func(in *dockerfile.Instruction, s *dockerfile.Scope) {
		c, ok := in.Command.(*instructions.ExposeCommand)
		if !ok {
			return
		}
		for _, arg := range c.Ports {
			for _, raw := range strings.Fields(s.Expand(arg).Value) {
				var ep exposedPort
				parts := strings.Split(raw, ":")
				switch n := len(parts); n {
				case 1:
					ep.port = parts[0]
				case 2:
					ep.hostPort, ep.port = parts[0], parts[1]
				default:
					ep.ip, ep.hostPort, ep.port = strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
				}
				ep.port, ep.proto, _ = strings.Cut(ep.port, "/")
				if ep.port == "" {
					continue
				}
				switch strings.ToLower(ep.proto) {
				case "", "tcp", "udp", "sctp":
				default:
					continue // BuildKit stops with an error
				}
				fn(in, raw, ep)
			}
		}
	})
}
