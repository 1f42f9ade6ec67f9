// Package mapview draws a quadrant map of customers as text: two scored
// axes cut at a threshold, four named quadrants and a marker per placed
// customer, labelled with its name where it fits and with a legend key
// where it does not. It is one pure function from points to lines, used by
// the TUI and by `styrka map`.
package mapview

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Scale is the answer scale every axis runs on.
const (
	ScaleMin = 1.0
	ScaleMax = 5.0
)

// Minimum size of a map that still shows four quadrants with a marker
// area in each.
const (
	MinWidth  = 24
	MinHeight = 11
)

// Point is one customer to draw.
type Point struct {
	Name string
	X, Y float64
}

// Quadrant indices, in reading order.
const (
	TopLeft = iota
	TopRight
	BottomLeft
	BottomRight
)

// Styles colour the map. The zero value draws plain text.
type Styles struct {
	Frame    lipgloss.Style
	Axis     lipgloss.Style
	Quadrant [4]lipgloss.Style // names and markers per quadrant
	Selected lipgloss.Style
	styled   bool
}

// NewStyles marks a Styles as in use; build it with this so the plain
// zero value can skip styling entirely.
func NewStyles(frame, axis, selected lipgloss.Style, quadrant [4]lipgloss.Style) *Styles {
	return &Styles{Frame: frame, Axis: axis, Quadrant: quadrant, Selected: selected, styled: true}
}

// Options describe one map.
type Options struct {
	// Width and Height are the size of the whole map in cells, axis labels
	// included; they are raised to MinWidth and MinHeight.
	Width, Height int
	XLabel        string
	YLabel        string
	XCut, YCut    float64
	// Quadrants are the names of the four quadrants, in reading order.
	Quadrants [4]string
	// Selected is the index of the highlighted point, or -1.
	Selected int
	// MaxLabel caps the width of a shortened name next to its marker
	// (0 = 24); a name that fits whole is written whole.
	MaxLabel int
	// Trails draw where points were before (a previous round) with a
	// light line to where they are now, under markers and labels.
	Trails []Trail
	// Targets draw a dotted way from a point (From, matched to its marker
	// as a trail's To is) to where it should be (To), ending in
	// TargetMarker, under markers and labels.
	Targets []Trail
	// OnLine[i] marks points[i] as within the band of a cut-off it is
	// drawn against: it could as well lie on the other side of the line,
	// and is drawn with OnLineMarker. Shorter than the points (or nil)
	// means the rest are not on the line.
	OnLine []bool
	// DecimalComma writes the ticks with a decimal comma (3,5), as
	// Swedish does.
	DecimalComma bool
	Styles       *Styles
}

// Trail is a point's way from an earlier position to its current one. To
// is matched to the point with the same name and position, so the trail
// ends at that point's marker even where it gave way to another.
type Trail struct {
	From, To Point
}

// Entry is a point whose name the legend gives: one drawn with a key
// instead of its name, or (Cut) one whose name is shortened on the map,
// to Short; its Key is then CutKey.
type Entry struct {
	Key   string
	Index int
	Cut   bool
	Short string
}

// Shown is what the map shows for the entry: its key, or its shortened
// name; a legend with room lists that before the full name.
func (e Entry) Shown() string {
	if e.Cut {
		return e.Short
	}
	return e.Key
}

// CutKey is the key of a legend entry whose name the map shortens: a
// legend one cell wide lists it as "… Full Name"; one with room can
// write the Short form as the key instead.
const CutKey = "…"

// Map is a drawn map.
type Map struct {
	Lines []string
	// Legend lists the points drawn with a key instead of their name and
	// those whose name is shortened, in priority order.
	Legend []Entry
	// Cells holds, for every point, where its marker is (row, column in
	// Lines), or -1,-1.
	Marks [][2]int
	// Dense is set when the map has more customers than room to mark and
	// name each near its place: every cell then shows how many customers
	// lie in it (DensityLevels, up to MostInCell), no name is written and
	// the legend is empty. Counts are the customers per quadrant.
	Dense      bool
	MostInCell int
	Counts     [4]int
}

