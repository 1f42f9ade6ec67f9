// Package par splits independent work over the machine's cores: the
// scoring of every customer, the decoding of a large workshop's records.
// Work too small to gain from goroutines runs on the caller's.
package par

import (
	"runtime"
	"sync"
)

// MaxWorkers caps the goroutines a call uses: past four, a workshop's
// work gains little and a shared machine loses more.
const MaxWorkers = 4

// Cores is how many goroutines a call may use at most: the cores Go
// runs on, up to MaxWorkers.
func Cores() int { return max(min(runtime.GOMAXPROCS(0), MaxWorkers), 1) }

// Workers is how many goroutines Chunks uses for n items when a goroutine
// should have at least least of them: 1 when there is too little work or
// one core.
func Workers(n, least int) int {
	w := Cores()
	if most := n / max(least, 1); most < w {
		w = most
	}
	return max(w, 1)
}

// Chunks calls fn for consecutive ranges [lo, hi) that together cover
// [0, n), each range on its own goroutine when there are several, and
// returns when all have returned. Each range has at least least items
// unless n is smaller. fn must only touch what its range owns.
func Chunks(n, least int, fn func(lo, hi int)) {
	Split(n, Workers(n, least), func(_, lo, hi int) { fn(lo, hi) })
}

// Split is Chunks with the number of ranges w given, and each range's
// number (0 to w-1, in order) passed to fn, for work that keeps a result
// per range. With w ≤ 1 fn gets all of [0, n) on the caller's goroutine.
// A panic in any range is raised again on the caller's goroutine once
// every range has returned.
func Split(n, w int, fn func(part, lo, hi int)) {
	if w <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var wg sync.WaitGroup
	panics := make([]any, w)
	for i := range w {
		lo, hi := i*n/w, (i+1)*n/w
		if i == w-1 {
			fn(i, lo, hi) // the caller's goroutine takes the last range
			continue
		}
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			fn(i, lo, hi)
		})
	}
	wg.Wait()
	// A panic of another goroutine is the caller's, as if the work had
	// run on it: what recovers the caller's panics (Bubble Tea restoring
	// the terminal, say) sees it.
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}
