package tui

import (
	"fmt"
	"slices"
	"strings"
	"styrka/ui/screen"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/report"
	"styrka/ui/mapview"
	"styrka/ui/tui/team"
)

// The map's layout: from sidePanelFrom columns the panel sits beside the
// map, below that it shrinks to a few lines under it.
const (
	sidePanelFrom = 100
	panelGap      = 2
)

// mapLayout is where the map and its panel go in the body.
type mapLayout struct {
	mapW, mapH int
	// panelW is the width of the panel beside the map; 0 puts it below.
	panelW int
	// below is the number of panel lines under the map.
	below int
}

// layoutMap splits a body of w×h: a title line, the map, the panel.
func layoutMap(w, h int) mapLayout {
	body := max(h-1, 1)
	if w >= sidePanelFrom {
		pw := 30
		if w >= 140 {
			pw = 34
		}
		return mapLayout{mapW: w - pw - panelGap, mapH: body, panelW: pw}
	}
	below := min(max(body-mapview.MinHeight, 0), max(4, body/5))
	return mapLayout{mapW: w, mapH: body - below, below: below}
}

// mapScreen draws the open workshop on a quadrant map filling the window:
// the power-balance view, or how they see us (Kraljic) or how we see them
// (preferencing). A panel beside it (under it in a narrow window) names
// the selected customer, the four segments, the customers drawn with a
// legend key and those not placed.
type mapScreen struct {
	c      *Common
	ws     *Workshop
	view   mapview.View
	ranked []model.Assessment
	plot   mapview.Plot
	counts [4]int // customers per segment
	// marks and legend come from drawing the map at the current size;
	// they do not depend on the selection, which only changes colours.
	marks  [][2]int
	legend []mapview.Entry
	// dense is the most customers in one cell when the map is drawn as a
	// density (too many to name), 0 otherwise.
	dense int
	keyOf map[int]string // point index → legend key
	// sel is the selected point (index into plot.Points), or -1 when the
	// selected customer has no place in this view; selID is the customer,
	// kept across views.
	sel       int
	selID     string
	legendOff int
	width     int
	height    int
	lay       mapLayout
	// trails draws the way from the last round's positions (r); targets
	// the way to each target position (T).
	trails, targets bool
	// flags marks the customers whose team scores diverged or whose
	// coverage is low.
	flags map[string]team.Flag
}

func newMapScreen(c *Common, ws *Workshop) Screen { return newMap(c, ws) }

func newMap(c *Common, ws *Workshop) *mapScreen {
	s := &mapScreen{c: c, ws: ws, view: mapview.Power, sel: -1}
	s.reload()
	return s
}

// Init scores the workshop, which is in place by the time the screen
// opens (it may not be when the screen is built).
func (s *mapScreen) Init() tea.Cmd {
	s.reload()
	return nil
}

func (s *mapScreen) Title() string { return s.c.T("tui.map.title") }

func (s *mapScreen) Typing() bool { return false }

func (s *mapScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.relayout()
}

func (s *mapScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.Next, k.Enter, k.View, k.Segment}
}

func (s *mapScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Next, k.Prev, k.Up, k.Down, k.Left, k.Right, k.Home, k.End},
		{k.Enter, k.Brief, k.View, k.Segment, k.Export},
		{k.Trails, s.targetsKey(), k.Plan},
	}
}

// reload scores the workshop again.
func (s *mapScreen) reload() {
	s.ranked = s.ws.Assess(s.c.Questions())
	s.flags = team.Flags(s.ws, s.ranked)
	team.MarkFlagged(s.ranked, s.flags)
	s.rebuild()
}

// rebuild lays out the current view, keeping the selected customer.
func (s *mapScreen) rebuild() {
	var t model.Thresholds
	if s.ws.Data() != nil {
		t = s.ws.Data().Workshop.Thresholds
	}
	s.plot = mapview.NewPlot(s.view, s.ranked, t, s.c.Content)
	s.counts = [4]int{}
	known := false
	for _, a := range s.ranked {
		if q := s.quadrant(a); q >= 0 {
			s.counts[q]++
		}
		known = known || a.Customer.ID == s.selID
	}
	s.sel = -1
	for i, ai := range s.plot.Placed {
		if s.ranked[ai].Customer.ID == s.selID {
			s.sel = i
		}
	}
	if !known {
		s.selID = ""
		s.selectPoint(0)
	}
	s.relayout()
}