// DensityLevels are the marks of a dense map, from one customer in a
// cell to the most in any cell (a quarter of that range each).
const DensityLevels = "░▒▓█"

// denseShare is how much of a map's free room may be marked before it is
// drawn as a density: beyond a quarter, markers land ever further from
// their place and most names become keys in a legend longer than the map.
const denseShare = 4

// String joins the lines.
func (m Map) String() string { return strings.Join(m.Lines, "\n") }

// legendKeys are the single-cell keys used for unlabelled points; points
// beyond them are drawn with overflowKey.
const legendKeys = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// Marker is the mark of a placed point; OnLineMarker marks a point on the
// line, half on either side. Callers put OnLineMarker in their legend.
const (
	Marker       = marker
	OnLineMarker = "◐"
)

const (
	marker      = "●"
	overflowKey = "•"
	trailStart  = "○"
	trailDot    = "·"
)

type cellKind uint8

const (
	kEmpty cellKind = iota
	kFrame
	kLine
	kName
	kMarker
	kLabel
	kCont  // the right half of a wide grapheme
	kTrail // a previous position and the way from it
)

type cell struct {
	s    string
	kind cellKind
	quad int8 // quadrant for colour, -1 none
	sel  bool
}

type canvas struct {
	w, h  int
	cells []cell
}

func (c *canvas) at(r, col int) *cell { return &c.cells[r*c.w+col] }

// Render draws the points. Points are given in priority order: the first
// ones get the positions closest to their true place and their names
// written out; later ones give way.
func Render(points []Point, o Options) Map {
	o.Width = max(o.Width, MinWidth)
	o.Height = max(o.Height, MinHeight)
	if o.MaxLabel <= 0 {
		o.MaxLabel = 24
	}
	g := newGeometry(o)
	cv := &canvas{w: o.Width, h: o.Height, cells: make([]cell, o.Width*o.Height)}
	for i := range cv.cells {
		cv.cells[i] = cell{s: " ", quad: -1}
	}
	g.drawFrame(cv, o)
	m := Map{Marks: make([][2]int, len(points))}

	// Pass 1: markers, as close to their true place as the quadrant allows.
	free := newFreeCells(cv)
	if placeable(points) > free.count()/denseShare {
		return g.dense(cv, points, o)
	}
	full := [4]bool{}
	for i, p := range points {
		m.Marks[i] = [2]int{-1, -1}
		if math.IsNaN(p.X) || math.IsNaN(p.Y) {
			continue
		}
		q, r, c := g.place(p)
		rr, cc, ok := -1, -1, false
		if !full[q] {
			rr, cc, ok = g.nearestFree(cv, free, q, r, c)
			if !ok {
				full[q] = true
			}
		}
		if !ok {
			// The quadrant is full: share the nearest cell; the legend
			// still lists the point.
			rr, cc = r, c
		}
		m.Marks[i] = [2]int{rr, cc}
		mk := marker
		if i < len(o.OnLine) && o.OnLine[i] {
			mk = OnLineMarker
		}
		*cv.at(rr, cc) = cell{s: mk, kind: kMarker, quad: int8(q), sel: i == o.Selected}
		free.take(rr, cc)
	}

	// Pass 2: names beside markers, in priority order, whole where they
	// fit; then for the rest a shortened name (listed in the legend)
	// where there is room, so no name is cut to make room for another's
	// cut; the rest get keys.
	named := make([]bool, len(points))
	for i, p := range points {
		if rr, cc := m.Marks[i][0], m.Marks[i][1]; rr >= 0 {
			_, named[i], _ = g.label(cv, g.quadrantOf(rr, cc), rr, cc, p.Name, o.MaxLabel, i == o.Selected, nil)
		}
	}
	unnamed := 0
	for i, ok := range named {
		if !ok && m.Marks[i][0] >= 0 {
			unnamed++
		}
	}
	if unnamed > 0 {
		// Every point not named yet is in the legend: a crowded map's
		// legend is most of its points.
		m.Legend = make([]Entry, 0, unnamed)
	}
	keyN := 0
	var cuts map[string]bool // the shortened names so far, each used once
	for i, p := range points {
		rr, cc := m.Marks[i][0], m.Marks[i][1]
		if rr < 0 || named[i] {
			continue
		}
		if text, ok, _ := g.label(cv, g.quadrantOf(rr, cc), rr, cc, p.Name, o.MaxLabel, i == o.Selected, &cuts); ok {
			m.Legend = append(m.Legend, Entry{Key: CutKey, Index: i, Cut: true, Short: text})
			continue
		}
		key := overflowKey
		if keyN < len(legendKeys) {
			key = legendKeys[keyN : keyN+1]
		}
		keyN++
		if cv.at(rr, cc).kind == kMarker {
			cv.at(rr, cc).s = key
		}
		m.Legend = append(m.Legend, Entry{Key: key, Index: i})
	}

	// Pass 3: trails, only over empty cells, so they never hide a marker,
	// a label or the frame.
	for _, t := range o.Trails {
		g.trail(cv, t, points, m.Marks, o.Selected)
	}
	for _, t := range o.Targets {
		g.toward(cv, t, points, m.Marks, o.Selected)
	}
	m.Lines = cv.render(o.Styles)
	return m
}

