package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
)

var userCreatedUnused = &Rule{
	ID: "DL5204", Name: "user-created-but-unused", Kind: parser.Dockerfile, Severity: Info,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 3.0,
	Summary:          "A user is created in the image but no USER switches to it",
	Doc: "Creating a dedicated user (useradd, adduser) suggests the container should not run as root, " +
		"but without a `USER app` (or its UID) after it, the process still starts as root (or as " +
		"whichever USER is set). Add the USER instruction. Images whose entrypoint drops privileges " +
		"itself (gosu, su-exec, setpriv) keep root on purpose: when the user name appears in CMD or " +
		"ENTRYPOINT this note stays silent, otherwise ignore it for those images. System accounts " +
		"(useradd -r, adduser --system or -S) are left alone: they usually serve a daemon that switches " +
		"to them itself (php-fpm's www-data, redis). Only the final " +
		"stage (or --target) and the stages it is built FROM are judged.",
	Bad:   "FROM debian:12\nRUN useradd --create-home app\nCMD [\"/app/run\"]",
	Good:  "FROM debian:12\nRUN useradd --create-home app\nUSER app\nCMD [\"/app/run\"]",
	Check: checkUserCreatedUnused,
}

func checkUserCreatedUnused(p *Pass) {
	final := p.FinalStage()
	if final == nil {
		return
	}
	var users []string
	var words []string
	for _, in := range ChainInstructions(final) {
		switch c := in.Command.(type) {
		case *instructions.UserCommand:
			if strings.Contains(c.User, "$") {
				return // a user given through a variable: cannot tell
			}
			name, _, _ := strings.Cut(c.User, ":")
			users = append(users, name)
		case *instructions.CmdCommand:
			words = append(words, execWords(c.CmdLine)...)
		case *instructions.EntrypointCommand:
			words = append(words, execWords(c.CmdLine)...)
		}
	}
	chain := map[*dockerfile.Stage]bool{}
	for _, s := range final.Chain() {
		chain[s] = true
	}
	// Sets, so that many users and many CMD words cost their sum, not
	// their product.
	switched := map[string]bool{}
	for _, u := range users {
		switched[u] = true
	}
	named := map[string]bool{} // each word, and its text before the first ':'
	for _, w := range words {
		named[w] = true
		if before, _, ok := strings.Cut(w, ":"); ok {
			named[before] = true
		}
	}
	usedInWords := func(name string) bool {
		if !strings.Contains(name, ":") {
			return named[name]
		}
		for _, w := range words {
			if w == name || strings.HasPrefix(w, name+":") {
				return true
			}
		}
		return false
	}
	forEachUserCommand(p.Dockerfile, func(c userCommand) {
		if !chain[c.Stage] || c.OnBuild || c.System || c.Name.Value == "" || !c.Name.Lit {
			return
		}
		if switched[c.Name.Value] || c.UID.Lit && c.UID.Value != "" && switched[c.UID.Value] {
			return
		}
		if usedInWords(c.Name.Value) {
			return
		}
		p.Report(c.Name.Range, fmt.Sprintf("user %q is created here but no USER switches to it, so the container does not run as %q", c.Name.Value, c.Name.Value))
	})
}

func execWords(line []string) []string {
	var out []string
	for _, l := range line {
		out = append(out, strings.Fields(l)...)
	}
	return out
}

// userCommand is a useradd or adduser that creates a user.
type userCommand struct {
	Kind      string // "useradd" or "adduser"
	Cmd       *shell.Command
	In        *dockerfile.Instruction
	Stage     *dockerfile.Stage
	OnBuild   bool
	Name      shell.Word // the new user's name (zero when not found)
	UID       shell.Word // the -u/--uid value (zero when absent)
	NoLogInit bool       // useradd -l / --no-log-init
	System    bool       // a system account (-r/--system, busybox -S)
}