// relayout draws the map once at the current size to learn where every
// marker lands and which customers need a legend key.
func (s *mapScreen) relayout() {
	s.lay = layoutMap(s.width, s.height)
	s.marks, s.legend, s.keyOf = nil, nil, map[int]string{}
	if s.width <= 0 || len(s.plot.Points) == 0 {
		return
	}
	m := mapview.Render(s.plot.Points, s.options(-1, nil))
	s.marks, s.legend, s.dense = m.Marks, m.Legend, m.MostInCell
	if s.lay.below > 0 {
		// Under the map, give it back the lines the panel does not need.
		need := 2 + len(s.packLegend(s.width, s.lay.below))
		if len(s.plot.Unplaced) > 0 {
			need++
		}
		if need < s.lay.below {
			s.lay.mapH += s.lay.below - need
			s.lay.below = need
			m = mapview.Render(s.plot.Points, s.options(-1, nil))
			s.marks, s.legend, s.dense = m.Marks, m.Legend, m.MostInCell
		}
	}
	for _, e := range m.Legend {
		s.keyOf[e.Index] = e.Key
	}
}

func (s *mapScreen) options(sel int, st *mapview.Styles) mapview.Options {
	o := s.plot.Options
	o.Width, o.Height = s.lay.mapW, s.lay.mapH
	// A wide map has room for whole names.
	o.MaxLabel = max(24, s.lay.mapW/4)
	o.Selected = sel
	o.Styles = st
	if s.trails {
		o.Trails = s.trailsFor()
	}
	if s.targets {
		o.Targets = s.targetsFor()
	}
	return o
}

// quadrant is the segment an assessment lies in for this view, or -1.
func (s *mapScreen) quadrant(a model.Assessment) int {
	for q := range 4 {
		if inSegment(s.view, q, a) {
			return q
		}
	}
	return -1
}

// selectPoint selects the i-th placed customer, when there is one.
func (s *mapScreen) selectPoint(i int) {
	if i < 0 || i >= len(s.plot.Points) {
		return
	}
	s.sel = i
	s.selID = s.ranked[s.plot.Placed[i]].Customer.ID
}

// selected is the selected customer, placed in this view or not.
func (s *mapScreen) selected() (model.Assessment, int, bool) {
	for i, a := range s.ranked {
		if a.Customer.ID == s.selID && s.selID != "" {
			return a, i, true
		}
	}
	return model.Assessment{}, -1, false
}

func (s *mapScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *mapScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	n := len(s.plot.Points)
	switch {
	case key.Matches(msg, k.Next):
		if n > 0 {
			s.selectPoint((s.sel + 1) % n)
		}
	case key.Matches(msg, k.Prev):
		if n > 0 {
			if s.sel < 0 {
				s.sel = 0
			}
			s.selectPoint((s.sel - 1 + n) % n)
		}
	case key.Matches(msg, k.Home):
		s.selectPoint(0)
	case key.Matches(msg, k.End):
		s.selectPoint(n - 1)
	case key.Matches(msg, k.Up):
		s.move(0, -1)
	case key.Matches(msg, k.Down):
		s.move(0, 1)
	case key.Matches(msg, k.Left):
		s.move(-1, 0)
	case key.Matches(msg, k.Right):
		s.move(1, 0)
	case key.Matches(msg, k.View):
		s.view = s.view.Next()
		s.legendOff = 0
		s.rebuild()
	case key.Matches(msg, k.Segment):
		if q, ok := segmentDigit(msg); ok {
			return push(newSegment(s.c, s.ws, s.view, q))
		}
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Brief):
		if a, _, ok := s.selected(); ok {
			return push(newBrief(s.c, s.ws, a.Customer.ID))
		}
	case key.Matches(msg, k.Export):
		return push(newExport(s.c, s.ws, ""))
	case key.Matches(msg, k.Trails):
		return s.toggleTrails()
	case key.Matches(msg, s.targetsKey()):
		return s.toggleTargets()
	case key.Matches(msg, k.Plan):
		return push(newActionList(s.c, s.ws))
	}
	return nil
}

