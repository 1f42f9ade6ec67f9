package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/report"
	"styrka/ui/screen"
)

// stabilityScreen lists the workshop's customers least stable first: how
// often their class holds when the weights are drawn at random, and the
// smallest single change that moves them. It is where the room should
// spend its discussion time.
type stabilityScreen struct {
	c       *Common
	ws      *Workshop
	table   screen.Table
	list    []model.Unstable
	loaded  bool
	width   int
	height  int
	pending int // the request whose answer is awaited
}

// stabilityMsg is the list, worked out in a command.
type stabilityMsg struct {
	request int
	list    []model.Unstable
}

func newStabilityScreen(c *Common, ws *Workshop) *stabilityScreen {
	s := &stabilityScreen{c: c, ws: ws}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: "#", Width: 3, Right: true},
		{Title: c.T("col.customer")},
		{Title: c.T("tui.stable.col.share"), Width: 12, Right: true},
		{Title: c.T("tui.stable.col.change"), Width: 70},
	}}
	return s
}

func (s *stabilityScreen) Init() tea.Cmd { return s.load() }

// load works the list out away from Update: a large workshop takes a
// moment.
func (s *stabilityScreen) load() tea.Cmd {
	if s.ws.Data() == nil {
		return nil
	}
	s.pending++
	d, qs, req := *s.ws.Data(), s.c.Questions(), s.pending
	return func() tea.Msg { return stabilityMsg{request: req, list: model.LeastStable(d, qs)} }
}

func (s *stabilityScreen) Title() string { return s.c.T("tui.stable.title") }
func (s *stabilityScreen) Typing() bool  { return false }

func (s *stabilityScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, h-3)
}

func (s *stabilityScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.Enter, k.Up, k.Down}
}

func (s *stabilityScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Enter}}
}

func (s *stabilityScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case stabilityMsg:
		if msg.request == s.pending {
			s.list, s.loaded = msg.list, true
			s.rows()
		}
	case screen.DataChanged:
		if !msg.Team {
			return s, s.load()
		}
	case tea.KeyPressMsg:
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		if key.Matches(msg, k.Enter) && s.table.Cursor < len(s.list) {
			return s, push(newBrief(s.c, s.ws, s.list[s.table.Cursor].Assessment.Customer.ID))
		}
	}
	return s, nil
}

func (s *stabilityScreen) rows() {
	c := s.c.Content
	rows := make([]screen.Row, len(s.list))
	for i, u := range s.list {
		change := s.c.T("tui.stable.nochange")
		if u.Smallest != nil {
			change = report.ChangeSentence(c, s.c.Lang, s.c.Questions(), *u.Smallest)
		}
		share := report.Number(s.c.Lang, 100*u.Stability.Share, 0) + " %"
		st := s.c.Styles.Text
		if u.Stability.Share < 0.9 {
			st = s.c.Styles.Warning
		}
		rows[i] = screen.Row{
			Cells:  []string{fmt.Sprint(i + 1), u.Assessment.Customer.Name, share, change},
			Styles: []*lipgloss.Style{nil, nil, &st},
		}
	}
	s.table.Empty = s.c.T("tui.stable.empty")
	s.table.SetRows(rows)
}

func (s *stabilityScreen) View() string {
	st := s.c.Styles
	head := st.Title.Render(screen.Truncate(s.c.T("tui.stable.heading"), s.width))
	intro := strings.Split(screen.Wrap(s.c.T("tui.stable.intro", model.StabilityDraws), s.width), "\n")
	if len(intro) > 2 {
		intro = intro[:2]
	}
	top := head + "\n" + st.Muted.Render(strings.Join(intro, "\n")) + "\n\n"
	if !s.loaded {
		return top + st.Muted.Render(s.c.T("tui.loading"))
	}
	// The selected customer's change in full below the list.
	var detail []string
	if i := s.table.Cursor; i < len(s.list) && s.list[i].Smallest != nil {
		u := s.list[i]
		text := u.Assessment.Customer.Name + ": " + report.ChangeSentence(s.c.Content, s.c.Lang, s.c.Questions(), *u.Smallest)
		detail = strings.Split(screen.Wrap(text, s.width), "\n")
		if len(detail) > 3 {
			detail = detail[:3]
		}
	}
	used := 2 + len(intro) + 1
	s.table.SetSize(s.width, max(s.height-used-len(detail)-1, 3))
	out := top + s.table.View()
	if len(detail) > 0 {
		out += "\n\n" + st.Text.Render(strings.Join(detail, "\n"))
	}
	return out
}
