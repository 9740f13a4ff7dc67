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
		"protocol as written. Write `tcp`, `udp` or `sctp` in lowercase. One finding per port.",
	Bad:  "FROM nginx:1.27\nEXPOSE 80/TCP",
	Good: "FROM nginx:1.27\nEXPOSE 80/tcp",
	Check: func(p *Pass) {
		eachExposedPort(p, func(in *dockerfile.Instruction, raw string, port exposedPort) {
			if port.proto == strings.ToLower(port.proto) {
				return
			}
			bkReport(p, "ExposeProtoCasing", in.Comments, in.Find(raw),
				fmt.Sprintf("protocol %q of EXPOSE %s should be lowercase", port.proto, raw))
		})
	},
}

var exposeHostPort = &Rule{
	ID: "DL5407", Name: "expose-host-port", Aliases: []string{"ExposeInvalidFormat"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "EXPOSE takes container ports only, not IPs or host ports",
	Doc: "EXPOSE documents which container ports the image listens on. An IP address or a host port " +
		"(`EXPOSE 127.0.0.1:8080:80`, `EXPOSE 8080:80`) is not published by the build; BuildKit drops it and " +
		"keeps the container port, so the instruction does not do what it says. Publish ports at run time " +
		"(`docker run -p 8080:80`) and EXPOSE only the container port. One finding per entry.",
	Bad:  "FROM nginx:1.27\nEXPOSE 8080:80",
	Good: "FROM nginx:1.27\nEXPOSE 80",
	Check: func(p *Pass) {
		eachExposedPort(p, func(in *dockerfile.Instruction, raw string, port exposedPort) {
			if port.ip == "" && port.hostPort == "" {
				return
			}
			bkReport(p, "ExposeInvalidFormat", in.Comments, in.Find(raw),
				fmt.Sprintf("EXPOSE %s maps an IP address or host port; only the container port %s is exposed", raw, port.port))
		})
	},
}

type exposedPort struct {
	ip, hostPort, port, proto string
}

// eachExposedPort calls fn for every EXPOSE entry BuildKit would accept as
// far as its protocol goes, after variable expansion, in every stage.
func eachExposedPort(p *Pass, fn func(in *dockerfile.Instruction, raw string, port exposedPort)) {
	p.Dockerfile.EachScope(buildArgs(p), func(in *dockerfile.Instruction, s *dockerfile.Scope) {
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
