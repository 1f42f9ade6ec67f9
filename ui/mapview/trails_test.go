package mapview

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// trailsFor moves every point by (dx, dy) into the past: the trails run
// from there to the points as they are.
func trailsFor(pts []Point, dx, dy float64) []Trail {
	out := make([]Trail, len(pts))
	for i, p := range pts {
		out[i] = Trail{From: Point{X: p.X + dx, Y: p.Y + dy}, To: p}
	}
	return out
}

// cells splits a map's plain lines into grid cells.
func cells(m Map) [][]string {
	out := make([][]string, len(m.Lines))
	for i, l := range m.Lines {
		l = ansi.Strip(l)
		for l != "" {
			g, w := ansi.FirstGraphemeCluster(l, ansi.GraphemeWidth)
			l = l[len(g):]
			out[i] = append(out[i], g)
			for range w - 1 {
				out[i] = append(out[i], "")
			}
		}
	}
	return out
}

// requireTrailsUnder checks a map drawn with trails against the same map
// without: every cell that is not blank without trails is the same with
// them (markers, keys, labels, frame, names), trails fill only blanks,
// and no line is wider than the map.
func requireTrailsUnder(t *testing.T, pts []Point, o Options, trails []Trail) (dots int) {
	t.Helper()
	plain := Render(pts, o)
	o.Trails = trails
	with := Render(pts, o)
	if len(with.Lines) != o.Height {
		t.Fatalf("%d lines, want %d", len(with.Lines), o.Height)
	}
	for i, l := range with.Lines {
		if w := ansi.StringWidth(l); w > o.Width {
			t.Fatalf("line %d is %d wide, more than %d: %q", i, w, o.Width, l)
		}
	}
	for i := range pts {
		if with.Marks[i] != plain.Marks[i] {
			t.Fatalf("trails moved the marker of %s from %v to %v", pts[i].Name, plain.Marks[i], with.Marks[i])
		}
	}
	if fmt.Sprint(with.Legend) != fmt.Sprint(plain.Legend) {
		t.Fatalf("trails changed the legend: %v, was %v", with.Legend, plain.Legend)
	}
	a, b := cells(plain), cells(with)
	for r := range b {
		for c := range b[r] {
			old := " "
			if c < len(a[r]) {
				old = a[r][c]
			}
			cur := b[r][c]
			if old == cur {
				continue
			}
			if old != " " {
				t.Fatalf("a trail hides %q at row %d, column %d:\n%s", old, r, c, with.String())
			}
			if cur != trailDot && cur != trailStart {
				t.Fatalf("a trail drew %q at row %d, column %d", cur, r, c)
			}
			dots++
		}
	}
	return dots
}

func TestTrailsNeverHideMarkersOrLabels(t *testing.T) {
	for _, s := range sizes {
		t.Run(s.name, func(t *testing.T) {
			o := options(s.w, s.h)
			pts := sample()
			if dots := requireTrailsUnder(t, pts, o, trailsFor(pts, -1.2, -0.9)); dots == 0 {
				t.Error("no trail was drawn")
			}
		})
	}
}

func TestRandomTrailsStayUnder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := range 40 {
		n := 1 + r.IntN(40)
		pts := make([]Point, n)
		var trails []Trail
		for i := range pts {
			pts[i] = Point{Name: fmt.Sprintf("Kund %d", i), X: 1 + 4*r.Float64(), Y: 1 + 4*r.Float64()}
			if r.IntN(3) > 0 {
				trails = append(trails, Trail{From: Point{X: 1 + 4*r.Float64(), Y: 1 + 4*r.Float64()}, To: pts[i]})
			}
		}
		o := options(MinWidth+r.IntN(140), MinHeight+r.IntN(40))
		t.Run(fmt.Sprint(round), func(t *testing.T) { requireTrailsUnder(t, pts, o, trails) })
	}
}

func TestTrailRunsFromOldToNew(t *testing.T) {
	o := options(80, 24)
	now := Point{Name: "Nordö", X: 4.5, Y: 4.5}
	m := Render([]Point{now}, withTrails(o, Trail{From: Point{X: 1.5, Y: 1.5}, To: now}))
	g := newGeometry(o)
	_, r0, c0 := g.place(Point{X: 1.5, Y: 1.5})
	grid := cells(m)
	if got := grid[r0][c0]; got != trailStart {
		t.Errorf("the old position shows %q, want %q:\n%s", got, trailStart, m.String())
	}
	if n := strings.Count(m.String(), trailDot); n < 10 {
		t.Errorf("only %d dots between the old and the new position:\n%s", n, m.String())
	}
	// No movement, no trail; a trail of an unknown point ends where its
	// position would be.
	still := Render([]Point{now}, withTrails(o, Trail{From: now, To: now}))
	if strings.Contains(still.String(), trailStart) {
		t.Error("a point that did not move has a trail")
	}
	golden.RequireEqual(t, m.String()+"\n")
}

func withTrails(o Options, ts ...Trail) Options {
	o.Trails = ts
	return o
}

// TestSelectedTrailIsHighlighted: in colour, the selected point's trail
// takes the selected style, so it can be told from the others.
func TestSelectedTrailIsHighlighted(t *testing.T) {
	o := options(80, 24)
	now := Point{Name: "Nordö", X: 4.5, Y: 4.5}
	o.Trails = []Trail{{From: Point{X: 1.5, Y: 1.5}, To: now}}
	o.Styles = NewStyles(lipgloss.NewStyle().Faint(true), lipgloss.NewStyle().Faint(true), lipgloss.NewStyle().Reverse(true), [4]lipgloss.Style{})
	plain := Render([]Point{now}, o)
	o.Selected = 0
	sel := Render([]Point{now}, o)
	if ansi.Strip(sel.String()) != ansi.Strip(plain.String()) {
		t.Fatal("selecting changed the text of the map")
	}
	g := newGeometry(o)
	_, r0, _ := g.place(Point{X: 1.5, Y: 1.5})
	open, _, _ := strings.Cut(lipgloss.NewStyle().Reverse(true).Render("x"), "x")
	if sel.Lines[r0] == plain.Lines[r0] || !strings.Contains(sel.Lines[r0], open+trailStart) {
		t.Errorf("the selected trail is not highlighted: %q", sel.Lines[r0])
	}
}
