package rules

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
	"github.com/dlint/dlint/parser/source"
)

var ddLogRotation = &Rule{
	ID: "DD1001", Name: "json-file-without-max-size", Kind: parser.DaemonJSON, Severity: Warning,
	Tags:    []string{TagCorrectness, TagPerformance},
	Summary: "Container logs use json-file without max-size, so they never rotate",
	Doc: "dockerd's default log driver is `json-file`, and it keeps every line a container writes in one file " +
		"under /var/lib/docker/containers until the container is removed: no `max-size` means no rotation. A chatty " +
		"container fills the disk and takes the host down with it. Set `\"log-opts\": {\"max-size\": \"10m\", " +
		"\"max-file\": \"3\"}` (values are strings), or switch to the `local` driver, which rotates by default " +
		"(20 MB × 5 files, compressed). The settings apply to containers created after the daemon restarts.\n\n" +
		"Fix (unsafe: logs beyond 3 × 10 MB per container are then discarded): `\"max-size\": \"10m\"` (and " +
		"`\"max-file\": \"3\"` when absent) is added to an existing log-opts object, or a new " +
		"`\"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}` member is added after log-driver or " +
		"as the last member, laid out like the file's other members. It waits while another fix renames a key " +
		"to log-opts or log-driver (`\"log-drivr\": \"journald\"`): the next round adds it if the driver named " +
		"then is json-file.",
	Bad:  `{"log-driver": "json-file"}`,
	Good: `{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		driver, dk, ok := ddLogDriver(f)
		if !ok || driver != "json-file" {
			return
		}
		opts := f.TopLevel("log-opts")
		if opts != nil && opts.Value.IsObject() && opts.Value.Get(gjson.Escape("max-size")).Exists() {
			return
		}
		fixes := logRotationFix(p, f, opts, dk)
		switch {
		case opts != nil:
			p.Report(opts.KeyRange, `log-opts has no "max-size" for the json-file log driver: container logs grow without bound`, fixes...)
		case dk != nil:
			p.Report(dk.ValueRange, `log driver "json-file" without log-opts "max-size": container logs grow without bound`, fixes...)
		default:
			p.Report(f.RootRange(), `no log-driver is set, so containers log to json-file without rotation; set log-opts "max-size" or use the "local" driver`, fixes...)
		}
	},
}

// logRotationFix adds max-size (and max-file) to log-opts, or a log-opts
// member to the top-level object, in the layout of the surrounding members.
// dropSeparators removes the dashes and underscores of a key's name. Built
// once: a replacer per key took half of a run over 500,000 keys.
var dropSeparators = strings.NewReplacer("-", "", "_", "")

func logRotationFix(p *Pass, f *daemonjson.File, opts, driver *daemonjson.Key) []Fix {
	if !ddFixable(p) || !f.Root.IsObject() {
		return nil
	}
	const newOpts = `"log-opts": {"max-size": "10m", "max-file": "3"}`
	fix := func(e Edit) []Fix {
		return []Fix{{Message: "Rotate the logs at 10 MB, keeping 3 files", Edits: []Edit{e}}}
	}
	if opts != nil {
		if !opts.Value.IsObject() {
			return nil
		}
		add := []string{`"max-size": "10m"`}
		if !opts.Value.Get("max-file").Exists() {
			add = append(add, `"max-file": "3"`)
		}
		members := f.Children(opts)
		if len(members) == 0 {
			return fix(Edit{Range: opts.ValueRange, NewText: "{" + strings.Join(add, ", ") + "}"})
		}
		sep := ddMemberSep(p, opts.ValueRange.Start.Line, members)
		return fix(fixInsert(members[len(members)-1].ValueRange.End, sep+strings.Join(add, sep)))
	}
	top := f.Children(nil)
	for _, k := range top {
		// "log-opt" or a misspelt "log-opts": DD1004 or DD1003 may rename
		// it, and a second log-opts would be a duplicate key.
		if norm := dropSeparators.Replace(strings.ToLower(k.Name)); strings.HasPrefix(norm, "logop") {
			return nil
		}
	}
	// A key another fix renames to log-opts would be a second one; one
	// renamed to log-driver ("log-drivr": "journald") names a driver that
	// may not take these options, and dockerd would refuse them.
	for _, is := range ddAnalyze(f) {
		if is.renamesTopLevelTo == "log-opts" || is.renamesTopLevelTo == "log-driver" {
			return nil
		}
	}
	root := f.Span(f.Root)
	if len(top) == 0 {
		brace := source.Position{Line: root.Start.Line, Column: root.Start.Column + 1}
		if root.End.Line > root.Start.Line {
			return fix(fixInsert(brace, "\n  "+newOpts))
		}
		return fix(fixInsert(brace, newOpts))
	}
	after := top[len(top)-1]
	if driver != nil {
		after = driver
	}
	return fix(fixInsert(after.ValueRange.End, ddMemberSep(p, root.Start.Line, top)+newOpts))
}

// ddMemberSep is what separates members of an object that opens on line
// open: a comma and a new line with the members' indentation when they are
// on lines of their own, a comma and a blank otherwise.
func ddMemberSep(p *Pass, open int, members []*daemonjson.Key) string {
	last := members[len(members)-1].KeyRange.Start.Line
	if last == open {
		return ", "
	}
	return ",\n" + fixIndent(p, last)
}
