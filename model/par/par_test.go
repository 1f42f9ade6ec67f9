package par

import (
	"runtime"
	"sync"
	"testing"
)

func TestChunksCoverEveryItemOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 1001, 10000} {
		for _, least := range []int{0, 1, 64, 5000} {
			var mu sync.Mutex
			seen := make([]int, n)
			calls := 0
			Chunks(n, least, func(lo, hi int) {
				mu.Lock()
				defer mu.Unlock()
				calls++
				if lo >= hi {
					t.Errorf("n=%d least=%d: empty range [%d,%d)", n, least, lo, hi)
				}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("n=%d least=%d: item %d covered %d times", n, least, i, c)
				}
			}
			if want := Workers(n, least); n > 0 && calls != want {
				t.Errorf("n=%d least=%d: %d ranges, want %d", n, least, calls, want)
			}
		}
	}
}

func TestWorkers(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	if got := Workers(10, 100); got != 1 {
		t.Errorf("Workers(10, 100) = %d, want 1: too little work", got)
	}
	if got, want := Workers(1_000_000, 1), min(procs, MaxWorkers); got != want {
		t.Errorf("Workers(1e6, 1) = %d, want %d", got, want)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if got := Workers(1_000_000, 1); got != 1 {
		t.Errorf("on one core Workers = %d, want 1", got)
	}
}

func TestSplitNumbersItsRangesInOrder(t *testing.T) {
	var mu sync.Mutex
	got := map[int][2]int{}
	Split(10, 3, func(part, lo, hi int) {
		mu.Lock()
		defer mu.Unlock()
		got[part] = [2]int{lo, hi}
	})
	want := map[int][2]int{0: {0, 3}, 1: {3, 6}, 2: {6, 10}}
	for p, r := range want {
		if got[p] != r {
			t.Errorf("part %d = %v, want %v (all: %v)", p, got[p], r, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d parts, want %d", len(got), len(want))
	}
}

func TestSplitRaisesAPanicOnTheCaller(t *testing.T) {
	defer func() {
		if r := recover(); r != "range 0" {
			t.Fatalf("recovered %v, want the panic of range 0", r)
		}
	}()
	Split(100, 3, func(part, lo, hi int) {
		if part == 0 {
			panic("range 0") // on a goroutine of its own, not the caller's
		}
	})
	t.Fatal("Split returned after a panic")
}
