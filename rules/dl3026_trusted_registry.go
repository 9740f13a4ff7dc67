package rules

import (
	"fmt"
	"strings"
	"sync"

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
	trusted := trustSetOf(p.Options.TrustedRegistries)
	if trusted == nil {
		return
	}
	judge := func(r source.Range, image, written string) {
		reg := registryOfImage(image)
		if trusted.trusts(reg) {
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

// trustSet is a list of trusted registries made into sets: each pattern was
// compared with every image, lower-cased again each time (120,000 patterns
// over 24,000 FROM lines took 40 s).
type trustSet struct {
	any, hub bool            // "*"; Docker Hub by another name
	exact    map[string]bool // "registry.example.com"
	suffixes map[string]bool // ".example.com" of "*.example.com"
	prefixes map[string]bool // "registry." of "registry.*"
}

func newTrustSet(list []string) *trustSet {
	ts := &trustSet{exact: map[string]bool{}, suffixes: map[string]bool{}, prefixes: map[string]bool{}}
	for _, t := range list {
		t = strings.ToLower(strings.TrimSpace(t))
		ts.exact[t] = true
		switch {
		case t == "*":
			ts.any = true
		case t == "hub.docker.com" || t == "index.docker.io":
			ts.hub = true
		case strings.HasPrefix(t, "*."):
			ts.suffixes[t[1:]] = true
		case strings.HasSuffix(t, "*") && !strings.HasPrefix(t, "*"):
			ts.prefixes[strings.TrimSuffix(t, "*")] = true
		}
	}
	return ts
}

// trusts reports whether the registry matches a trusted pattern: "*", the
// host itself, "*.domain" for any host under the domain, "prefix*".
func (ts *trustSet) trusts(reg string) bool {
	if ts.any || ts.exact[reg] || reg == "docker.io" && ts.hub {
		return true
	}
	for i := 0; i < len(reg); i++ {
		if reg[i] == '.' && ts.suffixes[reg[i:]] {
			return true
		}
	}
	for i := 0; i <= len(reg); i++ {
		if ts.prefixes[reg[:i]] {
			return true
		}
	}
	return false
}

// trustSets keeps the sets made of the lists in use (one per configuration
// file), so that each is made once rather than for every Dockerfile.
var trustSets struct {
	sync.Mutex
	byList map[*string]*trustSet
	lens   map[*string]int
}

// trustSetOf is the set of a list of trusted registries; nil for none.
func trustSetOf(list []string) *trustSet {
	if len(list) == 0 {
		return nil
	}
	key := &list[0] // lists come from the configuration and are never changed
	trustSets.Lock()
	defer trustSets.Unlock()
	if ts := trustSets.byList[key]; ts != nil && len(list) == trustSets.lens[key] {
		return ts
	}
	if trustSets.byList == nil || len(trustSets.byList) >= 64 {
		trustSets.byList, trustSets.lens = map[*string]*trustSet{}, map[*string]int{}
	}
	ts := newTrustSet(list)
	trustSets.byList[key], trustSets.lens[key] = ts, len(list)
	return ts
}
