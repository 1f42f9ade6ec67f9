package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// questionMode is which questions a pass over one customer asks.
type questionMode int

const (
	// modeBoth asks set A, then set B.
	modeBoth questionMode = iota
	modeSetA
	modeSetB
	// modeQuick asks one question per dimension, for a first pass.
	modeQuick
)

// questionList lists the questions a mode asks, in the order it asks them.
func questionList(content *assets.Content, mode questionMode) []model.Question {
	var out []model.Question
	for _, set := range content.QuestionSets() {
		switch {
		case mode == modeSetA && set.ID != model.SetThem, mode == modeSetB && set.ID != model.SetUs:
			continue
		case mode == modeQuick:
			out = append(out, quickQuestions(set)...)
			continue
		}
		out = append(out, set.Questions...)
	}
	return out
}

// quickQuestions picks the question marked quick in each of a set's
// dimensions, or the dimension's first question when none is marked (a
// user's own content may mark none).
func quickQuestions(set model.QuestionSet) []model.Question {
	var out []model.Question
	for _, d := range model.DimensionsOf(set.ID) {
		var first, marked *model.Question
		for i := range set.Questions {
			q := &set.Questions[i]
			if q.Dimension != d {
				continue
			}
			if first == nil {
				first = q
			}
			if q.Quick && marked == nil {
				marked = q
			}
		}
		if marked == nil {
			marked = first
		}
		if marked != nil {
			out = append(out, *marked)
		}
	}
	return out
}

// firstUnanswered is the index of the first question without an answer, or
// -1 when every one has one.
func firstUnanswered(qs []model.Question, answers map[string]model.Answer) int {
	for i, q := range qs {
		if _, ok := answers[q.ID]; !ok {
			return i
		}
	}
	return -1
}

// setLetter is "A" for set A and "B" for set B.
func setLetter(c *assets.Content, id model.SetID) string {
	return c.T("tui.q.letter." + string(id))
}

// scoreLabel names a score: "4", or "Don't know".
func scoreLabel(c *assets.Content, s model.Score) string {
	if !s.Known() {
		return c.T("answer.dontknow")
	}
	return strconv.Itoa(int(s))
}

// answerFields is the heap value a question's form writes into.
type answerFields struct {
	Score int
	Note  string
}

// noScore is the select's value before anything is chosen; no option has
// it, so the cursor starts on level 1.
const noScore = -1

// undoStep is how to take back what one visit to a question saved.
type undoStep struct {
	visit  int
	index  int
	before *model.Answer // nil: there was no answer
}

// questions asks one customer's questions, one at a time, as an embedded
// huh form: the anchored levels plus "don't know", then an optional
// evidence note. Every answer is saved the moment it is given: the score
// when the select is left, again with the note when the form completes,
// and whatever is picked but unsaved when the screen is left or the
// program quits (Flush).
type questions struct {
	c        *Common
	customer model.Customer
	mode     questionMode
	list     []model.Question
	index    int

	form   *huh.Form
	sel    *huh.Select[int]
	note   *huh.Input
	fields *answerFields
	// onNote is true while the note field has the focus.
	onNote bool
	// picked is set once a score is chosen in this visit (the select was
	// left, or a number key pressed); pickedScore is that score.
	picked      bool
	pickedScore model.Score
	// saved is what the store holds for the current question as far as
	// this screen knows; nil when nothing.
	saved *model.Answer
	// visit counts forms built, so that saving the score and then the note
	// of one question is one undo step.
	visit  int
	before *model.Answer
	undo   []undoStep
	// keys counts key presses given to the current form: a field change
	// arriving before any is left over from the form before it.
	keys int
	// writes is closed when this screen's last store write is done; each
	// write waits for the one before, so they land in the order given.
	writes chan struct{}

	opening string // the status shown when the screen opens
	width   int
	height  int

	// vote, when set, makes this a participant's turn in a silent round
	// (hotseat.go): their votes are read and saved instead of the
	// customer's answers, and never shown back.
	vote *voteTurn
}

