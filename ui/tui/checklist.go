package tui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/store"
	"styrka/ui/answer"
	"styrka/ui/screen"
)

// The checklist "validate with the customer" (McDonald & Woodburn: "ask
// them"), opened from the brief: the set A answers to validate
// (model.Checklist), one a line with its question, score and source.
// Space ticks an answer confirmed by the person at the keyboard, or takes
// the tick back; s says where it comes from: our estimate, data, the
// customer.

// checklistScreen ticks one customer's answers off.
type checklistScreen struct {
	c     *Common
	ws    *Workshop
	id    string
	table screen.Table
	// ids are the questions listed: those on the checklist when the
	// screen opened and any that came on since, so that a line stays where
	// it is while its answer is ticked or its source changes.
	ids    []string
	width  int
	height int
}

func newChecklist(c *Common, ws *Workshop, customerID string) *checklistScreen {
	s := &checklistScreen{c: c, ws: ws, id: customerID}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: c.T("tui.col.done"), Width: 3},
		{Title: "", Width: 6},
		{Title: c.T("tui.col.question")},
		{Title: c.T("col.score"), Width: 10},
		{Title: c.T("label.source"), Width: 22},
		{Title: c.T("col.status"), Width: 30},
	}}
	s.table.Empty = c.T("tui.brief.novalidate")
	s.reload()
	return s
}

func (s *checklistScreen) Init() tea.Cmd { return nil }
func (s *checklistScreen) Typing() bool  { return false }
func (s *checklistScreen) Title() string { return s.c.T("tui.check") }

// answers are the customer's answers in the open workshop.
func (s *checklistScreen) answers() map[string]model.Answer {
	if d := s.ws.Data(); d != nil {
		return d.Answers[s.id]
	}
	return nil
}

// reload lists the checklist again, keeping the lines already listed.
func (s *checklistScreen) reload() {
	answers := s.answers()
	for _, it := range model.Checklist(s.c.Questions(), answers) {
		if !slices.Contains(s.ids, it.QuestionID) {
			s.ids = append(s.ids, it.QuestionID)
		}
	}
	// In question order, and only answers that are still there.
	order := map[string]int{}
	for i, q := range s.c.Questions() {
		order[q.ID] = i
	}
	s.ids = slices.DeleteFunc(s.ids, func(id string) bool { _, ok := answers[id]; return !ok })
	slices.SortFunc(s.ids, func(a, b string) int { return order[a] - order[b] })

	st := s.c.Styles
	rows := make([]screen.Row, len(s.ids))
	for i, id := range s.ids {
		a := answers[id]
		q, _ := s.c.QuestionByID(id)
		box, bst := "[ ]", st.Key
		if a.Confirmed() {
			box, bst = "[x]", st.Heading
		}
		score := answer.ScoreLabel(s.c.Content, a.Score)
		scoreSt := st.Text
		if !a.Score.Known() {
			scoreSt = st.Warning
		}
		muted := st.Muted
		rows[i] = screen.Row{
			Cells:  []string{box, s.ref(q), q.Text, score, s.sourceName(a), s.why(a)},
			Styles: []*lipgloss.Style{&bst, &muted, nil, &scoreSt, nil, &muted},
		}
	}
	s.table.SetRows(rows)
}

// ref is a question's short reference: "A 3".
func (s *checklistScreen) ref(q model.Question) string {
	set, ok := s.c.Content.Set(q.Set)
	if !ok {
		return ""
	}
	i := slices.IndexFunc(set.Questions, func(x model.Question) bool { return x.ID == q.ID })
	return answer.SetLetter(s.c.Content, q.Set) + " " + strconv.Itoa(i+1)
}

// sourceName names where an answer comes from, with the data or person
// it names.
func (s *checklistScreen) sourceName(a model.Answer) string {
	if !a.Source.Valid() {
		return "–"
	}
	name := s.c.T("source." + string(a.Source))
	if a.SourceRef != "" {
		name += " (" + a.SourceRef + ")"
	}
	return name
}

// why says who confirmed an answer and when, or why it is listed.
func (s *checklistScreen) why(a model.Answer) string {
	switch {
	case a.Confirmed():
		when := ""
		if !a.ConfirmedAt.IsZero() {
			when = a.ConfirmedAt.UTC().Format(time.DateOnly)
		}
		return strings.TrimSuffix(s.c.T("check.confirmed", orDash(a.ConfirmedBy), when), ", ")
	case !a.Score.Known():
		return s.c.T("check.dontknow")
	case a.Source == model.FromEstimate:
		return s.c.T("check.estimate")
	case strings.TrimSpace(a.Note) == "" && strings.TrimSpace(a.SourceRef) == "":
		return s.c.T("brief.noevidence")
	}
	return ""
}

