package serve

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/answer"
	"styrka/ui/screen"
)

// waitScreen: joined, waiting for a round that includes the participant.
type waitScreen struct{ page }

func newWaitScreen(m *session) *waitScreen { return &waitScreen{page{m: m}} }

func (s *waitScreen) Update(tea.Msg) (screen.Screen, tea.Cmd) { return s, nil }
func (s *waitScreen) Title() string                           { return s.m.me.Name }

func (s *waitScreen) View() string {
	m, st := s.m, s.m.st
	text := m.T("serve.wait.text")
	if m.other != "" {
		text = m.T("serve.wait.other", m.other)
	}
	return "\n" + st.Title.Render(screen.Truncate(m.T("serve.wait.title", m.me.Name), s.width)) + "\n\n" +
		st.Text.Render(screen.Wrap(text, s.width)) + "\n"
}

// voteScreen asks the round's questions one at a time through the answer
// card. A pick is the participant's vote (or re-vote, when the
// facilitator opened one), saved at once; the screen then moves to the
// next question without a vote.
type voteScreen struct {
	m             *session
	index         int
	card          *answer.Card
	width, height int
}

func newVoteScreen(m *session, i int) *voteScreen {
	s := &voteScreen{m: m}
	s.open(i)
	return s
}

// open shows question i with the participant's vote on it, if any.
func (s *voteScreen) open(i int) {
	m := s.m
	s.index = i
	m.last = i
	q := m.questions[i]
	var current *model.Score
	note := ""
	if v, ok := m.mine(q.ID); ok {
		sc := v.Score
		current, note = &sc, v.Note
	}
	t := answer.Texts{DontKnow: m.T("answer.dontknow"), NoteLabel: m.T("serve.note.label"), Placeholder: m.T("serve.note.placeholder")}
	s.card = answer.New(q, current, note, t, m.keys.Card(), m.styles)
	s.card.SetWidth(s.width)
}

func (s *voteScreen) question() model.Question { return s.m.questions[s.index] }

// accepts reports whether the question shown takes a vote now.
func (s *voteScreen) accepts() bool {
	_, ok := s.m.round.Accepts(s.question().ID)
	return ok
}

func (s *voteScreen) Init() tea.Cmd { return nil }
func (s *voteScreen) Title() string { return s.m.ref(s.index) }
func (s *voteScreen) Typing() bool  { return s.card != nil && s.card.OnNote() }
func (s *voteScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	if s.card != nil {
		s.card.SetWidth(w)
	}
}

func (s *voteScreen) ShortHelp() []key.Binding {
	m, k := s.m, s.m.keys
	if s.Typing() {
		save := k.Choose
		save.SetHelp("enter", m.T("serve.key.savenext"))
		back := k.Leave
		back.SetHelp("esc", m.T("serve.key.rescore"))
		return []key.Binding{save, back, leave(m)}
	}
	pick := k.Pick
	pick.SetHelp("1–5/0", m.T("serve.key.pick"))
	note := k.Note
	note.SetHelp("tab", m.T("serve.key.note"))
	move := k.NextVote
	move.SetHelp("←/→", m.T("serve.key.move"))
	return []key.Binding{pick, note, move, k.MyAnswers}
}

func (s *voteScreen) FullHelp() [][]key.Binding {
	k := s.m.keys
	return [][]key.Binding{{k.Pick, k.Up, k.Down, k.Choose, k.Note, k.Leave}, {k.PrevVote, k.NextVote, k.MyAnswers}}
}

func (s *voteScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if s.card == nil {
		return s, nil
	}
	m, k := s.m, s.m.keys
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		s.card.Restyle()
		return s, nil
	case tea.KeyPressMsg:
		if s.card.OnNote() {
			if key.Matches(msg, k.Back) {
				return s, s.event(s.card.LeaveNote())
			}
			break
		}
		switch {
		case key.Matches(msg, k.PrevVote):
			if s.index > 0 {
				return s, s.move(s.index - 1)
			}
			return s, nil
		case key.Matches(msg, k.NextVote):
			if s.index < len(m.questions)-1 {
				return s, s.move(s.index + 1)
			}
			return s, nil
		case key.Matches(msg, k.MyAnswers):
			return s, tea.Sequence(s.save(), screen.Pop)
		}
	case tea.PasteMsg:
	default:
		// The note's own messages (its cursor).
		if !s.card.OnNote() {
			return s, nil
		}
	}
	cmd, ev := s.card.Update(msg)
	return s, tea.Batch(cmd, s.event(ev))
}