func newQuestions(c *Common, customerID string, mode questionMode) Screen {
	s := &questions{c: c, mode: mode, list: questionList(c.Content, mode)}
	s.customer.ID = customerID
	if c.Data != nil {
		for _, cu := range c.Data.Customers {
			if cu.ID == customerID {
				s.customer = cu
			}
		}
	}
	return s.start()
}

// start opens the first unanswered question.
func (s *questions) start() Screen {
	if len(s.list) == 0 {
		return s
	}
	s.index = firstUnanswered(s.list, s.answers())
	if s.index < 0 {
		s.index = 0
		s.opening = s.c.T("tui.q.allanswered")
	}
	s.build(s.stored(s.index))
	return s
}

// answers are the customer's answers in the open workshop.
func (s *questions) answers() map[string]model.Answer {
	if s.vote != nil && s.c.Data != nil {
		return s.vote.answers(s.c)
	}
	if s.c.Data == nil {
		return nil
	}
	return s.c.Data.Answers[s.customer.ID]
}

// stored is the answer the open workshop holds for question i, or nil.
func (s *questions) stored(i int) *model.Answer {
	if a, ok := s.answers()[s.list[i].ID]; ok {
		return &a
	}
	return nil
}

// build starts a visit to the current question, whose stored answer is
// current (nil when none).
func (s *questions) build(current *model.Answer) {
	s.visit++
	s.picked, s.onNote, s.keys = false, false, 0
	s.saved, s.before = current, current
	s.fields = &answerFields{Score: noScore}
	if current != nil && s.vote == nil {
		s.fields.Score, s.fields.Note = int(current.Score), current.Note
	}
	s.makeForm()
}

// makeForm builds the form from the fields as they stand.
func (s *questions) makeForm() {
	c, q := s.c, s.list[s.index]
	opts := make([]huh.Option[int], 0, model.Levels+1)
	for i, a := range q.Anchors {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%d · %s", i+1, a), i+1))
	}
	opts = append(opts, huh.NewOption(c.T("answer.dontknow"), int(model.DontKnow)))
	// Value before Options: with no answer yet no option matches noScore
	// and the cursor starts on level 1, not on "don't know" (value 0).
	s.sel = huh.NewSelect[int]().Title(q.Text).Description(q.Help).Value(&s.fields.Score).Options(opts...)
	s.note = huh.NewInput().Title(c.T("tui.q.note")).Placeholder(c.T("tui.q.note.placeholder")).
		CharLimit(500).Value(&s.fields.Note)
	km := huh.NewDefaultKeyMap()
	km.Select.Filter.SetEnabled(false)
	s.form = huh.NewForm(huh.NewGroup(s.sel, s.note)).WithShowHelp(false).WithTheme(huhTheme(c)).WithKeyMap(km)
	s.sizeForm()
}

func (s *questions) Init() tea.Cmd {
	if s.form == nil {
		return nil
	}
	if s.opening != "" {
		return tea.Batch(s.form.Init(), status(s.opening))
	}
	return s.form.Init()
}

func (s *questions) Title() string {
	if s.vote != nil {
		return s.vote.participant.Name
	}
	return s.customer.Name
}

// Typing is true while the note has the focus: q and ? are text there.
func (s *questions) Typing() bool { return s.onNote }

// HandlesEsc: esc leaves through this screen, which flushes first.
func (s *questions) HandlesEsc() bool { return true }

func (s *questions) SetSize(w, h int) {
	s.width, s.height = w, h
	s.sizeForm()
}

// headLines and hintLines are the lines the screen draws above and below
// the form.
const (
	headLines = 3
	hintLines = 2
)

func (s *questions) formSize() (int, int) {
	w := min(s.width, 100)
	h := s.height - headLines
	if h-hintLines >= 12 {
		h -= hintLines
	}
	return max(w, 20), max(h, 3)
}

func (s *questions) sizeForm() {
	if s.form == nil || s.width == 0 {
		return
	}
	w, h := s.formSize()
	s.form.WithWidth(w).WithHeight(h)
	// The group draws its fields when it updates; a message it does not
	// know redraws them at the new size.
	s.form.Update(relayoutMsg{})
}

