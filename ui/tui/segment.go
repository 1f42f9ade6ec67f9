package tui

import (
	"fmt"
	"strings"
	"styrka/ui/screen"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/report"
	"styrka/ui/mapview"
)

// The classes of the Kraljic and preferencing views in the map's
// quadrant order (top left, top right, bottom left, bottom right), as
// mapview.View.QuadrantNames names them.
var (
	kraljicQuadrants = [4]model.Kraljic{model.Leverage, model.Strategic, model.NonCritical, model.Bottleneck}
	prefQuadrants    = [4]model.Preferencing{model.Development, model.Core, model.Nuisance, model.Exploitable}
)

// inSegment reports whether an assessment lies in quadrant q of a view: a
// power regime, or a Kraljic or preferencing class. Membership follows
// the method's classes, not the marker's cell.
func inSegment(v mapview.View, q int, a model.Assessment) bool {
	if q < 0 || q > 3 {
		return false
	}
	switch v {
	case mapview.Kraljic:
		return a.Kraljic == kraljicQuadrants[q]
	case mapview.Preferencing:
		return a.Pref == prefQuadrants[q]
	}
	return a.Regime == model.Regimes[q]
}

// segmentDigit reads the quadrant (0–3) from a 1–4 key press.
func segmentDigit(msg tea.KeyPressMsg) (int, bool) {
	s := msg.String()
	if len(s) == 1 && s[0] >= '1' && s[0] <= '4' {
		return int(s[0] - '1'), true
	}
	return 0, false
}

// segmentScreen explains one quadrant of a map: in the power view a regime with
// its playbook, in the other views a class with its behaviour; both list
// the customers in it, ranked by priority. The text scrolls; tab moves a
// cursor over the customers and enter opens the one under it.
type segmentScreen struct {
	c       *Common
	ws      *Workshop
	view    mapview.View
	quad    int
	ranked  []model.Assessment
	members []int // indexes into ranked, in rank order
	cursor  int
	offset  int
	width   int
	height  int
}

func newSegment(c *Common, ws *Workshop, v mapview.View, quad int) *segmentScreen {
	s := &segmentScreen{c: c, ws: ws, view: v, quad: min(max(quad, 0), 3)}
	s.reload()
	return s
}

func (s *segmentScreen) reload() {
	keep := ""
	if a, ok := s.selected(); ok {
		keep = a.Customer.ID
	}
	s.ranked = s.ws.Assess(s.c.Questions())
	s.members = s.members[:0]
	for i, a := range s.ranked {
		if inSegment(s.view, s.quad, a) {
			if a.Customer.ID == keep {
				s.cursor = len(s.members)
			}
			s.members = append(s.members, i)
		}
	}
	s.cursor = min(max(s.cursor, 0), max(len(s.members)-1, 0))
}

func (s *segmentScreen) selected() (model.Assessment, bool) {
	if s.cursor < 0 || s.cursor >= len(s.members) {
		return model.Assessment{}, false
	}
	return s.ranked[s.members[s.cursor]], true
}

func (s *segmentScreen) Init() tea.Cmd {
	s.reload()
	return nil
}

func (s *segmentScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *segmentScreen) Typing() bool { return false }

// Title is the segment's name.
func (s *segmentScreen) Title() string { return s.view.QuadrantNames(s.c.Content)[s.quad] }

func (s *segmentScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if len(s.members) == 0 {
		return []key.Binding{k.Down, k.Segment}
	}
	return []key.Binding{k.Next, k.Enter, k.Take, k.Down, k.Segment}
}

func (s *segmentScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Next, k.Prev, k.Enter, k.Brief},
		{k.Segment, k.Export},
		{k.Take},
	}
}

func (s *segmentScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *segmentScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if to, ok := screen.Step(msg, k.Lists(), s.offset, 1<<30, max(s.height-1, 1)); ok {
		s.offset = to // drawing clamps it to the page
		return nil
	}
	switch {
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		if n := len(s.members); n > 0 {
			step := 1
			if key.Matches(msg, k.Prev) {
				step = n - 1
			}
			s.cursor = (s.cursor + step) % n
			_, row := s.lines()
			s.offset = screen.ScrollWindow(row, s.offset, 1<<30, s.height)
		}
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Brief):
		if a, ok := s.selected(); ok {
			return push(newBrief(s.c, s.ws, a.Customer.ID))
		}
	case key.Matches(msg, k.Export):
		return push(newExport(s.c, s.ws, ""))
	case key.Matches(msg, k.Take):
		return s.take()
	case key.Matches(msg, k.Segment):
		q, _ := segmentDigit(msg)
		if s.view == mapview.Power {
			if q == s.quad {
				return nil
			}
			return replace(newSegment(s.c, s.ws, mapview.Power, q))
		}
		// From a class, the digits open the power regimes its customers
		// fall in.
		return push(newSegment(s.c, s.ws, mapview.Power, q))
	}
	s.clamp()
	return nil
}

