package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
	"github.com/dlint/dlint/parser/source"
)

// callsOf parses `RUN <script>` and returns its package-manager calls.
func callsOf(t *testing.T, script string) []*pkgCall {
	t.Helper()
	doc := parser.Parse("Dockerfile", []byte("FROM debian:12\nRUN "+script+"\n"), parser.Dockerfile, parser.Options{})
	p := &Pass{Document: doc, Options: &Options{}}
	runs := pkgRuns(p)
	if len(runs) != 1 {
		t.Fatalf("%q: %d runs", script, len(runs))
	}
	return runs[0].Calls
}

// describe renders the targets of the calls: name (pinned/unpinned/moving).
func describe(calls []*pkgCall) string {
	var parts []string
	for _, c := range calls {
		var ts []string
		for _, t := range c.Targets() {
			s := t.Word.Value
			switch {
			case t.Moving:
				s += "~"
			case t.Pinned:
				s += "+"
			default:
				s += "-"
			}
			ts = append(ts, s)
		}
		parts = append(parts, fmt.Sprintf("%s[%s]{%s}", c.Tool, c.Sub, strings.Join(ts, " ")))
	}
	return strings.Join(parts, "; ")
}

func TestPkgTargets(t *testing.T) {
	cases := []struct{ script, want string }{
		// apt
		{"apt-get install -y curl", "apt-get[install]{curl-}"},
		{"apt-get -y install curl=7.88 git/bookworm-backports", "apt-get[install]{curl=7.88+ git/bookworm-backports+}"},
		{"apt-get install -t bookworm-backports -y curl", "apt-get[install]{curl-}"},
		{"apt-get install --target-release=bookworm curl", "apt-get[install]{curl-}"},
		{"apt-get install -tbookworm curl", "apt-get[install]{curl-}"},
		{"apt-get install -o Dpkg::Options::=--force-confold -yq curl", "apt-get[install]{curl-}"},
		{"apt-get install -y $PKGS ${buildDeps} ./local.deb /tmp/x.deb", "apt-get[install]{}"},
		{"apt-get update", "apt-get[update]{}"},
		{"sudo apt-get install -y vim", "apt-get[install]{vim-}"},
		{"env DEBIAN_FRONTEND=noninteractive apt-get install -y vim", "apt-get[install]{vim-}"},
		{"apt install -y vim", "apt[install]{vim-}"},
		// apk
		{"apk add --no-cache curl=8.5.0-r0 bash~5.2 'py3-pip>=23' git", "apk[add]{curl=8.5.0-r0+ bash~5.2+ py3-pip>=23+ git-}"},
		{"apk add --virtual .build-deps gcc", "apk[add]{gcc-}"},
		{"apk add -t .deps -X http://mirror/edge/main musl-dev", "apk[add]{musl-dev-}"},
		{"apk add --no-cache !pyc /tmp/x.apk local.apk", "apk[add]{}"},
		{"apk --no-cache add jq", "apk[add]{jq-}"},
		// yum/dnf
		{"yum install -y nginx-1.20.1 httpd bash-0:5.1-2.el9.x86_64 /tmp/x.rpm @core", "yum[install]{nginx-1.20.1+ httpd- bash-0:5.1-2.el9.x86_64+}"},
		{"dnf --setopt=install_weak_deps=False install -y python3-pip gcc-c++", "dnf[install]{python3-pip- gcc-c++-}"},
		{"dnf module install -y nodejs:18 php", "dnf[module install]{nodejs:18+ php-}"},
		{"yum groupinstall -y 'Development Tools'", "yum[groupinstall]{}"},
		{"dnf group install -y development", "dnf[group install]{}"},
		{"microdnf install -y tar-1.34", "microdnf[install]{tar-1.34+}"},
		{"dnf install -y --enablerepo crb 'dnf-command(config-manager)'", "dnf[install]{}"},
		// zypper
		{"zypper -n install curl=8.0 'git>2' vim", "zypper[install]{curl=8.0+ git>2+ vim-}"},
		{"zypper in -t pattern devel_basis", "zypper[in]{}"},
		{"zypper --non-interactive --root /mnt in -r repo-oss vim", "zypper[in]{vim-}"},
		// pip
		{"pip install flask==2.0 'requests>=2' django~=4.2 numpy", "pip[install]{flask==2.0+ requests>=2+ django~=4.2+ numpy-}"},
		{"pip3 install --no-cache-dir -i https://x/simple --extra-index-url https://y torch", "pip[install]{torch-}"},
		{"python3 -m pip install --upgrade pip", "pip[install]{pip-}"},
		{"python -u -m pip install . ./pkg dist/x.whl x.tar.gz", "pip[install]{}"},
		{"pip install -r requirements.txt flask", "pip[install]{}"},
		{"pip install -e . 'git+https://github.com/a/b.git@v1' git+https://github.com/a/c.git", "pip[install]{git+https://github.com/a/b.git@v1+ git+https://github.com/a/c.git-}"},
		{"pip install 'pkg @ https://x/y.whl' 'uvicorn[standard]'", "pip[install]{pkg @ https://x/y.whl+ uvicorn[standard]-}"},
		{"pipx install poetry==1.8", "pipx[install]{poetry==1.8+}"},
		{"python3 -c 'import pip'", ""},
		// npm / yarn / pnpm
		{"npm install", "npm[install]{}"},
		{"npm install -g npm@10.2.0 @angular/cli@17 @scope/pkg typescript npm@latest", "npm[install]{npm@10.2.0+ @angular/cli@17+ @scope/pkg- typescript- npm@latest~}"},
		{"npm i --registry https://r.example pm2 ./local ../x.tgz git+https://g/x.git#v1 user/repo", "npm[i]{pm2- git+https://g/x.git#v1+ user/repo-}"},
		{"npm run install", "npm[run]{}"},
		{"npm config set strict-ssl false", "npm[config set]{}"},
		{"yarn global add serve@14 pm2", "yarn[global add]{serve@14+ pm2-}"},
		{"pnpm add -g pnpm@9", "pnpm[add]{pnpm@9+}"},
		// gem
		{"gem install bundler:2.4.0 rails --no-document", "gem[install]{bundler:2.4.0+ rails-}"},
		{"gem install bundler -v 2.4.0", "gem[install]{bundler+}"},
		{"gem install --no-document rake", "gem[install]{rake-}"},
		// go
		{"go install golang.org/x/tools/gopls@v0.15.0 github.com/a/b@latest github.com/c/d ./... std", "go[install]{golang.org/x/tools/gopls@v0.15.0+ github.com/a/b@latest~ github.com/c/d-}"},
		{"go install -ldflags '-s -w' -tags netgo github.com/x/y@v1", "go[install]{github.com/x/y@v1+}"},
		{"go get -u github.com/x/y@none", "go[get]{}"},
		{"go mod download", "go[mod download]{}"},
		// cargo / composer
		{"cargo install ripgrep@14.1.0 fd-find", "cargo[install]{ripgrep@14.1.0+ fd-find-}"},
		{"cargo install --locked --version 0.9 sccache", "cargo[install]{sccache+}"},
		{"cargo install --git https://github.com/x/y --tag v1 y", "cargo[install]{y+}"},
		{"composer global require laravel/installer:^5 phpunit/phpunit", "composer[global require]{laravel/installer:^5+ phpunit/phpunit-}"},
		// wrappers, chains, sh -c
		{"apt-get update && apt-get install -y a || true; sh -c 'apk add b'", "apt-get[update]{}; apt-get[install]{a-}; apk[add]{b-}"},
		{"echo x | xargs apt-get install -y", "apt-get[install]{}"},
		{"./apt install x && /usr/bin/apt-get install -y y", "apt-get[install]{y-}"},
		{".venv/bin/pip install flask", "pip[install]{flask-}"},
		{"apt-get install -y 'lib*' lamp-server^ a:i386", "apt-get[install]{a:i386-}"},
		{"sudo -u root env A=1 apt-get install -y z", "apt-get[install]{z-}"},
	}
	for _, c := range cases {
		if got := describe(callsOf(t, c.script)); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.script, got, c.want)
		}
	}
}