type relayoutMsg struct{}

// digitKeys pick a level, or 0 for don't know, while the select has the
// focus.
var digitKeys = key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5"))

// ShortHelp is short enough for the footer at 80 columns; the full
// names are in FullHelp.
func (s *questions) ShortHelp() []key.Binding {
	b := func(keys, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, s.c.T(help)))
	}
	undo := b("ctrl+z", "key.q.undo")
	if s.onNote {
		return []key.Binding{b("enter", "key.q.save"), b("shift+tab", "key.q.rescore"), undo}
	}
	answer := digitKeys
	answer.SetHelp("1–5/0", s.c.T("key.q.answer"))
	if s.vote != nil {
		return []key.Binding{answer, b("pgup/pgdn", "key.q.move")}
	}
	return []key.Binding{answer, b("pgup/pgdn", "key.q.move"), undo}
}

func (s *questions) pickKey() key.Binding {
	k := digitKeys
	k.SetHelp("1–5/0", s.c.T("key.q.pick"))
	return k
}

func (s *questions) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{s.pickKey(), k.Up, k.Down,
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.q.enter"))),
			key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", s.c.T("key.q.rescore")))},
		{k.PrevQuestion, k.NextQuestion, k.NextUnanswered, k.Undo},
	}
}

// huhNav is a huh message that moves the focus between fields or groups.
func huhNav(msg tea.Msg) bool {
	switch fmt.Sprintf("%T", msg) {
	case "huh.nextFieldMsg", "huh.prevFieldMsg", "huh.nextGroupMsg", "huh.prevGroupMsg":
		return true
	}
	return false
}

func (s *questions) Update(msg tea.Msg) (Screen, tea.Cmd) {
	if s.form == nil {
		if _, ok := msg.(tea.KeyPressMsg); ok {
			return s, pop
		}
		return s, nil
	}
	switch msg := msg.(type) {
	case refreshMsg, answerSavedMsg, answerDeletedMsg, tea.WindowSizeMsg:
		return s, nil
	case tea.KeyPressMsg:
		if cmd, ok := s.key(msg); ok {
			return s, cmd
		}
		s.keys++
	case tea.PasteMsg, tea.BackgroundColorMsg:
	default:
		if !isHuhMsg(msg) || (huhNav(msg) && s.keys == 0) {
			return s, nil
		}
	}
	return s, s.updateForm(msg)
}

// key handles the screen's own keys; ok is false for keys that belong to
// the form.
func (s *questions) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		return pop, true
	case msg.String() == "ctrl+z", key.Matches(msg, k.Undo) && !s.onNote:
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
	case !s.onNote && key.Matches(msg, digitKeys):
		return s.pick(model.Score(msg.Code - '0')), true
	}
	return nil, false
}

// updateForm passes a message to the form and acts on what it did: a
// score chosen (the focus moved to the note) is saved at once; a completed
// form saves the note and moves on.
func (s *questions) updateForm(msg tea.Msg) tea.Cmd {
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	cmds := []tea.Cmd{cmd, s.focusChanged()}
	switch s.form.State {
	case huh.StateCompleted:
		cmds = append(cmds, s.completed())
	case huh.StateAborted:
		cmds = append(cmds, pop)
	}
	return tea.Batch(cmds...)
}

// focusChanged notices the focus moving from the select to the note: the
// score is chosen, and saved.
func (s *questions) focusChanged() tea.Cmd {
	onNote := s.form.GetFocusedField() == huh.Field(s.note)
	defer func() { s.onNote = onNote }()
	if onNote && !s.onNote {
		s.picked, s.pickedScore = true, model.Score(s.fields.Score)
		return s.saveWithStatus()
	}
	return nil
}

// pick chooses a level by its number (0 for don't know) and moves to the
// note.
func (s *questions) pick(score model.Score) tea.Cmd {
	s.fields.Score = int(score)
	s.makeForm()
	s.onNote = false
	init := s.form.Init()
	next := s.form.NextField()
	return tea.Batch(init, next, s.focusChanged())
}

