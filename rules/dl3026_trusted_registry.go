package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var untrustedRegistry = &Rule{
	ID: "DL3026", Name: "untrusted-registry", Kind: parser.Dockerfile, Severity: Error,
	Tags: []string{TagSecurity}, SecuritySeverity: 7.0,
	Summary: "An image comes from a registry outside the trusted list",
	Doc: "Active only when trusted registries are configured (`trusted-registries`). Every image the " +
		"build pulls, in FROM, COPY --from and RUN --mount from=, must come from one of them. Patterns: " +
		"`*` (anything), `*.example.com` (a suffix), `registry.example.com/*`-style prefixes ending in `*`, " +
		"or an exact host. Images without a registry come from Docker Hub and need `docker.io` in the " +
		"list. Stage names and `scratch` pull nothing; references that use a variable without a known " +
		"value are not judged.",
	Bad:   "# trusted-registries: [registry.example.com]\nFROM ghcr.io/acme/app:1.0",
	Good:  "# trusted-registries: [registry.example.com]\nFROM registry.example.com/acme/app:1.0",
	Check: checkUntrustedRegistry,
}

func checkUntrustedRegistry(p *Pass) {
	trusted := p.Options.TrustedRegistries
	if len(trusted) == 0 {
		return
	}
	judge := func(r source.Range, image, written string) {
		reg := registryOfImage(image)
		if registryTrusted(reg, trusted) {
			return
		}
		what := fmt.Sprintf("image %q", image)
		if written != image {
			what += fmt.Sprintf(" (from %s)", written)
		}
		p.Report(r, fmt.Sprintf("%s comes from %s, which is not a trusted registry", what, registryLabel(reg)))
	}
	for _, st := range p.Dockerfile.Stages {
		if st.Image.IsImage() && st.Image.Expanded != "" {
			judge(st.Image.Range, st.Image.Expanded, st.Image.Ref)
		}
	}
	for _, r := range p.Stages().Refs {
		if r.Kind == RefBase || r.OnBuild || r.Target != nil || r.Variable || r.Index || strings.EqualFold(r.Name, "scratch") {
			continue
		}
		judge(r.Range, r.Name, r.Name)
	}
}

func registryLabel(reg string) string {
	if reg == "docker.io" {
		return "Docker Hub (docker.io)"
	}
	return fmt.Sprintf("registry %q", reg)
}

// registryOfImage is the registry host of an image reference; "docker.io"
// for Docker Hub.
func registryOfImage(ref string) string {
	if i := strings.Index(ref, "/"); i >= 0 {
		first := ref[:i]
		if strings.ContainsAny(first, ".:") || first == "localhost" {
			switch strings.ToLower(first) {
			case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
				return "docker.io"
			}
			return strings.ToLower(first)
		}
	}
	return "docker.io"
}

// registryTrusted matches a registry against the trusted patterns.
func registryTrusted(reg string, trusted []string) bool {
	for _, t := range trusted {
		t = strings.ToLower(strings.TrimSpace(t))
		if reg == "docker.io" && (t == "hub.docker.com" || t == "index.docker.io") {
			return true
		}
		switch {
		case t == "*" || t == reg:
			return true
		case strings.HasPrefix(t, "*.") && strings.HasSuffix(reg, t[1:]):
			return true
		case strings.HasSuffix(t, "*") && !strings.HasPrefix(t, "*") && strings.HasPrefix(reg, strings.TrimSuffix(t, "*")):
			return true
		}
	}
	return false
}
