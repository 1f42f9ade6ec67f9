package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"styrka/store"
	"styrka/ui/answer"
	"styrka/ui/mapview"
	"styrka/ui/screen"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/report"
	"styrka/ui/tui/team"
)

// sortOrder is how the customer list is ordered.
type sortOrder int

const (
	byPriority sortOrder = iota
	byName
	byProgress
)

// customersScreen lists the open workshop's customers with their
// progress per question set, both classes, regime and priority.
type customersScreen struct {
	c      *Common
	ws     *Workshop
	table  screen.Table
	all    []model.Assessment
	shown  []model.Assessment
	filter screen.Filter
	order  sortOrder
	width  int
	height int
}

func newCustomers(c *Common, ws *Workshop) *customersScreen {
	s := &customersScreen{c: c, ws: ws}
	s.filter = screen.NewFilter(c.T("tui.filter.placeholder"))
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: "#", Width: 3, Right: true},
		{Title: c.T("col.customer")},
		{Title: c.T("tui.col.setA"), Width: 5, Right: true},
		{Title: c.T("tui.col.setB"), Width: 5, Right: true},
		{Title: c.T("tui.col.priority"), Width: 2},
		{Title: c.T("col.regime"), Width: 24},
		{Title: c.T("col.kraljic"), Width: 24},
		{Title: c.T("col.preferencing"), Width: 24},
		{Title: c.T("tui.col.online"), Width: 48},
	}}
	return s
}

// Init scores the workshop, which is in place by the time the screen opens.
// Not before: the screen is made where the workshop is asked for (in a
// command, at times), and scoring the one open then was half of opening
// a workshop of 10,000 customers, done again here.
func (s *customersScreen) Init() tea.Cmd {
	s.reload()
	return nil
}

func (s *customersScreen) Title() string {
	if s.ws.Data() == nil {
		return ""
	}
	return s.ws.Data().Workshop.Name
}

func (s *customersScreen) Typing() bool { return s.filter.Typing() }

// HandlesEsc: esc first clears an applied filter.
func (s *customersScreen) HandlesEsc() bool { return s.filter.Value() != "" }

func (s *customersScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, h-3)
	s.filter.SetWidth(min(w-4, 40))
}

func (s *customersScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.filter.Typing() {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.filterdone"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("key.filterclear"))),
		}
	}
	if len(s.all) == 0 {
		return []key.Binding{k.New, k.Import, k.Map}
	}
	answer := k.Answer
	answer.SetHelp(k.Answer.Help().Key, s.c.T("key.q.answer"))
	return []key.Binding{answer, k.Quick, k.Enter, k.Map, k.New, k.Portfolio, k.Filter}
}

func (s *customersScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Home, k.End},
		{k.Answer, k.SetA, k.SetB, k.Quick, k.Enter, k.Brief},
		{k.New, k.Edit, k.Delete, k.Filter, k.Sort, k.Map, k.Stable, k.Portfolio},
		{k.Export, k.Import, k.Plan, k.CloseRound, k.Participants, k.Silent, k.Serve},
	}
}

// reload scores the workshop again and rebuilds the rows, keeping the
// cursor on the same customer.
func (s *customersScreen) reload() {
	var keep string
	if a, ok := s.selected(); ok {
		keep = a.Customer.ID
	}
	if f := s.ws.TakeFocus(); f != "" {
		// A customer just added or edited is selected.
		keep = f
	}
	s.all = s.ws.Assess(s.c.Questions())
	s.apply()
	if keep != "" {
		for i, a := range s.shown {
			if a.Customer.ID == keep {
				s.table.Cursor = i
			}
		}
	}
}

