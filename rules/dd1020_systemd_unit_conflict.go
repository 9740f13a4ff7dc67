package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddSystemdConflict = &Rule{
	ID: "DD1020", Name: "conflicts-with-service-flags", Kind: parser.DaemonJSON, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "hosts or containerd clashes with the flags of the usual docker.service",
	Doc: "dockerd refuses to start when a setting is given both as a flag and in daemon.json, even with the same " +
		"value. The docker.service unit of the Debian, Ubuntu, Fedora, CentOS and RHEL packages runs " +
		"`dockerd -H fd:// --containerd=/run/containerd/containerd.sock`, so a `hosts` key (or a `containerd` " +
		"key) stops the daemon: \"the following directives are specified both as a flag and in the " +
		"configuration file: hosts\". Renaming the key to `host` only hides the error (that key is ignored).\n\n" +
		"Fix: keep the key and drop the flag with a systemd drop-in, then `systemctl daemon-reload && systemctl " +
		"restart docker`:\n\n" +
		"    # /etc/systemd/system/docker.service.d/override.conf\n" +
		"    [Service]\n" +
		"    ExecStart=\n" +
		"    ExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n\n" +
		"(the empty `ExecStart=` clears the packaged command). With `hosts` in the file, also list " +
		"`unix:///var/run/docker.sock` there, or the local socket goes away. When dlint is told the real " +
		"flags (the DaemonFlags option), DD1021 checks them exactly instead of this rule.",
	Bad:  `{"hosts": ["unix:///var/run/docker.sock", "tcp://127.0.0.1:2376"]}`,
	Good: `{"log-level": "info"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil || ddDaemonFlags(p) != nil {
			return
		}
		for _, k := range []*daemonjson.Key{f.TopLevel("hosts"), f.TopLevel("containerd")} {
			if k == nil {
				continue
			}
			flag := "-H fd://"
			if k.Name == "containerd" {
				flag = "--containerd=/run/containerd/containerd.sock"
			}
			p.Reportf(k.KeyRange, "%q clashes with the %s flag that the packaged docker.service passes: dockerd refuses to start unless a systemd drop-in removes the flag", k.Name, flag)
		}
	},
}