// forEachUserCommand calls fn for every user-creating useradd and adduser in
// the RUN instructions (ONBUILD RUN included) of every stage.
func forEachUserCommand(f *dockerfile.File, fn func(userCommand)) {
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			run, onbuild := in, false
			if in.Inner != nil {
				run, onbuild = in.Inner, true
			}
			if run.Cmd != "run" || run.Script == nil {
				continue
			}
			for _, c := range run.Script.Commands {
				if uc, ok := parseUserCommand(c); ok {
					uc.In, uc.Stage, uc.OnBuild = in, st, onbuild
					fn(uc)
				}
			}
		}
	}
}

var (
	useraddValueShort = "bcdefgGkKpPRsuZ"
	useraddValueLong  = map[string]bool{"base-dir": true, "comment": true, "home-dir": true, "expiredate": true, "inactive": true,
		"gid": true, "groups": true, "skel": true, "key": true, "password": true, "root": true, "prefix": true, "shell": true,
		"uid": true, "selinux-user": true, "selinux-range": true}
	adduserValueShort = "hgsGuk"
	adduserValueLong  = map[string]bool{"home": true, "shell": true, "uid": true, "gid": true, "ingroup": true, "gecos": true,
		"comment": true, "conf": true, "firstuid": true, "lastuid": true, "firstgid": true, "lastgid": true, "key": true}
)

// parseUserCommand reads the options of useradd or adduser the way getopt does.
func parseUserCommand(c *shell.Command) (userCommand, bool) {
	uc := userCommand{Cmd: c}
	var valueShort string
	var valueLong map[string]bool
	switch {
	case c.Is("useradd"):
		uc.Kind, valueShort, valueLong = "useradd", useraddValueShort, useraddValueLong
	case c.Is("adduser"):
		uc.Kind, valueShort, valueLong = "adduser", adduserValueShort, adduserValueLong
	default:
		return uc, false
	}
	var positional []shell.Word
	defaults, busybox := false, false
	args := c.Args
	for i := 0; i < len(args); i++ {
		a := args[i]
		v := a.Value
		switch {
		case v == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(v, "--"):
			name, value, hasValue := strings.Cut(v[2:], "=")
			if valueLong[name] {
				w := a
				if hasValue {
					w.Value = value
				} else if i+1 < len(args) {
					i++
					w = args[i]
				}
				if name == "uid" {
					uc.UID = w
				}
			}
			if name == "no-log-init" {
				uc.NoLogInit = true
			}
			if name == "system" {
				uc.System = true
			}
			if name == "help" || name == "defaults" {
				defaults = true
			}
		case strings.HasPrefix(v, "-") && len(v) > 1:
			flags := v[1:]
			for j := 0; j < len(flags); j++ {
				ch := flags[j]
				if strings.IndexByte(valueShort, ch) >= 0 {
					w := a
					if j+1 < len(flags) {
						w.Value = flags[j+1:]
					} else if i+1 < len(args) {
						i++
						w = args[i]
					}
					if ch == 'u' {
						uc.UID = w
					}
					break
				}
				switch ch {
				case 'l':
					uc.NoLogInit = uc.Kind == "useradd"
				case 'D':
					if uc.Kind == "useradd" {
						defaults = true
					}
					busybox = true
				case 'S':
					busybox = true
					uc.System = uc.Kind == "adduser"
				case 'H':
					busybox = true
				case 'r':
					uc.System = uc.System || uc.Kind == "useradd"
				}
			}
		default:
			positional = append(positional, a)
		}
	}
	if defaults || len(positional) == 0 {
		return uc, false
	}
	switch uc.Kind {
	case "useradd":
		uc.Name = positional[len(positional)-1]
	case "adduser":
		// Debian's `adduser USER GROUP` adds an existing user to a group.
		if len(positional) > 1 && !busybox {
			return uc, false
		}
		uc.Name = positional[0]
	}
	return uc, true
}
