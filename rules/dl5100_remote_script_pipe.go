package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var remoteScriptPipe = &Rule{
	ID: "DL5100", Name: "remote-script-execution", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity, TagReproducibility},
	SecuritySeverity: 6.5,
	Summary:          "A RUN pipes a downloaded script straight into a shell",
	Doc: "`curl … | sh` runs whatever the server returns at build time, unreviewed and unverified: a " +
		"compromised or changed script, or a truncated download, executes with the build's privileges, " +
		"and two builds of the same Dockerfile can run different code. Download the script to a file, " +
		"verify it against a known checksum or signature, then run it — or install the tool from a " +
		"package or a pinned release artifact. The same applies to `sh -c \"$(curl …)\"` and `bash <(curl …)`.",
	Bad: "RUN curl -fsSL https://example.com/install.sh | sh",
	Good: "RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n" +
		" && echo \"3b0c…  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh",
	Check: checkRemoteScriptPipe,
}

// shInterpreters run a script they read from standard input.
var shInterpreters = map[string]bool{
	"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true,
	"python": true, "python2": true, "python3": true, "perl": true, "ruby": true, "node": true, "php": true,
}

// shReadsStdin reports whether an interpreter reads its script from stdin:
// no script file argument, or `-`/`-s`.
func shReadsStdin(c *shell.Command) bool {
	for _, a := range c.Args {
		v := a.Value
		switch {
		case v == "-" || v == "-s" || v == "--":
			return true
		case v == "-c" || v == "-e" || v == "-m" || v == "-r":
			return false
		case len(v) > 0 && v[0] != '-':
			return false
		}
	}
	return true
}

func checkRemoteScriptPipe(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		cmds := r.Commands()
		// curl … | sh
		for _, pl := range shPipelines(cmds) {
			var dl *shell.Command
			for _, c := range pl {
				if x := shChainHas(cmds, c, "curl", "wget"); x != nil && dl == nil {
					dl = x
					continue
				}
				if dl == nil {
					continue
				}
				ch := shChain(cmds, c)
				last := ch[len(ch)-1]
				if shInterpreters[last.Base()] && shReadsStdin(last) {
					d.report(last.Name.Range, `script downloaded by "`+dl.Base()+`" is piped into "`+last.Base()+`" without verification`)
					break
				}
			}
		}
		// sh -c "$(curl …)", bash <(curl …)
		for _, c := range cmds {
			if !shIsDownloader(c) || !shExecuted(c) {
				continue
			}
			outer := shContainer(cmds, c)
			if outer == nil {
				continue
			}
			ch := shChain(cmds, outer)
			last := ch[len(ch)-1]
			if !shInterpreters[last.Base()] {
				continue
			}
			if last.Is("python", "python2", "python3", "perl", "ruby", "node", "php") && !shReadsStdin(last) {
				// python -c "$(curl …)" runs the download; python script.py "$(curl …)" does not.
				if len(last.Args) == 0 || (last.Args[0].Value != "-c" && last.Args[0].Value != "-e") {
					continue
				}
			}
			if shIsShell(last) && len(last.Args) > 0 && last.Args[0].Value != "-c" && !shRawStartsProcSubst(last.Args[0]) {
				continue
			}
			d.report(last.Name.Range, `script downloaded by "`+c.Base()+`" is run by "`+last.Base()+`" without verification`)
		}
	}
}

// shRawStartsProcSubst reports whether a word is a process substitution `<(…)`.
func shRawStartsProcSubst(w shell.Word) bool {
	return len(w.Raw) > 1 && w.Raw[0] == '<' && w.Raw[1] == '('
}