// clamp keeps the scroll offset inside the text.
func (s *segmentScreen) clamp() {
	lines, _ := s.lines()
	s.offset = min(max(s.offset, 0), max(len(lines)-s.height, 0))
}

func (s *segmentScreen) View() string {
	lines, _ := s.lines()
	s.offset = min(max(s.offset, 0), max(len(lines)-s.height, 0))
	end := min(s.offset+s.height, len(lines))
	return strings.Join(lines[s.offset:end], "\n")
}

// textWidth is the width of the running text: the window, but no wider
// than reads comfortably on a projector.
func (s *segmentScreen) textWidth() int { return max(min(s.width-1, 100), 20) }

// lines draws the whole segment at the current width, and tells on which
// line the customer under the cursor is.
func (s *segmentScreen) lines() ([]string, int) {
	st := s.c.Styles
	c := s.c.Content
	w := s.textWidth()
	var out []string
	add := func(ls ...string) { out = append(out, ls...) }
	para := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(screen.Wrap(text, w), "\n") {
			add(style.Render(l))
		}
	}
	heading := func(text string) {
		add("")
		for _, l := range strings.Split(screen.Wrap(text, w), "\n") {
			add(st.Heading.Render(l))
		}
	}

	names := s.view.QuadrantNames(c)
	qs := st.Quadrant[s.quad]
	add(screen.Truncate(qs.Render(fmt.Sprintf("%d  %s", s.quad+1, strings.ToUpper(names[s.quad]))), w))
	para(st.Muted, s.c.T("tui.segment.sub", s.quad+1, s.view.Title(c), len(s.members)))
	add("")
	switch s.view {
	case mapview.Kraljic:
		k := c.Kraljic[kraljicQuadrants[s.quad]]
		para(st.Text, k.Description)
		heading(s.c.T("tui.segment.behaviour.kraljic"))
		para(st.Text, k.Behaviour)
	case mapview.Preferencing:
		p := c.Preferencing[prefQuadrants[s.quad]]
		para(st.Text, p.Description)
		heading(s.c.T("tui.segment.behaviour.preferencing"))
		para(st.Text, p.Behaviour)
	default:
		para(st.Text, c.Regimes[model.Regimes[s.quad]].Description)
	}

	heading(s.c.T("tui.segment.customers"))
	cursorLine := len(out)
	if len(s.members) == 0 {
		para(st.Muted, s.c.T("report.regime.none"))
	} else {
		rows, at := s.customerRows(w)
		cursorLine += at
		add(rows...)
	}

	if s.view == mapview.Power {
		rt := c.Regimes[model.Regimes[s.quad]]
		for _, part := range []struct {
			label string
			items []string
		}{{"label.develop", rt.Develop}, {"label.stop", rt.Stop}, {"label.start", rt.Start}} {
			heading(s.c.T(part.label))
			for _, item := range part.items {
				add(bullet(st.Text, item, w)...)
			}
		}
		heading(s.c.T("label.message"))
		para(st.Text, rt.Message)
		heading(s.c.T("label.negotiation"))
		para(st.Text, rt.Negotiation)
	} else {
		heading(s.c.T("tui.segment.regimes"))
		s.regimePointers(w, add, para)
	}
	return out, cursorLine
}

// bullet wraps one list item with a hanging indent.
func bullet(style lipgloss.Style, text string, w int) []string {
	ls := strings.Split(screen.Wrap(text, max(w-2, 1)), "\n")
	for i, l := range ls {
		lead := "  "
		if i == 0 {
			lead = "• "
		}
		ls[i] = style.Render(lead + l)
	}
	return ls
}