func (s *checklistScreen) selected() (string, model.Answer, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.ids) {
		return "", model.Answer{}, false
	}
	id := s.ids[s.table.Cursor]
	a, ok := s.answers()[id]
	return id, a, ok
}

func (s *checklistScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, max(h-2-s.detailLines(), 3))
}

// detailLines is the room under the table for the selected question in
// full and its evidence, in a window tall enough.
func (s *checklistScreen) detailLines() int {
	if s.height < 18 {
		return 0
	}
	return 4
}

func (s *checklistScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if len(s.ids) == 0 {
		return nil
	}
	return []key.Binding{k.Tick, k.Source}
}

func (s *checklistScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.Home, k.End},
		{k.Tick, k.Source},
	}
}

func (s *checklistScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
	case tea.KeyPressMsg:
		// Space ticks here: it does not page down.
		if !key.Matches(msg, k.Tick) && s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		id, a, ok := s.selected()
		if !ok || s.ws.Data() == nil {
			return s, nil
		}
		q, _ := s.c.QuestionByID(id)
		ref := s.ref(q)
		wid := s.ws.Data().Workshop.ID
		switch {
		case key.Matches(msg, k.Tick) && !a.Score.Known():
			return s, status(s.c.T("tui.check.dontknow", ref))
		case key.Matches(msg, k.Tick) && a.Confirmed():
			return s, s.ws.ReloadAfter(func(p store.Store) error { return p.UnconfirmAnswer(wid, s.id, id) },
				s.c.T("tui.check.unticked", ref))
		case key.Matches(msg, k.Tick):
			by := s.ws.Author()
			return s, s.ws.ReloadAfter(func(p store.Store) error { return p.ConfirmAnswer(wid, s.id, id, by) },
				s.c.T("tui.check.ticked", ref, model.SafeLine(by)))
		case key.Matches(msg, k.Source):
			next := nextSource(a.Source)
			ref2 := a.SourceRef
			return s, s.ws.ReloadAfter(func(p store.Store) error { return p.SetAnswerSource(wid, s.id, id, next, ref2) },
				s.c.T("tui.check.source", ref, s.c.T("source."+string(next))))
		}
	}
	return s, nil
}

// nextSource cycles where an answer comes from: our estimate, data, the
// customer, and round again.
func nextSource(src model.AnswerSource) model.AnswerSource {
	i := slices.Index(model.AnswerSources, src)
	return model.AnswerSources[(i+1)%len(model.AnswerSources)]
}

func (s *checklistScreen) View() string {
	st := s.c.Styles
	title := s.c.T("tui.check.title", model.SafeLine(s.ws.CustomerName(s.id)))
	done := 0
	answers := s.answers()
	for _, id := range s.ids {
		if answers[id].Confirmed() {
			done++
		}
	}
	right := ""
	if len(s.ids) > 0 {
		right = s.c.T("tui.check.count", done, len(s.ids))
	}
	title = screen.Truncate(title, max(s.width-ansi.StringWidth(right)-1, 0))
	head := st.Title.Render(title) + strings.Repeat(" ", max(s.width-ansi.StringWidth(title)-ansi.StringWidth(right), 0)) + st.Muted.Render(right)
	out := head + "\n\n" + s.table.View()
	if n := s.detailLines(); n > 0 {
		if d := s.detail(s.width, n); len(d) > 0 {
			// At the foot of the screen, a blank line at least above.
			gap := max(s.height-lipgloss.Height(out)-len(d), 1)
			out += strings.Repeat("\n", gap+1) + strings.Join(d, "\n")
		}
	}
	return out
}

// detail is the selected question in full and the answer's evidence, in
// at most n lines.
func (s *checklistScreen) detail(w, n int) []string {
	id, a, ok := s.selected()
	if !ok {
		return nil
	}
	st := s.c.Styles
	q, _ := s.c.QuestionByID(id)
	out := screen.Styled(screen.Wrap(s.ref(q)+"  "+q.Text, w), st.Text)
	if a.Note != "" {
		out = append(out, lead("", s.c.T("label.evidence")+":", strings.ReplaceAll(a.Note, "\n", " "), w, st.Muted, st.Text)...)
	}
	if len(out) > n {
		out = out[:n]
		out[n-1] = screen.Truncate(out[n-1], w-2) + " …"
	}
	return out
}