// placeable counts the points with both scores.
func placeable(points []Point) int {
	n := 0
	for _, p := range points {
		if !math.IsNaN(p.X) && !math.IsNaN(p.Y) {
			n++
		}
	}
	return n
}

// dense draws the points as a density: each at its true cell, every cell
// marked by how many lie in it, the quadrants' names kept.
func (g geometry) dense(cv *canvas, points []Point, o Options) Map {
	m := Map{Marks: make([][2]int, len(points)), Dense: true}
	count := make([]int, cv.w*cv.h)
	quad := make([]int8, cv.w*cv.h)
	sel := -1
	for i, p := range points {
		m.Marks[i] = [2]int{-1, -1}
		if math.IsNaN(p.X) || math.IsNaN(p.Y) {
			continue
		}
		q, r, c := g.place(p)
		m.Marks[i] = [2]int{r, c}
		m.Counts[q]++
		count[r*cv.w+c]++
		quad[r*cv.w+c] = int8(q)
		if i == o.Selected {
			sel = r*cv.w + c
		}
		m.MostInCell = max(m.MostInCell, count[r*cv.w+c])
	}
	levels := []rune(DensityLevels)
	for at, n := range count {
		if n == 0 || cv.cells[at].kind != kEmpty {
			continue
		}
		// 1 … MostInCell in len(levels) equal steps; one customer is the
		// lightest mark.
		l := (n - 1) * len(levels) / max(m.MostInCell, 1)
		cv.cells[at] = cell{s: string(levels[min(l, len(levels)-1)]), kind: kMarker, quad: quad[at], sel: at == sel}
	}
	m.Lines = cv.render(o.Styles)
	return m
}

// nextToText reports whether a cell touches a label on its row: the
// blank that sets a name apart from its marker or from other text stays
// blank, so a trail never runs into a name.
func (cv *canvas) nextToText(r, c int) bool {
	for _, x := range []int{c - 1, c + 1} {
		if x >= 0 && x < cv.w {
			if k := cv.at(r, x).kind; k == kLabel || k == kCont {
				return true
			}
		}
	}
	return false
}

