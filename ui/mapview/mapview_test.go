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

func sample() []Point {
	return []Point{
		{"Åhléns Möbel AB", 3.6, 4.2},
		{"Bergström Verkstad", 4.5, 4.5},
		{"Ölands Kalk", 1.5, 4.0},
		{"東京商事", 2, 2},
		{"Nordbygg 🚧", 4.8, 1.2},
		{"Söderhamns Trä", 3.1, 3.0},
		{"Kalmar Fisk", 1.2, 1.1},
		{"Lindqvist & Co", 2.9, 2.9},
		{"Gävle Plåt", 4.6, 4.4},
		{"Exakt Gräns", 3.0, 3.0},
		{"Hörnet Högst", 5, 5},
		{"Hörnet Lägst", 1, 1},
	}
}

func options(w, h int) Options {
	return Options{
		Width: w, Height: h,
		XLabel: "Relative value (our dependence)", YLabel: "Supply risk (their dependence)",
		XCut: 3, YCut: 3,
		Quadrants: [4]string{"We dominate", "Interdependence", "Independence", "Customer dominates"},
		Selected:  -1,
	}
}

var sizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"120x40", 120, 40}, {"tiny", MinWidth, MinHeight}, {"160x50", 160, 50}}

func TestGolden(t *testing.T) {
	for _, s := range sizes {
		t.Run(s.name, func(t *testing.T) {
			m := Render(sample(), options(s.w, s.h))
			var b strings.Builder
			b.WriteString(m.String() + "\n")
			for _, e := range m.Legend {
				fmt.Fprintf(&b, "%s %s\n", e.Shown(), sample()[e.Index].Name)
			}
			golden.RequireEqual(t, b.String())
		})
	}
}

// checkMap asserts the map's invariants: its size, every marker in its
// own cell in the right quadrant, every point named once (label or
// legend), and no line wider than the width.
func checkMap(t *testing.T, pts []Point, o Options, m Map) {
	t.Helper()
	if len(m.Lines) != o.Height {
		t.Fatalf("got %d lines, want %d", len(m.Lines), o.Height)
	}
	for i, l := range m.Lines {
		if w := ansi.StringWidth(l); w > o.Width {
			t.Fatalf("line %d is %d wide, more than %d: %q", i, w, o.Width, l)
		}
	}
	g := newGeometry(o)
	seen := map[[2]int]int{}
	cuts := map[string]bool{}
	inLegend := map[int]Entry{}
	for _, e := range m.Legend {
		if _, dup := inLegend[e.Index]; dup {
			t.Fatalf("point %d is in the legend twice", e.Index)
		}
		inLegend[e.Index] = e
	}
	for i, p := range pts {
		mk := m.Marks[i]
		if mk[0] < g.top || mk[0] > g.bottom || mk[1] < g.left || mk[1] > g.right {
			t.Fatalf("point %d (%s) marked at %v, outside the plot", i, p.Name, mk)
		}
		if mk[0] == g.cutRow || mk[1] == g.cutCol {
			t.Fatalf("point %d (%s) marked on a cut line at %v", i, p.Name, mk)
		}
		want, _, _ := g.place(p)
		if got := g.quadrantOf(mk[0], mk[1]); got != want {
			t.Fatalf("point %d (%s) at (%.2f, %.2f) drawn in quadrant %d, want %d", i, p.Name, p.X, p.Y, got, want)
		}
		if j, dup := seen[mk]; dup {
			t.Fatalf("points %d and %d share the cell %v", j, i, mk)
		}
		seen[mk] = i
		// The name is written whole on the marker's row or a row next
		// to it, or the legend gives it: shortened there (the short form
		// on the map) or by a key in the marker's cell.
		near := nearRows(m, mk[0])
		name := strings.TrimSpace(p.Name)
		switch e, ok := inLegend[i]; {
		case !ok:
			if !strings.Contains(near, name) {
				t.Fatalf("point %d (%s) is neither named in full beside its marker nor in the legend; rows:\n%s", i, p.Name, near)
			}
		case e.Cut:
			if !strings.Contains(near, e.Short) || !strings.HasSuffix(e.Short, "…") || e.Key != CutKey {
				t.Fatalf("point %d (%s) is cut to %q (key %q), which is not beside its marker; rows:\n%s", i, p.Name, e.Short, e.Key, near)
			}
			if cuts[e.Short] {
				t.Fatalf("two names are cut to %q", e.Short)
			}
			cuts[e.Short] = true
		default:
			if got := cellAt(m, mk); got != e.Key && e.Key != overflowKey {
				t.Fatalf("point %d (%s) has the key %q in the legend and %q on the map", i, p.Name, e.Key, got)
			}
		}
	}
}