// completed saves the answer with its note and goes to the next question,
// or back to the list after the last one.
func (s *questions) completed() tea.Cmd {
	s.picked, s.pickedScore = true, model.Score(s.fields.Score)
	save, text := s.save()
	if s.index < len(s.list)-1 {
		s.index++
		s.build(s.stored(s.index))
		var st tea.Cmd
		if text != "" {
			st = status(text)
		}
		return tea.Batch(save, st, s.form.Init())
	}
	left := 0
	for i, q := range s.list {
		if _, ok := s.answers()[q.ID]; !ok && i != s.index {
			left++
		}
	}
	done := s.c.T([...]string{"tui.q.done.both", "tui.q.done.them", "tui.q.done.us", "tui.q.done.quick"}[s.mode], s.customer.Name)
	if left > 0 {
		done = s.c.T("tui.q.done.left", s.customer.Name, left)
	}
	s.picked = false // nothing is left for Flush
	if s.vote != nil {
		return tea.Sequence(save, replace(newHandOver(s.c, s.vote.participant.Name, left)))
	}
	return tea.Sequence(save, status(done), pop)
}

// Flush saves a score picked but not saved yet, with the note as typed,
// or else waits for a save still under way, so that quitting loses
// nothing.
func (s *questions) Flush() tea.Cmd {
	if s.form == nil {
		return nil
	}
	if cmd, _ := s.save(); cmd != nil {
		return cmd
	}
	if w := s.writes; w != nil {
		return func() tea.Msg {
			wait(w)
			return nil
		}
	}
	return nil
}

// save stores the picked score with the note as it stands, unless the
// store already holds exactly that; text is the status to show.
func (s *questions) save() (cmd tea.Cmd, text string) {
	if !s.picked || s.c.Data == nil {
		return nil, ""
	}
	q := s.list[s.index]
	a := model.Answer{CustomerID: s.customer.ID, QuestionID: q.ID, Score: s.pickedScore,
		Note: model.CleanNote(s.fields.Note), Author: s.c.Author, At: time.Now().UTC()}
	if s.saved != nil && s.saved.Score == a.Score && s.saved.Note == a.Note {
		return nil, ""
	}
	if n := len(s.undo); n == 0 || s.undo[n-1].visit != s.visit {
		s.undo = append(s.undo, undoStep{visit: s.visit, index: s.index, before: s.before})
	}
	s.saved = &a
	if s.vote != nil {
		return s.serial(s.vote.save(s.c, a)), s.c.T("tui.hot.saved", s.ref(s.index))
	}
	label := scoreLabel(s.c.Content, a.Score)
	if !a.Score.Known() {
		label = s.c.T("tui.q.dontknow.inline")
	}
	return s.serial(s.c.saveAnswer(a)), s.c.T("tui.q.saved", label, s.ref(s.index))
}

func (s *questions) saveWithStatus() tea.Cmd {
	cmd, text := s.save()
	if cmd == nil {
		return nil
	}
	return tea.Batch(cmd, status(text))
}

// serial makes a store write wait for this screen's write before it, so
// that a score, its note and an undo land in the order they were given.
func (s *questions) serial(cmd tea.Cmd) tea.Cmd {
	prev, done := s.writes, make(chan struct{})
	s.writes = done
	return func() tea.Msg {
		defer close(done)
		if prev != nil {
			wait(prev)
		}
		return cmd()
	}
}

