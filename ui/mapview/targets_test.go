package mapview

import (
	"strings"
	"testing"
)

// TestTargetsDrawTheWayToTheTarget: a target draws dots from the point's
// marker and the target marker where it should be; none when it is there.
func TestTargetsDrawTheWayToTheTarget(t *testing.T) {
	p := Point{Name: "Kund AB", X: 2, Y: 2}
	o := Options{Width: 60, Height: 20, XCut: 3, YCut: 3, Selected: -1}
	plain := Render([]Point{p}, o).String()
	o.Targets = []Trail{{From: p, To: Point{X: 4.5, Y: 4.5}}}
	m := Render([]Point{p}, o).String()
	if strings.Count(m, TargetMarker) != 1 {
		t.Fatalf("want one target marker:\n%s", m)
	}
	if strings.Count(m, trailDot) <= strings.Count(plain, trailDot) {
		t.Errorf("no dots towards the target:\n%s", m)
	}
	if !strings.Contains(m, "Kund AB") {
		t.Errorf("the point's name is gone:\n%s", m)
	}
	o.Targets = []Trail{{From: p, To: p}}
	if got := Render([]Point{p}, o).String(); got != plain {
		t.Errorf("a target met draws:\n%s", got)
	}
}