// trail draws a previous position and a dotted line from it to the point's
// marker now, highlighted like its marker when the point is selected.
func (g geometry) trail(cv *canvas, t Trail, points []Point, marks [][2]int, selected int) {
	if math.IsNaN(t.From.X) || math.IsNaN(t.From.Y) || math.IsNaN(t.To.X) || math.IsNaN(t.To.Y) {
		return
	}
	_, r0, c0 := g.place(t.From)
	_, r1, c1 := g.place(t.To)
	sel := false
	for i, p := range points {
		if p == t.To && marks[i][0] >= 0 {
			r1, c1 = marks[i][0], marks[i][1]
			sel = i == selected
			break
		}
	}
	if r0 == r1 && c0 == c1 {
		return
	}
	// The line from the old cell to the new, without the new one.
	line(r0, c0, r1, c1, func(r, c int) {
		if r == r1 && c == c1 {
			return
		}
		if cl := cv.at(r, c); cl.kind == kEmpty && !cv.nextToText(r, c) {
			s := trailDot
			if r == r0 && c == c0 {
				s = trailStart
			}
			*cl = cell{s: s, kind: kTrail, quad: -1, sel: sel}
		}
	})
}

// line visits the cells of Bresenham's line from (r0, c0) to (r1, c1),
// both ends included, in order.
func line(r0, c0, r1, c1 int, visit func(r, c int)) {
	dx, dy := abs(c1-c0), -abs(r1-r0)
	sc, sr := 1, 1
	if c0 > c1 {
		sc = -1
	}
	if r0 > r1 {
		sr = -1
	}
	e := dx + dy
	r, c := r0, c0
	for {
		visit(r, c)
		if r == r1 && c == c1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			c += sc
		}
		if e2 <= dx {
			e += dx
			r += sr
		}
	}
}

// geometry maps scores to cells.
type geometry struct {
	left, top     int // first interior column and row
	right, bottom int // last interior column and row
	cutCol        int
	cutRow        int
	xcut, ycut    float64
	// gutter is the width left of the frame for the y ticks: wide enough
	// for a cut such as 2,5.
	gutter int
}

// tickText writes a tick value: 3, 2.5, or 2,5 with a decimal comma.
func tickText(v float64, comma bool) string {
	t := strconv.FormatFloat(v, 'f', -1, 64)
	if comma {
		t = strings.Replace(t, ".", ",", 1)
	}
	return t
}

func newGeometry(o Options) geometry {
	gutter := max(2, ansi.StringWidth(tickText(clampScale(o.YCut), o.DecimalComma))+1) // y tick labels
	g := geometry{left: gutter + 1, top: 2, right: o.Width - 2, bottom: o.Height - 4, gutter: gutter}
	g.xcut, g.ycut = clampScale(o.XCut), clampScale(o.YCut)
	g.cutCol = g.col(g.xcut)
	g.cutRow = g.row(g.ycut)
	// Keep at least one interior column or row on each side of the cuts.
	g.cutCol = min(max(g.cutCol, g.left+1), g.right-1)
	g.cutRow = min(max(g.cutRow, g.top+1), g.bottom-1)
	return g
}

func clampScale(v float64) float64 {
	if math.IsNaN(v) || v < ScaleMin || v > ScaleMax {
		return 3
	}
	return v
}

func (g geometry) col(v float64) int {
	f := (clampScale(v) - ScaleMin) / (ScaleMax - ScaleMin)
	return g.left + int(math.Round(f*float64(g.right-g.left)))
}

func (g geometry) row(v float64) int {
	f := (ScaleMax - clampScale(v)) / (ScaleMax - ScaleMin)
	return g.top + int(math.Round(f*float64(g.bottom-g.top)))
}

// bounds gives the interior rows and columns of a quadrant.
func (g geometry) bounds(q int) (r0, r1, c0, c1 int) {
	r0, r1 = g.top, g.cutRow-1
	if q == BottomLeft || q == BottomRight {
		r0, r1 = g.cutRow+1, g.bottom
	}
	c0, c1 = g.left, g.cutCol-1
	if q == TopRight || q == BottomRight {
		c0, c1 = g.cutCol+1, g.right
	}
	return
}

func (g geometry) quadrantOf(r, c int) int {
	q := TopLeft
	if c > g.cutCol {
		q++
	}
	if r > g.cutRow {
		q += 2
	}
	return q
}