// wait waits for a write to finish, but not forever.
func wait(done <-chan struct{}) {
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// goTo saves what is pending and opens question i.
func (s *questions) goTo(i int) tea.Cmd {
	save := s.saveWithStatus()
	s.index = i
	s.build(s.stored(i))
	return tea.Sequence(save, s.form.Init())
}

// nextUnanswered goes to the first unanswered question after the current
// one, wrapping around.
func (s *questions) nextUnanswered() tea.Cmd {
	answers := s.answers()
	for step := 1; step < len(s.list); step++ {
		i := (s.index + step) % len(s.list)
		if _, ok := answers[s.list[i].ID]; !ok && !(s.saved != nil && i == s.index) {
			return s.goTo(i)
		}
	}
	return status(s.c.T("tui.q.nounanswered"))
}

// undoLast takes back the last answer saved on this screen: the answer
// before it is saved again, or removed when there was none.
func (s *questions) undoLast() tea.Cmd {
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
		restore = s.serial(s.c.saveAnswer(*step.before))
		label := scoreLabel(s.c.Content, step.before.Score)
		if !step.before.Score.Known() {
			label = s.c.T("tui.q.dontknow.inline")
		}
		text = s.c.T("tui.q.undone", s.ref(step.index), label)
	} else {
		restore = s.serial(s.deleteAnswer(q.ID))
	}
	s.index = step.index
	s.build(step.before)
	return tea.Sequence(save, restore, status(text), s.form.Init())
}

func (s *questions) deleteAnswer(questionID string) tea.Cmd {
	db, wid, cid := s.c.Store, s.c.Data.Workshop.ID, s.customer.ID
	return func() tea.Msg {
		if err := db.DeleteAnswer(wid, cid, questionID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return fail(err)
		}
		return answerDeletedMsg{customerID: cid, questionID: questionID}
	}
}

// position is question i's place in its set within the list: "A", 4, 10.
func (s *questions) position(i int) (letter string, pos, total int) {
	return listPosition(s.c.Content, s.list, i)
}

// listPosition is question i's place in its set within list.
func listPosition(c *assets.Content, list []model.Question, i int) (letter string, pos, total int) {
	set := list[i].Set
	for j, q := range list {
		if q.Set != set {
			continue
		}
		total++
		if j <= i {
			pos++
		}
	}
	return setLetter(c, set), pos, total
}

// ref names question i for a status line: "A 4/10".
func (s *questions) ref(i int) string {
	l, p, t := s.position(i)
	return fmt.Sprintf("%s %d/%d", l, p, t)
}

func (s *questions) View() string {
	st := s.c.Styles
	if s.form == nil {
		return st.Muted.Render(s.c.T("tui.q.none"))
	}
	q := s.list[s.index]
	w := s.width

	// Line 1: customer and set on the left, place and dimension on the right.
	setTitle := ""
	if set, ok := s.c.Content.Set(q.Set); ok {
		setTitle = set.Title
	}
	if s.mode == modeQuick {
		setTitle += " (" + s.c.T("tui.q.quick") + ")"
	}
	letter, pos, total := s.position(s.index)
	right := st.Key.Render(fmt.Sprintf("%s · %d/%d", letter, pos, total)) +
		st.Muted.Render(" · "+s.c.Content.Dimensions[q.Dimension].Name)
	left := st.Title.Render(s.customer.Name) + st.Muted.Render(" · ") + st.Heading.Render(setTitle)
	if s.vote != nil {
		left = st.Key.Render(s.vote.participant.Name) + st.Muted.Render(" · ") + left
	}
	room := w - ansi.StringWidth(right) - 1
	if room < 12 {
		right, room = "", w
	}
	left = ansi.Truncate(left, room, "…")
	line1 := left + strings.Repeat(" ", max(w-ansi.StringWidth(left)-ansi.StringWidth(right), 0)) + right

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

	fw, fh := s.formSize()
	form := fit(s.form.View(), fw, fh)
	// The form's viewport pads to its full height; the hint follows the
	// last field instead.
	lines := strings.Split(form, "\n")
	for len(lines) > 1 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	form = strings.Join(lines, "\n")
	var b strings.Builder
	b.WriteString(line1 + "\n" + truncate(line2, w) + "\n\n" + form)
	if s.height-headLines-hintLines >= 12 {
		hint := s.c.T("tui.q.hint.select")
		if s.onNote {
			hint = s.c.T("tui.q.hint.note")
		}
		b.WriteString("\n\n" + st.Muted.Render(truncate(hint, w)))
	}
	return b.String()
}
