package mapview

import "math/bits"

// freeCells indexes the empty cells of a canvas, a bitset per row, so
// that finding the nearest free cell to a point costs a few word
// operations per row instead of a walk over rings of cells, which once
// the quadrants fill took most of a crowded map's time. Pass 1 is the
// only user: it marks a cell taken as it places each marker.
type freeCells struct {
	words int // uint64 words per row
	bits  []uint64
}

func newFreeCells(cv *canvas) *freeCells {
	f := &freeCells{words: (cv.w + 63) / 64}
	f.bits = make([]uint64, f.words*cv.h)
	for r := range cv.h {
		for c := range cv.w {
			if cv.at(r, c).kind == kEmpty {
				f.bits[r*f.words+c/64] |= 1 << (c % 64)
			}
		}
	}
	return f
}

// count is how many cells are free.
func (f *freeCells) count() int {
	n := 0
	for _, w := range f.bits {
		n += bits.OnesCount64(w)
	}
	return n
}

func (f *freeCells) take(r, c int) { f.bits[r*f.words+c/64] &^= 1 << (c % 64) }

// right is the first free column from c to c1 on row r, or -1.
func (f *freeCells) right(r, c, c1 int) int {
	row := f.bits[r*f.words : (r+1)*f.words]
	for w := c / 64; w <= c1/64; w++ {
		x := row[w]
		if w == c/64 {
			x &= ^uint64(0) << (c % 64)
		}
		if x != 0 {
			if col := w*64 + bits.TrailingZeros64(x); col <= c1 {
				return col
			}
			return -1
		}
	}
	return -1
}

// left is the last free column from c down to c0 on row r, or -1.
func (f *freeCells) left(r, c, c0 int) int {
	row := f.bits[r*f.words : (r+1)*f.words]
	for w := c / 64; w >= c0/64; w-- {
		x := row[w]
		if w == c/64 && c%64 != 63 {
			x &= 1<<(c%64+1) - 1
		}
		if x != 0 {
			if col := w*64 + 63 - bits.LeadingZeros64(x); col >= c0 {
				return col
			}
			return -1
		}
	}
	return -1
}

// nearest finds the free cell search would find walking its rings out to
// maxD with no extra condition: the least distance |dc| + 2|dr|, then the
// upper row, then the cell to the right. It looks at each row's nearest
// free cell on either side of c, which is the only one of that row a walk
// could reach first.
func (f *freeCells) nearest(r0, r1, c0, c1, r, c, maxD int) (int, int, bool) {
	bestD, bestR, bestC := maxD+1, 0, 0
	for rr := r0; rr <= r1; rr++ {
		dr := 2 * abs(rr-r)
		if dr > maxD || dr > bestD {
			continue
		}
		if cr := f.right(rr, c, c1); cr >= 0 {
			if d := dr + cr - c; d < bestD {
				bestD, bestR, bestC = d, rr, cr
			}
		}
		if c-1 >= c0 {
			if cl := f.left(rr, c-1, c0); cl >= 0 {
				if d := dr + c - cl; d < bestD {
					bestD, bestR, bestC = d, rr, cl
				}
			}
		}
	}
	if bestD > maxD {
		return 0, 0, false
	}
	return bestR, bestC, true
}
