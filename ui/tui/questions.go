package tui

import (
	"errors"
	"fmt"
	"strings"
	"styrka/ui/screen"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"styrka/ui/answer"

	"styrka/model"
	"styrka/store"
	"styrka/ui/tui/team"
	"styrka/ui/tui/workbench"
)

// undoStep is how to take back what one visit to a question saved.
type undoStep struct {
	visit  int
	index  int
	before *model.Answer // nil: there was no answer
}

// questionsScreen asks one customer's questions, one at a time, on the
// answer card: the anchored levels plus "don't know", then an optional evidence
// note. Nothing is chosen for the user: a digit saves that level at once
// and opens the next question, enter on an untouched question moves on
// and saves nothing, and a note is saved with the score as it is. Every
// answer is saved the moment it is given, and whatever is picked or
// typed but unsaved when the screen is left or the program quits
// (Flush).
type questionsScreen struct {
	c        *Common
	ws       *Workshop
	customer model.Customer
	mode     answer.Mode
	list     []model.Question
	index    int

	card *answer.Card
	// saved is what the store holds for the current question as far as
	// this screen knows; nil when nothing.
	saved *model.Answer
	// visit counts cards opened, so that saving the score and then the
	// note of one question is one undo step.
	visit  int
	before *model.Answer
	undo   []undoStep

	opening string // the status shown when the screen opens
	width   int
	height  int

	// vote, when set, makes this a participant's turn in a silent round
	// (team.TurnMsg): their votes are read and saved instead of the
	// customer's answers, and never shown back.
	vote *team.Turn
}

func newQuestions(c *Common, ws *Workshop, customerID string, mode answer.Mode) Screen {
	s := &questionsScreen{c: c, ws: ws, mode: mode, list: answer.Questions(c.Content, mode)}
	s.customer.ID = customerID
	if ws.Data() != nil {
		for _, cu := range ws.Data().Customers {
			if cu.ID == customerID {
				s.customer = cu
			}
		}
	}
	return s.start()
}

// newTurnQuestions is the question screen for one participant's turn in
// a silent round: the questions the round takes votes on now, from the
// first they have not voted on.
func newTurnQuestions(c *Common, ws *Workshop, t *team.Turn) Screen {
	s := &questionsScreen{c: c, ws: ws, mode: answer.Both, vote: t, list: t.Questions()}
	id := t.CustomerID()
	for _, cu := range ws.Data().Customers {
		if cu.ID == id {
			s.customer = cu
		}
	}
	return s.start()
}

// start opens the first unanswered question.
func (s *questionsScreen) start() Screen {
	if len(s.list) == 0 {
		return s
	}
	s.index = answer.FirstUnanswered(s.list, s.answers())
	if s.index < 0 {
		s.index = 0
		s.opening = s.c.T("tui.q.allanswered")
	}
	s.build(s.stored(s.index))
	return s
}

// answers are the customer's answers in the open workshop.
func (s *questionsScreen) answers() map[string]model.Answer {
	if s.vote != nil && s.ws.Data() != nil {
		return s.vote.Answers()
	}
	if s.ws.Data() == nil {
		return nil
	}
	return s.ws.Data().Answers[s.customer.ID]
}

// stored is the answer the open workshop holds for question i, or nil.
func (s *questionsScreen) stored(i int) *model.Answer {
	if a, ok := s.answers()[s.list[i].ID]; ok {
		return &a
	}
	return nil
}

// build opens the card of the current question, whose stored answer is
// current (nil when none). A participant's own vote is never shown back
// on the shared keyboard.
func (s *questionsScreen) build(current *model.Answer) {
	s.visit++
	s.saved, s.before = current, current
	var score *model.Score
	note := ""
	if current != nil && s.vote == nil {
		sc := current.Score
		score, note = &sc, current.Note
	}
	t := answer.Texts{DontKnow: s.c.T("answer.dontknow"), NoteLabel: s.c.T("tui.q.note"),
		Placeholder: s.c.T("tui.q.note.placeholder." + string(s.list[s.index].Set))}
	s.card = answer.New(s.list[s.index], score, note, t, s.c.Keys.Card(), s.c.CurrentStyles)
	s.sizeCard()
}

func (s *questionsScreen) Init() tea.Cmd {
	if s.card == nil {
		return nil
	}
	if s.opening != "" {
		return status(s.opening)
	}
	return nil
}

func (s *questionsScreen) Title() string {
	if s.vote != nil {
		return s.vote.Name()
	}
	return s.customer.Name
}

// Typing is true while the note has the focus: q and ? are text there.
func (s *questionsScreen) Typing() bool { return s.card != nil && s.card.OnNote() }

