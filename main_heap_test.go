package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func gogc(t *testing.T) uint64 {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		t.Fatalf("no %s metric", s[0].Name)
	}
	return s[0].Value.Uint64()
}

// TestStartingHeapRestoresPacing: the raised percent lasts until the first
// collection, then the usual 100 is back.
func TestStartingHeapRestoresPacing(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	startingHeap("")
	if got := gogc(t); got != startHeapPercent {
		t.Fatalf("GOGC after startingHeap = %d, want %d", got, startHeapPercent)
	}
	// The finalizer runs after a cycle, on the finalizer goroutine: wait
	// for it, collecting again, without a fixed sleep deciding the outcome.
	deadline := time.Now().Add(30 * time.Second)
	for gogc(t) != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is still %d after collections", gogc(t))
		}
		runtime.GC()
		runtime.Gosched()
	}
}

func TestStartingHeapKeepsTheUsersGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	startingHeap("50")
	if got := gogc(t); got != 50 {
		t.Fatalf("GOGC = %d, want the user's 50", got)
	}
}
