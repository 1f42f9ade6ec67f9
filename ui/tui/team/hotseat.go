package team

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/screen"
	"styrka/ui/tui/workbench"
)

// The hot seat: participants take turns at the facilitator's keyboard.
// Whoever's turn it is answers the round's questions on the question
// screen, which saves their votes instead of the customer's answers; then
// a hand-over screen asks them to pass the keyboard on, showing nothing of
// what they chose.

// Turn is one participant's turn in a silent round at the shared
// keyboard. The root's question screen takes it (TurnMsg): it reads and
// saves the participant's votes instead of the customer's answers, never
// shows them back, and hands over when the last question is done.
type Turn struct {
	c           *workbench.Common
	ws          *workbench.Workshop
	roundID     string
	participant model.Participant
}

// Name is whose turn it is.
func (t *Turn) Name() string { return t.participant.Name }

// CustomerID is the customer the round is about.
func (t *Turn) CustomerID() string {
	r, _ := t.ws.SilentRound(t.roundID)
	return r.CustomerID
}

// Questions are the questions the round takes votes on now.
func (t *Turn) Questions() []model.Question {
	r, _ := t.ws.SilentRound(t.roundID)
	var out []model.Question
	for _, id := range r.Voting() {
		if q, ok := t.c.QuestionByID(id); ok {
			out = append(out, q)
		}
	}
	return out
}

// Answers are the participant's current votes as answers, keyed by
// question ID.
func (t *Turn) Answers() map[string]model.Answer {
	r, ok := t.ws.SilentRound(t.roundID)
	if !ok {
		return nil
	}
	out := map[string]model.Answer{}
	for _, v := range t.ws.RoundVotes(t.roundID) {
		if v.ParticipantID == t.participant.ID && v.Revote == r.Revote(v.QuestionID) {
			out[v.QuestionID] = model.Answer{QuestionID: v.QuestionID, Score: v.Score, Note: v.Note, At: v.At}
		}
	}
	return out
}

// Save stores an answer given on the question screen as the
// participant's vote.
func (t *Turn) Save(a model.Answer) tea.Cmd {
	r, _ := t.ws.SilentRound(t.roundID)
	rev, _ := r.Accepts(a.QuestionID)
	v := model.Vote{RoundID: t.roundID, ParticipantID: t.participant.ID, QuestionID: a.QuestionID,
		Revote: rev, Score: a.Score, Note: a.Note, At: a.At}
	db, wid := t.ws.Store(), t.ws.Data().Workshop.ID
	closed := t.c.T("tui.hot.closed")
	return func() tea.Msg {
		if err := db.SaveVote(wid, v); err != nil {
			if errors.Is(err, store.ErrNotOpen) {
				return screen.StatusMsg{Text: closed, Err: true}
			}
			return workbench.Fail(err)
		}
		return VoteSavedMsg{WorkshopID: wid, Vote: v}
	}
}

// HandOver is the screen that follows the turn: it thanks the participant
// and asks them to pass the keyboard on; left is how many questions they
// left unanswered.
func (t *Turn) HandOver(left int) screen.Screen { return newHandOver(t.c, t.participant.Name, left) }

// hotSeatScreen asks who is at the keyboard: the round's participants with how
// far each has come, never what they chose.
type hotSeatScreen struct {
	c      *workbench.Common
	ws     *workbench.Workshop
	id     string
	round  model.SilentRound
	found  bool
	people []string
	table  screen.Table
	width  int
	height int
}

func newHotSeat(c *workbench.Common, ws *workbench.Workshop, roundID string) *hotSeatScreen {
	s := &hotSeatScreen{c: c, ws: ws, id: roundID}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: c.T("tui.team.col.name")},
		{Title: c.T("tui.team.col.role"), Width: 16},
		{Title: c.T("tui.silent.col.progress"), Width: 14, Right: true},
	}}
	s.reload(true)
	return s
}

func (s *hotSeatScreen) Init() tea.Cmd { return nil }
func (s *hotSeatScreen) Title() string { return s.c.T("tui.hot.title") }
func (s *hotSeatScreen) Typing() bool  { return false }

func (s *hotSeatScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, max(h-2-len(s.intro()), 2))
}

// intro asks who is at the keyboard, or says everyone has finished.
func (s *hotSeatScreen) intro() []string {
	text := s.c.T("tui.hot.intro")
	if s.found && s.allDone() {
		text = s.c.T("tui.hot.alldone")
	}
	return screen.Styled(screen.Wrap(text, max(s.width, 1)), s.c.Styles.Muted)
}

