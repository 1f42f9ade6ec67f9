// styrka maps the power balance between a selling company and each of its
// customers: two guided question sets per customer, scored onto a
// quadrant map with recommended activities per segment.
package main

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"

	"styrka/ui/cli"
)

func main() {
	startingHeap(os.Getenv("GOGC"))
	os.Exit(cli.Main(context.Background(), os.Args[1:], nil))
}

// startHeapPercent puts the first collection at 16 × the runtime's 4 MiB
// minimum heap, 64 MiB.
const startHeapPercent = 1600

// startingHeap lets the heap grow to 64 MiB before the first garbage
// collection, then restores the usual pacing (GOGC=100) after that first
// cycle, as the Go compiler does for its start-up (AdjustStartingHeap,
// go.dev/issue/56546). A command's work is mostly building what it keeps
// (a workshop loaded and scored), so the six or seven collections the
// default pacing runs while a 10,000-customer workshop grows from 4 MiB
// are work thrown away; a small workshop never reaches the first one.
// Memory after it is paced as ever: the peak of a large command is the
// same. A GOGC the user set is left as it is.
func startingHeap(userGOGC string) {
	if userGOGC != "" {
		return
	}
	debug.SetGCPercent(startHeapPercent)
	type sentinel [32]byte // big enough not to share a tiny block
	runtime.SetFinalizer(new(sentinel), func(*sentinel) { debug.SetGCPercent(100) })
}
