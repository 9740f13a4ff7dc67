package daemonjson

import (
	"github.com/dlint/dlint/internal/suggest"
	"slices"
	"sort"
	"strings"
	"sync"
)

// This file is the one table of what dockerd (moby v2, Linux) accepts in
// daemon.json: every key with its JSON type, allowed values, nested shape
// and value format; the keys it rejects, ignores or has removed; and the
// options of each built-in log driver. Validation, rule documentation and
// listings are all driven from here.

// Type is the JSON type dockerd decodes a value into.
type Type int

// JSON types of daemon.json values.
const (
	Any    Type = iota // anything (opaque options)
	String             // a JSON string
	Bool               // true or false (a quoted "true" is an error)
	Int                // an integer number (a quoted "3" is an error)
	Uint               // a non-negative integer number
	List               // an array of Elem
	Map                // an object of names to Elem
	Struct             // an object with the named Fields
)

var typeNames = map[Type]string{
	Any: "any value", String: "a string", Bool: "a boolean", Int: "an integer",
	Uint: "a non-negative integer", List: "an array", Map: "an object", Struct: "an object",
}

func (t Type) String() string { return typeNames[t] }

// Spec describes one key or nested value.
type Spec struct {
	Name   string  // the JSON name ("" for list elements and map values)
	Type   Type    // the JSON type
	Elem   *Spec   // element of a List, value of a Map
	Fields []*Spec // members of a Struct
	// Strict structs reject unknown members (dockerd decodes them with
	// DisallowUnknownFields); other structs ignore them.
	Strict bool
	// Values are the allowed string values; FoldCase compares them ignoring case.
	Values   []string
	FoldCase bool
	// Format names a value syntax checked by CheckFormat (size, ip, cidr, …).
	Format string
	// Flag is the command-line flag, when its name differs from the key
	// ("label" for "labels"); Short its one-letter shorthand.
	Flag, Short string
	// Flat keys are decoded as a whole; dockerd does not check their members
	// against its flags (log-opts, runtimes, default-ulimits, …).
	Flat bool
	// FileOnly keys have no flag; dockerd accepts them without checking.
	FileOnly bool
	// Reloadable keys take effect on SIGHUP without a restart.
	Reloadable bool
	// Deprecated says what replaces a key that is still accepted.
	Deprecated string
	// Windows marks values or keys that only work on Windows.
	Windows bool
	Default string
	Doc     string
}

// FlagName is the command-line flag that sets the key.
func (s *Spec) FlagName() string {
	if s.Flag != "" {
		return s.Flag
	}
	return s.Name
}