func (s *hotSeatScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	enter := k.Enter
	enter.SetHelp("enter", s.c.T("key.hot.choose"))
	return []key.Binding{k.Up, k.Down, enter}
}

func (s *hotSeatScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// reload rebuilds the rows; next moves the cursor to the first who has
// not finished.
func (s *hotSeatScreen) reload(next bool) {
	s.round, s.found = s.ws.SilentRound(s.id)
	s.people = s.round.Participants
	votes := s.ws.RoundVotes(s.id)
	fin := model.Finished(s.round, votes)
	answered := model.Answered(s.round, votes)
	st := s.c.Styles
	rows := make([]screen.Row, len(s.people))
	first := -1
	for i, pid := range s.people {
		p, _ := s.ws.Participant(pid)
		text, ps := s.c.T("tui.silent.notstarted"), st.Muted
		switch {
		case fin[pid]:
			text, ps = "✓ "+s.c.T("tui.silent.finished"), st.OK
		case answered[pid] > 0:
			text = s.c.T("tui.silent.answered", answered[pid], len(s.round.Questions))
		}
		if !fin[pid] && first < 0 {
			first = i
		}
		rows[i] = screen.Row{Cells: []string{participantName(s.c, s.ws, pid), p.Role, text}, Styles: []*lipgloss.Style{nil, nil, &ps}}
	}
	s.table.SetRows(rows)
	if next && first >= 0 {
		s.table.Cursor = first
	}
	s.SetSize(s.width, s.height)
}

// allDone reports whether every participant has voted on every question.
func (s *hotSeatScreen) allDone() bool {
	for _, done := range model.Finished(s.round, s.ws.RoundVotes(s.id)) {
		if !done {
			return false
		}
	}
	return true
}

func (s *hotSeatScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload(!msg.Team)
	case tea.KeyPressMsg:
		k := s.c.Keys
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		if key.Matches(msg, k.Enter) && s.table.Cursor < len(s.people) {
			if len(s.round.Voting()) == 0 {
				return s, screen.Status(s.c.T("tui.hot.closed"))
			}
			p, ok := s.ws.Participant(s.people[s.table.Cursor])
			if !ok {
				return s, nil
			}
			turn := &Turn{c: s.c, ws: s.ws, roundID: s.id, participant: p}
			return s, func() tea.Msg { return TurnMsg{turn} }
		}
	}
	return s, nil
}

func (s *hotSeatScreen) View() string {
	head, ok := roundHeading(s.c, s.ws, s.round, s.found, "tui.hot.heading", s.width)
	if !ok {
		return head
	}
	return head + "\n" + strings.Join(s.intro(), "\n") + "\n\n" + s.table.View()
}

// handOverScreen is shown when a participant has had their turn: it thanks
// them and asks them to pass the keyboard, showing nothing of their
// scores.
type handOverScreen struct {
	c      *workbench.Common
	name   string
	left   int
	width  int
	height int
}

func newHandOver(c *workbench.Common, name string, left int) *handOverScreen {
	return &handOverScreen{c: c, name: name, left: left}
}

func (s *handOverScreen) Init() tea.Cmd    { return nil }
func (s *handOverScreen) Title() string    { return s.c.T("tui.hot.handover") }
func (s *handOverScreen) Typing() bool     { return false }
func (s *handOverScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *handOverScreen) ShortHelp() []key.Binding {
	enter := s.c.Keys.Enter
	enter.SetHelp("enter", s.c.T("key.hot.next"))
	return []key.Binding{enter}
}

func (s *handOverScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *handOverScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.Keys.Enter) {
		return s, screen.Pop
	}
	return s, nil
}

func (s *handOverScreen) View() string {
	st := s.c.Styles
	w := max(min(s.width-6, 60), 10)
	lines := []string{st.Heading.Render(screen.Truncate(s.c.T("tui.hot.thanks", s.name), w)), ""}
	lines = append(lines, screen.Styled(screen.Wrap(s.c.T("tui.hot.hidden"), w), st.Text)...)
	if s.left > 0 {
		lines = append(lines, "")
		lines = append(lines, screen.Styled(screen.Wrap(s.c.T("tui.hot.left", s.left), w), st.Warning)...)
	}
	lines = append(lines, "", st.Title.Render(screen.Truncate(s.c.T("tui.hot.pass"), w)), "",
		st.Key.Render("enter")+" "+st.KeyDesc.Render(screen.Truncate(s.c.T("key.hot.next"), w-6)))
	return screen.PlaceCenter(s.width, s.height, st.Dialog.Render(strings.Join(lines, "\n")))
}
