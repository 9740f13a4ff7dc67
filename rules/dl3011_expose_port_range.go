package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var exposeInvalidPort = &Rule{
	ID: "DL3011", Name: "expose-invalid-port", Aliases: []string{"DS-0008"},
	Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "EXPOSE names a port outside 0-65535 or that is not a port",
	Doc: "TCP, UDP and SCTP ports are 16-bit numbers, so a port above 65535 (or a word that is not a " +
		"number, or a range whose start is above its end, or a protocol other than tcp, udp and sctp) " +
		"makes the build fail with `invalid containerPort`. Write the port the process listens on: " +
		"`EXPOSE 8080/tcp`, `EXPOSE 8000-8010`. Ports given through a variable are not checked.",
	Bad:   "EXPOSE 80800",
	Good:  "EXPOSE 8080",
	Check: checkExposeInvalidPort,
}

func checkExposeInvalidPort(p *Pass) {
	for _, st := range p.Dockerfile.Stages {
		for _, in := range st.InstructionsOf("expose") {
			forEachPort(in, func(raw string, spec portSpec, err string) {
				if err != "" {
					p.Reportf(in.Find(raw), "EXPOSE %s: %s", raw, err)
				}
			})
		}
	}
}

// portSpec is one EXPOSE argument: a port or a range, with its protocol.
type portSpec struct {
	Start, End int
	Proto      string
}

// forEachPort calls fn for each literal argument of an EXPOSE with the
// parsed spec or why it is invalid; arguments with variables are skipped.
func forEachPort(in *dockerfile.Instruction, fn func(raw string, spec portSpec, err string)) {
	for _, raw := range in.Args {
		if raw == "" || strings.Contains(raw, "$") {
			continue
		}
		spec, err := parsePortSpec(strings.Trim(raw, `"'`))
		fn(raw, spec, err)
	}
}

func parsePortSpec(s string) (portSpec, string) {
	spec := portSpec{Proto: "tcp"}
	// ip:hostPort:containerPort is accepted; the container port is last.
	if i := strings.LastIndex(s, ":"); i >= 0 {
		s = s[i+1:]
	}
	if port, proto, ok := strings.Cut(s, "/"); ok {
		s, spec.Proto = port, strings.ToLower(proto)
		if spec.Proto != "tcp" && spec.Proto != "udp" && spec.Proto != "sctp" {
			return spec, fmt.Sprintf("unknown protocol %q (use tcp, udp or sctp)", proto)
		}
	}
	lo, hi, isRange := strings.Cut(s, "-")
	start, err := parsePortNumber(lo)
	if err != "" {
		return spec, err
	}
	end := start
	if isRange {
		if end, err = parsePortNumber(hi); err != "" {
			return spec, err
		}
		if start > end {
			return spec, fmt.Sprintf("port range %d-%d ends before it starts", start, end)
		}
	}
	spec.Start, spec.End = start, end
	return spec, ""
}

func parsePortNumber(s string) (int, string) {
	n, err := strconv.Atoi(s)
	if err != nil || s == "" || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return 0, fmt.Sprintf("%q is not a port number", s)
	}
	if n > 65535 {
		return 0, fmt.Sprintf("port %d is out of range (0-65535)", n)
	}
	return n, ""
}
