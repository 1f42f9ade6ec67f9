package tui

import (
	"fmt"
	"maps"
	"strings"
	"styrka/ui/answer"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/report"
	"styrka/ui/screen"
)

// whatIfScreen lets a seller change answers and see where the customer
// would land, without saving anything: the placement now beside the
// placement if, and the questions with their answers and the changes.
type whatIfScreen struct {
	c        *Common
	ws       *Workshop
	customer model.Customer
	list     []model.Question
	changes  map[string]model.Score
	table    screen.Table
	width    int
	height   int
}

func newWhatIf(c *Common, ws *Workshop, cu model.Customer) *whatIfScreen {
	s := &whatIfScreen{c: c, ws: ws, customer: cu, list: c.Questions(), changes: map[string]model.Score{}}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: "", Width: 6},
		{Title: c.T("tui.whatif.col.question")},
		{Title: c.T("tui.whatif.col.now"), Width: 10, Right: true},
		{Title: c.T("tui.whatif.col.if"), Width: 10, Right: true},
	}}
	s.rows()
	return s
}

func (s *whatIfScreen) Init() tea.Cmd { return nil }
func (s *whatIfScreen) Title() string { return s.c.T("tui.whatif.title") }
func (s *whatIfScreen) Typing() bool  { return false }

func (s *whatIfScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *whatIfScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	pick := k.Pick
	pick.SetHelp("1–5/0", s.c.T("key.whatif.pick"))
	return []key.Binding{pick, k.Up, k.Down, s.resetKey()}
}

func (s *whatIfScreen) resetKey() key.Binding {
	return key.NewBinding(key.WithKeys("r"), key.WithHelp("r", s.c.T("key.whatif.reset")))
}

func (s *whatIfScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	pick := k.Pick
	pick.SetHelp("1–5/0", s.c.T("key.whatif.pick"))
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}, {pick, s.resetKey()}}
}

// answers are the customer's answers in the open workshop.
func (s *whatIfScreen) answers() map[string]model.Answer {
	if s.ws.Data() == nil {
		return nil
	}
	return s.ws.Data().Answers[s.customer.ID]
}

// assess places the customer with the answers as they are (if false) or
// with the changes laid over them (if true).
func (s *whatIfScreen) assess(changed bool) model.Assessment {
	answers := s.answers()
	if changed && len(s.changes) > 0 {
		answers = maps.Clone(answers)
		if answers == nil {
			answers = map[string]model.Answer{}
		}
		for id, sc := range s.changes {
			a := answers[id]
			a.CustomerID, a.QuestionID, a.Score = s.customer.ID, id, sc
			answers[id] = a
		}
	}
	var t model.Thresholds
	if s.ws.Data() != nil {
		t = s.ws.Data().Workshop.Thresholds
	}
	return model.Assess(t, s.c.Questions(), s.customer, answers)
}

func (s *whatIfScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.rows()
	case tea.KeyPressMsg:
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		switch {
		case key.Matches(msg, k.Pick) && s.table.Cursor < len(s.list):
			q := s.list[s.table.Cursor]
			sc := model.Score(msg.Code - '0')
			if a, ok := s.answers()[q.ID]; ok && a.Score == sc {
				delete(s.changes, q.ID) // back to the answer given
			} else {
				s.changes[q.ID] = sc
			}
			s.rows()
		case key.Matches(msg, s.resetKey()):
			clear(s.changes)
			s.rows()
		}
	}
	return s, nil
}

func (s *whatIfScreen) rows() {
	answers := s.answers()
	rows := make([]screen.Row, len(s.list))
	for i, q := range s.list {
		letter, pos, _ := answer.Position(s.c.Content, s.list, i)
		now := "–"
		if a, ok := answers[q.ID]; ok {
			now = answer.ScoreLabel(s.c.Content, a.Score)
		}
		after := ""
		if sc, ok := s.changes[q.ID]; ok {
			after = "→ " + answer.ScoreLabel(s.c.Content, sc)
		}
		changed := s.c.Styles.Warning
		rows[i] = screen.Row{Cells: []string{fmt.Sprintf("%s %d", letter, pos), q.Text, now, after},
			Styles: nil}
		if after != "" {
			rows[i].Styles = append(rows[i].Styles, nil, nil, nil, &changed)
		}
	}
	s.table.SetRows(rows)
}

// placement names where an assessment lands: classes, regime, priority.
func (s *whatIfScreen) placement(a model.Assessment) string {
	if !a.Placed() {
		return s.c.T("tui.whatif.unplaced")
	}
	l := report.LabelsOf(s.c.Content, s.c.Lang, a)
	return l.Kraljic + " × " + l.Preferencing + " · " + l.Regime + " · " + l.Priority
}

func (s *whatIfScreen) View() string {
	st := s.c.Styles
	w := s.width
	now, after := s.assess(false), s.assess(true)
	head := st.Title.Render(screen.Truncate(s.c.T("tui.whatif.heading", s.customer.Name), w))
	note := st.Muted.Render(screen.Truncate(s.c.T("tui.whatif.nosave"), w))
	label := func(k string) string { return screen.PadRight(s.c.T(k), 10) }
	lineNow := st.Muted.Render(label("tui.whatif.now")) + st.Text.Render(s.placement(now))
	ifStyle := st.Text
	if s.placement(after) != s.placement(now) {
		ifStyle = st.Warning.Bold(true)
	}
	lineIf := st.Muted.Render(label("tui.whatif.if")) + ifStyle.Render(s.placement(after))
	var scores []string
	for _, d := range model.Dimensions {
		a, b := now.Scores[d], after.Scores[d]
		if !a.Placed && !b.Placed {
			continue
		}
		v := func(x model.DimensionScore) string {
			if !x.Placed {
				return "–"
			}
			return report.Number(s.c.Lang, x.Value, 1)
		}
		text := s.c.Content.Dimensions[d].Name + " " + v(a)
		if v(a) != v(b) {
			text += " → " + v(b)
		}
		scores = append(scores, text)
	}
	lines := []string{head, note, "", screen.Truncate(lineNow, w), screen.Truncate(lineIf, w),
		st.Muted.Render(screen.Truncate(strings.Join(scores, " · "), w)), ""}
	s.table.SetSize(w, max(s.height-len(lines), 3))
	return strings.Join(lines, "\n") + s.table.View()
}