// HandlesEsc: esc leaves through this screen, which flushes first.
func (s *questionsScreen) HandlesEsc() bool { return true }

func (s *questionsScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.sizeCard()
}

// headLines and hintLines are the lines the screen draws above and below
// the card.
const (
	headLines = 3
	hintLines = 2
)

func (s *questionsScreen) sizeCard() {
	if s.card != nil {
		s.card.SetWidth(max(min(s.width, 100), 20))
	}
}

// ShortHelp is short enough for the footer at 80 columns; the full
// names are in FullHelp.
func (s *questionsScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	b := func(keys, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, s.c.T(help)))
	}
	undo := b("ctrl+z", "key.q.undo")
	if s.Typing() {
		return []key.Binding{b("enter", "key.q.save"), k.Leave, undo}
	}
	answer := k.Pick
	answer.SetHelp("1–5/0", s.c.T("key.q.answer"))
	note := k.Note
	note.SetHelp("tab", s.c.T("key.q.note.short"))
	move := b("pgup/pgdn", "key.q.move")
	// Undo is named in the status after every save, and in the help.
	return []key.Binding{answer, note, move}
}

func (s *questionsScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Pick, k.Up, k.Down, k.Choose, k.Note, k.Leave},
		{k.PrevQuestion, k.NextQuestion, k.NextUnanswered, k.Undo},
	}
}

func (s *questionsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	if s.card == nil {
		if _, ok := msg.(tea.KeyPressMsg); ok {
			return s, pop
		}
		return s, nil
	}
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		s.card.Restyle()
	case tea.KeyPressMsg:
		if cmd, ok := s.key(msg); ok {
			return s, cmd
		}
		cmd, ev := s.card.Update(msg)
		return s, tea.Batch(cmd, s.event(ev))
	case tea.PasteMsg:
		cmd, _ := s.card.Update(msg)
		return s, cmd
	case screen.DataChanged:
		if msg.Top {
			return s, s.resync()
		}
	default:
		// The note's own messages (its cursor); nothing else is sent here.
		if s.card.OnNote() {
			cmd, _ := s.card.Update(msg)
			return s, cmd
		}
	}
	return s, nil
}

// key handles the screen's own keys; ok is false for keys that belong to
// the card.
func (s *questionsScreen) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.Keys
	onNote := s.card.OnNote()
	switch {
	case key.Matches(msg, k.Back):
		return pop, true
	case msg.String() == "ctrl+z", key.Matches(msg, k.Undo) && !onNote:
		return s.undoLast(), true
	case key.Matches(msg, k.PrevQuestion):
		if s.index == 0 {
			return status(s.c.T("tui.q.first")), true
		}
		return s.goTo(s.index - 1), true
	case key.Matches(msg, k.NextQuestion):
		if s.index == len(s.list)-1 {
			return status(s.c.T("tui.q.last")), true
		}
		return s.goTo(s.index + 1), true
	case key.Matches(msg, k.NextUnanswered):
		return s.nextUnanswered(), true
	}
	return nil, false
}

// event acts on what the card asks.
func (s *questionsScreen) event(ev answer.Event) tea.Cmd {
	switch ev {
	case answer.Picked, answer.NoteDone:
		save, text := s.save()
		var st tea.Cmd
		if text != "" {
			st = status(text)
		}
		return tea.Sequence(save, st, s.next())
	case answer.Kept:
		return s.next()
	case answer.Skipped:
		text := s.c.T("tui.q.skipped", s.ref(s.index))
		return tea.Sequence(s.next(), status(text))
	case answer.NoteLeft:
		return s.saveWithStatus()
	case answer.NoScore:
		return status(s.c.T("tui.q.noscore"))
	}
	return nil
}

// next opens the next question, or after the last one goes back to the
// list (or, on the hot seat, to the hand-over).
func (s *questionsScreen) next() tea.Cmd {
	if s.index < len(s.list)-1 {
		s.index++
		s.build(s.stored(s.index))
		return nil
	}
	left := 0
	for _, q := range s.list {
		if _, ok := s.answers()[q.ID]; !ok {
			left++
		}
	}
	if s.saved != nil && s.before == nil {
		left-- // the last answer is on its way to the store
	}
	left = max(left, 0)
	done := s.c.T([...]string{"tui.q.done.both", "tui.q.done.them", "tui.q.done.us", "tui.q.done.quick"}[s.mode], s.customer.Name)
	if left > 0 {
		done = s.c.T("tui.q.done.left", s.customer.Name, left)
	}
	s.card = nil // nothing is left for Flush
	if s.vote != nil {
		return replace(s.vote.HandOver(left))
	}
	return tea.Sequence(status(done), pop)
}