// place finds a point's quadrant and its ideal cell inside it. Only a
// score above the cut lies on the high side, as the method classes it
// (model.Above); a score exactly on the cut is low.
func (g geometry) place(p Point) (q, r, c int) {
	x, y := clampValue(p.X), clampValue(p.Y)
	q = TopLeft
	if x > g.xcut+cutTolerance {
		q = TopRight
	}
	if y <= g.ycut+cutTolerance {
		q += 2
	}
	r0, r1, c0, c1 := g.bounds(q)
	return q, min(max(g.row(y), r0), r1), min(max(g.col(x), c0), c1)
}

func clampValue(v float64) float64 { return min(max(v, ScaleMin), ScaleMax) }

// cutTolerance absorbs the rounding of a weighted mean, as model.Above
// does, so a mean of 3.0 on paper is drawn on the low side of a 3.0 cut.
const cutTolerance = 1e-9

// nearestFree searches rings of growing distance around (r, c) inside the
// quadrant for an empty cell. Rows count double, since a cell is about
// twice as tall as it is wide.
func (g geometry) nearestFree(cv *canvas, free *freeCells, q, r, c int) (int, int, bool) {
	r0, r1, c0, c1 := g.bounds(q)
	// First look nearby for a cell with empty cells on both sides, so two
	// markers never touch; then settle for any empty cell.
	spacious := func(rr, cc int) bool {
		return (cc == c0 || cv.at(rr, cc-1).kind == kEmpty) && (cc == c1 || cv.at(rr, cc+1).kind == kEmpty)
	}
	if rr, cc, ok := g.search(cv, r0, r1, c0, c1, r, c, 4, spacious); ok {
		return rr, cc, true
	}
	return free.nearest(r0, r1, c0, c1, r, c, max(r1-r0, c1-c0)*2)
}

