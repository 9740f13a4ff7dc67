package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// tuneGCForTest is tuneGC undone when the test ends: the adjustments stop
// and the runtime's defaults come back.
func tuneGCForTest(t *testing.T, floor int64) {
	stop := tuneGC(floor)
	t.Cleanup(func() {
		stop()
		runtime.GC() // the cleanup armed last runs, sees stop, and ends the chain
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

// waitForLimit collects garbage until the memory limit satisfies ok.
func waitForLimit(t *testing.T, ok func(int64) bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok(debug.SetMemoryLimit(-1)) {
		if time.Now().After(deadline) {
			t.Fatalf("memory limit %d: %s", debug.SetMemoryLimit(-1), what)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

func TestTuneGCFollowsTheLiveHeapAboveTheFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	const floor = 4 << 20
	tuneGCForTest(t, floor)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent after tuneGC = %d, want -1 (off)", p)
	}
	if l := debug.SetMemoryLimit(-1); l != floor {
		t.Fatalf("memory limit after tuneGC = %d, want the floor %d", l, floor)
	}
	func() {
		live := make([]*[1 << 10]byte, 8<<10) // 8 MB live, twice the floor
		for i := range live {
			live[i] = new([1 << 10]byte)
		}
		waitForLimit(t, func(l int64) bool { return l >= 16<<20 }, "want twice the 8 MB live heap")
		runtime.KeepAlive(live)
	}()
	waitForLimit(t, func(l int64) bool { return l == floor }, "want the floor again once the heap is garbage")
}

func TestTuneGCLeavesAnExplicitSettingAlone(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "off")
			before := debug.SetGCPercent(-1)
			debug.SetGCPercent(before)
			tuneGCForTest(t, 4<<20)
			if p := debug.SetGCPercent(before); p != before {
				t.Errorf("tuneGC changed the GC percent to %d although %s is set", p, env)
			}
			if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
				t.Errorf("tuneGC set a memory limit of %d although %s is set", l, env)
			}
		})
	}
}
