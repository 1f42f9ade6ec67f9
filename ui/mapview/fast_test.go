package mapview

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestNarrowRunesAreOneCell: the fast path's claim about every rune it
// takes, checked against ansi.
func TestNarrowRunesAreOneCell(t *testing.T) {
	for r := rune(0); r <= 0x2fff; r++ {
		if !narrowRune(r) {
			continue
		}
		if w := ansi.StringWidth(string(r)); w != 1 {
			t.Errorf("%U is taken as narrow but ansi gives it width %d", r, w)
		}
	}
}

// TestFastWidthMatchesAnsi: measuring and cutting give what ansi gives,
// for narrow text and for text that leaves the fast path (combining
// marks, wide letters, emoji, zero-width joiners, escapes).
func TestFastWidthMatchesAnsi(t *testing.T) {
	alphabet := []string{"a", "Z", " ", "&", "å", "Ä", "ö", "é", "ł", "Œ", "\u00a0", "\u00ad", "\u0308", "東", "🚧", "\u200d", "👍🏽", "\x1b[31m", "\t", "ﬁ", "–", "→", "…", "\u2028", "\ufe0f"}
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 5000 {
		var b strings.Builder
		for range r.IntN(14) {
			pool := alphabet
			if i%2 == 0 {
				pool = alphabet[:10] // narrow only
			}
			b.WriteString(pool[r.IntN(len(pool))])
		}
		s := b.String()
		if got, want := textWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("textWidth(%q) = %d, ansi says %d", s, got, want)
		}
		for w := range 12 {
			if got, want := truncate(s, w), ansi.Truncate(s, w, ""); got != want {
				t.Fatalf("truncate(%q, %d) = %q, ansi says %q", s, w, got, want)
			}
		}
	}
}

// TestFreeIndexFindsWhatTheRingsFind: the index gives the very cell the
// ring walk gives, on canvases filled at random to every density, so
// maps look as they did before it.
func TestFreeIndexFindsWhatTheRingsFind(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for round := range 200 {
		w, h := 24+r.IntN(180), 11+r.IntN(50)
		cv := &canvas{w: w, h: h, cells: make([]cell, w*h)}
		density := r.Float64()
		for i := range cv.cells {
			if r.Float64() < density {
				cv.cells[i].kind = kMarker
			}
		}
		free := newFreeCells(cv)
		for range 50 {
			r0, c0 := r.IntN(h), r.IntN(w)
			r1, c1 := r0+r.IntN(h-r0), c0+r.IntN(w-c0)
			rr, cc := r0+r.IntN(r1-r0+1), c0+r.IntN(c1-c0+1)
			maxD := r.IntN(2 * max(w, h))
			var g geometry
			wr, wc, wok := g.search(cv, r0, r1, c0, c1, rr, cc, maxD, nil)
			gr, gc, gok := free.nearest(r0, r1, c0, c1, rr, cc, maxD)
			if wr != gr || wc != gc || wok != gok {
				t.Fatalf("round %d, %dx%d at density %.2f, bounds rows %d–%d cols %d–%d, from (%d,%d) within %d: rings give (%d,%d,%v), the index (%d,%d,%v)",
					round, w, h, density, r0, r1, c0, c1, rr, cc, maxD, wr, wc, wok, gr, gc, gok)
			}
			if gok {
				cv.at(gr, gc).kind = kMarker
				free.take(gr, gc)
			}
		}
	}
}
