package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/mapview"
	"styrka/ui/styles"
)

// The SVG power map is drawn for a 16:9 slide; a legend too long for
// the slide's right side widens the picture (PowerMap.Width).
const (
	SVGWidth  = 1600
	SVGHeight = 900
)

// Layout of the SVG map, in its own units (pixels of the viewBox).
const (
	svgPlotLeft     = 130.0
	svgPlotTop      = 110.0
	svgPlotRight    = 1560.0
	svgPlotBottom   = 780.0
	svgMinPlotW     = 900.0 // the narrowest plot a legend may leave
	svgLegendGap    = 30.0  // between the plot and the legend
	svgLegendKeyW   = 34.0  // the key's column in a legend entry
	svgLegendColGap = 24.0  // between two columns of the legend
	svgLegendCells  = 60    // cells of a name on one line of the legend
	svgPad          = 44.0  // between the plot's frame and the scale's ends

	svgLabelSize  = 16.0 // font size of a name on the map
	svgLabelH     = 21.0
	svgLabelMax   = 40 // cells of the longest name written on the map
	svgKeySize    = 14.0
	svgKeyH       = 19.0
	svgQuadSize   = 20.0
	svgLegendSize = 15.0
	svgLegendStep = 24.0

	svgMaxR     = 56.0 // radius of the largest revenue
	svgMinR     = 6.0  // smallest radius, so a tiny account stays visible
	svgUnknownR = 14.0 // radius when the revenue is not known

	// svgCharWidth is the width of an average character in ems for the
	// fonts the map names; bold is wider. There are no font metrics to
	// be had, so labels are measured in cells with ansi and this factor,
	// rounded up to keep a safe margin.
	svgCharWidth     = 0.6
	svgBoldCharWidth = 0.68
)

// svgFont is the font stack: common slide fonts, then the generic family.
const svgFont = "Inter, 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, sans-serif"

// Box is a rectangle on the map: top-left corner, width and height.
type Box struct{ X, Y, W, H float64 }

