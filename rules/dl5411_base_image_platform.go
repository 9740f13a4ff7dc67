package rules

import (
	"fmt"
	"strings"

	"github.com/containerd/platforms"

	"github.com/dlint/dlint/parser"
)

// archNamespaces are Docker Hub's per-architecture namespaces: every image
// in them is built for that one platform only.
var archNamespaces = map[string]string{
	"amd64": "linux/amd64", "arm32v5": "linux/arm/v5", "arm32v6": "linux/arm/v6", "arm32v7": "linux/arm/v7",
	"arm64v8": "linux/arm64", "i386": "linux/386", "mips64le": "linux/mips64le", "ppc64le": "linux/ppc64le",
	"riscv64": "linux/riscv64", "s390x": "linux/s390x", "windows-amd64": "windows/amd64",
}

// knownImagePlatform returns the OS and architecture an image is published
// for when its name alone says so; ok is false for multi-platform images.
func knownImagePlatform(registry, repo string) (os, arch string, ok bool) {
	if registry == "" {
		if ns, _, found := strings.Cut(repo, "/"); found {
			if pl, known := archNamespaces[ns]; known {
				p := platforms.MustParse(pl)
				return p.OS, p.Architecture, true
			}
		}
	}
	if registry == "mcr.microsoft.com" && strings.HasPrefix(repo, "windows/") {
		return "windows", "", true
	}
	return "", "", false
}

var baseImagePlatform = &Rule{
	ID: "DL5411", Name: "base-image-platform-mismatch", Aliases: []string{"InvalidBaseImagePlatform"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "The base image is not published for the stage's platform",
	Doc: "BuildKit warns when the image it pulled for a stage has another OS or architecture than the one " +
		"the stage is built for: the stage then runs under emulation or fails. BuildKit learns the image's " +
		"platform from the registry; dlint does not query registries, so it reports only what the file " +
		"itself proves: a constant `--platform` (or one given by --build-arg) that contradicts an image " +
		"published for one platform only — Docker Hub's per-architecture namespaces (`arm64v8/alpine`, " +
		"`amd64/ubuntu`, …) and Windows images under `mcr.microsoft.com/windows/`. Without --platform the " +
		"target platform is the builder's, which dlint does not know, so the rule stays silent.",
	Bad:  "FROM --platform=linux/amd64 arm64v8/alpine:3.20",
	Good: "FROM --platform=linux/arm64 arm64v8/alpine:3.20",
	Check: func(p *Pass) {
		global := globalScope(p)
		for _, st := range p.Dockerfile.Stages {
			fl, ok := st.From.Flag("platform")
			if !ok || !st.Image.IsImage() {
				continue
			}
			e := global.Expand(fl.Value)
			if e.Err != nil || len(e.Unset) > 0 {
				continue
			}
			if len(e.Used) > 0 && !givenByBuildArgs(p, e.Used) {
				continue // the builder's platform, unknown here
			}
			want, err := platforms.Parse(e.Value)
			if err != nil {
				continue
			}
			os, arch, ok := knownImagePlatform(st.Image.Registry, st.Image.Repository)
			if !ok || os == want.OS && (arch == "" || arch == want.Architecture) {
				continue
			}
			have := os
			if arch != "" {
				have += "/" + arch
			}
			r := st.Image.Range
			if r.IsZero() {
				r = firstLine(st.From)
			}
			p.Report(r, fmt.Sprintf("image %q is published for %s only, but this stage is built for %s",
				st.Image.Ref, have, platforms.Format(want)))
		}
	},
}

func givenByBuildArgs(p *Pass, names []string) bool {
	ba := buildArgs(p)
	for _, n := range names {
		if _, ok := ba[n]; !ok {
			return false
		}
	}
	return true
}