// apply filters and sorts the assessments into rows.
func (s *customersScreen) apply() {
	q := strings.ToLower(strings.TrimSpace(s.filter.Value()))
	s.shown = slices.Grow(s.shown[:0], len(s.all))
	for _, a := range s.all {
		if q == "" || strings.Contains(strings.ToLower(a.Customer.Name), q) || strings.Contains(strings.ToLower(a.Customer.Offering), q) {
			s.shown = append(s.shown, a)
		}
	}
	switch s.order {
	case byName:
		slices.SortStableFunc(s.shown, func(a, b model.Assessment) int {
			return strings.Compare(strings.ToLower(a.Customer.Name), strings.ToLower(b.Customer.Name))
		})
	case byProgress:
		slices.SortStableFunc(s.shown, func(a, b model.Assessment) int {
			return cmp.Compare(answered(a), answered(b))
		})
	}
	rank := map[string]int{}
	for i, a := range s.all {
		rank[a.Customer.ID] = i + 1
	}
	// The rows share the few styles there are: a copy of a style for
	// every cell was most of what listing 10,000 customers allocated.
	st := s.c.Styles
	muted, ok := st.Muted, st.OK
	priority := make(map[model.Priority]*lipgloss.Style)
	quadrant := make([]*lipgloss.Style, len(st.Quadrant))
	for q := range st.Quadrant {
		style := st.Quadrant[q]
		quadrant[q] = &style
	}
	progress := func(p model.Progress) *lipgloss.Style {
		if p.Done() {
			return &ok
		}
		return &muted
	}
	rows := make([]screen.Row, len(s.shown))
	for i, a := range s.shown {
		l := report.LabelsOf(s.c.Content, s.c.Lang, a)
		pa, pb := a.Progress[model.SetThem], a.Progress[model.SetUs]
		ps, known := priority[a.Priority]
		if !known {
			p := st.PriorityStyle(int(a.Priority))
			ps, priority[a.Priority] = &p, &p
		}
		rs := &muted
		if q := quadrantOf(a.Regime); q >= 0 {
			rs = quadrant[q]
		}
		rows[i] = screen.Row{
			Cells: []string{fmt.Sprint(rank[a.Customer.ID]), a.Customer.Name,
				fmt.Sprintf("%d/%d", pa.Answered, pa.Questions), fmt.Sprintf("%d/%d", pb.Answered, pb.Questions),
				l.Priority, l.Regime, l.Kraljic, l.Preferencing, onLine(l)},
			Styles: []*lipgloss.Style{nil, nil, progress(pa), progress(pb), ps, rs},
		}
	}
	s.table.Empty = s.c.T("tui.customers.empty")
	if q != "" {
		s.table.Empty = s.c.T("tui.customers.nomatch", s.filter.Value())
	}
	s.table.SetRows(rows)
}

// onLine is the list's note on a customer on the line: the marker and
// the other classes it could be.
func onLine(l report.Labels) string {
	if l.OnLine == "" {
		return ""
	}
	return mapview.OnLineMarker + " " + l.OnLine
}

func answered(a model.Assessment) int {
	return a.Progress[model.SetThem].Answered + a.Progress[model.SetUs].Answered
}

// quadrantOf is a regime's quadrant in the power view, or -1.
func quadrantOf(r model.Regime) int {
	return slices.Index(model.Regimes, r)
}

func (s *customersScreen) selected() (model.Assessment, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.shown) {
		return model.Assessment{}, false
	}
	return s.shown[s.table.Cursor], true
}

