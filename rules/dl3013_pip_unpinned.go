package rules

import "github.com/dlint/dlint/parser"

var pipUnpinned = &Rule{
	ID:       "DL3013",
	Name:     "pip-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in pip install",
	Doc: `` + "`pip install flask`" + ` installs the newest release at build time, so a rebuild can pull in a
new major version. Pin each package (` + "`flask==3.0.3`" + `, or at least a range such as
` + "`flask>=3,<4`" + `), or install from a requirements or constraints file that pins everything
(` + "`pip install -r requirements.txt`" + `; commands with ` + "`-r`" + ` or ` + "`-c`" + ` are not judged).
Local paths, wheels and archives, and VCS URLs with ` + "`@ref`" + ` count as pinned. pip, pip3,
` + "`python -m pip`" + ` and pipx are checked.`,
	Bad:  "RUN pip install --no-cache-dir flask",
	Good: "RUN pip install --no-cache-dir flask==3.0.3",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famPip },
			func(_ *pkgCall, n string) string { return n + "==<version>" })
	},
}
