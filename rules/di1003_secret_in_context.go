package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/buildcontext"
)

var secretInContext = &Rule{
	ID:               "DI1003",
	Name:             "secret-file-copied",
	Aliases:          []string{"CIS-DI-0010"},
	Kind:             parser.BuildContext,
	Severity:         Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 8.0,
	Summary:          "A COPY or ADD copies a secret file from the build context",
	Doc: "A file that holds credentials exists in the build context, the ignore file does not exclude " +
		"it, and a COPY or ADD source reaches it (`COPY . .` reaches everything), so it ends up in an " +
		"image layer where anyone who can pull the image can read it, even if a later RUN deletes it. " +
		"Checked: `.env` and `.env.*` (not `.env.example`, `.sample`, `.template`, `.dist`), private " +
		"keys (`*.pem`, `*.key`, `id_rsa`, `id_ed25519`… holding a PRIVATE KEY block; `*.p12`, `*.pfx`, " +
		"`*.jks`), `.ssh/` keys, `.aws/credentials`, `.npmrc`/`.pypirc`/`.netrc` with a literal token or " +
		"password, `.git-credentials`, `.docker/config.json` with auths, `credentials.json`, " +
		"`client_secret*.json`, `kubeconfig` and `.kube/config`, `*.tfstate`, `.htpasswd`. Files in " +
		"dependency directories and test fixtures (`test/`, `tests/`, `testdata/`, `fixtures/`) are " +
		"not reported. Exclude the file in .dockerignore and pass secrets at build time with " +
		"`RUN --mount=type=secret` or at run time.",
	Bad:  "# context holds .env, no .dockerignore\nFROM python:3.13-slim\nCOPY . /app",
	Good: "# .dockerignore:\n#   .env\nFROM python:3.13-slim\nCOPY . /app",
	Check: func(p *Pass) {
		c := p.Context
		l := c.Listing()
		srcs := contextSources(p)
		if len(srcs) == 0 {
			return
		}
		type group struct {
			src   *ctxSource
			names []string
			named bool // the source names the file itself: COPY .env ./
		}
		var groups []*group
		byIn := map[*ctxSource]*group{}
		cover := newSourceIndex(srcs)
		for _, e := range secretEntries(c, l) {
			first := -1 // the first source that copies it
			if !cover.each(e.Path, func(i int) {
				if first < 0 || i < first {
					first = i
				}
			}) {
				break
			}
			if first < 0 {
				continue
			}
			s := &srcs[first]
			g := byIn[s]
			if g == nil {
				g = &group{src: s}
				byIn[s] = g
				groups = append(groups, g)
			}
			g.names = append(g.names, fmt.Sprintf("%q", e.Path))
			g.named = g.named || !s.Above(e.Path)
		}
		for _, g := range groups {
			what := "secret file"
			if len(g.names) > 1 {
				what = "secret files"
			}
			by := "no .dockerignore excludes it"
			if c.Ignore != nil {
				by = ignoreName(c) + " does not exclude it"
			}
			if g.named {
				by = "pass it as a build secret (RUN --mount=type=secret) or at run time instead"
			} else if len(g.names) > 1 {
				by = strings.Replace(strings.Replace(by, "excludes it", "excludes them", 1), "exclude it", "exclude them", 1)
			}
			p.Reportf(g.src.Range, "%s %s copies %s %s into the image: %s", g.src.Verb, g.src.Src.Raw, what, ctxListNames(g.names, 3), by)
		}
	},
}

// ctxFixtureDirs hold test keys and sample credentials, not real ones.
var ctxFixtureDirs = map[string]bool{
	"test": true, "tests": true, "testdata": true, "fixtures": true, "__tests__": true,
	"spec": true, "testing": true, "examples": true, "example": true,
}

