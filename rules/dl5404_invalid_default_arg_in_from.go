package rules

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/distribution/reference"

	"github.com/dlint/dlint/parser"
)

var invalidDefaultArgInFrom = &Rule{
	ID: "DL5404", Name: "invalid-default-arg-in-from", Aliases: []string{"InvalidDefaultArgInFrom"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness, TagReproducibility},
	Summary: "FROM gives an invalid image name with the ARG defaults",
	Doc: "With only the defaults of the ARGs before the first FROM (no --build-arg), the image reference of " +
		"this FROM is empty or invalid (`ARG TAG` + `FROM alpine:$TAG` gives `alpine:`), so a plain " +
		"`docker build` fails. Give the ARG a working default. Checked as `docker build --check` checks it: " +
		"build args are ignored except for the predefined platform args.",
	Bad:  "ARG TAG\nFROM alpine:$TAG",
	Good: "ARG TAG=3.20\nFROM alpine:$TAG",
	Check: func(p *Pass) {
		defaults := p.Dockerfile.DefaultGlobalScope(buildArgs(p))
		for _, st := range p.Dockerfile.Stages {
			e := defaults.Expand(st.Image.Ref)
			if e.Err != nil {
				return // BuildKit abandons the check
			}
			if validImageName(e.Value) {
				continue
			}
			r := st.Image.Range
			if r.IsZero() {
				r = firstLine(st.From)
			}
			var msg string
			switch {
			case e.Value == "":
				msg = fmt.Sprintf("with the ARG defaults, %q gives an empty image name", st.Image.Ref)
			case e.Value == st.Image.Ref:
				msg = fmt.Sprintf("%q is not a valid image name", st.Image.Ref)
			default:
				msg = fmt.Sprintf("with the ARG defaults, %q gives the invalid image name %q", st.Image.Ref, e.Value)
			}
			p.Report(r, msg)
		}
	},
}

// imageNames remembers which image names are valid (string → bool): the
// same few base images recur across a repository's Dockerfiles, and
// checking one runs the reference package's large regular expression. At
// most maxImageNames are kept.
var (
	imageNames      sync.Map
	imageNamesCount atomic.Int64
)

const maxImageNames = 10000

// validImageName reports whether name is an image reference as
// `docker build` reads a FROM's (reference.ParseNormalizedNamed).
func validImageName(name string) bool {
	if plainImageName(name) {
		return true
	}
	if v, ok := imageNames.Load(name); ok {
		return v.(bool)
	}
	_, err := reference.ParseNormalizedNamed(name)
	if imageNamesCount.Load() < maxImageNames {
		if _, loaded := imageNames.LoadOrStore(name, err == nil); !loaded {
			imageNamesCount.Add(1)
		}
	}
	return err == nil
}

// plainImageName reports whether name has the plainest shape of image
// reference, one reference.ParseNormalizedNamed always accepts, so that
// most FROM lines need not run its regular expression: components of
// lower-case letters and digits joined by single '.', '_' or '-' and
// separated by '/' (path components; a first one that the package takes
// for a registry but is not a host name still matches as a path), then an
// optional tag of letters, digits, '_', '.' and '-' not
// starting with '.' or '-' (at most 128); not 64 bytes long (which might be
// an image ID) and short enough that Docker Hub's "docker.io/library/"
// keeps the name within 255 bytes. false says nothing: ask the package.
func plainImageName(name string) bool {
	if len(name) == 64 || len(name) > 200 {
		return false
	}
	path, tag, tagged := strings.Cut(name, ":")
	if tagged {
		if tag == "" || len(tag) > 128 || tag[0] == '.' || tag[0] == '-' {
			return false
		}
		for i := 0; i < len(tag); i++ {
			if c := tag[i]; !isLowerAlnum(c) && !(c >= 'A' && c <= 'Z') && c != '_' && c != '.' && c != '-' {
				return false
			}
		}
	}
	for comp := range strings.SplitSeq(path, "/") {
		if comp == "" || !isLowerAlnum(comp[0]) || !isLowerAlnum(comp[len(comp)-1]) {
			return false
		}
		for i := 1; i < len(comp); i++ {
			c := comp[i]
			switch {
			case isLowerAlnum(c):
			case c == '.' || c == '-' || c == '_':
				if !isLowerAlnum(comp[i-1]) {
					return false // separators come one at a time
				}
			default:
				return false
			}
		}
	}
	return true
}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
