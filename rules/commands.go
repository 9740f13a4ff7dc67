package rules

// Knowledge about the commands RUN scripts call other than package managers
// (curl, wget, chmod, ln, git, …) and about the structure of a parsed
// script (wrappers, shell bodies, pipelines), shared by the rules in
// registry_shell.go. Package-manager knowledge lives in pkgmgr.go.

import (
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// shRun is one RUN to check: a top-level RUN or the RUN of an ONBUILD.
type shRun struct {
	In      *dockerfile.Instruction // the RUN itself (for ONBUILD, its inner instruction)
	Onbuild *dockerfile.Instruction // the ONBUILD around it, nil for a plain RUN
}

// Stage is the stage the RUN belongs to (nil before the first FROM).
func (r shRun) Stage() *dockerfile.Stage {
	if r.Onbuild != nil {
		return r.Onbuild.Stage
	}
	return r.In.Stage
}

// Commands is every command of the RUN's script (none when unparsed).
func (r shRun) Commands() []*shell.Command {
	if r.In.Script == nil {
		return nil
	}
	return r.In.Script.Commands
}

// shRunsOf lists every RUN of the file, ONBUILD RUN included, in order.
// RUNs of a Windows stage that run with the default shell are left out:
// Windows runs them with `cmd /S /C`, not a POSIX shell.
type shRunsKey struct{}

// shRuns is shRunsOf for the pass's document, computed once for all the
// rules that ask.
func shRuns(p *Pass) []shRun {
	return p.Memo(shRunsKey{}, func() any { return shRunsOf(p.Dockerfile) }).([]shRun)
}

func shRunsOf(f *dockerfile.File) []shRun {
	if f == nil {
		return nil
	}
	var out []shRun
	for _, in := range f.Instructions {
		var r shRun
		switch {
		case in.Cmd == "run":
			r = shRun{In: in}
		case in.Inner != nil && in.Inner.Cmd == "run":
			r = shRun{In: in.Inner, Onbuild: in}
		default:
			continue
		}
		if shWindowsDefaultShell(r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// shWindowsDefaultShell reports whether a RUN runs with cmd, the default
// shell of a stage built on a Windows image, not with a POSIX shell.
func shWindowsDefaultShell(r shRun) bool {
	return !dockerfile.IsPOSIXShell(r.In.Shell)
}

// shInstructionsOf lists the instructions named cmd, including those inside ONBUILD.
func shInstructionsOf(f *dockerfile.File, cmd string) []*dockerfile.Instruction {
	if f == nil {
		return nil
	}
	var out []*dockerfile.Instruction
	for _, in := range f.Instructions {
		switch {
		case in.Cmd == cmd:
			out = append(out, in)
		case in.Inner != nil && in.Inner.Cmd == cmd:
			out = append(out, in.Inner)
		}
	}
	return out
}

// shWrapped reports whether c is the command a wrapper runs (the `apt-get`
// of `sudo apt-get`): it shares its wrapper's words and range.
func shWrapped(c *shell.Command) bool {
	return c.Via != nil && c.Via.Range == c.Range
}

// shRoot is the outermost wrapper of c (c itself when it is not wrapped).
func shRoot(c *shell.Command) *shell.Command {
	for shWrapped(c) {
		c = c.Via
	}
	return c
}

// shScope is the shell command whose `-c` body c belongs to; nil for the
// RUN's own script.
func shScope(c *shell.Command) *shell.Command {
	return shRoot(c).Via
}

// shExecuted reports whether the command really runs: `command -v curl`
// only looks curl up.
func shExecuted(c *shell.Command) bool {
	for x := c; shWrapped(x); x = x.Via {
		if x.Via.Is("command", "builtin") {
			for _, a := range x.Via.Args {
				if a.Value == "-v" || a.Value == "-V" {
					return false
				}
			}
		}
	}
	return true
}

// shHasInner reports whether another command of cmds was found inside c
// (through a wrapper or a `sh -c` body), so c's words are also seen there.
func shHasInner(cmds []*shell.Command, c *shell.Command) bool {
	for _, x := range cmds {
		if x.Via == c {
			return true
		}
	}
	return false
}

// shNested reports whether c runs inside an argument of another command of
// its scope: a `$(…)` or `<(…)` substitution.
func shNested(cmds []*shell.Command, c *shell.Command) bool {
	return shContainer(cmds, c) != nil
}

// shContainer is the innermost command of c's scope whose words hold c (the
// command of a substitution), nil when none.
func shContainer(_ []*shell.Command, c *shell.Command) *shell.Command {
	return shRoot(c).Container
}

// shPipelines groups the root commands of a script into pipelines (only
// groups of two or more). Each element is an outermost command; use
// shChain for the commands a wrapper runs.
func shPipelines(cmds []*shell.Command) [][]*shell.Command {
	// Only a command in a pipeline extends one: most scripts have none.
	if !slices.ContainsFunc(cmds, func(c *shell.Command) bool { return c.InPipeline }) {
		return nil
	}
	type key struct{ scope, container *shell.Command }
	current := map[key][]*shell.Command{}
	var order []key
	var out [][]*shell.Command
	flush := func(k key) {
		if s := current[k]; len(s) > 1 {
			out = append(out, s)
			current[k] = nil
		} else {
			current[k] = s[:0] // nothing kept it: reuse its array
		}
	}
	for _, c := range cmds {
		if shWrapped(c) {
			continue
		}
		k := key{c.Via, shContainer(cmds, c)}
		if _, ok := current[k]; !ok {
			order = append(order, k)
		}
		if (c.Op == "|" || c.Op == "|&") && c.InPipeline && len(current[k]) > 0 {
			current[k] = append(current[k], c)
			continue
		}
		flush(k)
		current[k] = append(current[k], c)
	}
	for _, k := range order {
		flush(k)
	}
	return out
}

// shChain is c followed by the commands its wrappers run: `sudo -E sh` →
// sudo, sh.
func shChain(_ []*shell.Command, c *shell.Command) []*shell.Command {
	out := []*shell.Command{c}
	for x := c.Wraps; x != nil; x = x.Wraps {
		out = append(out, x)
	}
	return out
}

// shChainHas returns the first command of c's wrapper chain named one of names.
func shChainHas(cmds []*shell.Command, c *shell.Command, names ...string) *shell.Command {
	for _, x := range shChain(cmds, c) {
		if x.Is(names...) {
			return x
		}
	}
	return nil
}

// shShells are the POSIX-like shells.
var shShells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true}

// shIsShell reports whether c is a POSIX-like shell.
func shIsShell(c *shell.Command) bool { return shShells[c.Base()] }

// shOptSpec tells how a command's options are written: which short letters
// and which long names take a value.
type shOptSpec struct {
	shortVal string
	longVal  map[string]bool
}

// shOpt is one option found on a command line.
type shOpt struct {
	Name     string // the letter of a short option ("k"), the name of a long one ("insecure")
	Long     bool
	Value    string
	HasValue bool
	Word     shell.Word // the word holding the option
	ValWord  shell.Word // the word holding the value (Word itself when attached)
	Off      int        // byte offset of the option in Word.Value ("k" in "-fsSLk" is 5)
	Len      int        // its length in bytes
}

// parse splits args into options and positional words; "--" ends options.
func (s shOptSpec) parse(args []shell.Word) (opts []shOpt, pos []shell.Word) {
	s.scan(args, func(o shOpt) bool {
		opts = append(opts, o)
		return true
	}, func(w shell.Word) { pos = append(pos, w) })
	return opts, pos
}

// options yields the options of args as parse finds them, without keeping
// them: most commands are checked for one or two options, and a shOpt
// holds two words.
func (s shOptSpec) options(args []shell.Word) iter.Seq[shOpt] {
	return func(yield func(shOpt) bool) { s.scan(args, yield, nil) }
}

// scan calls opt with each option of args until it returns false, and pos
// (when not nil) with each positional word; "--" ends options.
func (s shOptSpec) scan(args []shell.Word, opt func(shOpt) bool, pos func(shell.Word)) {
	for i := 0; i < len(args); i++ {
		w := args[i]
		v := w.Value
		switch {
		case v == "--":
			if pos != nil {
				for _, p := range args[i+1:] {
					pos(p)
				}
			}
			return
		case strings.HasPrefix(v, "--"):
			name, val, eq := strings.Cut(v[2:], "=")
			o := shOpt{Name: name, Long: true, Word: w, Off: 0, Len: len(v)}
			if eq {
				o.Value, o.HasValue, o.ValWord = val, true, w
			} else if s.longVal[name] && i+1 < len(args) {
				i++
				o.Value, o.HasValue, o.ValWord = args[i].Value, true, args[i]
			}
			if !opt(o) {
				return
			}
		case strings.HasPrefix(v, "-") && len(v) > 1:
			for j := 1; j < len(v); j++ {
				ch := v[j]
				o := shOpt{Name: string(ch), Word: w, Off: j, Len: 1}
				if strings.IndexByte(s.shortVal, ch) >= 0 {
					if j+1 < len(v) {
						o.Value, o.HasValue, o.ValWord = v[j+1:], true, w
					} else if i+1 < len(args) {
						i++
						o.Value, o.HasValue, o.ValWord = args[i].Value, true, args[i]
					}
					if !opt(o) {
						return
					}
					break
				}
				if !opt(o) {
					return
				}
			}
		default:
			if pos != nil {
				pos(w)
			}
		}
	}
}

// shOptFind returns the first of opts that is one of names (short letters
// or long names).
func shOptFind(opts iter.Seq[shOpt], names ...string) (shOpt, bool) {
	for o := range opts {
		for _, n := range names {
			if o.Name == n && (o.Long == (len(n) > 1)) {
				return o, true
			}
		}
	}
	return shOpt{}, false
}

// shSub is the range of n bytes at offset off of a word's value, when the
// word is written plainly on one line; the whole word otherwise.
func shSub(w shell.Word, off, n int) source.Range {
	r := w.Range
	if w.Raw != w.Value || r.Start.Line != r.End.Line || !shIsASCII(w.Raw) || off+n > len(w.Raw) {
		return r
	}
	return source.Range{
		Start: source.Position{Line: r.Start.Line, Column: r.Start.Column + off},
		End:   source.Position{Line: r.Start.Line, Column: r.Start.Column + off + n},
	}
}

// optRange is where an option is written.
func (o shOpt) optRange() source.Range {
	if o.Long {
		return o.Word.Range
	}
	return shSub(o.Word, o.Off, o.Len)
}

// optText is the option as the user wrote it: "-k", "--insecure".
func (o shOpt) optText() string {
	if o.Long {
		return "--" + o.Name
	}
	return "-" + o.Name
}

func shIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// curl's options that take a value (curl 8).
var shCurlOpts = shOptSpec{
	shortVal: "AbcCdDeEFHhKmoPQrtTuUwxXYyz",
	longVal: shSet("data", "data-ascii", "data-binary", "data-raw", "data-urlencode", "header", "output", "user",
		"user-agent", "referer", "cookie", "cookie-jar", "form", "form-string", "upload-file", "write-out",
		"max-time", "range", "cert", "cacert", "capath", "key", "config", "continue-at", "proxy", "proxy-user",
		"request", "retry", "retry-delay", "retry-max-time", "connect-timeout", "output-dir", "dump-header",
		"url", "resolve", "connect-to", "interface", "limit-rate", "max-filesize", "speed-limit", "speed-time",
		"time-cond", "quote", "telnet-option", "ciphers", "pinnedpubkey", "netrc-file", "oauth2-bearer",
		"preproxy", "proxy-header", "proto", "proto-redir", "unix-socket", "local-port", "expect100-timeout",
		"happy-eyeballs-timeout-ms", "dns-servers", "doh-url", "retry-all-errors-max", "etag-save",
		"etag-compare", "trace", "trace-ascii", "stderr", "variable", "json", "aws-sigv4", "hostpubmd5",
		"hostpubsha256", "key-type", "cert-type", "pass", "engine", "random-file", "egd-file", "krb",
		"ftp-port", "mail-from", "mail-rcpt", "mail-auth", "login-options", "sasl-authzid", "service-name",
		"proxy-service-name", "socks4", "socks4a", "socks5", "socks5-hostname", "socks5-gssapi-service",
		"tls-max", "tlsuser", "tlspassword", "tlsauthtype", "crlfile", "delegation", "max-redirs", "keepalive-time"),
}

// wget's options that take a value (GNU wget 1.21); -n takes its letters
// as a value (-nv, -nc, -nd).
var shWgetOpts = shOptSpec{
	shortVal: "oaeOtTwQPDIXARUlinB",
	longVal: shSet("output-file", "append-output", "execute", "output-document", "tries", "timeout", "wait",
		"quota", "directory-prefix", "domains", "include-directories", "exclude-directories", "accept",
		"reject", "user-agent", "level", "input-file", "base", "progress", "user", "password", "http-user",
		"http-password", "header", "post-data", "post-file", "method", "body-data", "body-file", "referer",
		"load-cookies", "save-cookies", "ca-certificate", "ca-directory", "certificate", "private-key",
		"secure-protocol", "limit-rate", "dns-timeout", "connect-timeout", "read-timeout", "waitretry",
		"bind-address", "restrict-file-names", "config", "ftp-user", "ftp-password", "proxy-user",
		"proxy-password", "default-page", "exclude-domains", "local-encoding", "remote-encoding",
		"report-speed", "ciphers", "crl-file", "pinnedpubkey", "random-file", "egd-file", "hsts-file",
		"rejected-log", "use-askpass", "warc-file", "warc-header", "warc-max-size", "warc-tempdir",
		"accept-regex", "reject-regex", "regex-type", "cut-dirs", "max-redirect", "compression", "retry-on-http-error"),
}

func shSet(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// shDownloaders are the commands that fetch URLs.
func shIsDownloader(c *shell.Command) bool { return c.Is("curl", "wget") }

// shSecretName reports whether a variable name looks like it holds a secret,
// by the rule BuildKit's SecretsUsedInArgOrEnv applies (one of its
// underscore-separated words is a secret word, and none says it is public),
// with a few more words that mark public values: GPG_KEY is a key
// fingerprint, CREDENTIALS_URL and TOKEN_PATH only say where a secret is.
func shSecretName(name string) bool {
	deny, allow := false, false
	for _, part := range strings.Split(strings.ToLower(name), "_") {
		switch part {
		case "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token":
			deny = true
		case "public", "file", "version", "gpg", "pgp", "fingerprint", "url", "path", "dir", "name":
			allow = true
		}
	}
	return deny && !allow
}

// shMount is one --mount of a RUN, its fields as written.
type shMount map[string]string

// shMounts reads a RUN's --mount flags.
func shMounts(in *dockerfile.Instruction) []shMount {
	var out []shMount
	for _, v := range in.FlagValues("mount") {
		m := shMount{}
		for _, field := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(field), "=")
			k = strings.ToLower(k)
			switch k {
			case "dst", "destination":
				k = "target"
			case "src":
				k = "source"
			}
			m[k] = strings.Trim(val, `"'`)
		}
		if m["type"] == "" {
			m["type"] = "bind"
		}
		out = append(out, m)
	}
	return out
}

// shSecretMounts returns the secret mounts of a RUN: the variables they
// set (env=) and whether there is any.
func shSecretMounts(in *dockerfile.Instruction) (envs map[string]bool, any bool) {
	envs = map[string]bool{}
	for _, m := range shMounts(in) {
		if m["type"] != "secret" {
			continue
		}
		any = true
		if e := m["env"]; e != "" {
			envs[e] = true
		}
	}
	return envs, any
}

// shVarRefs returns the names of the variables a word expands ($X, ${X},
// ${X:-d}); none for a literal word.
func shVarRefs(w shell.Word) []string {
	if w.Lit {
		return nil
	}
	return shVarNames(w.Value)
}

// shVarNames scans text for $NAME and ${NAME…} references.
func shVarNames(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		j := i + 1
		if s[j] == '{' {
			j++
		}
		k := j
		for k < len(s) && (s[k] == '_' || s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || k > j && s[k] >= '0' && s[k] <= '9') {
			k++
		}
		if k > j {
			out = append(out, s[j:k])
		}
		i = k - 1
	}
	return out
}

// shReadsSecretFile reports whether a word's value is read from a secret
// mount: `$(cat /run/secrets/token)`, `$(< /run/secrets/token)`.
func shReadsSecretFile(w shell.Word, in *dockerfile.Instruction) bool {
	if w.Lit {
		return false
	}
	targets := []string{"/run/secrets/"}
	for _, m := range shMounts(in) {
		if m["type"] == "secret" && m["target"] != "" {
			targets = append(targets, m["target"])
		}
	}
	if _, any := shSecretMounts(in); !any {
		return false
	}
	if !strings.Contains(w.Value, "$(") && !strings.Contains(w.Value, "`") {
		return false
	}
	for _, t := range targets {
		if strings.Contains(w.Value, t) {
			return true
		}
	}
	return false
}

// shDedup drops a rule's repeated findings at the same place (a wrapper and
// the command it runs share words).
type shDedup struct {
	p    *Pass
	seen map[source.Range]bool
}

func newShDedup(p *Pass) *shDedup { return &shDedup{p: p, seen: map[source.Range]bool{}} }

func (d *shDedup) report(r source.Range, msg string, fixes ...Fix) {
	if d.seen[r] {
		return
	}
	d.seen[r] = true
	d.p.Report(r, msg, fixes...)
}

// shChmodMode tells whether a chmod mode (octal or symbolic) grants write
// permission to others, and whether it sets the sticky bit (the /tmp
// pattern, which is safe). ok is false for a mode that cannot be read.
func shChmodMode(mode string) (worldWritable, sticky, ok bool) {
	if mode == "" {
		return false, false, false
	}
	if shIsOctal(mode) {
		n := 0
		for _, ch := range mode {
			n = n*8 + int(ch-'0')
		}
		return n&0o002 != 0, n&0o1000 != 0, true
	}
	for _, clause := range strings.Split(mode, ",") {
		i := 0
		who := ""
		for i < len(clause) && strings.IndexByte("ugoa", clause[i]) >= 0 {
			who += string(clause[i])
			i++
		}
		if i >= len(clause) {
			return false, false, false
		}
		others := who == "" || strings.ContainsAny(who, "oa")
		// A bare `+w` honours the umask, which (022 by default) keeps
		// others from writing.
		explicit := who != ""
		for i < len(clause) {
			op := clause[i]
			if op != '+' && op != '-' && op != '=' {
				return false, false, false
			}
			i++
			j := i
			for j < len(clause) && strings.IndexByte("+-=", clause[j]) < 0 {
				j++
			}
			perms := clause[i:j]
			i = j
			if strings.Trim(perms, "rwxXstugo") != "" {
				return false, false, false
			}
			w := strings.Contains(perms, "w")
			t := strings.Contains(perms, "t")
			switch op {
			case '+':
				if w && others && explicit {
					worldWritable = true
				}
				if t {
					sticky = true
				}
			case '-':
				if w && others {
					worldWritable = false
				}
				if t {
					sticky = false
				}
			case '=':
				if others && explicit {
					worldWritable = w
				}
				if strings.ContainsAny(who, "oa") || who == "" {
					sticky = t
				}
			}
		}
	}
	return worldWritable, sticky, true
}

func shIsOctal(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	for _, ch := range s {
		if ch < '0' || ch > '7' {
			return false
		}
	}
	return true
}

// shURLUserinfo returns the user-information part of a URL (`user:token`
// in https://user:token@host/), "" when it has none.
func shURLUserinfo(u string) string {
	scheme := strings.Index(u, "://")
	if scheme < 0 {
		return ""
	}
	rest := u[scheme+3:]
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	return rest[:at]
}
