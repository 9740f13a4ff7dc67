package rules

import "github.com/dlint/dlint/parser"

var pointlessCommand = &Rule{
	ID: "DL3001", Name: "pointless-command-in-run", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "A RUN calls a command that makes no sense during a build",
	Doc: "An image build runs each RUN in a throw-away container with no terminal, no init system and " +
		"no running services. Interactive or host-management commands such as `ssh`, `vim`, `shutdown`, " +
		"`service`, `ps`, `free`, `top`, `kill`, `mount` or `ifconfig` either hang, fail or report on the " +
		"build container rather than on anything that ends up in the image. Remove the command, or move " +
		"the work to the container's entrypoint where it belongs. Installing these tools as packages is fine.",
	Bad:   "RUN service nginx start",
	Good:  "RUN apt-get install -y --no-install-recommends nginx=1.22.1-9",
	Check: checkPointlessCommand,
}

var shPointlessCommands = map[string]bool{
	"ssh": true, "vim": true, "shutdown": true, "service": true, "ps": true, "free": true,
	"top": true, "kill": true, "mount": true, "ifconfig": true,
}

func checkPointlessCommand(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if shPointlessCommands[c.Base()] && shExecuted(c) {
				d.report(c.Name.Range, `"`+c.Base()+`" has no useful effect while the image is built`)
			}
		}
	}
}
