package rules

import "github.com/dlint/dlint/parser"

var composerRequireUnpinned = &Rule{
	ID:       "DL5305",
	Name:     "composer-require-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Give a version constraint in composer require",
	Doc: `` + "`composer require vendor/package`" + ` (or ` + "`composer global require`" + `) takes the newest
release at build time. Give a constraint: ` + "`laravel/installer:5.8.3`" + ` or
` + "`laravel/installer:^5.8`" + `, or install from a committed composer.lock with
` + "`composer install`" + `.`,
	Bad:  "RUN composer global require laravel/installer",
	Good: "RUN composer global require laravel/installer:5.8.3",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famComposer },
			func(_ *pkgCall, n string) string { return n + ":<version>" })
	},
}