// nearRows is the text of a map's row r and the rows above and below it.
func nearRows(m Map, r int) string {
	var rows []string
	for x := max(r-1, 0); x <= min(r+1, len(m.Lines)-1); x++ {
		rows = append(rows, ansi.Strip(m.Lines[x]))
	}
	return strings.Join(rows, "\n")
}

// cellAt is the grapheme drawn at a marker's cell.
func cellAt(m Map, mk [2]int) string {
	line := ansi.Strip(m.Lines[mk[0]])
	return ansi.Cut(line, mk[1], mk[1]+1)
}

func TestInvariants(t *testing.T) {
	for _, s := range sizes {
		t.Run(s.name, func(t *testing.T) {
			o := options(s.w, s.h)
			checkMap(t, sample(), o, Render(sample(), o))
		})
	}
}

func TestRandomCrowdsNeverHideACustomer(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		n := 1 + r.IntN(60)
		pts := make([]Point, n)
		for i := range pts {
			// Cluster half the points to force collisions.
			x, y := 1+4*r.Float64(), 1+4*r.Float64()
			if i%2 == 0 {
				x, y = 3.5+0.2*r.Float64(), 4+0.2*r.Float64()
			}
			pts[i] = Point{Name: fmt.Sprintf("Kund %d åäö", i), X: x, Y: y}
		}
		o := options(60+r.IntN(100), 14+r.IntN(30))
		o.XCut, o.YCut = 2+2*r.Float64(), 2+2*r.Float64()
		t.Run(fmt.Sprint(round), func(t *testing.T) { checkMap(t, pts, o, Render(pts, o)) })
	}
}

// TestCutIsExclusive: the map classes as the method does (domain.md §7):
// only above the cut is high, so a point exactly on it is drawn low, and
// so is one a float error above it.
func TestCutIsExclusive(t *testing.T) {
	o := options(80, 24)
	m := Render([]Point{{"A", 3, 3}, {"B", 2.99, 2.99}, {"C", 3.01, 3.01}, {"D", 3 + 1e-12, 3 + 1e-12}}, o)
	g := newGeometry(o)
	for i, want := range []int{BottomLeft, BottomLeft, TopRight, BottomLeft} {
		if q := g.quadrantOf(m.Marks[i][0], m.Marks[i][1]); q != want {
			t.Errorf("point %d in quadrant %d, want %d", i, q, want)
		}
	}
}

// TestOnLineMarker: points on the line get their own mark; the others and
// a short OnLine slice keep the usual one.
func TestOnLineMarker(t *testing.T) {
	o := options(80, 24)
	o.OnLine = []bool{true}
	m := Render([]Point{{"A", 3.1, 4}, {"B", 4, 4}}, o)
	at := func(i int) string {
		line := []rune(m.Lines[m.Marks[i][0]])
		return string(line[m.Marks[i][1]])
	}
	if got := at(0); got != OnLineMarker {
		t.Errorf("on-the-line point drawn as %q, want %q", got, OnLineMarker)
	}
	if got := at(1); got != Marker {
		t.Errorf("other point drawn as %q, want %q", got, Marker)
	}
}

// TestDecimalComma: Swedish ticks read 3,5, not 3.5.
func TestDecimalComma(t *testing.T) {
	o := options(80, 24)
	o.XCut, o.YCut = 3.5, 2.5
	o.DecimalComma = true
	s := Render(nil, o).String()
	if !strings.Contains(s, "3,5") || !strings.Contains(s, "2,5") || strings.Contains(s, "3.5") {
		t.Errorf("ticks not written with a decimal comma:\n%s", s)
	}
}