// Overlaps reports whether two boxes share any area.
func (b Box) Overlaps(o Box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

// grow widens a box by m on every side.
func (b Box) grow(m float64) Box { return Box{b.X - m, b.Y - m, b.W + 2*m, b.H + 2*m} }

// inside reports whether b lies within o.
func (b Box) inside(o Box) bool {
	return b.X >= o.X && b.Y >= o.Y && b.X+b.W <= o.X+o.W && b.Y+b.H <= o.Y+o.H
}

// Bubble is one placed customer on the SVG map.
type Bubble struct {
	Name   string
	Regime model.Regime
	// X, Y is the centre and R the radius; area is proportional to the
	// annual revenue, or R is fixed when the revenue is not known.
	X, Y, R      float64
	RevenueKnown bool
	// OnLine draws a dotted halo around the bubble: the customer is on
	// the line in one of the map's two dimensions.
	OnLine bool
	// Text is what is written next to the bubble, in Label: the name
	// (cut to fit), or Key when the name had no room and is in the legend.
	Text  string
	Key   string
	Label Box
	// Shown is false when not even the key found room; the name is then
	// only in the legend and the bubble's tooltip.
	Shown bool
	// Shared: customers at one place (the same scores) have consecutive
	// keys and one label for all, "7–12", whose Text and Label the first
	// of them holds; the others are Shared.
	Shared bool
	// Leader is a line from the bubble's edge to a label set further out.
	Leader               bool
	LeaderFrom, LeaderTo [2]float64
	tooltip              string
}

// Quadrant is a named quadrant of the map.
type Quadrant struct {
	Name   string
	Regime model.Regime
	Area   Box
	// Label is where the name is written.
	Label  Box
	anchor string
}

// PowerMap is the laid-out SVG map: every box is computed here, so a test
// can prove that no two labels overlap.
type PowerMap struct {
	Title, Subtitle string
	Plot            Box
	Quadrants       [4]Quadrant
	Bubbles         []Bubble
	// Width and Height are the picture's size (its viewBox).
	Width, Height float64
	// Legend lists the bubbles (indexes) whose names are in the legend,
	// every one of them shown (LegendShown is their number); LegendAt is
	// where each entry is written and LegendLines its name, wrapped.
	Legend      []int
	LegendShown int
	LegendAt    []Box
	LegendLines [][]string
	XLabel      string
	YLabel      string
	XCut, YCut  float64
	Footnotes   []string
	scale       func(x, y float64) (float64, float64)
}

// Labels lists every label box on the map: quadrant names, customer
// names and legend keys.
func (m PowerMap) Labels() []Box {
	var out []Box
	for _, q := range m.Quadrants {
		out = append(out, q.Label)
	}
	for _, b := range m.Bubbles {
		if b.Shown && !b.Shared {
			out = append(out, b.Label)
		}
	}
	return out
}

// regimeColours are the stroke and fill of each regime's bubbles, and the
// tint of its quadrant: the palette the TUI draws its quadrants in.
var regimeColours = func() map[model.Regime][3]string {
	out := map[model.Regime][3]string{}
	for q, pc := range styles.Palette() {
		out[model.Regimes[q]] = [3]string{pc.Ink, pc.Fill, pc.Tint}
	}
	return out
}()

// textWidth estimates the width of text at a font size.
func textWidth(s string, size, factor float64) float64 {
	return math.Ceil(float64(ansi.StringWidth(s))*size*factor) + 4
}

// LayoutPowerMap lays out the power map of a workshop: the customers that
// are placed as bubbles sized by revenue, their names where they fit
// without touching another label, bubble or quadrant name, and a keyed
// legend for the rest, in as many columns beside the map as it takes.
func LayoutPowerMap(in Input) PowerMap {
	m := layoutPowerMap(in, svgPlotRight)
	if len(m.Legend) == 0 {
		m.fitNotes()
		return m
	}
	// A narrower plot puts more names in the legend, so the legend's
	// width is found again until the plot leaves room for it.
	legendW := 0.0
	for range 4 {
		need := m.legendWidth()
		if need <= legendW {
			break
		}
		legendW = need
		m = layoutPowerMap(in, max(svgPlotRight-svgLegendGap-legendW, svgPlotLeft+svgMinPlotW))
	}
	m.layoutLegend()
	m.fitNotes()
	return m
}

// svgNoteStep is the distance between two lines of notes; the slide has
// room for two under the axis.
const svgNoteStep = 20.0

// noteLines are the notes wrapped to the picture's width.
func (m *PowerMap) noteLines() []string {
	cells := int(math.Floor((m.Width - 120) / (15 * svgCharWidth)))
	var out []string
	for _, n := range m.Footnotes {
		out = append(out, strings.Split(ansi.Hardwrap(ansi.Wordwrap(n, cells, ""), cells, true), "\n")...)
	}
	return out
}

// fitNotes makes the picture taller by the lines of notes beyond two.
func (m *PowerMap) fitNotes() {
	m.Height = SVGHeight + svgNoteStep*float64(max(len(m.noteLines())-2, 0))
}

// legendLines wraps a name for the legend.
func legendLines(name string) []string {
	if ansi.StringWidth(name) <= svgLegendCells {
		return []string{name}
	}
	return strings.Split(ansi.Hardwrap(ansi.Wordwrap(name, svgLegendCells, ""), svgLegendCells, true), "\n")
}

// legendTop and legendBottom bound the legend's entries.
const (
	legendTop    = svgPlotTop + 50
	legendBottom = svgPlotBottom
)

// legendColumns splits the legend into columns from top to bottom: the
// entries of each column, and the width of each.
func (m *PowerMap) legendColumns() (cols [][]int, widths []float64) {
	y := legendTop
	for n, i := range m.Legend {
		lines := legendLines(m.Bubbles[i].Name)
		h := float64(len(lines)) * svgLegendStep
		if len(cols) == 0 || (y+h > legendBottom+svgLegendStep/2 && len(cols[len(cols)-1]) > 0) {
			cols, widths = append(cols, nil), append(widths, 0)
			y = legendTop
		}
		k := len(cols) - 1
		cols[k] = append(cols[k], n)
		for _, l := range lines {
			widths[k] = max(widths[k], m.legendKeyW()+textWidth(l, svgLegendSize, svgCharWidth))
		}
		y += h
	}
	return cols, widths
}

// legendKeyW is the width of the keys' column in the legend: room for
// the longest key and a gap.
func (m *PowerMap) legendKeyW() float64 {
	return max(svgLegendKeyW, textWidth(strconv.Itoa(len(m.Legend)), svgLegendSize, svgBoldCharWidth)+10)
}

// legendWidth is the width the legend's columns take.
func (m *PowerMap) legendWidth() float64 {
	_, widths := m.legendColumns()
	w := 0.0
	for _, cw := range widths {
		w += cw + svgLegendColGap
	}
	return w
}

// layoutLegend places every legend entry in its column beside the plot
// and widens the picture where the columns need more than the slide.
func (m *PowerMap) layoutLegend() {
	cols, widths := m.legendColumns()
	m.LegendAt = make([]Box, len(m.Legend))
	m.LegendLines = make([][]string, len(m.Legend))
	x := m.Plot.X + m.Plot.W + svgLegendGap
	for k, col := range cols {
		y := legendTop
		for _, n := range col {
			lines := legendLines(m.Bubbles[m.Legend[n]].Name)
			h := float64(len(lines)) * svgLegendStep
			// The box holds the text from its cap height to its descent.
			m.LegendAt[n] = Box{x, y - svgLegendSize, widths[k], h}
			m.LegendLines[n] = lines
			y += h
		}
		x += widths[k] + svgLegendColGap
	}
	m.LegendShown = len(m.Legend)
	m.Width = max(m.Width, math.Ceil(x+svgLegendGap-svgLegendColGap))
}

func layoutPowerMap(in Input, right float64) PowerMap {
	c := in.Content
	ws := in.Dataset.Workshop
	ranked := in.ranked()
	for i := range ranked {
		// Labels are measured and placed as they will be shown.
		ranked[i].Customer.Name = model.SafeLine(ranked[i].Customer.Name)
	}
	plot := mapview.NewPlot(mapview.Power, ranked, ws.Thresholds, c)
	// Names carry the TUI's ! where the team's scores diverged.
	marked := mapview.MarkDiverged(ranked, diverged(in.Dataset))
	m := PowerMap{
		Title:  in.t("report.title", model.SafeLine(ws.Name)),
		Width:  SVGWidth,
		Height: SVGHeight,
		Plot:   Box{svgPlotLeft, svgPlotTop, right - svgPlotLeft, svgPlotBottom - svgPlotTop},
		XLabel: plot.Options.XLabel,
		YLabel: plot.Options.YLabel,
		XCut:   plot.Options.XCut,
		YCut:   plot.Options.YCut,
	}
	var sub []string
	if ws.Date != "" {
		sub = append(sub, ws.Date)
	}
	if ws.OurCompany != "" {
		sub = append(sub, ws.OurCompany)
	}
	sub = append(sub, in.t("export.svg.placed", len(plot.Points), len(ranked)))
	m.Subtitle = strings.Join(sub, " · ")

	p := m.Plot
	sx := func(v float64) float64 {
		return p.X + svgPad + (min(max(v, mapview.ScaleMin), mapview.ScaleMax)-mapview.ScaleMin)/(mapview.ScaleMax-mapview.ScaleMin)*(p.W-2*svgPad)
	}
	sy := func(v float64) float64 {
		return p.Y + p.H - svgPad - (min(max(v, mapview.ScaleMin), mapview.ScaleMax)-mapview.ScaleMin)/(mapview.ScaleMax-mapview.ScaleMin)*(p.H-2*svgPad)
	}
	m.scale = func(x, y float64) (float64, float64) { return sx(x), sy(y) }
	cx, cy := sx(m.XCut), sy(m.YCut)
	areas := [4]Box{
		{p.X, p.Y, cx - p.X, cy - p.Y},
		{cx, p.Y, p.X + p.W - cx, cy - p.Y},
		{p.X, cy, cx - p.X, p.Y + p.H - cy},
		{cx, cy, p.X + p.W - cx, p.Y + p.H - cy},
	}
	for i, name := range plot.Options.Quadrants {
		name = strings.ToUpper(name)
		w := textWidth(name, svgQuadSize, svgBoldCharWidth)
		h := svgQuadSize * 1.35
		q := Quadrant{Name: name, Regime: model.Regimes[i], Area: areas[i], anchor: "start"}
		x := p.X + 12
		if i%2 == 1 {
			x, q.anchor = p.X+p.W-12-w, "end"
		}
		y := p.Y + 10
		if i >= 2 {
			y = p.Y + p.H - 10 - h
		}
		q.Label = Box{x, y, w, h}
		m.Quadrants[i] = q
	}

	// Bubbles: area proportional to revenue.
	maxRev := 0.0
	unknown := false
	// Sizes compare revenue in the base currency (BaseRevenue); a revenue
	// that cannot be converted is drawn at the smallest size and noted.
	noRate, onLine := false, false
	for _, i := range plot.Placed {
		a := ranked[i]
		switch {
		case a.BaseRevenue != nil && *a.BaseRevenue > 0 && !math.IsInf(*a.BaseRevenue, 0):
			maxRev = max(maxRev, *a.BaseRevenue)
		case a.NoRate:
			noRate = true
		case a.Customer.Revenue == nil:
			unknown = true
		}
	}
	var largest model.Customer
	for k, pt := range plot.Points {
		a := ranked[plot.Placed[k]]
		cu := a.Customer
		b := Bubble{Name: cu.Name, Regime: a.Regime, R: svgUnknownR}
		if k < len(plot.Options.OnLine) && plot.Options.OnLine[k] {
			b.OnLine, onLine = true, true
		}
		b.X, b.Y = sx(pt.X), sy(pt.Y)
		if cu.Revenue != nil {
			b.RevenueKnown = true
			b.R = svgMinR
			if a.BaseRevenue != nil {
				if v := *a.BaseRevenue; maxRev > 0 && v > 0 && !math.IsInf(v, 0) {
					b.R = max(svgMinR, svgMaxR*math.Sqrt(v/maxRev))
					if v == maxRev && largest.Revenue == nil {
						largest = cu
					}
				}
			}
		}
		tip := []string{cu.Name,
			c.Dimensions[model.RelativeValue].Name + " " + Number(in.Lang, pt.X, 1),
			c.Dimensions[model.SupplyRisk].Name + " " + Number(in.Lang, pt.Y, 1)}
		if r := Revenue(in.Lang, cu); r != "" {
			tip = append(tip, r)
		}
		tip = append(tip, LineSentences(c, in.Lang, a)...)
		b.tooltip = strings.Join(tip, " · ")
		m.Bubbles = append(m.Bubbles, b)
	}

	// Names first, in priority order, so the most important customers get
	// the best places; then keys for the names that found no room.
	used := occupied{soft: [][4]float64{{cx, p.Y, cx, p.Y + p.H}, {p.X, cy, p.X + p.W, cy}}}
	for _, q := range m.Quadrants {
		used.boxes = append(used.boxes, q.Label)
	}
	for i := range m.Bubbles {
		b := &m.Bubbles[i]
		if ansi.StringWidth(b.Name) <= svgLabelMax && m.place(b, b.Name, textWidth(b.Name, svgLabelSize, svgCharWidth), svgLabelH, 4, &used) {
			continue
		}
		m.Legend = append(m.Legend, i)
	}
	// Every key finds a place: near its bubble, or further out along a
	// leader line, as far as the plot reaches. Customers at one place
	// are numbered together and share a label.
	m.Legend = byPlace(m.Bubbles, m.Legend)
	for n := 0; n < len(m.Legend); {
		end, anchor := n+1, m.Legend[n]
		for end < len(m.Legend) && samePlace(m.Bubbles[m.Legend[end]], m.Bubbles[anchor]) {
			if m.Bubbles[m.Legend[end]].R > m.Bubbles[anchor].R {
				anchor = m.Legend[end]
			}
			end++
		}
		text := strconv.Itoa(n + 1)
		if end-n > 1 {
			text += "–" + strconv.Itoa(end)
		}
		b := &m.Bubbles[anchor]
		w := textWidth(text, svgKeySize, svgBoldCharWidth) + 4
		if !m.place(b, text, w, svgKeyH, 8, &used) && !m.placeAround(b, text, w, svgKeyH, int(max(p.W, p.H)/22), farDirections, &used) {
			// Nothing is left but a leader across other labels.
			used.cross = true
			m.placeAround(b, text, w, svgKeyH, int(max(p.W, p.H)/22), farDirections, &used)
			used.cross = false
		}
		for k := n; k < end; k++ {
			o := &m.Bubbles[m.Legend[k]]
			o.Key = strconv.Itoa(k + 1)
			if m.Legend[k] != anchor {
				o.Shown, o.Shared, o.Label = b.Shown, true, b.Label
			}
		}
		n = end
	}
	m.LegendShown = len(m.Legend)

	// At most two lines of notes: how to read the sizes, and who is not
	// on the map.
	var size []string
	if maxRev > 0 {
		size = append(size, in.t("export.svg.size", Revenue(in.Lang, largest)))
	}
	if unknown {
		size = append(size, in.t("export.svg.unknown"))
	}
	if noRate {
		size = append(size, in.t("export.svg.currencies"))
	}
	if onLine {
		size = append(size, in.t("export.svg.online"))
	}
	if marked {
		size = append(size, in.t("export.svg.diverged"))
	}
	if len(size) > 0 {
		m.Footnotes = append(m.Footnotes, strings.Join(size, " "))
	}
	if len(plot.Unplaced) > 0 {
		var names []string
		for _, i := range plot.Unplaced {
			names = append(names, ranked[i].Customer.Name)
		}
		m.Footnotes = append(m.Footnotes, in.t("map.unplaced", strings.Join(names, ", ")))
	}
	return m
}

// directions are where a label may go around its bubble, best first.
var directions = [][2]float64{{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}}

// byPlace orders the legend so that customers at one place come
// together, each place where its first customer was.
func byPlace(bs []Bubble, legend []int) []int {
	out := make([]int, 0, len(legend))
	taken := make([]bool, len(legend))
	for n, i := range legend {
		if taken[n] {
			continue
		}
		for k := n; k < len(legend); k++ {
			if !taken[k] && samePlace(bs[legend[k]], bs[i]) {
				taken[k] = true
				out = append(out, legend[k])
			}
		}
	}
	return out
}

// samePlace reports whether two bubbles have one centre.
func samePlace(a, b Bubble) bool { return math.Abs(a.X-b.X) < 1 && math.Abs(a.Y-b.Y) < 1 }

// occupied is what labels must keep clear of besides the bubbles: the
// labels placed so far and their leader lines.
type occupied struct {
	boxes   []Box
	leaders [][4]float64
	// cross lets a leader line cross labels: the last resort of a key.
	cross bool
	// soft are lines a label avoids where it can: the cut-offs.
	soft [][4]float64
}

// place looks for room for a label of w×h around a bubble: next to it
// first, then further out with a leader line that crosses no label. It
// records the label and reports whether it found room.
func (m *PowerMap) place(b *Bubble, text string, w, h float64, rings int, used *occupied) bool {
	return m.placeAround(b, text, w, h, rings, directions, used)
}

func (m *PowerMap) placeAround(b *Bubble, text string, w, h float64, rings int, dirs [][2]float64, used *occupied) bool {
	if m.placeIn(b, text, w, h, rings, dirs, used, true) {
		return true
	}
	return m.placeIn(b, text, w, h, rings, dirs, used, false)
}

// farDirections are 32 rays around a bubble, for keys set far out along
// a leader line: many customers with the same scores share one centre,
// and each ray holds the key of one of them.
var farDirections = func() [][2]float64 {
	out := make([][2]float64, 32)
	for i := range out {
		a := float64(i) * 2 * math.Pi / 32
		out[i] = [2]float64{math.Cos(a), -math.Sin(a)}
	}
	return out
}()

// placeIn is one search of place; strict keeps the label off the soft
// lines too.
func (m *PowerMap) placeIn(b *Bubble, text string, w, h float64, rings int, dirs [][2]float64, used *occupied, strict bool) bool {
	const gap, step, margin = 4.0, 22.0, 3.0
	// A ray this close to an axis sets the label centred across it.
	const across = 0.38
	area := m.Plot.grow(-2)
	for ring := range rings {
		d := gap + float64(ring)*step
		for _, dir := range dirs {
			ux, uy := dir[0], dir[1]
			if n := math.Hypot(ux, uy); n != 1 {
				ux, uy = ux/n, uy/n
			}
			px, py := b.X+ux*(b.R+d), b.Y+uy*(b.R+d)
			box := Box{px, py - h/2, w, h}
			switch {
			case ux < -across:
				box.X = px - w
			case ux <= across:
				box.X = px - w/2
			}
			switch {
			case uy < -across:
				box.Y = py - h
			case uy > across:
				box.Y = py
			}
			if !m.free(box, area, margin, used) {
				continue
			}
			if strict && slices.ContainsFunc(used.soft, func(l [4]float64) bool { return segmentHitsBox(l, box) }) {
				continue
			}
			leader := [4]float64{b.X + ux*b.R, b.Y + uy*b.R, px, py}
			if ring > 0 && !used.cross && used.crossed(leader) {
				continue
			}
			b.Text, b.Label, b.Shown = text, box, true
			used.boxes = append(used.boxes, box)
			if ring > 0 {
				b.Leader = true
				b.LeaderFrom = [2]float64{leader[0], leader[1]}
				b.LeaderTo = [2]float64{px, py}
				used.leaders = append(used.leaders, leader)
			}
			return true
		}
	}
	return false
}

// free reports whether a label box is inside the plot and clear of every
// label, leader line and bubble.
func (m *PowerMap) free(box, area Box, margin float64, used *occupied) bool {
	if !box.inside(area) {
		return false
	}
	g := box.grow(margin)
	for _, t := range used.boxes {
		if g.Overlaps(t) {
			return false
		}
	}
	for _, l := range used.leaders {
		if segmentHitsBox(l, g) {
			return false
		}
	}
	for _, o := range m.Bubbles {
		if circleHitsBox(o.X, o.Y, o.R+margin, box) {
			return false
		}
	}
	return true
}

// crossed reports whether a leader line would cross a label.
func (u *occupied) crossed(l [4]float64) bool {
	for _, t := range u.boxes {
		if segmentHitsBox(l, t) {
			return true
		}
	}
	return false
}

// segmentHitsBox reports whether the segment from (l[0], l[1]) to (l[2],
// l[3]) passes through the box (Liang–Barsky clipping).
func segmentHitsBox(l [4]float64, b Box) bool {
	x0, y0, dx, dy := l[0], l[1], l[2]-l[0], l[3]-l[1]
	t0, t1 := 0.0, 1.0
	for _, e := range [4][2]float64{{-dx, x0 - b.X}, {dx, b.X + b.W - x0}, {-dy, y0 - b.Y}, {dy, b.Y + b.H - y0}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

func circleHitsBox(x, y, r float64, b Box) bool {
	nx := min(max(x, b.X), b.X+b.W)
	ny := min(max(y, b.Y), b.Y+b.H)
	return (x-nx)*(x-nx)+(y-ny)*(y-ny) < r*r
}

// WriteSVG writes the power map as an SVG picture for a slide: the four
// quadrants named and tinted, both axes labelled, the cut-offs as dashed
// lines, the placed customers as bubbles whose area shows their annual
// revenue, named where there is room and in a numbered legend otherwise.
func WriteSVG(w io.Writer, in Input) error {
	m := LayoutPowerMap(in)
	var b strings.Builder
	e := func(s string) string {
		var sb strings.Builder
		_ = xml.EscapeText(&sb, []byte(model.SafeLine(s)))
		return sb.String()
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	W, H := int(m.Width), int(m.Height)
	fmt.Fprintf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"title\" font-family=\"%s\">\n",
		W, H, W, H, e(svgFont))
	fmt.Fprintf(&b, "<title id=\"title\">%s</title>\n", e(m.Title+" · "+m.Subtitle))
	fmt.Fprintf(&b, "<rect width=\"%d\" height=\"%d\" fill=\"#FFFFFF\"/>\n", W, H)
	fmt.Fprintf(&b, "<text x=\"60\" y=\"58\" font-size=\"30\" font-weight=\"bold\" fill=\"#222222\">%s</text>\n", e(m.Title))
	fmt.Fprintf(&b, "<text x=\"60\" y=\"88\" font-size=\"18\" fill=\"#555555\">%s</text>\n", e(m.Subtitle))

	p := m.Plot
	b.WriteString("<g id=\"quadrants\">\n")
	for _, q := range m.Quadrants {
		a := q.Area
		fmt.Fprintf(&b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n", f(a.X), f(a.Y), f(a.W), f(a.H), regimeColours[q.Regime][2])
	}
	fmt.Fprintf(&b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"none\" stroke=\"#888888\" stroke-width=\"1.5\"/>\n", f(p.X), f(p.Y), f(p.W), f(p.H))
	cx, cy := m.scale(m.XCut, m.YCut)
	fmt.Fprintf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#888888\" stroke-width=\"1.5\" stroke-dasharray=\"8 6\"/>\n", f(cx), f(p.Y), f(cx), f(p.Y+p.H))
	fmt.Fprintf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#888888\" stroke-width=\"1.5\" stroke-dasharray=\"8 6\"/>\n", f(p.X), f(cy), f(p.X+p.W), f(cy))
	for _, q := range m.Quadrants {
		x := q.Label.X
		if q.anchor == "end" {
			x += q.Label.W
		}
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" font-weight=\"bold\" letter-spacing=\"0.5\" text-anchor=\"%s\" fill=\"%s\">%s</text>\n",
			f(x), f(q.Label.Y+q.Label.H-7), f(svgQuadSize), q.anchor, regimeColours[q.Regime][0], e(q.Name))
	}
	b.WriteString("</g>\n")

	// Axes: ticks on the scale, the cut-offs, and the two dimensions.
	b.WriteString("<g id=\"axes\" fill=\"#444444\" font-size=\"16\">\n")
	for v := mapview.ScaleMin; v <= mapview.ScaleMax; v++ {
		x, y := m.scale(v, v)
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n", f(x), f(p.Y+p.H+24), Number(in.Lang, v, 0))
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n", f(p.X-12), f(y+5), Number(in.Lang, v, 0))
	}
	fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">%s →</text>\n", f(p.X+p.W/2), f(p.Y+p.H+56), e(m.XLabel))
	midY := p.Y + p.H/2
	fmt.Fprintf(&b, "<text x=\"60\" y=\"%s\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\" transform=\"rotate(-90 60 %s)\">%s →</text>\n", f(midY), f(midY), e(m.YLabel))
	b.WriteString("</g>\n")

	// Bubbles, largest first so small ones stay visible on top.
	order := make([]int, len(m.Bubbles))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(m.Bubbles[y].R, m.Bubbles[x].R) })
	b.WriteString("<g id=\"customers\">\n")
	for _, i := range order {
		bu := m.Bubbles[i]
		col := regimeColours[bu.Regime]
		dash := ""
		fill := col[1]
		if !bu.RevenueKnown {
			dash = " stroke-dasharray=\"4 3\""
			fill = "#FFFFFF"
		}
		if bu.OnLine {
			fmt.Fprintf(&b, "<circle class=\"online\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"1 4\" stroke-linecap=\"round\"/>\n",
				f(bu.X), f(bu.Y), f(bu.R+6), col[0])
		}
		fmt.Fprintf(&b, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" fill-opacity=\"0.6\" stroke=\"%s\" stroke-width=\"2\"%s><title>%s</title></circle>\n",
			f(bu.X), f(bu.Y), f(bu.R), fill, col[0], dash, e(bu.tooltip))
	}
	b.WriteString("</g>\n<g id=\"labels\" font-size=\"16\" fill=\"#222222\">\n")
	for _, bu := range m.Bubbles {
		if !bu.Shown || bu.Shared {
			continue
		}
		l := bu.Label
		if bu.Leader {
			fmt.Fprintf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#777777\" stroke-width=\"1\"/>\n", f(bu.LeaderFrom[0]), f(bu.LeaderFrom[1]), f(bu.LeaderTo[0]), f(bu.LeaderTo[1]))
		}
		if bu.Key != "" {
			fmt.Fprintf(&b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"4\" fill=\"#FFFFFF\" stroke=\"%s\"/>\n", f(l.X), f(l.Y), f(l.W), f(l.H), regimeColours[bu.Regime][0])
			fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" font-weight=\"bold\" text-anchor=\"middle\">%s</text>\n", f(l.X+l.W/2), f(l.Y+l.H-5), f(svgKeySize), e(bu.Text))
			continue
		}
		if l.X+l.W <= bu.X {
			// Left of its bubble: anchored at its end, so it ends beside
			// the bubble in whatever font the reader's program has.
			fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n", f(l.X+l.W-2), f(l.Y+l.H-5), e(bu.Text))
			continue
		}
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\">%s</text>\n", f(l.X+2), f(l.Y+l.H-5), e(bu.Text))
	}
	b.WriteString("</g>\n")

	if len(m.Legend) > 0 {
		fmt.Fprintf(&b, "<g id=\"legend\" font-size=\"%s\" fill=\"#222222\">\n", f(svgLegendSize))
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" font-weight=\"bold\">%s</text>\n", f(p.X+p.W+svgLegendGap), f(p.Y+20), e(in.t("export.svg.legend")))
		for n, i := range m.Legend {
			bu, at := m.Bubbles[i], m.LegendAt[n]
			fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\"><tspan font-weight=\"bold\">%s</tspan>", f(at.X), f(at.Y+svgLegendSize), e(bu.Key))
			for k, line := range m.LegendLines[n] {
				if k < len(m.LegendLines[n])-1 {
					line += " " // the space the line broke at, so the name reads whole
				}
				dy := ""
				if k > 0 {
					dy = fmt.Sprintf(" dy=\"%s\"", f(svgLegendStep))
				}
				fmt.Fprintf(&b, "<tspan x=\"%s\"%s>%s</tspan>", f(at.X+m.legendKeyW()), dy, e(line))
			}
			b.WriteString("</text>\n")
		}
		b.WriteString("</g>\n")
	}

	if lines := m.noteLines(); len(lines) > 0 {
		b.WriteString("<g id=\"notes\" font-size=\"15\" fill=\"#555555\">\n")
		y := m.Height - 14 - float64(len(lines)-1)*svgNoteStep
		for _, n := range lines {
			fmt.Fprintf(&b, "<text x=\"60\" y=\"%s\">%s</text>\n", f(y), e(n))
			y += svgNoteStep
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	return writeText(w, b.String())
}