// Flush saves a score picked or a note typed but not saved yet, so that
// quitting loses nothing; the root waits for the writes under way.
func (s *questionsScreen) Flush() tea.Cmd {
	if s.card == nil {
		return nil
	}
	cmd, _ := s.save()
	return cmd
}

// save stores the card's score with the note as it stands, unless the
// store already holds exactly that or nothing is chosen; text is the
// status to show.
func (s *questionsScreen) save() (cmd tea.Cmd, text string) {
	if s.card == nil || s.ws.Data() == nil {
		return nil, ""
	}
	score, ok := s.card.Score()
	if !ok {
		return nil, ""
	}
	q := s.list[s.index]
	a := model.Answer{CustomerID: s.customer.ID, QuestionID: q.ID, Score: score,
		Note: s.card.Note(), Author: s.ws.Author(), At: time.Now().UTC()}
	if prev, ok := s.ws.Data().Answers[s.customer.ID][q.ID]; ok && s.vote == nil {
		// Where the score came from, and its confirmation while the score
		// stands.
		a = a.Rescored(prev)
	}
	if s.saved != nil && s.saved.Score == a.Score && s.saved.Note == a.Note {
		return nil, ""
	}
	if s.vote != nil && !s.card.Picked() && s.saved == nil {
		return nil, ""
	}
	if n := len(s.undo); n == 0 || s.undo[n-1].visit != s.visit {
		s.undo = append(s.undo, undoStep{visit: s.visit, index: s.index, before: s.before})
	}
	s.saved = &a
	if s.vote != nil {
		return s.ws.Serial(s.vote.Save(a)), s.c.T("tui.hot.saved", s.ref(s.index))
	}
	label := answer.ScoreLabel(s.c.Content, a.Score)
	if !a.Score.Known() {
		label = s.c.T("tui.q.dontknow.inline")
	}
	// The status comes with the stored answer (see Workshop.SaveAnswer).
	return s.ws.SaveAnswer(a, s.c.T("tui.q.saved", label, s.ref(s.index))), ""
}

// resync shows the current question's answer as the store holds it when
// another styrka on the same database changed it since this screen saved
// or showed it, and says by whom: the latest write wins, and is never
// replaced silently. A note being typed is kept (saving it is then the
// latest write).
func (s *questionsScreen) resync() tea.Cmd {
	if s.vote != nil || s.ws.Data() == nil {
		return nil
	}
	q := s.list[s.index]
	by, elsewhere := s.ws.ChangedElsewhere(s.customer.ID, q.ID)
	now := s.stored(s.index)
	if !elsewhere || sameAnswer(now, s.saved) {
		return nil
	}
	key := "tui.q.changed"
	if s.card.OnNote() && s.card.Note() != noteOf(s.saved) {
		key = "tui.q.changed.typing"
		s.saved = now
	} else {
		s.build(now)
	}
	if by == "" {
		return status(s.c.T(key+".someone", s.ref(s.index)))
	}
	return status(s.c.T(key, s.ref(s.index), model.SafeLine(by)))
}

// ShowsAnswer reports whether the card on screen is that customer's
// answer to that question (not a participant's vote).
func (s *questionsScreen) ShowsAnswer(customerID, questionID string) bool {
	return s.vote == nil && s.card != nil && s.customer.ID == customerID && s.list[s.index].ID == questionID
}

// sameAnswer: a and b say the same (the score and the note; the time a
// store keeps may be rounded).
func sameAnswer(a, b *model.Answer) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Score == b.Score && a.Note == b.Note
}

func noteOf(a *model.Answer) string {
	if a == nil {
		return ""
	}
	return a.Note
}

func (s *questionsScreen) saveWithStatus() tea.Cmd {
	cmd, text := s.save()
	if cmd == nil || text == "" {
		return cmd
	}
	return tea.Batch(cmd, status(text))
}

// goTo saves what is pending and opens question i.
func (s *questionsScreen) goTo(i int) tea.Cmd {
	save := s.saveWithStatus()
	s.index = i
	s.build(s.stored(i))
	return save
}

// nextUnanswered goes to the first unanswered question after the current
// one, wrapping around.
func (s *questionsScreen) nextUnanswered() tea.Cmd {
	answers := s.answers()
	for step := 1; step < len(s.list); step++ {
		i := (s.index + step) % len(s.list)
		if _, ok := answers[s.list[i].ID]; !ok {
			return s.goTo(i)
		}
	}
	return status(s.c.T("tui.q.nounanswered"))
}