// move saves what the card holds and opens question i.
func (s *voteScreen) move(i int) tea.Cmd {
	save := s.save()
	s.open(i)
	return save
}

// event acts on what the card asks.
func (s *voteScreen) event(ev answer.Event) tea.Cmd {
	m := s.m
	switch ev {
	case answer.Picked, answer.NoteDone:
		return tea.Sequence(s.save(), s.next(false))
	case answer.Kept:
		return s.next(false)
	case answer.Skipped:
		ref := m.ref(s.index)
		return tea.Sequence(s.next(true), screen.Status(m.T("serve.vote.skipped", ref)))
	case answer.NoteLeft:
		return s.save()
	case answer.NoScore:
		return screen.Status(m.T("serve.vote.noscore"))
	}
	return nil
}

// next opens the next question without a vote, or goes back to the
// answers when none is left. skipped leaves the question shown out.
func (s *voteScreen) next(skipped bool) tea.Cmd {
	m := s.m
	if i := m.nextPending(s.index); i >= 0 && !(skipped && i == s.index) {
		s.open(i)
		return nil
	}
	m.last = s.index
	s.card = nil // nothing is left to save
	if m.answered() == len(m.questions) {
		return tea.Sequence(screen.Status(m.T("serve.round.alldone")), screen.Pop)
	}
	return screen.Pop
}

// Flush saves a note typed and not saved yet.
func (s *voteScreen) Flush() tea.Cmd { return s.save() }

// save stores the card's score with its note as a vote, unless nothing is
// chosen or the participant's vote is that already.
func (s *voteScreen) save() tea.Cmd {
	m := s.m
	if s.card == nil {
		return nil
	}
	score, ok := s.card.Score()
	if !ok {
		return nil
	}
	q := s.question()
	note := s.card.Note()
	if v, ok := m.mine(q.ID); ok && v.Score == score && v.Note == note {
		return nil
	}
	revote, open := m.round.Accepts(q.ID)
	if !open {
		return screen.StatusError(m.T("serve.vote.closed"))
	}
	return m.save(model.Vote{RoundID: m.round.ID, ParticipantID: m.me.ID, QuestionID: q.ID, Revote: revote,
		Score: score, Note: note, At: m.srv.o.Now().UTC()})
}

// View draws the progress line above the card.
func (s *voteScreen) View() string {
	if s.card == nil {
		return ""
	}
	m, st := s.m, s.m.st
	q := s.question()
	status := st.Muted.Render(m.T("serve.progress", m.answered(), len(m.questions)))
	if v, ok := m.mine(q.ID); ok {
		status += st.Muted.Render("  ·  ") + st.OK.Render(m.T("serve.yours", m.scoreLabel(v.Score)))
	}
	if m.round.Revote(q.ID) > 0 {
		status += st.Muted.Render("  ·  ") + st.Warning.Render(m.T("serve.revote"))
	}
	return screen.Truncate(status, s.width) + "\n\n" + s.card.View()
}

// mineScreen lists the round's questions with the participant's own
// answers and, once the facilitator has revealed a question, how the
// team voted on it.
type mineScreen struct {
	m             *session
	cursor        int
	width, height int
}

func newMineScreen(m *session) *mineScreen { return &mineScreen{m: m} }

func (s *mineScreen) Init() tea.Cmd    { return nil }
func (s *mineScreen) Title() string    { return s.m.me.Name + " › " + s.m.customer }
func (s *mineScreen) Typing() bool     { return false }
func (s *mineScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *mineScreen) ShortHelp() []key.Binding {
	k := s.m.keys
	move := k.Down
	move.SetHelp("↑/↓", s.m.T("serve.key.choose"))
	if len(s.m.round.Voting()) > 0 {
		return []key.Binding{move, k.Change}
	}
	return []key.Binding{move}
}

