package rules

import (
	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddStorageDriver = &Rule{
	ID: "DD1013", Name: "unsupported-storage-driver", Aliases: []string{"CIS-2.5"},
	Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "storage-driver names a driver current dockerd does not have",
	Doc: "`dockerd --validate` does not check `storage-driver`; the daemon then fails at start with \"the aufs " +
		"storage-driver has been deprecated and removed\". aufs and overlay were removed in v24.0 and " +
		"devicemapper in v25.0 (the CIS Docker Benchmark's \"do not use aufs\" is now enforced by dockerd). " +
		"Linux drivers: overlay2 (the default), fuse-overlayfs, btrfs, zfs, vfs; with the `containerd-snapshotter` " +
		"feature the name is a containerd snapshotter (overlayfs, native, …). Switching drivers hides existing " +
		"images and containers, so plan a migration.",
	Bad:  `{"storage-driver": "aufs"}`,
	Good: `{"storage-driver": "overlay2"}`,
	Check: func(p *Pass) {
		f := ddFile(p)
		if f == nil {
			return
		}
		name, k := ddString(f, "storage-driver")
		if k == nil || name == "" {
			return
		}
		if rel, ok := daemonjson.RemovedStorageDrivers[name]; ok {
			p.Reportf(k.ValueRange, "the %s storage-driver was removed in Docker %s and dockerd refuses to start; use overlay2", name, rel)
			return
		}
		snapshotter := false
		if feats := f.TopLevel("features"); feats != nil {
			snapshotter = feats.Value.Get(gjson.Escape("containerd-snapshotter")).Type == gjson.True
		}
		if ddContains(daemonjson.StorageDrivers, name) || (snapshotter && ddContains(daemonjson.SnapshotterNames, name)) {
			return
		}
		if !snapshotter && ddContains(daemonjson.SnapshotterNames, name) {
			p.Reportf(k.ValueRange, "%q is a containerd snapshotter, not a storage driver; enable the containerd-snapshotter feature or use overlay2", name)
			return
		}
		p.Reportf(k.ValueRange, "unknown storage driver %q: dockerd refuses to start%s", name, ddDidYouMean(name, daemonjson.StorageDrivers))
	},
}