var (
	envExampleRE  = lazyregexp.New(`(?i)^\.env\.(example|sample|template|dist|defaults?|tmpl|tpl|schema)$|(?i)\.(example|sample|template|dist)$`)
	privateKeyRE  = lazyregexp.New(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----`)
	npmTokenRE    = lazyregexp.New(`(?m)^\s*[^#;\s]*(_authToken|_auth|_password)\s*=\s*([^\s$"'{][^\s]*|"[^$"][^"]*")`)
	passwordRE    = lazyregexp.New(`(?m)^\s*password\s*[=:]?\s*[^\s$]+`)
	netrcRE       = lazyregexp.New(`(?m)\bpassword\s+\S+`)
	dockerAuthsRE = lazyregexp.New(`"auth"\s*:\s*"[^"]+"`)
)

const secretReadLimit = 256 << 10

type secretEntriesKey struct{}

// secretEntries are the files of the context that hold credentials and
// would be sent, found once per context however many Dockerfiles share it.
func secretEntries(c *buildcontext.Context, l *buildcontext.Listing) []buildcontext.Entry {
	return c.Memo(secretEntriesKey{}, func() any {
		var out []buildcontext.Entry
		skip := ""
		for _, e := range l.Entries {
			if skip != "" && strings.HasPrefix(e.Path, skip) {
				continue
			}
			skip = ""
			if e.Dir && (ctxClutterDirs[path.Base(e.Path)] || ctxVCSDirs[path.Base(e.Path)] || ctxFixtureDirs[path.Base(e.Path)] || path.Base(e.Path) == "vendor") {
				skip = e.Path + "/"
				continue
			}
			if !e.Dir && !e.Excluded && !e.Symlink && isSecretFile(c, e) {
				out = append(out, e)
			}
		}
		return out
	}).([]buildcontext.Entry)
}

// isSecretFile tells whether a file of the context holds credentials, by
// name and, where the name is not enough, by a look at its content.
func isSecretFile(c *buildcontext.Context, e buildcontext.Entry) bool {
	// Listed paths are clean, so the last two elements are found without
	// path.Dir, which copies the whole path: deep trees have long ones.
	parent, base := "", e.Path
	if i := strings.LastIndexByte(e.Path, '/'); i >= 0 {
		parent, base = e.Path[:i], e.Path[i+1:]
	}
	lower := strings.ToLower(base)
	dir := parent[strings.LastIndexByte(parent, '/')+1:]
	content := func(re *lazyregexp.Regexp) bool {
		data, ok := c.ReadSmall(e.Path, secretReadLimit)
		return ok && re.Match(data)
	}
	switch {
	case lower == ".env" || strings.HasPrefix(lower, ".env.") || strings.HasSuffix(lower, ".env"):
		return e.Size > 0 && !envExampleRE.MatchString(base) && lower != ".envrc"
	case strings.HasSuffix(lower, ".pem"), strings.HasSuffix(lower, ".key"),
		lower == "id_rsa", lower == "id_dsa", lower == "id_ecdsa", lower == "id_ed25519",
		strings.HasPrefix(lower, "id_rsa_"), strings.HasPrefix(lower, "id_ed25519_"):
		return content(privateKeyRE)
	case strings.HasSuffix(lower, ".p12"), strings.HasSuffix(lower, ".pfx"), strings.HasSuffix(lower, ".jks"), strings.HasSuffix(lower, ".keystore"):
		return e.Size > 0
	case dir == ".ssh":
		return !strings.HasSuffix(lower, ".pub") && content(privateKeyRE)
	case dir == ".aws" && lower == "credentials":
		return e.Size > 0
	case lower == ".npmrc":
		return content(npmTokenRE)
	case lower == ".pypirc":
		return content(passwordRE)
	case lower == ".netrc" || lower == "_netrc":
		return content(netrcRE)
	case lower == ".git-credentials", lower == ".htpasswd":
		return e.Size > 0
	case dir == ".docker" && lower == "config.json":
		return content(dockerAuthsRE)
	case lower == "credentials.json", strings.HasPrefix(lower, "client_secret") && strings.HasSuffix(lower, ".json"):
		return e.Size > 0
	case lower == "kubeconfig", dir == ".kube" && lower == "config":
		return e.Size > 0
	case strings.HasSuffix(lower, ".tfstate"), strings.HasSuffix(lower, ".tfstate.backup"):
		return e.Size > 0
	}
	return false
}