func TestWideNamesAreMeasured(t *testing.T) {
	pts := []Point{{"東京商事株式会社", 4, 4}, {"👩‍👩‍👧 Familjeföretaget", 2, 4}, {"Ångström Ärlig Öberg", 2, 2}}
	for _, w := range []int{MinWidth, 30, 41, 80} {
		o := options(w, 16)
		checkMap(t, pts, o, Render(pts, o))
	}
}

func TestStyledEqualsPlainWithoutEscapes(t *testing.T) {
	o := options(80, 24)
	plain := Render(sample(), o)
	o.Styles = NewStyles(lipgloss.NewStyle().Faint(true), lipgloss.NewStyle().Faint(true), lipgloss.NewStyle().Reverse(true),
		[4]lipgloss.Style{lipgloss.NewStyle().Foreground(lipgloss.Color("1"))})
	o.Selected = 2
	styled := Render(sample(), o)
	if styled.String() == plain.String() {
		t.Fatal("styles changed nothing")
	}
	if got := ansi.Strip(styled.String()); got != plain.String() {
		t.Fatalf("styled map differs from plain once escapes are stripped:\n%s\n---\n%s", got, plain.String())
	}
}

func TestTooSmallIsRaisedToMinimum(t *testing.T) {
	m := Render(sample(), options(5, 3))
	if len(m.Lines) != MinHeight {
		t.Fatalf("got %d lines, want the minimum %d", len(m.Lines), MinHeight)
	}
}

func TestQuadrantNamesAndAxes(t *testing.T) {
	o := options(80, 24)
	s := Render(nil, o).String()
	for _, want := range []string{"WE DOMINATE", "INTERDEPENDENCE", "INDEPENDENCE", "CUSTOMER DOMINATES", "↑ Supply risk", "Relative value (our dependence) →"} {
		if !strings.Contains(s, want) {
			t.Errorf("map lacks %q:\n%s", want, s)
		}
	}
}

func benchPoints(n int) []Point {
	r := rand.New(rand.NewPCG(3, 4))
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{Name: fmt.Sprintf("Kund %d AB", i), X: 1 + 4*r.Float64(), Y: 1 + 4*r.Float64()}
	}
	return pts
}

// BenchmarkRenderCrowd is the TUI's map at 160×50, styled, with names of
// Swedish companies (narrow but not ASCII), at workshop sizes up to more
// customers than the map has cells.
func BenchmarkRenderCrowd(b *testing.B) {
	st := NewStyles(lipgloss.NewStyle().Foreground(lipgloss.Color("8")), lipgloss.NewStyle().Faint(true),
		lipgloss.NewStyle().Reverse(true), [4]lipgloss.Style{
			lipgloss.NewStyle().Foreground(lipgloss.Color("1")), lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
			lipgloss.NewStyle().Foreground(lipgloss.Color("3")), lipgloss.NewStyle().Foreground(lipgloss.Color("4"))})
	for _, n := range []int{1000, 5000, 10000} {
		r := rand.New(rand.NewPCG(5, 6))
		pts := make([]Point, n)
		onLine := make([]bool, n)
		for i := range pts {
			pts[i] = Point{Name: fmt.Sprintf("Åkeri Söderström %d AB", i), X: 1 + 4*r.Float64(), Y: 1 + 4*r.Float64()}
			onLine[i] = i%9 == 0
		}
		o := options(160, 50)
		o.Styles, o.OnLine, o.Selected = st, onLine, 3
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Render(pts, o)
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		for _, s := range []struct{ w, h int }{{80, 24}, {160, 50}} {
			pts := benchPoints(n)
			o := options(s.w, s.h)
			b.Run(fmt.Sprintf("%d/%dx%d", n, s.w, s.h), func(b *testing.B) {
				for b.Loop() {
					Render(pts, o)
				}
			})
		}
	}
}
