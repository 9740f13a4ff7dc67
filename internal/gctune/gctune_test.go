package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// tuneForTest is Tune undone when the test ends.
func tuneForTest(t *testing.T, floor int64) {
	t.Cleanup(Tune(floor))
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

func TestTuneFollowsTheLiveHeapAboveTheFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	const floor = 4 << 20
	tuneForTest(t, floor)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent after Tune = %d, want -1 (off)", p)
	}
	// At least the floor: a collection may already have run (a limit under
	// the heap of a test binary that ran other tests starts one at once)
	// and raised the limit by what was live.
	if l := debug.SetMemoryLimit(-1); l < floor {
		t.Fatalf("memory limit after Tune = %d, want at least the floor %d", l, floor)
	}
	func() {
		live := make([]*[1 << 10]byte, 8<<10) // 8 MB live, twice the floor
		for i := range live {
			live[i] = new([1 << 10]byte)
		}
		waitForLimit(t, func(l int64) bool { return l >= 20<<20 }, "want two and a half times the 8 MB live heap")
		runtime.KeepAlive(live)
	}()
	waitForLimit(t, func(l int64) bool { return l >= floor && l < 8<<20 }, "want about the floor again once the heap is garbage")
}

// With a live heap too small for two and a half times it to clear the
// floor, the heap may still grow by the floor beyond it: a run that keeps
// some data for its whole length collects no more often than a short one.
func TestTuneKeepsTheFloorAsHeadroom(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	const floor = 16 << 20
	tuneForTest(t, floor)
	live := make([]*[1 << 10]byte, 8<<10) // 8 MB live: 2.5 times it is under floor + 8 MB
	for i := range live {
		live[i] = new([1 << 10]byte)
	}
	waitForLimit(t, func(l int64) bool { return l >= floor+8<<20 }, "want the floor above the 8 MB live heap")
	runtime.KeepAlive(live)
}

func TestTuneLeavesAnExplicitSettingAlone(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "off")
			before := debug.SetGCPercent(-1)
			debug.SetGCPercent(before)
			tuneForTest(t, 4<<20)
			if p := debug.SetGCPercent(before); p != before {
				t.Errorf("Tune changed the GC percent to %d although %s is set", p, env)
			}
			if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
				t.Errorf("Tune set a memory limit of %d although %s is set", l, env)
			}
		})
	}
}

func readMetric(t *testing.T, name string) uint64 {
	t.Helper()
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		t.Fatalf("metric %s unavailable", name)
	}
	return s[0].Value.Uint64()
}

// deepStack recurses n frames of a quarter kilobyte, then waits.
func deepStack(n int, started, release chan struct{}) byte {
	var pad [256]byte
	if n == 0 {
		close(started)
		<-release
		return pad[0]
	}
	pad[n%len(pad)] = byte(n)
	return deepStack(n-1, started, release) + pad[n%len(pad)]
}

func TestTuneGivesWayToDeepStacks(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	const floor = 4 << 20
	tuneForTest(t, floor)
	started, release := make(chan struct{}), make(chan struct{})
	go deepStack(20000, started, release) // some 6 MB of stack, over floor/4
	<-started
	defer close(release)
	deadline := time.Now().Add(10 * time.Second)
	for readMetric(t, "/gc/gogc:percent") != 100 || readMetric(t, "/gc/gomemlimit:bytes") != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatalf("with large stacks the policy stayed: GOGC %d, limit %d",
				readMetric(t, "/gc/gogc:percent"), readMetric(t, "/gc/gomemlimit:bytes"))
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}
