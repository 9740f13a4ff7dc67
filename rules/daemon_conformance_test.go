package rules

import (
	"bufio"
	"github.com/dlint/dlint/internal/corpus"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dlint/dlint/parser"
)

// The daemon.json conformance test compares dlint with what dockerd itself
// (`dockerd --validate`, moby v2.0.0-beta.24) said about each case in
// ../shared/conformance/daemon-json: every file dockerd rejects must get an
// Error finding that names what dockerd names; every file it accepts must
// get no Error finding, except the cases below, which --validate accepts but
// which fail later or are dangerous, and which dlint must flag.

const ddConformanceDir = "../../shared/conformance/daemon-json"

type ddExpected struct {
	rule string // the rule that must report it
	why  string
}

// ddAcceptedButFlagged lists the files `dockerd --validate` accepts on which
// dlint must report an error (or, for silent no-ops, a warning).
var ddAcceptedButFlagged = map[string][]ddExpected{
	"04-bad-log-driver.json": {{"DD1010", "log-driver is only resolved when a container is created: every container fails unless a plugin has that name (warning)"}},
	"05-bad-logopt-key.json": {{"DD1011", "log-opts keys are checked by the driver when the daemon starts, not by --validate: the start fails"}},
	"06-hosts.json": {
		{"DD1020", "the packaged docker.service passes -H fd://, so the hosts key makes the real start fail with a flag/file conflict (warning)"},
		{"DD1023", "an unauthenticated TCP socket: dockerd only warns, but anyone reaching the port is root on the host"},
	},
	"10-aufs.json":                {{"DD1013", "the storage driver is initialised at start, not by --validate: aufs was removed in v24"}},
	"12-flag-name.json":           {{"DD1004", "containerd-plugins-namespace is the flag's name: accepted and silently ignored (warning)"}},
	"15-maxfile-zero.json":        {{"DD1012", "json-file reads max-file when a container is created: every container fails"}},
	"17-insecure-reg-scheme.json": {{"DD1024", "an insecure registry (warning; the http:// prefix is stripped at start)"}},
	"19-icc-iptables.json":        {{"DD1014", "icc=false with iptables=false is refused when the bridge driver starts, after --validate"}},
	"20-dup-key.json":             {{"DD1009", "the first debug is silently overridden (warning)"}},
	"23-cgroupdriver.json":        {{"DD1016", "the native.cgroupdriver value is only checked when the daemon starts"}},
	"25-toplevel-http-proxy.json": {{"DD1004", "top-level http-proxy is a flag name: accepted and ignored; it belongs in proxies (warning)"}},
	"34-cgroup-parent.json":       {{"DD1017", "the cgroup-parent slice name is only checked when the daemon starts with the systemd driver"}},
}

type ddDockerdResult struct {
	ok  bool
	msg string
}

func ddReadDockerdResults(t *testing.T) map[string]ddDockerdResult {
	t.Helper()
	fh, err := os.Open(filepath.Join(ddConformanceDir, "dockerd-validate-results.txt"))
	if err != nil {
		t.Skipf("shared conformance material not available: %v", err)
	}
	defer func() { _ = fh.Close() }()
	out := map[string]ddDockerdResult{}
	var name string
	var msg []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "==="):
			return out // the cases with command-line flags follow
		case strings.HasPrefix(line, "### "):
			name, msg = strings.TrimPrefix(line, "### "), nil
		case strings.HasPrefix(line, "rc="):
			rc, _ := strconv.Atoi(strings.TrimPrefix(line, "rc="))
			out[name] = ddDockerdResult{ok: rc == 0, msg: strings.Join(msg, "\n")}
		default:
			msg = append(msg, line)
		}
	}
	return out
}

// namesIn extracts what dockerd's message names: keys, values or fields.
var ddDockerdNameREs = []*regexp.Regexp{
	regexp.MustCompile(`don't match any configuration option: (.+)$`),
	regexp.MustCompile(`specified both as a flag and in the configuration file: ([\w-]+):`),
	regexp.MustCompile(`, ([\w-]+): \(from flag`),
	regexp.MustCompile(`Go struct field \S*?([\w-]+) of type`),
	regexp.MustCompile(`unknown field "([^"]+)"`),
	regexp.MustCompile(`Parse(?:Prefix|Addr)\("([^"]+)"\)`),
	regexp.MustCompile(`invalid logging level: (\S+)`),
	regexp.MustCompile(`invalid log format: (\S+)`),
	regexp.MustCompile(`bad attribute format: (\S+)`),
	regexp.MustCompile(`no scheme specified for "([^"]+)"`),
	regexp.MustCompile(`invalid (default MTU|firewall-backend)`),
	regexp.MustCompile(`IPC mode "([^"]+)"`),
	regexp.MustCompile(`^.*?: (host-gateway-ip) and`),
	regexp.MustCompile(`invalid (TLS) configuration`),
}

func ddDockerdNames(msg string) []string {
	var out []string
	for _, re := range ddDockerdNameREs {
		for _, m := range re.FindAllStringSubmatch(msg, -1) {
			for _, n := range strings.Split(m[1], ", ") {
				n = strings.TrimSpace(n)
				if n == "default MTU" {
					n = "mtu"
				}
				out = append(out, strings.ToLower(n))
			}
		}
	}
	return out
}

