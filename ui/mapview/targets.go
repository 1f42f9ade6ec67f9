package mapview

import "math"

// TargetMarker marks where a point should be: the end of its way to its
// target (Options.Targets).
const TargetMarker = "◎"

// toward draws the way from a point's marker now to its target: dots,
// and TargetMarker where it ends, each only over an empty cell that
// touches no label; highlighted like the marker when the point is
// selected.
func (g geometry) toward(cv *canvas, t Trail, points []Point, marks [][2]int, selected int) {
	if math.IsNaN(t.From.X) || math.IsNaN(t.From.Y) || math.IsNaN(t.To.X) || math.IsNaN(t.To.Y) {
		return
	}
	_, r0, c0 := g.place(t.From)
	_, r1, c1 := g.place(t.To)
	sel := false
	for i, p := range points {
		if p == t.From && marks[i][0] >= 0 {
			r0, c0 = marks[i][0], marks[i][1]
			sel = i == selected
			break
		}
	}
	if r0 == r1 && c0 == c1 {
		return
	}
	// The line from the marker's cell (left as it is) to the target's.
	line(r0, c0, r1, c1, func(r, c int) {
		if r == r0 && c == c0 {
			return
		}
		s := trailDot
		if r == r1 && c == c1 {
			s = TargetMarker
		}
		if cl := cv.at(r, c); cl.kind == kEmpty && !cv.nextToText(r, c) {
			*cl = cell{s: s, kind: kTrail, quad: -1, sel: sel}
		}
	})
}