// move selects the nearest customer on the screen in a direction (dx, dy
// of -1, 0 or 1): the closest marker within 45° of it. A row counts as
// two columns, since a cell is about twice as tall as it is wide. With
// nothing that way, the selection stays.
func (s *mapScreen) move(dx, dy int) {
	if s.sel < 0 || s.sel >= len(s.marks) {
		s.selectPoint(0)
		return
	}
	from := s.marks[s.sel]
	best, bestD := -1, 0
	for i, mk := range s.marks {
		if i == s.sel || mk[0] < 0 {
			continue
		}
		x, y := mk[1]-from[1], 2*(mk[0]-from[0])
		along := x*dx + y*dy
		across := abs(x*dy - y*dx)
		if along <= 0 || across > along {
			continue
		}
		if d := x*x + y*y; best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		s.selectPoint(best)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func (s *mapScreen) View() string {
	st := s.c.Styles
	if s.ws.Data() == nil {
		return st.Muted.Render(s.c.T("tui.loading"))
	}
	var b strings.Builder
	b.WriteString(s.titleLine())
	if len(s.ranked) == 0 {
		b.WriteString("\n\n" + st.Muted.Render(screen.Wrap(s.c.T("tui.map.empty"), s.width)))
		return b.String()
	}
	m := mapview.Render(s.plot.Points, s.options(s.sel, st.Map))
	if s.lay.panelW > 0 {
		panel := s.sidePanel(s.lay.panelW, s.lay.mapH)
		for i := range max(len(m.Lines), len(panel)) {
			b.WriteByte('\n')
			line := ""
			if i < len(m.Lines) {
				line = m.Lines[i]
			}
			if i < len(panel) && panel[i] != "" {
				line = screen.PadRight(line, s.lay.mapW+panelGap) + panel[i]
			}
			b.WriteString(line)
		}
		return b.String()
	}
	for _, l := range m.Lines {
		b.WriteByte('\n')
		b.WriteString(l)
	}
	for _, l := range s.compactPanel(s.width, s.lay.below) {
		b.WriteByte('\n')
		b.WriteString(l)
	}
	return b.String()
}

// titleLine names the view and how many customers it places, with the
// key to the next view on the right.
func (s *mapScreen) titleLine() string {
	st := s.c.Styles
	c := s.c.Content
	left := screen.Truncate(s.c.T("tui.map.heading", s.view.Title(c), len(s.plot.Points), len(s.ranked))+s.trailNote()+s.targetNote(), s.width)
	right := s.view.Next().Title(c)
	gap := s.width - ansi.StringWidth(left) - ansi.StringWidth(right) - 4
	if gap < 2 {
		return st.Title.Render(left)
	}
	return st.Title.Render(left) + strings.Repeat(" ", gap) + st.Key.Render("v") + st.Muted.Render(" → "+right)
}

// sidePanel is the panel beside the map, w wide and at most h lines.
func (s *mapScreen) sidePanel(w, h int) []string {
	st := s.c.Styles
	out := s.selectedLines(w)
	out = append(out, "")
	out = append(out, s.segmentLines(w)...)
	unplaced := s.unplacedLines(w, max(h/4, 3))
	room := h - len(out) - 1
	if len(unplaced) > 0 {
		room -= len(unplaced) + 1
	}
	if s.dense > 0 && room >= 2 {
		// On a density the marks are all there is to read: what they
		// count comes first.
		lines := strings.Split(screen.Wrap(s.denseLegend(), w), "\n")
		lines = lines[:min(len(lines), room-1)]
		out = append(out, "")
		for _, l := range lines {
			out = append(out, st.Muted.Render(l))
		}
		room -= len(lines) + 1
	}
	if slices.Contains(s.plot.Options.OnLine, true) && room >= 2 {
		out = append(out, "", st.Muted.Render(screen.Truncate(mapview.LegendOnLine(s.c.Content), w)))
		room -= 2
	}
	if len(s.legend) > 0 && room >= 2 {
		out = append(out, "")
		out = append(out, s.legendLines(w, room)...)
	}
	if len(unplaced) > 0 {
		out = append(out, "")
		out = append(out, unplaced...)
	}
	return out
}

// selectedLines describes the selected customer: name, rank, priority,
// regime, classes, room to move and the four scores.
func (s *mapScreen) selectedLines(w int) []string {
	st := s.c.Styles
	c := s.c.Content
	out := []string{st.Heading.Render(screen.Truncate(s.c.T("tui.map.selected"), w))}
	a, rank, ok := s.selected()
	if !ok {
		for _, l := range strings.Split(screen.Wrap(s.c.T("tui.map.noselection"), w), "\n") {
			out = append(out, st.Muted.Render(l))
		}
		return out
	}
	name := a.Customer.Name
	if k, ok := s.keyOf[s.sel]; ok && s.sel >= 0 {
		name = k + "  " + name
	}
	ls := strings.Split(screen.Wrap(name, w), "\n")
	if len(ls) > 2 {
		ls = ls[:2]
		ls[1] = screen.Truncate(ls[1]+"…", w)
	}
	for _, l := range ls {
		out = append(out, st.Text.Bold(true).Render(l))
	}
	l := report.LabelsOf(c, s.c.Lang, a)
	rs := st.Muted
	if q := quadrantOf(a.Regime); q >= 0 {
		rs = st.Quadrant[q]
	}
	out = append(out,
		st.PriorityStyle(int(a.Priority)).Render(l.Priority)+st.Muted.Render(" · "+screen.Truncate(s.c.T("tui.map.rank", rank+1, len(s.ranked)), w-5)),
		rs.Render(screen.Truncate(l.Regime, w)),
		st.Text.Render(screen.Truncate(l.Kraljic+" · "+l.Preferencing, w)),
	)
	if l.OnLine != "" {
		// On the line: the class it could just as well be.
		for _, line := range strings.Split(screen.Wrap(mapview.OnLineMarker+" "+s.c.T("tui.online.could", l.OnLine), w), "\n") {
			out = append(out, st.Warning.Render(line))
		}
	}
	if t := s.trailText(a); t != "" {
		out = append(out, st.Muted.Render(screen.Truncate(t, w)))
	}
	for _, line := range strings.Split(screen.Wrap(l.Room, w), "\n") {
		out = append(out, st.Muted.Render(line))
	}
	if s.sel < 0 {
		for _, l := range strings.Split(screen.Wrap(s.c.T("tui.map.notinview"), w), "\n") {
			out = append(out, st.Warning.Render(l))
		}
	}
	out = append(out, team.FlagLines(s.c, s.flags[a.Customer.ID], w)...)
	const barW = 6
	nameW := max(w-barW-5, 4)
	for _, d := range model.Dimensions {
		sc := a.Scores[d]
		v, bar := "–", ""
		if sc.Placed {
			v, bar = report.Number(s.c.Lang, sc.Value, 1), report.Bar(sc.Value, barW)
		}
		line := st.Muted.Render(screen.Cell(c.Dimensions[d].Name, nameW)) + st.Text.Render(screen.Align(v, 4, true)) + " " + st.BarFull.Render(bar)
		out = append(out, line)
	}
	return out
}

// segmentLines lists the four segments with their keys and counts.
func (s *mapScreen) segmentLines(w int) []string {
	st := s.c.Styles
	names := s.view.QuadrantNames(s.c.Content)
	out := []string{st.Heading.Render(screen.Truncate(s.c.T("tui.map.segments"), w))}
	for q := range 4 {
		count := fmt.Sprint(s.counts[q])
		nw := max(w-2-ansi.StringWidth(count)-1, 1)
		out = append(out, st.Key.Render(fmt.Sprint(q+1))+" "+st.Quadrant[q].Render(screen.Cell(names[q], nw))+" "+st.Muted.Render(count))
	}
	return out
}

// legendLines lists the customers drawn with a key, in h lines with the
// heading, scrolled so that the selected one shows.
func (s *mapScreen) legendLines(w, h int) []string {
	st := s.c.Styles
	out := []string{st.Heading.Render(screen.Truncate(s.c.T("tui.map.legend"), w))}
	n := len(s.legend)
	rows := h - 1
	if n > rows {
		rows--
	}
	if rows <= 0 {
		return out
	}
	cur := -1
	for i, e := range s.legend {
		if e.Index == s.sel {
			cur = i
		}
	}
	if cur >= 0 {
		s.legendOff = screen.ScrollWindow(cur, s.legendOff, n, rows)
	}
	s.legendOff = min(max(s.legendOff, 0), max(n-rows, 0))
	end := min(s.legendOff+rows, n)
	for i := s.legendOff; i < end; i++ {
		e := s.legend[i]
		a := s.ranked[s.plot.Placed[e.Index]]
		ks := st.Muted
		if q := s.quadrant(a); q >= 0 {
			ks = st.Quadrant[q]
		}
		ns := st.Text
		if e.Index == s.sel {
			ns = st.Selected
		}
		out = append(out, ks.Render(e.Key)+" "+ns.Render(screen.Truncate(a.Customer.Name, w-2)))
	}
	if hidden := n - (end - s.legendOff); hidden > 0 {
		out = append(out, st.Muted.Render(screen.Truncate(s.c.T("tui.map.more", hidden), w)))
	}
	return out
}

// unplacedLines lists the customers with no place in this view, in at
// most h lines with the heading.
func (s *mapScreen) unplacedLines(w, h int) []string {
	st := s.c.Styles
	n := len(s.plot.Unplaced)
	if n == 0 {
		return nil
	}
	out := []string{st.Heading.Render(screen.Truncate(s.c.T("tui.map.unplaced", n), w))}
	rows := h - 1
	if n > rows {
		rows--
	}
	for _, i := range s.plot.Unplaced[:max(min(rows, n), 0)] {
		ns := st.Muted
		if s.ranked[i].Customer.ID == s.selID {
			ns = st.Selected
		}
		out = append(out, ns.Render(screen.Truncate(s.ranked[i].Customer.Name, w)))
	}
	if shown := max(min(rows, n), 0); shown < n {
		out = append(out, st.Muted.Render(screen.Truncate(s.c.T("tui.map.more", n-shown), w)))
	}
	return out
}

// compactPanel is the panel under the map in a narrow window: the
// selected customer on one line, then the legend, the customers not
// placed and the segment keys, as far as h lines allow.
func (s *mapScreen) compactPanel(w, h int) []string {
	if h <= 0 {
		return nil
	}
	st := s.c.Styles
	out := []string{s.selectedLine(w)}
	var unplaced string
	if n := len(s.plot.Unplaced); n > 0 && h >= 3 {
		names := make([]string, 0, n)
		for _, i := range s.plot.Unplaced {
			names = append(names, s.ranked[i].Customer.Name)
		}
		unplaced = st.Muted.Render(screen.Truncate(s.c.T("tui.map.unplaced.short", strings.Join(names, ", ")), w))
	}
	room := h - 1
	if unplaced != "" {
		room--
	}
	out = append(out, s.packLegend(w, room)...)
	if s.dense > 0 && room > 0 {
		out = append(out, st.Muted.Render(screen.Truncate(s.denseLegend(), w)))
	}
	if unplaced != "" {
		out = append(out, unplaced)
	}
	if len(out) < h {
		out = append(out, s.segmentKeys(w))
	}
	return out
}

// denseLegend says what the marks of a map drawn as a density count.
func (s *mapScreen) denseLegend() string {
	return mapview.LegendDenseShort(s.c.Content, report.Number(s.c.Lang, float64(s.dense), 0))
}

// selectedLine is the selected customer on one line.
func (s *mapScreen) selectedLine(w int) string {
	st := s.c.Styles
	a, rank, ok := s.selected()
	if !ok {
		return st.Muted.Render(screen.Truncate(s.c.T("tui.map.noselection"), w))
	}
	l := report.LabelsOf(s.c.Content, s.c.Lang, a)
	rs := st.Muted
	if q := quadrantOf(a.Regime); q >= 0 {
		rs = st.Quadrant[q]
	}
	lead := fmt.Sprintf("%d. ", rank+1)
	if k, ok := s.keyOf[s.sel]; ok && s.sel >= 0 {
		lead += k + "  "
	}
	sep := st.Muted.Render(" · ")
	line := st.Cursor.Render("▸ ") + st.Muted.Render(lead) + st.Text.Bold(true).Render(a.Customer.Name) + s.flagText(a.Customer.ID) + sep +
		st.PriorityStyle(int(a.Priority)).Render(l.Priority) + sep + rs.Render(l.Regime) + sep +
		st.Text.Render(l.Kraljic+" · "+l.Preferencing)
	if s.sel < 0 {
		line += sep + st.Warning.Render(s.c.T("tui.map.notinview"))
	}
	if t := s.trailText(a); t != "" {
		line += sep + st.Muted.Render(t)
	}
	return screen.Truncate(line, w)
}

// packLegend writes the legend as "key name" pieces side by side in at
// most h lines, the last ending with a count of those left out.
func (s *mapScreen) packLegend(w, h int) []string {
	if h <= 0 || len(s.legend) == 0 {
		return nil
	}
	st := s.c.Styles
	type piece struct {
		text string
		w    int
	}
	var lines [][]piece
	var cur []piece
	curW := 0
	for _, e := range s.legend {
		a := s.ranked[s.plot.Placed[e.Index]]
		ks := st.Muted
		if q := s.quadrant(a); q >= 0 {
			ks = st.Quadrant[q]
		}
		ns := st.Text
		if e.Index == s.sel {
			ns = st.Selected
		}
		// A shortened name begins as the map writes it, so the full name
		// alone names it; a numbered marker needs its number. Names are
		// whole: a legend that cut them would name nobody.
		var p piece
		if e.Cut {
			name := screen.Truncate(a.Customer.Name, w)
			p = piece{ns.Render(name), ansi.StringWidth(name)}
		} else {
			name := screen.Truncate(a.Customer.Name, max(w-ansi.StringWidth(e.Key)-1, 1))
			p = piece{ks.Render(e.Key) + " " + ns.Render(name), ansi.StringWidth(e.Key) + 1 + ansi.StringWidth(name)}
		}
		if len(cur) > 0 && curW+2+p.w > w {
			lines = append(lines, cur)
			cur, curW = nil, 0
			if len(lines) > h {
				break
			}
		}
		if len(cur) > 0 {
			curW += 2
		}
		cur = append(cur, p)
		curW += p.w
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	more := ""
	if len(lines) > h {
		lines = lines[:h]
		kept := 0
		for _, l := range lines {
			kept += len(l)
		}
		last := lines[h-1]
		for {
			more = s.c.T("tui.map.more", len(s.legend)-kept)
			used := ansi.StringWidth(more)
			for _, p := range last {
				used += p.w + 2
			}
			if used <= w || len(last) == 0 {
				break
			}
			last = last[:len(last)-1]
			kept--
		}
		lines[h-1] = last
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		parts := make([]string, 0, len(l)+1)
		for _, p := range l {
			parts = append(parts, p.text)
		}
		if i == len(lines)-1 && more != "" {
			parts = append(parts, st.Muted.Render(more))
		}
		out[i] = screen.Truncate(strings.Join(parts, "  "), w)
	}
	return out
}

// segmentKeys shows the keys 1–4 with the segments they open.
func (s *mapScreen) segmentKeys(w int) string {
	st := s.c.Styles
	names := s.view.QuadrantNames(s.c.Content)
	var parts []string
	for q := range 4 {
		parts = append(parts, st.Key.Render(fmt.Sprint(q+1))+" "+st.Quadrant[q].Render(names[q]))
	}
	return screen.Truncate(strings.Join(parts, "  "), w)
}

// flagText says after a flagged customer's name on the map's one-line
// panel why it is flagged.
func (s *mapScreen) flagText(customerID string) string {
	f, ok := s.flags[customerID]
	if !ok {
		return ""
	}
	return team.FlagText(s.c, f)
}