// search walks rings of growing distance up to maxD around (r, c) within
// the bounds for an empty cell that also passes ok (when given); ring by
// ring the upper row comes first and, in a row, the right side.
// freeCells.nearest finds the same cell without a condition.
func (g geometry) search(cv *canvas, r0, r1, c0, c1, r, c, maxD int, ok func(int, int) bool) (int, int, bool) {
	good := func(rr, cc int) bool { return cv.at(rr, cc).kind == kEmpty && (ok == nil || ok(rr, cc)) }
	if good(r, c) {
		return r, c, true
	}
	for d := 1; d <= maxD; d++ {
		for dr := -d / 2; dr <= d/2; dr++ {
			dc := d - 2*abs(dr)
			for _, cc := range []int{c + dc, c - dc} {
				rr := r + dr
				if rr < r0 || rr > r1 || cc < c0 || cc > c1 {
					continue
				}
				if good(rr, cc) {
					return rr, cc, true
				}
				if dc == 0 {
					break
				}
			}
		}
	}
	return 0, 0, false
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// label writes a point's name beside its marker: with cuts nil, whole
// where it fits, trying right of the marker, left of it, starting above
// it on the row above, then on the row below, then ending above it or
// below it, so a name read from its marker's column is found first; it
// reports whether it wrote the name. With cuts, it shortens the name to
// the widest of those places instead (and not to a text one before it,
// in cuts, reads as) and reports whether it did; the caller lists a
// shortened name in the legend. A label is written only over empty cells
// inside the quadrant, keeps a free cell before the next thing on its
// row, and never ends two cells from another marker, where it would read
// as that marker's name.
func (g geometry) label(cv *canvas, q, r, c int, name string, maxW int, sel bool, cuts *map[string]bool) (text string, ok, cut bool) {
	// A crowded map has no room around most markers: find that out before
	// the name is measured. Every spot needs one of the four cells beside
	// the marker free; a marker is inside the frame, so they are on the
	// canvas, and the frame and the cut lines around a quadrant are never
	// free.
	if !cv.open(r, c) {
		return "", false, false
	}
	r0, r1, c0, c1 := g.bounds(q)
	name = strings.TrimSpace(name)
	spots := [...]spot{
		{r, c + 2, 1}, {r, c - 2, -1},
		{r - 1, c, 1}, {r + 1, c, 1},
		{r - 1, c, -1}, {r + 1, c, -1},
	}
	nameW := textWidth(name)
	if nameW == 0 {
		return "", false, false
	}
	if cuts == nil {
		for _, s := range spots {
			if s.r >= r0 && s.r <= r1 && cv.room(s, r, c, c0, c1, nameW) >= nameW {
				cv.writeAt(s, name, nameW, q, sel)
				return name, true, false
			}
		}
		return "", false, false
	}
	best, bestW := -1, 0
	for i, s := range spots {
		if s.r < r0 || s.r > r1 {
			continue
		}
		if w := cv.room(s, r, c, c0, c1, maxW); w > bestW {
			best, bestW = i, w
		}
	}
	if best < 0 || bestW < minLabel {
		return "", false, false
	}
	// Cut one cell short, drop a trailing space, then add the ellipsis.
	text = strings.TrimRight(truncate(name, min(bestW, nameW-1)-1), " ") + "…"
	if (*cuts)[text] {
		// Another name reads the same once cut: the legend could not tell
		// them apart, so this one gets a key.
		return "", false, false
	}
	if *cuts == nil {
		*cuts = map[string]bool{}
	}
	(*cuts)[text] = true
	cv.writeAt(spots[best], text, textWidth(text), q, sel)
	return text, true, true
}

// open reports whether a cell beside (r, c) is free, which any label
// beside a marker there needs.
func (cv *canvas) open(r, c int) bool {
	return cv.at(r, c+1).kind == kEmpty || cv.at(r, c-1).kind == kEmpty ||
		cv.at(r-1, c).kind == kEmpty || cv.at(r+1, c).kind == kEmpty
}

// spot is where a label may start (dir 1, reading right from column c)
// or end (dir -1, at column c) on row r.
type spot struct{ r, c, dir int }

// room is the widest label that fits at a spot, up to limit cells: the
// cells must be empty and inside the columns c0..c1, with a free cell (or
// the quadrant's edge) on either side, and no marker but the point's own
// (at mr, mc), no other label and no quadrant name two cells beyond
// either end.
func (cv *canvas) room(s spot, mr, mc, c0, c1, limit int) int {
	if s.c < c0 || s.c > c1 {
		return 0
	}
	edge := c1
	if s.dir < 0 {
		edge = c0
	}
	// The cell before the label and the one before that.
	if b := s.c - s.dir; b >= c0 && b <= c1 && cv.at(s.r, b).kind != kEmpty {
		return 0
	}
	if cv.crowds(s.r, s.c-2*s.dir, mr, mc) {
		return 0
	}
	n := 0
	for x := s.c; n < limit+2 && x != edge+s.dir && cv.at(s.r, x).kind == kEmpty; x += s.dir {
		n++
	}
	end := s.c + s.dir*n // the first cell past the run
	if n < limit+2 && end != edge+s.dir {
		// Something ends the run: keep a free cell before it, and two
		// before a marker or other text, which the label would otherwise
		// seem to run into.
		n--
		if cv.crowds(s.r, end, mr, mc) {
			n--
		}
	}
	return max(min(n, limit), 0)
}

// crowds reports whether (r, c) holds what a label keeps two cells
// from: a marker other than the one at (mr, mc), another label or a
// quadrant's name.
func (cv *canvas) crowds(r, c, mr, mc int) bool {
	if c < 0 || c >= cv.w || (r == mr && c == mc) {
		return false
	}
	switch cv.at(r, c).kind {
	case kMarker, kLabel, kCont, kName:
		return true
	}
	return false
}

// writeAt writes a label of width w at a spot.
func (cv *canvas) writeAt(s spot, text string, w, q int, sel bool) {
	if s.dir > 0 {
		cv.write(s.r, s.c, text, q, sel)
		return
	}
	cv.write(s.r, s.c-w+1, text, q, sel)
}

// minLabel is the narrowest shortened name worth writing.
const minLabel = 7

// write puts text on the canvas grapheme by grapheme, wide ones taking
// two cells.
func (cv *canvas) write(r, c int, text string, q int, sel bool) {
	if isNarrow(text) {
		// One rune, one cell, one grapheme: no segmentation needed.
		for i, ch := range text {
			if c >= cv.w {
				return
			}
			*cv.at(r, c) = cell{s: text[i : i+utf8.RuneLen(ch)], kind: kLabel, quad: int8(q), sel: sel}
			c++
		}
		return
	}
	for text != "" {
		g, w := ansi.FirstGraphemeCluster(text, ansi.GraphemeWidth)
		text = text[len(g):]
		if w == 0 {
			continue
		}
		if c+w > cv.w {
			return
		}
		*cv.at(r, c) = cell{s: g, kind: kLabel, quad: int8(q), sel: sel}
		for k := 1; k < w; k++ {
			*cv.at(r, c+k) = cell{kind: kCont, quad: int8(q), sel: sel}
		}
		c += w
	}
}

// text writes plain text of a given kind, clipped to the columns c..limit.
func (cv *canvas) text(r, c, limit int, text string, kind cellKind, q int) {
	text = ansi.Truncate(text, limit-c+1, "…")
	for text != "" {
		g, w := ansi.FirstGraphemeCluster(text, ansi.GraphemeWidth)
		text = text[len(g):]
		if w == 0 {
			continue
		}
		if c+w-1 > limit {
			return
		}
		*cv.at(r, c) = cell{s: g, kind: kind, quad: int8(q)}
		for k := 1; k < w; k++ {
			*cv.at(r, c+k) = cell{kind: kCont, quad: int8(q)}
		}
		c += w
	}
}

func (g geometry) drawFrame(cv *canvas, o Options) {
	top, bottom := g.top-1, g.bottom+1
	left, right := g.left-1, g.right+1
	// Y axis label on the first row, X axis label on the last.
	cv.text(0, 0, cv.w-1, "↑ "+o.YLabel, kFrame, -1)
	xl := o.XLabel + " →"
	cv.text(cv.h-1, max(0, cv.w-ansi.StringWidth(xl)), cv.w-1, xl, kFrame, -1)
	for c := left; c <= right; c++ {
		h := "─"
		if c == g.cutCol {
			h = "┬"
		}
		*cv.at(top, c) = cell{s: h, kind: kFrame, quad: -1}
		if c == g.cutCol {
			h = "┴"
		}
		*cv.at(bottom, c) = cell{s: h, kind: kFrame, quad: -1}
	}
	for r := top; r <= bottom; r++ {
		v := "│"
		if r == g.cutRow {
			v = "├"
		}
		*cv.at(r, left) = cell{s: v, kind: kFrame, quad: -1}
		if r == g.cutRow {
			v = "┤"
		}
		*cv.at(r, right) = cell{s: v, kind: kFrame, quad: -1}
	}
	*cv.at(top, left) = cell{s: "┌", kind: kFrame, quad: -1}
	*cv.at(top, right) = cell{s: "┐", kind: kFrame, quad: -1}
	*cv.at(bottom, left) = cell{s: "└", kind: kFrame, quad: -1}
	*cv.at(bottom, right) = cell{s: "┘", kind: kFrame, quad: -1}
	for c := g.left; c <= g.right; c++ {
		*cv.at(g.cutRow, c) = cell{s: "┄", kind: kLine, quad: -1}
	}
	for r := g.top; r <= g.bottom; r++ {
		*cv.at(r, g.cutCol) = cell{s: "┆", kind: kLine, quad: -1}
	}
	*cv.at(g.cutRow, g.cutCol) = cell{s: "┼", kind: kLine, quad: -1}

	// Ticks: the scale ends and the cuts.
	tick := func(v float64) string { return tickText(v, o.DecimalComma) }
	cv.text(g.top, 0, 1, tick(ScaleMax), kFrame, -1)
	cv.text(g.cutRow, 0, g.gutter-1, tick(g.ycut), kFrame, -1)
	cv.text(g.bottom, 0, 1, tick(ScaleMin), kFrame, -1)
	tr := cv.h - 2
	cv.text(tr, g.left, g.left, tick(ScaleMin), kFrame, -1)
	ct := tick(g.xcut)
	cv.text(tr, g.cutCol-ansi.StringWidth(ct)/2, g.cutCol+2, ct, kFrame, -1)
	cv.text(tr, g.right, g.right, tick(ScaleMax), kFrame, -1)

	// Quadrant names in the outer corners, leaving the centre to markers.
	for q := range 4 {
		r0, r1, c0, c1 := g.bounds(q)
		r := r0
		if q >= BottomLeft {
			r = r1
		}
		name := strings.ToUpper(o.Quadrants[q])
		avail := c1 - c0 + 1
		if avail < 1 {
			continue
		}
		name = ansi.Truncate(name, avail, "…")
		c := c0
		if q == TopRight || q == BottomRight {
			c = c1 - ansi.StringWidth(name) + 1
		}
		cv.text(r, c, c1, name, kName, q)
	}
}

// render turns the canvas into lines, styling runs of cells that share a
// style at once.
func (cv *canvas) render(st *Styles) []string {
	lines := make([]string, cv.h)
	var b strings.Builder
	if st == nil || !st.styled {
		for r := 0; r < cv.h; r++ {
			b.Reset()
			for _, c := range cv.cells[r*cv.w : (r+1)*cv.w] {
				b.WriteString(c.s)
			}
			lines[r] = strings.TrimRight(b.String(), " ")
		}
		return lines
	}
	// Rendering every run through lipgloss costs most of a frame with
	// many customers; each style's escape codes are the same for every
	// run, so they are found once per map by rendering a marker rune.
	var opens, closes [numStyles]string
	for id := range numStyles {
		out := st.style(id - 1).Render(styleProbe)
		i := strings.Index(out, styleProbe)
		if i < 0 {
			continue
		}
		opens[id], closes[id] = out[:i], out[i+len(styleProbe):]
	}
	for r := 0; r < cv.h; r++ {
		b.Reset()
		row := cv.cells[r*cv.w : (r+1)*cv.w]
		// Trim trailing blanks before styling.
		end := len(row)
		for end > 0 && row[end-1].kind == kEmpty && row[end-1].s == " " {
			end--
		}
		cur := -2
		for _, c := range row[:end] {
			if id := styleID(c); id != cur {
				if cur != -2 {
					b.WriteString(closes[cur+1])
				}
				cur = id
				b.WriteString(opens[cur+1])
			}
			b.WriteString(c.s)
		}
		if cur != -2 {
			b.WriteString(closes[cur+1])
		}
		lines[r] = b.String()
	}
	return lines
}

// numStyles counts the style IDs from -1 to 6; styleProbe is a private-use
// rune no style changes.
const (
	numStyles  = 8
	styleProbe = "\uE000"
)

// styleID numbers the styles a cell can have: -1 none, 0–3 quadrants,
// 4 frame, 5 line, 6 selected.
func styleID(c cell) int {
	switch {
	case c.sel:
		return 6
	case c.kind == kFrame:
		return 4
	case c.kind == kLine || c.kind == kTrail:
		return 5
	case c.quad >= 0:
		return int(c.quad)
	}
	return -1
}

func (st *Styles) style(id int) lipgloss.Style {
	switch {
	case id >= 0 && id < 4:
		return st.Quadrant[id]
	case id == 4:
		return st.Frame
	case id == 5:
		return st.Axis
	case id == 6:
		return st.Selected
	}
	return lipgloss.NewStyle()
}
