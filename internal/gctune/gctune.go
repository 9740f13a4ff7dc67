// Package gctune is dlint's garbage collector policy: a run allocates a
// great deal that dies with the file it was made for and keeps little, a
// shape the runtime's default policy serves poorly. scripts/bareparse, the
// floor dlint's speed is measured against, can run under the same policy.
package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// MinHeapGoal is how far the heap may grow beyond the live data before
// dlint collects garbage. A run is short and most of what it allocates dies
// with the file it was made for (linting a corpus of 3,000 Dockerfiles
// keeps a few megabytes live), so the default policy of collecting whenever
// the heap doubles ran some eighty collections of a few megabytes each;
// waiting for this much saves about a tenth of the run. Peak memory on that
// corpus fell too, from about 85 MB to 55 MB: a memory limit counts all of
// the runtime's memory, where GOGC=100 let the heap alone grow to twice
// the live data.
const MinHeapGoal = 48 << 20

// Tune makes the collector run as with GOGC=150 (when the heap reaches
// two and a half times what was live after the last collection) but not
// before the heap has grown by floor beyond what was live: the
// proportional trigger is off and a soft memory limit, raised after every
// collection, takes its place. Reports that cannot stream (SARIF, the XML
// formats) keep every finding to the end, so a run over a whole repository
// may hold a live heap that grows with the input; at GOGC=100 collecting it
// took 12% of such a run, and 150 narrows that for a fifth more memory in
// large runs only. A run that keeps a few megabytes for its whole length
// (the files to lint, each build context's listing) still gets floor
// between collections: a fixed limit let such data shrink that room and
// made a run over ten times the files collect 1.7 times as often per file.
// Goroutine stacks count against a memory limit but are not heap: a deeply
// nested shell script grows a parser's stack by tens of megabytes, and a
// limit near them would collect without end, each time scanning the whole
// stack. Once stacks reach a quarter of floor, the runtime's own policy
// comes back for the rest of the run.
// GOGC or GOMEMLIMIT in the environment leave the runtime's policy alone.
// undo ends the adjustments and gives the runtime its default policy back
// (for tests and benchmarks; a command keeps the policy to its end).
func Tune(floor int64) (undo func()) {
	var stopped atomic.Bool
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	undo = func() {
		stopped.Store(true)
		runtime.GC() // the cleanup armed last runs, sees stopped, and ends the chain
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(floor)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}
	var arm func()
	arm = func() {
		// The cleanup of an object nobody keeps runs after the next
		// collection, and arms the next one.
		runtime.AddCleanup(new([16]*byte), func(struct{}) {
			if stopped.Load() {
				return
			}
			metrics.Read(sample)
			var live, stacks int64
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live = int64(sample[0].Value.Uint64())
			}
			if sample[1].Value.Kind() == metrics.KindUint64 {
				stacks = int64(sample[1].Value.Uint64())
			}
			if stacks > floor/4 {
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(math.MaxInt64)
				return
			}
			debug.SetMemoryLimit(max(floor+live, 5*live/2))
			arm()
		}, struct{}{})
	}
	arm()
	return undo
}