func ddLintFile(t *testing.T, path string, cfg *Config) []Finding {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := parser.Parse(filepath.ToSlash(path), src, parser.DaemonJSON, parser.Options{})
	return Run(doc, cfg)
}

func TestDaemonConformance(t *testing.T) {
	results := ddReadDockerdResults(t)
	entries, err := os.ReadDir(filepath.Join(ddConformanceDir, "cases"))
	if err != nil {
		t.Skipf("shared conformance cases not available: %v", err)
	}
	if len(entries) == 0 || len(results) == 0 {
		t.Fatal("no conformance cases")
	}
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			res, ok := results[name]
			if !ok {
				t.Fatalf("no dockerd result for %s", name)
			}
			findings := ddLintFile(t, filepath.Join(ddConformanceDir, "cases", name), &Config{})
			var errs []Finding
			for _, f := range findings {
				if f.Rule == internalError {
					t.Errorf("internal error: %s", f.Message)
				}
				if f.Severity == Error {
					errs = append(errs, f)
				}
			}
			if !res.ok {
				if len(errs) == 0 {
					t.Fatalf("dockerd rejects it (%s), dlint reports no error", res.msg)
				}
				names := ddDockerdNames(res.msg)
				if len(names) == 0 {
					// Syntax and encoding errors name no key: the error must be DD1000.
					if !strings.Contains(res.msg, "invalid JSON: invalid character") && !strings.Contains(res.msg, "failed to decode") && !strings.Contains(res.msg, "cannot unmarshal array into Go value") {
						t.Fatalf("cannot tell what dockerd names in %q", res.msg)
					}
					for _, f := range errs {
						if f.Rule == daemonParseError {
							return
						}
					}
					t.Errorf("dockerd cannot read it (%s); dlint reports no DD1000: %v", res.msg, errs)
					return
				}
				for _, f := range errs {
					lower := strings.ToLower(f.Message)
					for _, n := range names {
						if strings.Contains(lower, n) {
							return
						}
					}
				}
				t.Errorf("dockerd names %q (%s); no dlint error names it: %v", names, res.msg, errs)
				return
			}
			want := ddAcceptedButFlagged[name]
			for _, w := range want {
				found := false
				for _, f := range findings {
					found = found || f.Rule.ID == w.rule
				}
				if !found {
					t.Errorf("dockerd --validate accepts it, but dlint must report %s: %s", w.rule, w.why)
				}
			}
			for _, f := range errs {
				listed := false
				for _, w := range want {
					listed = listed || f.Rule.ID == w.rule
				}
				if !listed {
					t.Errorf("dockerd accepts it, yet dlint reports an error: %s %s", f.Rule.ID, f.Message)
				}
			}
		})
	}
}

// TestDaemonFlagConformance replays the cases dockerd was run with
// command-line flags, through the DaemonFlags option.
func TestDaemonFlagConformance(t *testing.T) {
	cases := []struct {
		file, flags string
		wantKeys    []string // keys dockerd named as conflicts; none = accepted
	}{
		{"06-hosts.json", "dockerd --validate -H fd://", []string{"hosts"}},
		{"41-conflicts.json", "dockerd --validate --log-level debug --label c=d -D", []string{"debug", "labels", "log-level"}},
		{"01-valid.json", "dockerd --validate --userland-proxy=false", []string{"userland-proxy"}},
		{"43-runtimes.json", "dockerd --validate --add-runtime r2=/bin/false", nil},
		{"46-local.json", "dockerd --validate --log-opt max-file=3", []string{"log-opts"}},
		{"48-tlscacert.json", "dockerd --validate --tlsverify", []string{"tlsverify"}},
		{"42-flag-only-keys.json", "dockerd --validate --config-file 42-flag-only-keys.json", []string{"config-file", "validate"}},
	}
	if _, err := os.Stat(filepath.Join(ddConformanceDir, "cases")); err != nil {
		t.Skipf("shared conformance cases not available: %v", err)
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			flags := c.flags
			cfg := &Config{Options: Options{DaemonFlags: &flags}}
			var got []string
			for _, f := range ddLintFile(t, filepath.Join(ddConformanceDir, "cases", c.file), cfg) {
				if f.Rule == ddFlagConflict {
					got = append(got, strings.SplitN(f.Message, `"`, 3)[1])
				}
				if f.Rule == ddSystemdConflict {
					t.Errorf("DD1020 must stay silent when the flags are known: %s", f.Message)
				}
			}
			slices.Sort(got)
			if strings.Join(got, ",") != strings.Join(c.wantKeys, ",") {
				t.Errorf("conflicts = %v, dockerd reported %v", got, c.wantKeys)
			}
		})
	}
}

// TestDaemonCorpus lints every real daemon.json of the corpus: no panic, no
// internal error, and every finding has a line and a column.
func TestDaemonCorpus(t *testing.T) {
	files := corpus.Files(t, corpusDir, parser.DaemonJSON)
	if len(files) < 60 {
		t.Fatalf("only %d daemon.json files in the corpus", len(files))
	}
	for _, file := range files {
		for _, f := range ddLintFile(t, file.Path, &Config{}) {
			if f.Rule == internalError {
				t.Errorf("%s: internal error: %s", file.Path, f.Message)
			}
			if f.Range.Start.Line < 1 || f.Range.Start.Column < 1 {
				t.Errorf("%s: %s finding without line and column: %s", file.Path, f.Rule.ID, f.Message)
			}
		}
	}
}
