package rules

import (
	"strings"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var fullSizeImage = &Rule{
	ID: "DL5004", Name: "full-size-base-image", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagSize},
	Summary: "The final image uses a full-size variant where a slim one exists",
	Doc: "The default variants of python, node, ruby, debian and a few other official images " +
		"carry compilers, headers and hundreds of packages that most applications never use. The " +
		"`-slim` variant of the same version is several times smaller and has fewer packages " +
		"to patch. Only the final stage is judged; build stages may need the full image.",
	Bad:  "FROM python:3.12\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]",
	Good: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]",
	Check: func(p *Pass) {
		final := p.FinalStage()
		if final == nil {
			return
		}
		// Judge the stage's own FROM only: a parent stage's base is judged as
		// what it is, a build stage.
		im := final.Image
		if !im.IsImage() || !im.Official() || im.Digest != "" {
			return
		}
		if slim, ok := slimVariant(im); ok {
			p.Reportf(im.Range, "image %q is the full-size variant; %q is the same version, much smaller", im.Expanded, slim)
		}
	},
}

// slimNaming says how an official image names its slim variant: python and
// ruby put "slim" before the distribution ("3.12-slim-bookworm"), node and
// debian after it ("20-bookworm-slim").
var slimNaming = map[string]string{
	"python": "before", "ruby": "before", "perl": "before", "elixir": "before", "haskell": "before",
	"node": "after", "debian": "after",
}

var (
	debianSuites = lazyregexp.New(`^(.*?)-?(bookworm|bullseye|buster|trixie)$`)
	versionTag   = lazyregexp.New(`^\d+(\.\d+)*$`)
	startsDigit  = lazyregexp.New(`^\d`)
)

// slimVariant returns the slim tag for the full-size image im.
func slimVariant(im dockerfile.Image) (string, bool) {
	name := strings.TrimPrefix(im.Repository, "library/")
	order, ok := slimNaming[name]
	if !ok {
		return "", false
	}
	tag := im.Tag
	lower := strings.ToLower(tag)
	for _, v := range []string{"slim", "alpine", "windowsservercore", "nanoserver", "distroless", "onbuild", "buster-20"} {
		if strings.Contains(lower, v) {
			return "", false
		}
	}
	if tag == "" || tag == "latest" {
		return name + ":slim", true
	}
	if name == "debian" {
		if m := debianSuites.FindStringSubmatch(tag); m != nil || versionTag.MatchString(tag) {
			return name + ":" + tag + "-slim", true
		}
		return "", false
	}
	if !startsDigit.MatchString(tag) {
		return "", false // lts, current, …: name a version to compare variants
	}
	if m := debianSuites.FindStringSubmatch(tag); m != nil && m[1] != "" {
		if order == "before" {
			return name + ":" + m[1] + "-slim-" + m[2], true
		}
		return name + ":" + m[1] + "-" + m[2] + "-slim", true
	}
	return name + ":" + tag + "-slim", true
}
