package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// restoreGC puts back the runtime's defaults after a test changed them.
func restoreGC(t *testing.T) {
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

func TestTuneGCFallsBackWhenTheLiveHeapOutgrowsTheLimit(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restoreGC(t)
	const limit = 4 << 20
	tuneGC(limit)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent after tuneGC = %d, want -1 (off)", p)
	}
	if l := debug.SetMemoryLimit(-1); l != limit {
		t.Fatalf("memory limit after tuneGC = %d, want %d", l, limit)
	}
	live := make([]*[1 << 10]byte, 8<<10) // 8 MB live, over half the limit
	for i := range live {
		live[i] = new([1 << 10]byte)
	}
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatal("the soft limit was kept although the live heap outgrew it")
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	runtime.KeepAlive(live)
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GC percent after the fallback = %d, want 100", p)
	}
}

func TestTuneGCLeavesAnExplicitSettingAlone(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "off")
			restoreGC(t)
			before := debug.SetGCPercent(-1)
			debug.SetGCPercent(before)
			tuneGC(4 << 20)
			if p := debug.SetGCPercent(before); p != before {
				t.Errorf("tuneGC changed the GC percent to %d although %s is set", p, env)
			}
			if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
				t.Errorf("tuneGC set a memory limit of %d although %s is set", l, env)
			}
		})
	}
}