func (s *mineScreen) FullHelp() [][]key.Binding {
	k := s.m.keys
	return [][]key.Binding{{k.Up, k.Down, k.Change}}
}

func (s *mineScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	m := s.m
	n := len(m.questions)
	switch msg := msg.(type) {
	case screen.DataChanged:
		if msg.Shown {
			s.cursor = m.last
		}
	case tea.KeyPressMsg:
		if n == 0 {
			return s, nil
		}
		k := m.keys
		switch {
		case key.Matches(msg, k.Up):
			s.cursor = (s.cursor + n - 1) % n
		case key.Matches(msg, k.Down):
			s.cursor = (s.cursor + 1) % n
		case key.Matches(msg, k.Change):
			s.cursor = min(s.cursor, n-1)
			if _, ok := m.round.Accepts(m.questions[s.cursor].ID); !ok {
				return s, screen.StatusError(m.T("serve.vote.closed"))
			}
			return s, screen.Push(newVoteScreen(m, s.cursor))
		}
	}
	return s, nil
}

func (s *mineScreen) View() string {
	m, st := s.m, s.m.st
	w := s.width
	r := m.round
	sub := m.T("serve.mine.open")
	if r.State != model.SilentOpen {
		sub = m.T("serve.mine.revealed")
	}
	tallies := map[string]model.QuestionTally{}
	if r.State != model.SilentOpen {
		for _, t := range model.Tally(r, m.votes) {
			tallies[t.QuestionID] = t
		}
	}
	refW, rightW := 0, 0
	rights := make([]string, len(m.questions))
	flagged := false
	for i, q := range m.questions {
		refW = max(refW, ansi.StringWidth(m.ref(i)))
		mine := m.T("serve.mine.none")
		if v, ok := m.mine(q.ID); ok {
			mine = m.scoreLabel(v.Score)
		}
		right := screen.Align(mine, 10, true)
		if t, ok := tallies[q.ID]; ok && !r.Hidden(q.ID) {
			right += "  " + s.distribution(t)
			flagged = flagged || t.Flagged
			if a, ok := r.Agreed[q.ID]; ok {
				right += "  " + m.T("serve.mine.agreed", m.scoreLabel(a))
			}
		} else if _, ok := r.Accepts(q.ID); ok && r.State != model.SilentOpen {
			right += "  " + m.T("serve.revote")
		}
		rights[i] = right
		rightW = max(rightW, ansi.StringWidth(right))
	}
	out := []string{st.Title.Render(screen.Truncate(m.T("serve.mine.title"), w)), st.Muted.Render(screen.Truncate(sub, w))}
	if flagged {
		out = append(out, st.Warning.Render("⚑")+" "+st.Muted.Render(screen.Truncate(m.T("serve.mine.flag", model.DivergenceSpread), w-2)))
	}
	out = append(out, "")
	textW := max(w-refW-rightW-6, 8)
	rows := make([]string, len(m.questions))
	for i, q := range m.questions {
		line := screen.PadRight(m.ref(i), refW) + "  " + screen.Cell(q.Text, textW) + "  " + rights[i]
		if i == s.cursor {
			rows[i] = st.Cursor.Render("› ") + st.Selected.Render(screen.Truncate(line, w-2))
		} else {
			rows[i] = "  " + st.Text.Render(screen.Truncate(line, w-2))
		}
	}
	room := max(s.height-len(out), 1)
	off := screen.ScrollWindow(s.cursor, 0, len(rows), room)
	out = append(out, rows[off:min(off+room, len(rows))]...)
	return strings.Join(out, "\n")
}

// distribution shows how many chose each level, and don't know:
// "1:0 2:1 3:4 4:1 5:0 ?:1", flagged ⚑ when the team is far apart.
func (s *mineScreen) distribution(t model.QuestionTally) string {
	var parts []string
	for l := 1; l <= model.Levels; l++ {
		parts = append(parts, fmt.Sprintf("%d:%d", l, t.Counts[l]))
	}
	parts = append(parts, fmt.Sprintf("?:%d", t.Counts[0]))
	out := strings.Join(parts, " ")
	if t.Flagged {
		out += " " + s.m.st.Warning.Render("⚑")
	}
	return out
}
