// Package parser dispatches a file to the parser for its kind and wraps the
// result in a Document, the one value every rule receives.
package parser

import (
	"path"
	"strings"

	"github.com/dlint/dlint/parser/buildcontext"
	"github.com/dlint/dlint/parser/daemonjson"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/dockerignore"
	"github.com/dlint/dlint/parser/source"
)

// Kind is the kind of file a document holds, and the kind of document a rule reads.
type Kind int

const (
	Unknown Kind = iota
	Dockerfile
	DockerIgnore
	DaemonJSON
	// BuildContext rules read a Dockerfile document together with its build
	// context (the directory it is built from and its ignore file).
	BuildContext
)

var kindNames = map[Kind]string{
	Dockerfile:   "dockerfile",
	DockerIgnore: "dockerignore",
	DaemonJSON:   "daemon.json",
	BuildContext: "build-context",
}

func (k Kind) String() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return "unknown"
}

// ParseKind reads a kind as a user writes it (--kind).
func ParseKind(s string) (Kind, bool) {
	switch strings.ToLower(s) {
	case "dockerfile", "containerfile":
		return Dockerfile, true
	case "dockerignore", ".dockerignore", "ignore":
		return DockerIgnore, true
	case "daemon.json", "daemonjson", "daemon", "json":
		return DaemonJSON, true
	}
	return Unknown, false
}

// KindOf tells a file's kind from its name alone, as directory discovery
// does: names that are not recognised are Unknown.
func KindOf(name string) Kind {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	lower := strings.ToLower(base)
	switch {
	case lower == ".dockerignore" || strings.HasSuffix(lower, ".dockerignore"):
		return DockerIgnore
	case lower == "daemon.json":
		return DaemonJSON
	case lower == "dockerfile" || lower == "containerfile",
		strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile."),
		strings.HasSuffix(lower, ".dockerfile") || strings.HasSuffix(lower, ".containerfile"):
		return Dockerfile
	}
	return Unknown
}

// KindOfNamed is the kind of a file the user named explicitly: its name when
// that says something (ending in .json means daemon.json), a Dockerfile otherwise.
func KindOfNamed(name string) Kind {
	if k := KindOf(name); k != Unknown {
		return k
	}
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		return DaemonJSON
	}
	return Dockerfile
}

// Document is one parsed file. Exactly one of Dockerfile, Ignore and Daemon is set.
type Document struct {
	Path  string // as the user named it, slash-separated
	Kind  Kind
	Src   []byte
	Lines *source.Lines

	Dockerfile *dockerfile.File
	Ignore     *dockerignore.File
	Daemon     *daemonjson.File

	// Context is the build context of a Dockerfile read from disk; nil for
	// standard input and for other kinds.
	Context *buildcontext.Context

	// Errors are what made the file unreadable in part or whole; the engine
	// reports them as the kind's reserved parse-error rule.
	Errors []source.Error
}

// Options change how files are read.
type Options struct {
	BuildArgs map[string]string // --build-arg values for ARG expansion
}

// ReadAs is the kind Parse reads a file of kind k as: a Dockerfile unless
// k names one of the other kinds (an Unknown file is read as a Dockerfile).
func ReadAs(k Kind) Kind {
	if k == DockerIgnore || k == DaemonJSON {
		return k
	}
	return Dockerfile
}

// Parse parses src as a file of the given kind.
func Parse(name string, src []byte, kind Kind, opts Options) *Document {
	doc := &Document{Path: name, Kind: ReadAs(kind), Src: src}
	switch doc.Kind {
	case DockerIgnore:
		doc.Ignore, doc.Errors = dockerignore.Parse(src)
		doc.Lines = doc.Ignore.Lines
	case DaemonJSON:
		doc.Daemon, doc.Errors = daemonjson.Parse(src)
		doc.Lines = doc.Daemon.Lines
	default:
		doc.Dockerfile, doc.Errors = dockerfile.Parse(src, dockerfile.Options{BuildArgs: opts.BuildArgs})
		doc.Lines = doc.Dockerfile.Lines
	}
	return doc
}
