package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var runNetworkHost = &Rule{
	ID: "DL5105", Name: "run-network-host", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 5.0,
	Summary:          "A RUN uses the host's network namespace",
	Doc: "`RUN --network=host` runs the step in the build host's network namespace: it can reach " +
		"services bound to the host's loopback interface (metadata endpoints, local databases, the " +
		"Docker API on a TCP port) and its result depends on the machine that builds it. BuildKit " +
		"refuses it unless the builder grants the `network.host` entitlement. Use the default network, " +
		"or `--network=none` for steps that need no network at all.",
	Bad:   "RUN --network=host ./fetch-deps.sh",
	Good:  "RUN ./fetch-deps.sh",
	Check: checkRunNetworkHost,
}

var runSecurityInsecure = &Rule{
	ID: "DL5106", Name: "run-security-insecure", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 8.0,
	Summary:          "A RUN runs without the build sandbox",
	Doc: "`RUN --security=insecure` runs the step with all capabilities and without seccomp or " +
		"AppArmor confinement, much like `docker run --privileged`: the step can mount file systems, " +
		"load kernel modules and escape to the builder host. BuildKit only allows it when the builder " +
		"is started with the `security.insecure` entitlement. Find a way to do the step unprivileged, " +
		"or run it outside the image build.",
	Bad:   "RUN --security=insecure mount -t tmpfs none /mnt",
	Good:  "RUN --mount=type=tmpfs,target=/mnt ./build.sh",
	Check: checkRunSecurityInsecure,
}

func checkRunNetworkHost(p *Pass) {
	for _, r := range shRuns(p) {
		for _, fl := range r.In.Flags {
			if fl.Name == "network" && fl.Value == "host" {
				p.Report(shFlagRange(r, fl), `"--network=host" runs the step in the build host's network namespace`)
			}
		}
	}
}

func checkRunSecurityInsecure(p *Pass) {
	for _, r := range shRuns(p) {
		for _, fl := range r.In.Flags {
			if fl.Name == "security" && fl.Value == "insecure" {
				p.Report(shFlagRange(r, fl), `"--security=insecure" runs the step without the build sandbox`)
			}
		}
	}
}

// shFlagRange is where a RUN's flag is written; the flags of an ONBUILD's
// RUN are looked up in the ONBUILD line.
func shFlagRange(r shRun, fl dockerfile.Flag) source.Range {
	if fl.Range.Start.Line > 0 || r.Onbuild == nil {
		return fl.Range
	}
	text := "--" + fl.Name
	if fl.Value != "" {
		text += "=" + fl.Value
	}
	return r.Onbuild.Find(text)
}
