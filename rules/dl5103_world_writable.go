package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var worldWritable = &Rule{
	ID: "DL5103", Name: "world-writable", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 5.5,
	Summary:          "A RUN makes files writable by every user",
	Doc: "A mode that gives others write permission (`chmod 777`, `chmod -R a+w`, `o+w`, `mkdir -m 777`) " +
		"lets any process in the container, whatever its user, replace the application's files or " +
		"scripts, which turns a small compromise into code execution as the application. Give ownership " +
		"to the user that needs to write (`COPY --chown=app`, `chown app`) and keep modes like 755/644, " +
		"or 775 with a shared group. Modes with the sticky bit (`1777`, `+t`), the usual setting for " +
		"scratch directories like /tmp, are not reported; neither is a bare `+w`, which the umask limits.",
	Bad:   "RUN chmod -R 777 /app",
	Good:  "RUN chown -R app:app /app && chmod -R 755 /app",
	Check: checkWorldWritable,
}

var shMkdirOpts = shOptSpec{shortVal: "mZ", longVal: shSet("mode", "context")}
var shInstallOpts = shOptSpec{shortVal: "gmoSt", longVal: shSet("group", "mode", "owner", "suffix", "target-directory", "strip-program", "context")}

// shChmodArgs splits chmod's arguments into its mode and paths. Symbolic
// modes start with '-' too (chmod -w), so only chmod's own options are skipped.
func shChmodArgs(args []shell.Word, pathsFromStdin bool) (mode shell.Word, paths []shell.Word, ok bool) {
	var rest []shell.Word
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		if v == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if strings.HasPrefix(v, "--") || (strings.HasPrefix(v, "-") && len(v) > 1 && strings.Trim(v[1:], "RfvcH") == "") {
			if v == "--reference" {
				i++
			}
			continue
		}
		rest = append(rest, args[i:]...)
		break
	}
	if len(rest) == 0 || (len(rest) < 2 && !pathsFromStdin) {
		return shell.Word{}, nil, false
	}
	return rest[0], rest[1:], true
}

func checkWorldWritable(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if !shExecuted(c) {
				continue
			}
			var mode shell.Word
			var paths []shell.Word
			tool := c.Base()
			switch {
			case c.Is("chmod"):
				// The paths of `xargs chmod 777` come from standard input.
				stdin := c.Via != nil && shWrapped(c) && c.Via.Is("xargs")
				var ok bool
				mode, paths, ok = shChmodArgs(c.Args, stdin)
				if !ok {
					continue
				}
			case c.Is("find"):
				// find … -exec chmod 777 {} +
				for i, a := range c.Args {
					if (a.Value == "-exec" || a.Value == "-execdir") && i+1 < len(c.Args) && path.Base(c.Args[i+1].Value) == "chmod" {
						end := len(c.Args)
						for j := i + 2; j < len(c.Args); j++ {
							if v := c.Args[j].Value; v == ";" || v == "+" {
								end = j
								break
							}
						}
						var ok bool
						mode, _, ok = shChmodArgs(c.Args[i+2:end], false)
						if ok {
							tool = "find -exec chmod"
							break
						}
					}
				}
				if mode.Value == "" {
					continue
				}
			case c.Is("mkdir", "install"):
				spec := shMkdirOpts
				if c.Is("install") {
					spec = shInstallOpts
				}
				opts, pos := spec.parse(c.Args)
				o, ok := shOptFind(slices.Values(opts), "m", "mode")
				if !ok {
					continue
				}
				mode, paths = o.ValWord, pos
				if o.ValWord.Range == o.Word.Range {
					// -m777: the value is part of the option's word.
					mode = shell.Word{Raw: o.Value, Value: o.Value, Lit: o.Word.Lit, Range: o.Word.Range}
				}
			default:
				continue
			}
			if !mode.Lit {
				continue
			}
			ww, sticky, ok := shChmodMode(mode.Value)
			if !ok || !ww || sticky {
				continue
			}
			target := "the files"
			if len(paths) > 0 {
				target = `"` + paths[0].Value + `"`
				if len(paths) > 1 {
					target += " and more"
				}
			}
			d.report(mode.Range, `mode `+mode.Value+` of "`+tool+`" makes `+target+` writable by every user`)
		}
	}
}
