package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// softHeapLimit is the heap size below which dlint does not collect
// garbage. A run is short and its live heap small (a whole corpus of
// 3,000 Dockerfiles keeps about 20 MB), so the default policy of
// collecting whenever the heap doubles ran some eighty collections on
// a few megabytes each; collecting only near this limit keeps peak
// memory the same and saves about a tenth of the run.
const softHeapLimit = 48 << 20

// tuneGC turns the proportional collector off in favour of the soft
// limit, unless GOGC or GOMEMLIMIT say otherwise. Should the live heap
// ever reach half the limit (a huge input), the default policy comes
// back, so that the collector never runs continuously against a limit
// the program has outgrown.
func tuneGC(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	watchLiveHeap(uint64(limit / 2))
}

// watchLiveHeap checks the live heap after every collection and restores
// the default policy once it exceeds threshold.
func watchLiveHeap(threshold uint64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		// The cleanup of an object nobody keeps runs after the next
		// collection; it re-arms itself until the threshold is crossed.
		sentinel := new([16]*byte)
		runtime.AddCleanup(sentinel, func(struct{}) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > threshold {
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(math.MaxInt64)
				return
			}
			arm()
		}, struct{}{})
	}
	arm()
}