// undoLast takes back the last answer saved on this screen: the answer
// before it is saved again, or removed when there was none.
func (s *questionsScreen) undoLast() tea.Cmd {
	if s.vote != nil {
		return status(s.c.T("tui.hot.noundo"))
	}
	save, _ := s.save()
	n := len(s.undo)
	if n == 0 {
		return tea.Sequence(save, status(s.c.T("tui.q.undo.none")))
	}
	step := s.undo[n-1]
	s.undo = s.undo[:n-1]
	q := s.list[step.index]
	var restore tea.Cmd
	text := s.c.T("tui.q.undone.removed", s.ref(step.index))
	if step.before != nil {
		restore = s.ws.SaveAnswer(*step.before, "")
		label := answer.ScoreLabel(s.c.Content, step.before.Score)
		if !step.before.Score.Known() {
			label = s.c.T("tui.q.dontknow.inline")
		}
		text = s.c.T("tui.q.undone", s.ref(step.index), label)
	} else {
		restore = s.ws.Serial(s.deleteAnswer(q.ID))
	}
	s.index = step.index
	s.build(step.before)
	return tea.Sequence(save, restore, status(text))
}

func (s *questionsScreen) deleteAnswer(questionID string) tea.Cmd {
	db, wid, cid := s.ws.Store(), s.ws.Data().Workshop.ID, s.customer.ID
	return func() tea.Msg {
		if err := db.DeleteAnswer(wid, cid, questionID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return workbench.Fail(err)
		}
		return workbench.AnswerDeletedMsg{CustomerID: cid, QuestionID: questionID}
	}
}

// position is question i's place in its set within the list: "A", 4, 10.
func (s *questionsScreen) position(i int) (letter string, pos, total int) {
	return answer.Position(s.c.Content, s.list, i)
}

// ref names question i for a status line: "A 4/10".
func (s *questionsScreen) ref(i int) string { return answer.Ref(s.c.Content, s.list, i) }

func (s *questionsScreen) View() string {
	st := s.c.Styles
	if s.card == nil {
		if len(s.list) == 0 {
			return st.Muted.Render(s.c.T("tui.q.none"))
		}
		return ""
	}
	q := s.list[s.index]
	w := s.width

	// Line 1: customer and set on the left, place and dimension on the right.
	setTitle := ""
	if set, ok := s.c.Content.Set(q.Set); ok {
		setTitle = set.Title
	}
	if s.mode == answer.Quick {
		setTitle += " (" + s.c.T("tui.q.quick") + ")"
	}
	letter, pos, total := s.position(s.index)
	right := st.Key.Render(fmt.Sprintf("%s · %d/%d", letter, pos, total)) +
		st.Muted.Render(" · "+s.c.Content.Dimensions[q.Dimension].Name)
	left := st.Title.Render(s.customer.Name) + st.Muted.Render(" · ") + st.Heading.Render(setTitle)
	if s.vote != nil {
		left = st.Key.Render(s.vote.Name()) + st.Muted.Render(" · ") + left
	}
	if w-ansi.StringWidth(right)-1 < 12 {
		right = ""
	}
	line1 := screen.Spread(left, right, w)

	// Line 2: progress over the list and the current question's state.
	answers := s.answers()
	done := 0
	for _, x := range s.list {
		if _, ok := answers[x.ID]; ok {
			done++
		}
	}
	barW := min(max(w/5, 6), 30)
	full := done * barW / len(s.list)
	bar := st.BarFull.Render(strings.Repeat("━", full)) + st.BarEmpty.Render(strings.Repeat("─", barW-full))
	state := st.Muted.Render(s.c.T("tui.q.state.none"))
	if a, ok := answers[q.ID]; ok && s.vote != nil {
		state = st.OK.Render(s.c.T("tui.hot.voted"))
	} else if ok {
		if a.Score.Known() {
			state = st.OK.Render(s.c.T("tui.q.state.score", int(a.Score)))
		} else {
			state = st.Warning.Render(s.c.T("tui.q.state.dontknow"))
		}
	}
	line2 := bar + " " + st.Muted.Render(s.c.T("tui.q.answered", done, len(s.list))) + st.Muted.Render("  ·  ") + state

	cardH := s.height - headLines
	showHint := cardH-hintLines >= 12
	if showHint {
		cardH -= hintLines
	}
	card := screen.Fit(s.card.View(), max(min(w, 100), 20), max(cardH, 3))
	lines := strings.Split(card, "\n")
	for len(lines) > 1 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	var b strings.Builder
	b.WriteString(line1 + "\n" + screen.Truncate(line2, w) + "\n\n" + strings.Join(lines, "\n"))
	if showHint {
		hint := s.c.T("tui.q.hint.select")
		if s.card.OnNote() {
			hint = s.c.T("tui.q.hint.note")
		}
		b.WriteString("\n\n" + st.Muted.Render(screen.Truncate(hint, w)))
	}
	return b.String()
}