// customerRows is the ranked table of the segment's customers: a header
// line and one row each; at is the cursor's row.
func (s *segmentScreen) customerRows(w int) (rows []string, at int) {
	st := s.c.Styles
	c := s.c.Content
	type col struct {
		title string
		cell  func(l report.Labels) string
		width int
	}
	kraljic := col{title: s.c.T("col.kraljic"), cell: func(l report.Labels) string { return l.Kraljic }}
	pref := col{title: s.c.T("col.preferencing"), cell: func(l report.Labels) string { return l.Preferencing }}
	regime := col{title: s.c.T("col.regime"), cell: func(l report.Labels) string { return l.Regime }}
	room := col{title: s.c.T("col.room"), cell: func(l report.Labels) string { return l.Room }}
	cols := []col{kraljic, pref, room}
	switch s.view {
	case mapview.Kraljic:
		cols = []col{pref, regime, room}
	case mapview.Preferencing:
		cols = []col{kraljic, regime, room}
	}
	labels := make([]report.Labels, len(s.members))
	anyOnLine := false
	for j, i := range s.members {
		labels[j] = report.LabelsOf(c, s.c.Lang, s.ranked[i])
		anyOnLine = anyOnLine || labels[j].OnLine != ""
	}
	if anyOnLine {
		// Customers on the line, and what they could be: where the room
		// should look twice.
		online := col{title: s.c.T("tui.col.online"), cell: func(l report.Labels) string {
			if l.OnLine == "" {
				return ""
			}
			return mapview.OnLineMarker + " " + l.OnLine
		}}
		cols = append(cols[:2:2], online, cols[2])
	}
	// Each column as wide as its widest text, within reason.
	for k := range cols {
		cols[k].width = ansi.StringWidth(cols[k].title)
		for _, l := range labels {
			cols[k].width = max(cols[k].width, ansi.StringWidth(cols[k].cell(l)))
		}
		cols[k].width = min(cols[k].width, 36)
		if cols[k].title == s.c.T("tui.col.online") {
			// The marker says it; the rest of the note is in the brief.
			cols[k].width = min(cols[k].width, 28)
		}
	}
	// Drop columns from the right until the name has room.
	const rankW, prioW, minName = 3, 2, 18
	nameW := func(cs []col) int {
		n := w - 2 - rankW - 1 - prioW - 1
		for _, cc := range cs {
			n -= cc.width + 1
		}
		return n
	}
	// Names come first: columns go from the right until the longest name
	// (or 30 cells of it) fits.
	longest := ansi.StringWidth(s.c.T("col.customer"))
	for _, i := range s.members {
		longest = max(longest, ansi.StringWidth(s.ranked[i].Customer.Name))
	}
	for len(cols) > 0 && nameW(cols) < max(min(longest, 30), minName) {
		cols = cols[:len(cols)-1]
	}
	nw := max(nameW(cols), 4)
	// A name column wider than the longest name leaves the room to the
	// right, where it does no harm.
	nw = min(nw, max(longest, minName))

	head := "  " + screen.Align("#", rankW, true) + " " + screen.Cell(s.c.T("col.customer"), nw) + " " + screen.Cell(s.c.T("tui.col.priority"), prioW)
	for _, cc := range cols {
		head += " " + screen.Cell(cc.title, cc.width)
	}
	rows = append(rows, st.Muted.Bold(true).Render(strings.TrimRight(head, " ")))
	for j, i := range s.members {
		a := s.ranked[i]
		l := labels[j]
		sel := j == s.cursor
		text, prio, muted := st.Text, st.PriorityStyle(int(a.Priority)), st.Muted
		if sel {
			for _, p := range []*lipgloss.Style{&text, &prio, &muted} {
				*p = p.Inherit(st.Selected).Background(st.Selected.GetBackground()).Bold(true)
				if s.c.Theme == "high-contrast" {
					*p = p.Reverse(true)
				}
			}
		}
		lead := "  "
		if sel {
			lead = st.Cursor.Render("▸ ")
			at = len(rows)
		}
		gap := text.Render(" ")
		line := lead + muted.Render(screen.Align(fmt.Sprint(i+1), rankW, true)) + gap + text.Render(screen.Cell(a.Customer.Name, nw)) + gap + prio.Render(screen.Cell(l.Priority, prioW))
		for _, cc := range cols {
			line += gap + muted.Render(screen.Cell(cc.cell(l), cc.width))
		}
		rows = append(rows, line)
	}
	return rows, at
}

// regimePointers lists, for a class segment, the power regimes its
// customers fall in, each with its customers, its message and the key
// that opens its full advice.
func (s *segmentScreen) regimePointers(w int, add func(...string), para func(lipgloss.Style, string)) {
	st := s.c.Styles
	c := s.c.Content
	// Under the regime's "n  name", its text starts where the name does.
	indent := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(screen.Wrap(text, max(w-3, 1)), "\n") {
			add("   " + style.Render(l))
		}
	}
	found := false
	for q, r := range model.Regimes {
		var names []string
		for _, i := range s.members {
			if s.ranked[i].Regime == r {
				names = append(names, s.ranked[i].Customer.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		found = true
		rt := c.Regimes[r]
		add("")
		add(screen.Truncate(st.Quadrant[q].Render(fmt.Sprintf("%d  %s", q+1, rt.Name))+st.Muted.Render(fmt.Sprintf(" (%d)", len(names))), w))
		indent(st.Text, strings.Join(names, ", "))
		indent(st.Text, rt.Message)
		indent(st.Muted, s.c.T("tui.segment.pointer", q+1))
	}
	if !found {
		para(st.Muted, s.c.T("tui.segment.regimes.none"))
	}
}
