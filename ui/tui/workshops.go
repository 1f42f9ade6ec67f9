package tui

import (
	"fmt"
	"strings"
	"styrka/ui/screen"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
	"styrka/ui/tui/workbench"
)

// workshopRow is a workshop with its counts, as the list shows it.
type workshopRow struct {
	w         model.Workshop
	customers int
}

type workshopsMsg struct{ rows []workshopRow }

// workshopsScreen lists the workshopsScreen; with none, it welcomes the user and
// offers to create one or to open the demo.
type workshopsScreen struct {
	c      *Common
	ws     *Workshop
	table  screen.Table
	rows   []workshopRow
	loaded bool
	width  int
	height int
}

func newWorkshops(c *Common, ws *Workshop) *workshopsScreen {
	s := &workshopsScreen{c: c, ws: ws}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: c.T("col.workshop")},
		{Title: c.T("col.date"), Width: 10},
		{Title: c.T("col.ourcompany"), Width: 22},
		{Title: c.T("col.customers"), Width: 8, Right: true},
	}}
	return s
}

func (s *workshopsScreen) Init() tea.Cmd { return s.load() }

func (s *workshopsScreen) load() tea.Cmd {
	db := s.ws.Store()
	return func() tea.Msg {
		ws, err := db.Workshops()
		if err != nil {
			return workbench.Fail(err)
		}
		rows := make([]workshopRow, 0, len(ws))
		for _, w := range ws {
			cs, err := db.Customers(w.ID)
			if err != nil {
				return workbench.Fail(err)
			}
			rows = append(rows, workshopRow{w: w, customers: len(cs)})
		}
		return workshopsMsg{rows}
	}
}

func (s *workshopsScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, h-2)
}

func (s *workshopsScreen) Title() string { return s.c.T("tui.workshops") }
func (s *workshopsScreen) Typing() bool  { return false }
func (s *workshopsScreen) selected() (workshopRow, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.rows) {
		return workshopRow{}, false
	}
	return s.rows[s.table.Cursor], true
}

func (s *workshopsScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.loaded && len(s.rows) == 0 {
		return []key.Binding{k.New, k.Demo}
	}
	return []key.Binding{k.Enter, k.New, k.Edit, k.Delete}
}

func (s *workshopsScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {k.Enter, k.New, k.Edit, k.Delete, k.Demo}}
}

func (s *workshopsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case workshopsMsg:
		s.rows, s.loaded = msg.rows, true
		var rows []screen.Row
		for _, r := range msg.rows {
			rows = append(rows, screen.Row{Cells: []string{r.w.Name, r.w.Date, r.w.OurCompany, fmt.Sprint(r.customers)}})
		}
		s.table.SetRows(rows)
	case screen.DataChanged:
		return s, s.load()
	case demoMsg:
		return s, tea.Batch(s.load(), status(msg.text))
	case tea.KeyPressMsg:
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		switch {
		case key.Matches(msg, k.New):
			return s, push(newWorkshopForm(s.c, s.ws, nil))
		case key.Matches(msg, k.Demo):
			return s, s.openDemo()
		case key.Matches(msg, k.Enter):
			if r, ok := s.selected(); ok {
				return s, s.ws.Load(r.w.ID, newCustomers(s.c, s.ws))
			}
			if len(s.rows) == 0 {
				return s, s.openDemo()
			}
		case key.Matches(msg, k.Edit):
			if r, ok := s.selected(); ok {
				w := r.w
				return s, push(newWorkshopForm(s.c, s.ws, &w))
			}
		case key.Matches(msg, k.Delete):
			if r, ok := s.selected(); ok {
				return s, s.confirmDelete(r)
			}
		}
	}
	return s, nil
}

type demoMsg struct{ text string }

// openDemo creates the demo workshop when it is missing and opens it.
func (s *workshopsScreen) openDemo() tea.Cmd {
	db, lang, c, ws := s.ws.Store(), s.c.Lang, s.c, s.ws
	return ws.Serial(func() tea.Msg {
		if _, err := db.Workshop(assets.DemoID); err != nil {
			ds, err := assets.DemoDataset(lang)
			if err != nil {
				return workbench.Fail(err)
			}
			if err := db.Import(ds, false); err != nil {
				return workbench.Fail(err)
			}
		}
		d, err := db.Load(assets.DemoID)
		if err != nil {
			return workbench.Fail(err)
		}
		return workbench.DatasetMsg{Data: d, Then: newCustomers(c, ws)}
	})
}

func (s *workshopsScreen) confirmDelete(r workshopRow) tea.Cmd {
	text := s.c.T("tui.workshop.delete", r.w.Name, r.customers)
	return s.ws.Confirm(text, s.ws.RemoveWorkshop(r.w.ID, s.c.T("tui.workshop.deleted", r.w.Name), s.c.T("tui.workshop.restored", r.w.Name)))
}

func (s *workshopsScreen) View() string {
	st := s.c.Styles
	if !s.loaded {
		return st.Muted.Render(s.c.T("tui.loading"))
	}
	if len(s.rows) == 0 {
		return s.welcome()
	}
	head := st.Title.Render(s.c.T("tui.workshops.heading"))
	return head + "\n\n" + s.table.View()
}

// welcome is the first screen a new user sees.
func (s *workshopsScreen) welcome() string {
	st := s.c.Styles
	w := min(s.width-4, 72)
	var b strings.Builder
	b.WriteString(st.Title.Render(s.c.T("tui.welcome.title")) + "\n\n")
	b.WriteString(st.Text.Render(screen.Wrap(s.c.T("tui.welcome.body"), w)) + "\n\n")
	b.WriteString(st.Key.Render("  n  ") + st.Text.Render(s.c.T("tui.welcome.new")) + "\n")
	b.WriteString(st.Key.Render("  o  ") + st.Text.Render(s.c.T("tui.welcome.demo")) + "\n")
	box := st.Panel.Width(min(s.width, w+4)).Render(strings.TrimRight(b.String(), "\n"))
	return lipgloss.Place(s.width, s.height, lipgloss.Center, lipgloss.Center, box)
}

// cutoffText shows a workshop's cut-off.
func cutoffText(c *Common, w model.Workshop) string {
	return report.Number(c.Lang, w.Thresholds.Normalized().Risk, 1)
}