func TestPkgOptions(t *testing.T) {
	c := callsOf(t, "apt-get -qq -y --no-install-recommends -o APT::Install-Recommends=false install curl")[0]
	if c.Count("-q") != 2 || !c.Has("-y") || !c.Has("--no-install-recommends") {
		t.Errorf("options: %+v", c.Opts)
	}
	if o, ok := c.Opt("-o"); !ok || o.Value != "APT::Install-Recommends=false" || o.ValueWord == nil || !o.BeforeSub {
		t.Errorf("-o: %+v", o)
	}
	c = callsOf(t, "zypper -n in -y curl")[0]
	if o, _ := c.Opt("-n"); !o.BeforeSub {
		t.Errorf("-n before the subcommand is global: %+v", o)
	}
	if o, _ := c.Opt("-y"); o.BeforeSub {
		t.Errorf("-y after the subcommand: %+v", o)
	}
	c = callsOf(t, "pip install --index-url=https://x/simple flask")[0]
	if o, _ := c.Opt("--index-url"); o.Value != "https://x/simple" {
		t.Errorf("--index-url=: %+v", o)
	}
	c = callsOf(t, "go install -ldflags=-s example.com/x@v1")[0]
	if o, _ := c.Opt("-ldflags"); o.Value != "-s" {
		t.Errorf("-ldflags=: %+v", o)
	}
}