func (s *customersScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
		return s, nil
	case tea.PasteMsg:
		if s.filter.Typing() {
			return s, s.updateFilter(msg)
		}
	case tea.KeyPressMsg:
		if s.filter.Typing() {
			return s, s.updateFilter(msg)
		}
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		a, ok := s.selected()
		switch {
		case key.Matches(msg, k.Filter):
			return s, s.filter.Focus()
		case key.Matches(msg, k.Back) && s.filter.Value() != "":
			s.filter.SetValue("")
			s.apply()
			return s, nil
		case key.Matches(msg, k.Sort):
			s.order = (s.order + 1) % 3
			s.apply()
			return s, status(s.c.T("tui.sort." + [...]string{"priority", "name", "progress"}[s.order]))
		case key.Matches(msg, k.New):
			return s, push(newCustomerForm(s.c, s.ws, nil))
		case key.Matches(msg, k.Stable) && len(s.all) > 0:
			return s, push(newStabilityScreen(s.c, s.ws))
		case key.Matches(msg, k.Portfolio) && len(s.all) > 0:
			return s, push(newPortfolio(s.c, s.ws))
		case key.Matches(msg, k.Map):
			return s, push(newMapScreen(s.c, s.ws))
		case key.Matches(msg, k.Export):
			return s, push(newExport(s.c, s.ws, ""))
		case key.Matches(msg, k.Import):
			return s, push(newImport(s.c, s.ws))
		case key.Matches(msg, k.Plan):
			return s, push(newActionList(s.c, s.ws))
		case key.Matches(msg, k.CloseRound) && s.ws.Data() != nil:
			return s, newCloseRound(s.c, s.ws)
		case key.Matches(msg, k.Participants) && s.ws.Data() != nil:
			return s, push(team.NewParticipants(s.c, s.ws))
		case key.Matches(msg, k.Serve) && s.ws.Data() != nil:
			return s, toggleServe
		case !ok:
			return s, nil
		case key.Matches(msg, k.Enter), key.Matches(msg, k.Brief):
			return s, push(newBrief(s.c, s.ws, a.Customer.ID))
		case key.Matches(msg, k.Answer):
			return s, push(newQuestions(s.c, s.ws, a.Customer.ID, answer.Both))
		case key.Matches(msg, k.SetA):
			return s, push(newQuestions(s.c, s.ws, a.Customer.ID, answer.SetA))
		case key.Matches(msg, k.SetB):
			return s, push(newQuestions(s.c, s.ws, a.Customer.ID, answer.SetB))
		case key.Matches(msg, k.Quick):
			return s, push(newQuestions(s.c, s.ws, a.Customer.ID, answer.Quick))
		case key.Matches(msg, k.Silent):
			return s, team.OpenRound(s.c, s.ws, a.Customer.ID)
		case key.Matches(msg, k.Edit):
			cu := a.Customer
			return s, push(newCustomerForm(s.c, s.ws, &cu))
		case key.Matches(msg, k.Delete):
			return s, s.confirmDelete(a)
		}
	}
	return s, nil
}

func (s *customersScreen) confirmDelete(a model.Assessment) tea.Cmd {
	c := s.c
	ws := s.ws
	wid, cid, name := a.Customer.WorkshopID, a.Customer.ID, a.Customer.Name
	n := 0
	if ws.Data() != nil {
		n = len(ws.Data().Answers[cid])
	}
	actions := 0
	if ws.Data() != nil {
		for _, act := range ws.Data().Actions {
			if act.CustomerID == cid {
				actions++
			}
		}
	}
	return ws.Confirm(c.T("tui.customer.delete", name, n, actions), ws.Remove(wid,
		func(d model.Dataset) model.Dataset { return d.CustomerPart(cid) },
		func(db store.Store) error { return db.DeleteCustomer(wid, cid) },
		c.T("tui.customer.deleted", name), c.T("tui.customer.restored", name), cid))
}

func (s *customersScreen) View() string {
	st := s.c.Styles
	placed := 0
	for _, a := range s.all {
		if a.Placed() {
			placed++
		}
	}
	head := st.Title.Render(s.c.T("tui.customers.heading", len(s.all), placed))
	order := st.Muted.Render("  " + s.c.T("tui.sort."+[...]string{"priority", "name", "progress"}[s.order]))
	line2 := ""
	if s.filter.Shown() {
		line2 = s.filter.View()
	}
	return head + order + "\n" + line2 + "\n" + s.table.View()
}

// updateFilter passes a key or paste to the filter and filters again when
// its text changed.
func (s *customersScreen) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := s.filter.Update(msg)
	if changed {
		s.apply()
	}
	return cmd
}