// Field finds a member of a Struct the way encoding/json does: an exact
// match first, then a case-insensitive one.
func (s *Spec) Field(name string) *Spec {
	for _, f := range s.Fields {
		if f.Name == name {
			return f
		}
	}
	for _, f := range s.Fields {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// AllowsValue reports whether v is one of the allowed Values (true when
// the spec has no list).
func (s *Spec) AllowsValue(v string) bool {
	if len(s.Values) == 0 || v == "" {
		return true
	}
	for _, a := range s.Values {
		if a == v || (s.FoldCase && strings.EqualFold(a, v)) {
			return true
		}
	}
	return false
}

func str(name, doc string) *Spec { return &Spec{Name: name, Type: String, Doc: doc} }
func boolean(name, def, doc string) *Spec {
	return &Spec{Name: name, Type: Bool, Default: def, Doc: doc}
}
func integer(name, def, doc string) *Spec {
	return &Spec{Name: name, Type: Int, Default: def, Doc: doc}
}
func list(name string, elem *Spec, doc string) *Spec {
	return &Spec{Name: name, Type: List, Elem: elem, Doc: doc}
}
func strings_(format string) *Spec { return &Spec{Type: String, Format: format} }
func enum(name, def string, values ...string) *Spec {
	return &Spec{Name: name, Type: String, Default: def, Values: values}
}

// with applies changes to a spec and returns it, to keep the table compact.
func with(s *Spec, f func(*Spec)) *Spec { f(s); return s }

func flag(s *Spec, flag string) *Spec { s.Flag = flag; return s }
func short(s *Spec, sh string) *Spec  { s.Short = sh; return s }
func reload(s *Spec) *Spec            { s.Reloadable = true; return s }
func format(s *Spec, f string) *Spec  { s.Format = f; return s }

var runtimeSpec = &Spec{Type: Struct, Fields: []*Spec{
	str("path", "path of the runtime binary"),
	list("runtimeArgs", strings_(""), "arguments passed to the runtime"),
	str("runtimeType", "containerd runtime type (shim), e.g. io.containerd.runc.v2"),
	{Name: "options", Type: Map, Elem: &Spec{Type: Any}, Doc: "options passed to the shim"},
}}

var ulimitSpec = &Spec{Type: Struct, Fields: []*Spec{
	str("Name", "the ulimit name; matches the key"),
	integer("Hard", "", "hard limit"),
	integer("Soft", "", "soft limit"),
}}

var gcRuleSpec = &Spec{Type: Struct, Fields: []*Spec{
	boolean("all", "false", "apply to every cache record"),
	{Name: "filter", Type: Any, Doc: `filters such as ["type=source.local"]`},
	format(str("reservedSpace", "space to keep"), "size"),
	format(str("maxUsedSpace", "upper bound of the cache"), "size"),
	format(str("minFreeSpace", "free disk space to leave"), "size"),
	{Name: "keepStorage", Type: String, Format: "size", Deprecated: "reservedSpace"},
	{Name: "keepDuration", Type: Any, Doc: "age of records to keep"},
}}

var builderSpec = &Spec{Name: "builder", Type: Struct, Flat: true, FileOnly: true, Doc: "BuildKit settings", Fields: []*Spec{
	{Name: "gc", Type: Struct, Fields: []*Spec{
		boolean("enabled", "true", "enable build cache garbage collection"),
		list("policy", gcRuleSpec, "garbage collection rules"),
		format(str("defaultReservedSpace", ""), "size"),
		format(str("defaultMaxUsedSpace", ""), "size"),
		format(str("defaultMinFreeSpace", ""), "size"),
		{Name: "defaultKeepStorage", Type: String, Format: "size", Deprecated: "defaultReservedSpace"},
	}},
	{Name: "entitlements", Type: Struct, Fields: []*Spec{
		boolean("network-host", "true", "allow RUN --network=host"),
		boolean("security-insecure", "false", "allow RUN --security=insecure (privileged build steps)"),
		boolean("device", "false", "allow devices in builds"),
	}},
	{Name: "history", Type: Struct, Fields: []*Spec{
		{Name: "maxAge", Type: Any, Doc: "age of build records to keep"},
		integer("maxEntries", "", "number of build records to keep"),
	}},
	boolean("proxy-network", "false", ""),
}}

// Keys is every key dockerd accepts in daemon.json on Linux.
var Keys = []*Spec{
	// Daemon, API and the daemon's own logging.
	reload(short(boolean("debug", "false", "enable debug mode"), "D")),
	short(flag(list("hosts", strings_("host"), "sockets the daemon listens on: unix://, tcp://, fd://"), "host"), "H"),
	boolean("tls", "false", "use TLS; implied by tlsverify"),
	boolean("tlsverify", "false", "use TLS and verify clients; any value turns TLS on"),
	str("tlscacert", "CA certificate clients must be signed by"),
	str("tlscert", "path of the TLS certificate"),
	str("tlskey", "path of the TLS key"),
	short(&Spec{Name: "group", Type: String, Default: "docker", Doc: "group of the unix socket"}, "G"),
	short(str("pidfile", "path of the PID file"), "p"),
	{Name: "data-root", Type: String, Default: "/var/lib/docker", Doc: "root of persistent state"},
	{Name: "exec-root", Type: String, Default: "/var/run/docker", Doc: "root of execution state"},
	with(short(enum("log-level", "info", "panic", "fatal", "error", "warn", "info", "debug", "trace"), "l"), func(s *Spec) { s.FoldCase = true }),
	enum("log-format", "text", "text", "json"),
	boolean("raw-logs", "false", "full timestamps without colours"),
	reload(flag(list("labels", strings_("label"), `daemon labels, "key=value"`), "label")),
	str("metrics-addr", "address of the metrics endpoint, host:port"),
	boolean("experimental", "false", "enable experimental features"),
	reload(&Spec{Name: "features", Type: Map, Elem: &Spec{Type: Bool}, Flag: "feature", Flat: true, Doc: "feature flags, name to boolean"}),
	reload(&Spec{Name: "shutdown-timeout", Type: Int, Default: "15", Doc: "seconds to wait for containers at shutdown"}),
	reload(boolean("live-restore", "false", "keep containers running while the daemon is down")),
	{Name: "min-api-version", Type: String, FileOnly: true, Doc: "oldest API version served"},
	{Name: "proxies", Type: Struct, Doc: "proxies for pulls and pushes", Fields: []*Spec{
		str("http-proxy", ""), str("https-proxy", ""), str("no-proxy", ""),
	}},
	{Name: "network-diagnostic-port", Type: Int, Format: "port", Doc: "port of the network diagnostic server"},
	str("swarm-default-advertise-addr", "default swarm advertise address"),
	flag(list("node-generic-resources", strings_("generic-resource"), `user-defined resources, "NAME=value"`), "node-generic-resource"),
	reload(flag(list("authorization-plugins", strings_(""), "authorization plugins to load"), "authorization-plugin")),
	flag(list("extension-dirs", strings_(""), "directories of daemon extensions"), "extension-dir"),
	{Name: "extension-config", Type: Map, Elem: &Spec{Type: Map, Elem: &Spec{Type: Any}}, Flat: true, FileOnly: true, Doc: "configuration of daemon extensions by id"},
	reload(&Spec{Name: "max-concurrent-downloads", Type: Int, Format: "nonnegative", Default: "3"}),
	reload(&Spec{Name: "max-concurrent-uploads", Type: Int, Format: "nonnegative", Default: "5"}),
	reload(&Spec{Name: "max-download-attempts", Type: Int, Format: "nonnegative", Default: "5"}),

	// containerd, runtimes, cgroups.
	str("containerd", "address of an external containerd socket"),
	{Name: "containerd-namespace", Type: String, Default: "moby", Doc: "containerd namespace for containers"},
	boolean("cri-containerd", "false", "start containerd with the CRI plugin"),
	reload(&Spec{Name: "default-runtime", Type: String, Default: "runc"}),
	reload(&Spec{Name: "runtimes", Type: Map, Elem: runtimeSpec, Flag: "add-runtime", Flat: true, Doc: "additional OCI runtimes"}),
	flag(list("exec-opts", strings_("exec-opt"), `runtime options, "native.cgroupdriver=systemd"`), "exec-opt"),
	str("cgroup-parent", "parent cgroup of all containers"),
	integer("cpu-rt-period", "0", "real-time period in microseconds (cgroup v1)"),
	integer("cpu-rt-runtime", "0", "real-time runtime in microseconds (cgroup v1)"),
	boolean("init", "false", "run an init process in containers"),
	str("init-path", "path of docker-init"),
	flag(list("cdi-spec-dirs", strings_(""), "CDI specification directories"), "cdi-spec-dir"),
	{Name: "nri-opts", Type: Struct, Strict: true, Flat: true, Doc: "Node Resource Interface settings", Fields: []*Spec{
		boolean("enable", "false", ""), str("plugin-path", ""), str("plugin-config-path", ""), str("socket-path", ""),
	}},
	boolean("rootless", "false", "rootless mode"),

	// Container defaults and security.
	{Name: "default-ulimits", Type: Map, Elem: ulimitSpec, Flag: "default-ulimit", Flat: true, Doc: `ulimits of containers, {"nofile": {"Name": "nofile", "Soft": 1024, "Hard": 4096}}`},
	{Name: "default-shm-size", Type: String, Format: "size", Default: "64M", Doc: "size of /dev/shm, a string such as \"64M\""},
	enum("default-ipc-mode", "private", "private", "shareable"),
	enum("default-cgroupns-mode", "private", "host", "private"),
	reload(&Spec{Name: "default-stop-timeout", Type: Int, Format: "nonnegative", Default: "10"}),
	boolean("no-new-privileges", "false", "set no-new-privileges for new containers"),
	{Name: "seccomp-profile", Type: String, Default: "builtin", Doc: `path of a seccomp profile, "builtin" or "unconfined"`},
	str("apparmor-profile", "default AppArmor profile"),
	boolean("selinux-enabled", "false", "enable SELinux support"),
	str("userns-remap", `user namespace remapping: "default", "user", "user:group"`),

	// Storage.
	short(str("storage-driver", "storage driver: overlay2, fuse-overlayfs, btrfs, zfs, vfs"), "s"),
	flag(list("storage-opts", strings_(""), "storage driver options"), "storage-opt"),

	// Container logging.
	{Name: "log-driver", Type: String, Default: "json-file", Doc: "default logging driver of containers"},
	{Name: "log-opts", Type: Map, Elem: &Spec{Type: String}, Flag: "log-opt", Flat: true, Doc: "options of the logging driver; every value is a string"},

	// Networking.
	short(str("bridge", "attach containers to this existing bridge"), "b"),
	format(str("bip", "IPv4 address and prefix of the default bridge"), "cidr"),
	format(str("bip6", "IPv6 address and prefix of the default bridge"), "cidr"),
	format(str("fixed-cidr", "IPv4 subnet for the default bridge"), "cidr"),
	format(str("fixed-cidr-v6", "IPv6 subnet for the default bridge"), "cidr"),
	{Name: "mtu", Type: Int, Format: "nonnegative", Default: "1500", Doc: "MTU of the default bridge"},
	format(&Spec{Name: "ip", Type: String, Default: "0.0.0.0", Doc: "host IP for published ports"}, "ip"),
	format(str("default-gateway", ""), "ip"),
	format(str("default-gateway-v6", ""), "ip"),
	boolean("icc", "true", "inter-container communication on the default bridge"),
	boolean("iptables", "true", "let dockerd manage iptables rules"),
	boolean("ip6tables", "true", "let dockerd manage ip6tables rules"),
	boolean("ip-forward", "true", "enable IP forwarding"),
	boolean("ip-forward-no-drop", "false", "do not set the FORWARD policy to DROP"),
	boolean("ip-masq", "true", "IP masquerading for the default bridge"),
	boolean("ipv6", "false", "IPv6 on the default bridge"),
	boolean("userland-proxy", "true", "use docker-proxy for loopback traffic"),
	str("userland-proxy-path", "absolute path of docker-proxy"),
	boolean("allow-direct-routing", "false", "allow direct routing to container addresses"),
	format(str("bridge-accept-fwmark", `firewall mark[/mask] accepted by bridge networks`), "fwmark"),
	enum("firewall-backend", "", "iptables", "nftables"),
	{Name: "default-subnet-size", Type: Int, Default: "24", Doc: "default IPv4 subnet size (newer releases; a no-op without the global-default-subnet-size feature)"},
	{Name: "default-address-pools", Type: List, Flag: "default-address-pool", Doc: `pools for networks, [{"base": "172.30.0.0/16", "size": 24}]`,
		Elem: &Spec{Type: Struct, Fields: []*Spec{format(str("base", ""), "cidr-strict"), integer("size", "", "prefix length of each network")}}},
	{Name: "default-network-opts", Type: Map, Flag: "default-network-opt", Flat: true, Elem: &Spec{Type: Map, Elem: &Spec{Type: String}}, Doc: "default options per network driver"},
	{Name: "network-control-plane-mtu", Type: Int, Default: "1500"},
	list("dns", strings_("ip-strict"), "DNS servers (IP addresses, no port)"),
	flag(list("dns-opts", strings_(""), "DNS options"), "dns-opt"),
	list("dns-search", strings_("dns-search"), "DNS search domains"),
	flag(list("host-gateway-ips", strings_("ip-strict"), "addresses host-gateway resolves to"), "host-gateway-ip"),
	{Name: "host-gateway-ip", Type: String, Format: "ip", Deprecated: "host-gateway-ips"},

	// Registries and builder.
	reload(flag(list("insecure-registries", strings_(""), "registries reached without TLS verification"), "insecure-registry")),
	reload(flag(list("registry-mirrors", strings_("mirror"), "pull-through mirrors of Docker Hub"), "registry-mirror")),
	{Name: "allow-nondistributable-artifacts", Type: Any, FileOnly: true, Deprecated: "nothing: the setting is ignored since v28"},
	{Name: "deprecated-key-path", Type: Any, FileOnly: true, Deprecated: "nothing: the setting is ignored"},
	builderSpec,
}

// Removed keys: dockerd rejects them as unknown (or refuses them outright).
type Removed struct {
	Release string // the release that removed the key
	Hint    string // what to do instead
}

// RemovedKeys maps removed keys to the release that removed them.
var RemovedKeys = map[string]Removed{
	"graph":                   {"v23.0", "use data-root"},
	"cluster-store":           {"v23.0", "use swarm mode or an external key-value store"},
	"cluster-advertise":       {"v23.0", "use swarm mode"},
	"cluster-store-opts":      {"v23.0", "use swarm mode"},
	"disable-legacy-registry": {"v19.03", "remove it: registry v1 support is gone"},
	"oom-score-adjust":        {"v25.0", "set OOMScoreAdjust= in the docker.service unit instead"},
	"api-cors-header":         {"v28.0", "put a reverse proxy that sets CORS headers in front of the API"},
	"exec-driver":             {"v1.13", "remove it: runc through containerd is the only executor"},
}

// Ignored keys: dockerd accepts them (they are flag names) but never
// applies them, because the setting's daemon.json key is spelled differently.
type Ignored struct {
	Use    string // the key that works, "" when there is none
	Reason string
}

// IgnoredKeys are flag names accepted as keys and silently ignored.
var IgnoredKeys = map[string]Ignored{
	"containerd-plugins-namespace": {"", "it is the flag's name, and the setting's key \"containerd-plugin-namespace\" is rejected as unknown; set --containerd-plugins-namespace on the command line"},
	"http-proxy":                   {"proxies", "proxy settings must sit inside \"proxies\": {\"http-proxy\": …}"},
	"https-proxy":                  {"proxies", "proxy settings must sit inside \"proxies\": {\"https-proxy\": …}"},
	"no-proxy":                     {"proxies", "proxy settings must sit inside \"proxies\": {\"no-proxy\": …}"},
	"restart":                      {"", "the daemon-wide --restart flag is deprecated; use restart policies on containers"},
	"help":                         {"", "it is a command-line switch"},
	"version":                      {"", "it is a command-line switch"},
}

// CommandLineOnly are switches that make `dockerd --validate` (and any start
// with the same switch) fail with a flag/file conflict.
var CommandLineOnly = map[string]string{
	"validate":    "--validate",
	"config-file": "--config-file",
}

// RejectedTags are names dockerd's decoder knows but its key check rejects
// as unknown, with what to do instead.
var RejectedTags = map[string]string{
	"containerd-plugin-namespace": "set the --containerd-plugins-namespace flag instead (no daemon.json key works)",
	"swarm-raft-heartbeat-tick":   "remove it: it cannot be set",
	"swarm-raft-election-tick":    "remove it: it cannot be set",
	"default-init":                "use init-path",
	"resolv-conf":                 "remove it: dockerd picks the resolv.conf itself",
}

// WindowsKeys are keys only dockerd on Windows knows (its service flags);
// dockerd on Linux rejects them as unknown.
var WindowsKeys = []string{"service-name", "register-service", "unregister-service", "run-service"}

// ExecOpts are the exec-opts names valid on Linux and their values.
var ExecOpts = map[string][]string{
	"native.cgroupdriver": {"cgroupfs", "systemd"},
}

// WindowsExecOpts are exec-opts that only Windows accepts.
var WindowsExecOpts = []string{"isolation"}

// Features are the feature flags dockerd knows; other names are accepted
// and have no effect.
var Features = []string{"buildkit", "cdi", "containerd-snapshotter", "containerd-migration", "embedded-containerd", "swarm-nftables", "time-namespaces"}

// WindowsFeatures only work on Windows.
var WindowsFeatures = []string{"windows-dns-proxy"}

// UlimitNames are the resource names default-ulimits accepts.
var UlimitNames = []string{"core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"}

// StorageDrivers are the Linux storage drivers; RemovedStorageDrivers the
// ones dockerd no longer has, with the release that removed them.
var (
	StorageDrivers        = []string{"overlay2", "fuse-overlayfs", "btrfs", "zfs", "vfs"}
	SnapshotterNames      = []string{"overlayfs", "native", "btrfs", "zfs", "fuse-overlayfs", "stargz", "nydus", "erofs", "devmapper"}
	RemovedStorageDrivers = map[string]string{"aufs": "v24.0", "overlay": "v24.0", "devicemapper": "v25.0"}
)

// LogDriver is a built-in logging driver and the log-opts it accepts.
type LogDriver struct {
	Name    string
	Opts    []*Spec // driver-specific options; every value is a JSON string
	Meta    []string
	Remote  bool // ships logs off the host
	Windows bool // only built into dockerd on Windows
	Removed string
}

var metaAll = []string{"env", "env-regex", "labels", "labels-regex", "tag"}

func opt(name, format, doc string) *Spec {
	return &Spec{Name: name, Type: String, Format: format, Doc: doc}
}

// LogDrivers are dockerd's built-in logging drivers.
var LogDrivers = []*LogDriver{
	{Name: "json-file", Meta: metaAll, Opts: []*Spec{
		opt("max-size", "size", "rotate when a file reaches this size; unset means never"),
		opt("max-file", "int", "number of files kept, at least 1 (default 1)"),
		opt("compress", "bool", "compress rotated files"),
	}},
	{Name: "local", Meta: metaAll, Opts: []*Spec{
		opt("max-size", "size", "rotate at this size (default 20m)"),
		opt("max-file", "int", "number of files kept (default 5)"),
		opt("compress", "bool", "compress rotated files (default true)"),
	}},
	{Name: "journald", Meta: metaAll},
	{Name: "syslog", Meta: metaAll, Remote: true, Opts: []*Spec{
		opt("syslog-address", "", ""), opt("syslog-facility", "", ""), opt("syslog-tls-ca-cert", "", ""),
		opt("syslog-tls-cert", "", ""), opt("syslog-tls-key", "", ""), opt("syslog-tls-skip-verify", "bool", ""),
		opt("syslog-format", "", ""),
	}},
	{Name: "gelf", Meta: metaAll, Remote: true, Opts: []*Spec{
		opt("gelf-address", "", "required: udp://host:port or tcp://host:port"), opt("gelf-compression-level", "int", ""),
		opt("gelf-compression-type", "", ""), opt("gelf-tcp-max-reconnect", "int", ""), opt("gelf-tcp-reconnect-delay", "int", ""),
	}},
	{Name: "fluentd", Meta: metaAll, Remote: true, Opts: []*Spec{
		opt("fluentd-address", "", ""), opt("fluentd-async", "bool", ""), opt("fluentd-async-reconnect-interval", "", ""),
		opt("fluentd-buffer-limit", "", ""), opt("fluentd-max-retries", "int", ""), opt("fluentd-request-ack", "bool", ""),
		opt("fluentd-retry-wait", "", ""), opt("fluentd-sub-second-precision", "bool", ""), opt("fluentd-write-timeout", "", ""),
		opt("fluentd-read-timeout", "", ""),
	}},
	{Name: "awslogs", Meta: []string{"tag"}, Remote: true, Opts: []*Spec{
		opt("awslogs-group", "", ""), opt("awslogs-stream", "", ""), opt("awslogs-create-group", "bool", ""),
		opt("awslogs-create-stream", "bool", ""), opt("awslogs-region", "", ""), opt("awslogs-endpoint", "", ""),
		opt("awslogs-datetime-format", "", ""), opt("awslogs-multiline-pattern", "", ""),
		opt("awslogs-credentials-endpoint", "", ""), opt("awslogs-force-flush-interval-seconds", "int", ""),
		opt("awslogs-max-buffered-events", "int", ""), opt("awslogs-format", "", ""),
		opt("awslogs-entity-service-name", "", ""), opt("awslogs-entity-environment", "", ""), opt("awslogs-entity-attributes", "", ""),
	}},
	{Name: "splunk", Meta: metaAll, Remote: true, Opts: []*Spec{
		opt("splunk-url", "", ""), opt("splunk-token", "", ""), opt("splunk-source", "", ""), opt("splunk-sourcetype", "", ""),
		opt("splunk-index", "", ""), opt("splunk-capath", "", ""), opt("splunk-caname", "", ""),
		opt("splunk-insecureskipverify", "bool", ""), opt("splunk-format", "", ""), opt("splunk-verify-connection", "bool", ""),
		opt("splunk-gzip", "bool", ""), opt("splunk-gzip-level", "int", ""), opt("splunk-index-acknowledgment", "bool", ""),
	}},
	{Name: "gcplogs", Meta: []string{"env", "env-regex", "labels", "labels-regex"}, Remote: true, Opts: []*Spec{
		opt("gcp-project", "", ""), opt("gcp-log-cmd", "bool", ""), opt("gcp-meta-zone", "", ""),
		opt("gcp-meta-name", "", ""), opt("gcp-meta-id", "", ""),
	}},
	{Name: "none"},
	{Name: "etwlogs", Windows: true},
	{Name: "logentries", Removed: "v25.0"},
}

// CommonLogOpts are accepted by every driver but "none": the delivery mode
// and the local cache of "dual logging".
var CommonLogOpts = []*Spec{
	{Name: "mode", Type: String, Values: []string{"blocking", "non-blocking"}},
	opt("max-buffer-size", "size", "ring buffer size, only with mode=non-blocking"),
	opt("cache-disabled", "bool", ""),
	opt("cache-max-size", "size", ""),
	opt("cache-max-file", "int", ""),
	opt("cache-compress", "bool", ""),
}

// LogDriverByName finds a built-in log driver.
func LogDriverByName(name string) *LogDriver {
	for _, d := range LogDrivers {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Opt finds a log option the driver accepts: its own, a metadata key or a
// common one. Nil when the driver rejects the key.
func (d *LogDriver) Opt(name string) *Spec {
	if d.Name == "none" {
		return nil
	}
	for _, o := range d.Opts {
		if o.Name == name {
			return o
		}
	}
	if slices.Contains(d.Meta, name) {
		return &Spec{Name: name, Type: String}
	}
	for _, o := range CommonLogOpts {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// OptNames lists every log option the driver accepts.
func (d *LogDriver) OptNames() []string {
	if d.Name == "none" {
		return nil
	}
	var out []string
	for _, o := range d.Opts {
		out = append(out, o.Name)
	}
	out = append(out, d.Meta...)
	for _, o := range CommonLogOpts {
		out = append(out, o.Name)
	}
	return out
}

// keyIndex finds the specs of the keys by name, flag name and shorthand.
// It is built when daemon.json is first checked or documented, not when
// dlint starts: most runs read Dockerfiles only.
type keyIndex struct {
	byName, byFlag, byShort map[string]*Spec
	// flat are the object-valued keys whose members dockerd does not
	// check against its flags: the Flat keys and a removed one.
	flat map[string]bool
}

var index = sync.OnceValue(func() *keyIndex {
	ix := &keyIndex{
		byName:  make(map[string]*Spec, len(Keys)),
		byFlag:  map[string]*Spec{},
		byShort: map[string]*Spec{},
		flat:    map[string]bool{"cluster-store-opts": true},
	}
	for _, k := range Keys {
		ix.byName[k.Name] = k
		if k.Flag != "" {
			ix.byFlag[k.Flag] = k
		}
		if k.Short != "" {
			ix.byShort[k.Short] = k
		}
		if k.Flat {
			ix.flat[k.Name] = true
		}
	}
	return ix
})

// Lookup finds the spec of a top-level key.
func Lookup(name string) *Spec { return index().byName[name] }

// SingularFlag returns the key a flag name stands for when the flag name
// differs from the key ("label" → labels): dockerd accepts such a key and
// ignores it.
func SingularFlag(name string) *Spec {
	ix := index()
	if s, ok := ix.byFlag[name]; ok && s.Name != name && ix.byName[name] == nil {
		return s
	}
	return nil
}

// Shorthand returns the key a one-letter flag stands for ("H" → hosts).
func Shorthand(name string) *Spec { return index().byShort[name] }

// IsFlat reports whether dockerd keeps an object-valued key whole instead
// of checking its members as keys.
func IsFlat(name string) bool { return index().flat[name] }

// IsFlagName reports whether dockerd's unknown-key check accepts name:
// a flag's name, a key's name or a file-only key.
func IsFlagName(name string) bool {
	if ix := index(); ix.byName[name] != nil || ix.byFlag[name] != nil {
		return true
	}
	if _, ok := IgnoredKeys[name]; ok {
		return true
	}
	_, ok := CommandLineOnly[name]
	return ok
}

// KeyNames lists every accepted key, sorted.
func KeyNames() []string { return slices.Clone(keyNames()) }

var keyNames = sync.OnceValue(func() []string {
	out := make([]string, 0, len(Keys))
	for _, k := range Keys {
		out = append(out, k.Name)
	}
	sort.Strings(out)
	return out
})

// Closest returns the candidate nearest to name (edit distance at most a
// third of its length, and at least 2), or "".
func Closest(name string, candidates []string) string {
	if len(name) > 64 {
		return ""
	}
	best, bestD := "", max(2, len(name)/3)+1
	lower := strings.ToLower(name)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if abs(len(lc)-len(lower)) >= bestD {
			continue // the distance is at least the difference in length
		}
		if d := suggest.Distance(lower, lc); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
