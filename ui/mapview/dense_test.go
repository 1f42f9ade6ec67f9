package mapview

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func denseOptions(w, h int) Options {
	return Options{Width: w, Height: h, XCut: 3, YCut: 3, Selected: -1,
		Quadrants: [4]string{"WE DOMINATE", "INTERDEPENDENCE", "INDEPENDENCE", "CUSTOMER DOMINATES"}}
}

// TestDenseMapCountsEveryCustomerWhereItIs: with more customers than
// the map has room to mark and name, every customer is counted in the
// cell of its true place, the quadrants' counts add up, nothing is named
// and no legend is needed; a small workshop is drawn as before.
func TestDenseMapCountsEveryCustomerWhereItIs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	points := make([]Point, 10000)
	for i := range points {
		points[i] = Point{Name: fmt.Sprintf("Customer %05d", i), X: 1 + 4*r.Float64(), Y: 1 + 4*r.Float64()}
	}
	points[17] = Point{Name: "Unscored", X: math.NaN(), Y: 2}
	o := denseOptions(80, 24)
	m := Render(points, o)
	if !m.Dense || len(m.Legend) != 0 {
		t.Fatalf("10,000 customers at 80×24: dense %v, %d legend entries", m.Dense, len(m.Legend))
	}
	g := newGeometry(func() Options { o.Width, o.Height = max(o.Width, MinWidth), max(o.Height, MinHeight); return o }())
	cells := map[[2]int]int{}
	var sum int
	for i, p := range points {
		if i == 17 {
			if m.Marks[i] != [2]int{-1, -1} {
				t.Errorf("an unscored customer is marked at %v", m.Marks[i])
			}
			continue
		}
		_, row, col := g.place(p)
		if m.Marks[i] != [2]int{row, col} {
			t.Fatalf("customer %d is marked at %v, its place is %v", i, m.Marks[i], [2]int{row, col})
		}
		cells[m.Marks[i]]++
	}
	for _, n := range m.Counts {
		sum += n
	}
	if sum != len(points)-1 {
		t.Errorf("the quadrants count %d customers of %d", sum, len(points)-1)
	}
	most := 0
	for _, n := range cells {
		most = max(most, n)
	}
	if m.MostInCell != most {
		t.Errorf("MostInCell %d, the fullest cell holds %d", m.MostInCell, most)
	}
	text := m.String()
	if strings.Contains(text, "Customer") || strings.Contains(text, marker) {
		t.Error("a dense map names or marks single customers")
	}
	if !strings.Contains(text, "█") {
		t.Error("the fullest cell is not drawn with the darkest mark")
	}
	for _, l := range m.Lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("a line is %d wide: %q", w, l)
		}
	}
	if few := Render(points[:16], o); few.Dense {
		t.Error("16 customers are drawn as a density")
	}
}
