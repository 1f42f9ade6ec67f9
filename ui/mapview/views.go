package mapview

import (
	"fmt"
	"strings"

	"styrka/assets"
	"styrka/model"
)

// View is one way to look at the workshop's customers.
type View string

const (
	// Power is the power-balance map: our dependence (relative value)
	// across, their dependence (supply risk) up.
	Power View = "power"
	// Kraljic is how customers see us: supply risk across, profit impact up.
	Kraljic View = "kraljic"
	// Preferencing is how we see them: relative value across,
	// attractiveness up.
	Preferencing View = "preferencing"
)

// Views lists the views in the order `v` cycles them.
var Views = []View{Power, Kraljic, Preferencing}

// ParseView accepts a view's name.
func ParseView(s string) (View, error) {
	for _, v := range Views {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown view %q", s)
}

// Next is the view after v, cycling.
func (v View) Next() View {
	for i, w := range Views {
		if w == v {
			return Views[(i+1)%len(Views)]
		}
	}
	return Power
}

// Axes gives the dimensions drawn across (x) and up (y).
func (v View) Axes() (x, y model.Dimension) {
	switch v {
	case Kraljic:
		return model.SupplyRisk, model.ProfitImpact
	case Preferencing:
		return model.RelativeValue, model.Attractiveness
	}
	return model.RelativeValue, model.SupplyRisk
}

// QuadrantNames names the four quadrants of a view in reading order.
func (v View) QuadrantNames(c *assets.Content) [4]string {
	switch v {
	case Kraljic:
		k := c.Kraljic
		return [4]string{k[model.Leverage].Name, k[model.Strategic].Name, k[model.NonCritical].Name, k[model.Bottleneck].Name}
	case Preferencing:
		p := c.Preferencing
		return [4]string{p[model.Development].Name, p[model.Core].Name, p[model.Nuisance].Name, p[model.Exploitable].Name}
	}
	r := c.Regimes
	return [4]string{r[model.SupplierDominance].Name, r[model.Interdependence].Name, r[model.Independence].Name, r[model.BuyerDominance].Name}
}

// Title is the view's name in the content's language.
func (v View) Title(c *assets.Content) string { return c.T("view." + string(v)) }

// Plot is a view of a workshop ready to draw: the points of the placed
// customers in priority order, and the customers that are not placed.
type Plot struct {
	Options Options
	Points  []Point
	// Placed[i] is the index into the assessments of Points[i].
	Placed []int
	// Unplaced are the indexes of assessments with no place in this view.
	Unplaced []int
}

// NewPlot lays out ranked assessments for a view. The caller sets the size
// and styles on the returned options.
func NewPlot(v View, ranked []model.Assessment, t model.Thresholds, c *assets.Content) Plot {
	xd, yd := v.Axes()
	t = t.Normalized()
	p := Plot{Options: Options{
		XLabel:    c.Dimensions[xd].Short,
		YLabel:    c.Dimensions[yd].Short,
		XCut:      t.For(xd),
		YCut:      t.For(yd),
		Quadrants: v.QuadrantNames(c),
		Selected:  -1,
		// Swedish writes 3,5.
		DecimalComma: c.Lang == "sv",
	}}
	for i, a := range ranked {
		x, y := a.Scores[xd], a.Scores[yd]
		if !x.Placed || !y.Placed {
			p.Unplaced = append(p.Unplaced, i)
			continue
		}
		p.Points = append(p.Points, Point{Name: a.Customer.Name, X: x.Value, Y: y.Value})
		p.Options.OnLine = append(p.Options.OnLine, onLineIn(a, xd, yd))
		p.Placed = append(p.Placed, i)
	}
	return p
}

// onLineIn reports whether an assessment is on the line in one of the two
// dimensions a view draws: only those lines are on this map.
func onLineIn(a model.Assessment, xd, yd model.Dimension) bool {
	for _, l := range a.OnLine {
		if l.Dimension == xd || l.Dimension == yd {
			return true
		}
	}
	return false
}

// LegendOnLine is the legend line for OnLineMarker in the content's
// language, for every caller that prints a legend.
func LegendOnLine(c *assets.Content) string {
	return OnLineMarker + " " + c.T("map.legend.online")
}

// LegendDense says what a dense map's marks count; most is the most
// customers in one cell (Map.MostInCell), written as the language does. The TUI's shorter form is
// LegendDenseShort.
func LegendDense(c *assets.Content, most string) string {
	return c.T("map.legend.dense", most)
}

// LegendDenseShort is LegendDense for a screen that lists the customers
// itself.
func LegendDenseShort(c *assets.Content, most string) string {
	return c.T("tui.map.legend.dense", most)
}

// QuadrantCounts is the customers of a dense map per quadrant, in the
// view's names: "We dominate 0 · Interdependence 12 · …".
func (v View) QuadrantCounts(c *assets.Content, counts [4]int, number func(int) string) string {
	names := v.QuadrantNames(c)
	parts := make([]string, 4)
	for q := range 4 {
		parts[q] = names[q] + " " + number(counts[q])
	}
	return strings.Join(parts, " · ")
}

// DivergedMarker follows the name of a customer whose team scores
// diverged on a question that has no agreed score yet, on every map and
// in every list beside one, as the TUI marks it.
const DivergedMarker = "!"

// MarkDiverged puts DivergedMarker after the names of the customers that
// diverged holds (model.Divergence: customer ID → questions), so a map's
// labels and legend show it, and reports whether it marked any.
func MarkDiverged(ranked []model.Assessment, diverged map[string][]string) bool {
	marked := false
	for i := range ranked {
		if len(diverged[ranked[i].Customer.ID]) > 0 {
			ranked[i].Customer.Name += " " + DivergedMarker
			marked = true
		}
	}
	return marked
}

// LegendDiverged is the legend line for DivergedMarker in the content's
// language.
func LegendDiverged(c *assets.Content) string {
	return DivergedMarker + " " + c.T("map.legend.diverged")
}