func TestPkgCallKinds(t *testing.T) {
	cases := []struct {
		script                 string
		install, update, upgrd bool
	}{
		{"apt-get update", false, true, false},
		{"apt-get install x", true, false, false},
		{"apt-get dist-upgrade -y", false, false, true},
		{"apk update", false, true, false},
		{"yum makecache", false, true, false},
		{"dnf -y makecache --refresh", false, true, false},
		{"zypper ref", false, true, false},
		{"rpm -ivh x.rpm", true, false, false},
		{"yum update -y", false, false, true},
		{"apt-get install -s x", false, false, false},
		{"pip install --dry-run x", false, false, false},
	}
	for _, c := range cases {
		pc := callsOf(t, c.script)[0]
		if pc.IsInstall() != c.install || pc.IsIndexUpdate() != c.update || pc.IsUpgrade() != c.upgrd {
			t.Errorf("%s: install=%v update=%v upgrade=%v", c.script, pc.IsInstall(), pc.IsIndexUpdate(), pc.IsUpgrade())
		}
	}
}

func TestPkgRemoves(t *testing.T) {
	cases := []struct {
		script string
		want   bool
	}{
		{"rm -rf /var/lib/apt/lists/*", true},
		{"rm -rf /var/lib/apt/lists", true},
		{"rm -rf /var/lib/apt", true},
		{"rm -rf /var/lib/apt/lists/* /tmp/*", true},
		{"rm -rf /tmp/x", false},
		{"rm -rf /var/lib", false},
		{"find /var/lib/apt/lists -type f -delete", true},
		{"find /var/lib/apt/lists -type f", false},
	}
	for _, c := range cases {
		doc := parser.Parse("Dockerfile", []byte("FROM a:1\nRUN "+c.script+"\n"), parser.Dockerfile, parser.Options{})
		cmd := doc.Dockerfile.Stages[0].Instructions[0].Script.Commands[0]
		if got := pmRemoves(cmd, "/var/lib/apt/lists"); got != c.want {
			t.Errorf("%s: %v", c.script, got)
		}
	}
}

func TestPkgRunsOnbuildAndScope(t *testing.T) {
	src := "FROM a:1 AS build\nRUN apt-get install x\nFROM a:1 AS base\nONBUILD RUN apk add y\nFROM base\nRUN pip install z\n"
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	p := &Pass{Document: doc, Options: &Options{}}
	runs := pkgRuns(p)
	if len(runs) != 3 {
		t.Fatalf("runs = %d, want 3 (ONBUILD RUN included)", len(runs))
	}
	var got []string
	for _, r := range runs {
		got = append(got, fmt.Sprintf("%s:%v", r.Calls[0].Tool, pmInFinalImage(p, r.Stage)))
	}
	if want := "apt-get:false apk:true pip:true"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	p.Options.Target = "build"
	if !pmInFinalImage(p, runs[0].Stage) || pmInFinalImage(p, runs[2].Stage) {
		t.Errorf("--target build: the build stage is the image")
	}
}

func TestPkgMounts(t *testing.T) {
	doc := parser.Parse("Dockerfile", []byte("FROM a:1\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=secret,id=x --mount=type=tmpfs,dst=/var/cache/apk/ true\n"), parser.Dockerfile, parser.Options{})
	in := doc.Dockerfile.Stages[0].Instructions[0]
	if !pmCacheMount(in, pmCoversDir("/var/lib/apt/lists")) {
		t.Error("a cache on /var/lib/apt covers the lists")
	}
	if !pmCacheMount(in, pmCoversDir("/var/cache/apk")) {
		t.Error("a tmpfs on /var/cache/apk/ (dst=, trailing slash) counts")
	}
	if pmCacheMount(in, pmCoversDir("/var/cache/yum")) {
		t.Error("no cache on /var/cache/yum")
	}
}

// TestDistinctCommands: a command met again at the same place is dropped,
// whether the script is short (compared in a list) or long (in a map).
func TestDistinctCommands(t *testing.T) {
	at := func(line int, name string) *shell.Command {
		return &shell.Command{Name: shell.Word{Raw: name, Value: name,
			Range: source.Range{Start: source.Position{Line: line, Column: 1}, End: source.Position{Line: line, Column: 1 + len(name)}}}}
	}
	for _, n := range []int{3, 16, 17, 40} {
		var cmds []*shell.Command
		var want []string
		for i := range n {
			c := at(i+1, "cmd")
			cmds = append(cmds, c)
			want = append(want, fmt.Sprint(i+1))
			if i%3 == 0 {
				cmds = append(cmds, at(i+1, "cmd")) // the same command again
			}
			if i%5 == 0 {
				cmds = append(cmds, at(i+1, "other")) // another name at that place: kept
				want = append(want, fmt.Sprint(i+1)+"other")
			}
		}
		var got []string
		for _, c := range distinctCommands(cmds) {
			s := fmt.Sprint(c.Name.Range.Start.Line)
			if c.Name.Raw != "cmd" {
				s += c.Name.Raw
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%d commands: got %v, want %v", n, got, want)
		}
	}
	// Without a repeat every command is kept, in order.
	distinct := []*shell.Command{at(1, "cmd"), at(1, "other"), at(2, "cmd")}
	if got := distinctCommands(distinct); !slices.Equal(got, distinct) {
		t.Errorf("commands without a repeat: got %v, want %v", got, distinct)
	}
}
