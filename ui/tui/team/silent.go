package team

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/answer"
	"styrka/ui/screen"
	"styrka/ui/tui/workbench"
)

// Silent rounds: the facilitator opens one for a customer, watches who has
// finished against the timebox, and reveals.

// DefaultTimeboxMinutes is the time a new silent round gives each
// customer.
const DefaultTimeboxMinutes = 10

// OpenRound opens the customer's silent round: the one under way, or the
// form that starts one. Without participants it says how things work.
func OpenRound(c *workbench.Common, ws *workbench.Workshop, customerID string) tea.Cmd {
	if ws.Data() == nil {
		return nil
	}
	if r, ok := model.OpenSilentRound(ws.Data().SilentRounds, customerID); ok {
		if r.State == model.SilentOpen {
			return screen.Push(newRoundView(c, ws, r.ID))
		}
		return screen.Push(newReveal(c, ws, r.ID))
	}
	if len(ws.Participants()) == 0 {
		return screen.Push(newNotice(c, c.T("tui.silent.title"), c.T("tui.silent.noparticipants"),
			noticeKey{c.Keys.Participants, func() tea.Cmd { return screen.Replace(NewParticipants(c, ws)) }},
			noticeKey{c.Keys.Answer, func() tea.Cmd { return func() tea.Msg { return AnswerMsg{customerID} } }}))
	}
	return screen.Push(newSilentForm(c, ws, customerID))
}

// silentFields is the heap value the form that opens a round writes into.
type silentFields struct {
	Set          string
	Participants []string
	Minutes      string
}

// silentFormScreen opens a silent round: the question sets, who takes part and
// the timebox. Once the round is stored it gives way to the round view.
type silentFormScreen struct {
	*workbench.FormScreen
	c        *workbench.Common
	ws       *workbench.Workshop
	customer string
	fields   *silentFields
}

func newSilentForm(c *workbench.Common, ws *workbench.Workshop, customerID string) *silentFormScreen {
	f := &silentFields{Set: "both", Minutes: strconv.Itoa(DefaultTimeboxMinutes)}
	sets := []huh.Option[string]{huh.NewOption(c.T("tui.silent.set.both"), "both")}
	for _, set := range c.Content.QuestionSets() {
		sets = append(sets, huh.NewOption(c.T("tui.silent.set.one", answer.SetLetter(c.Content, set.ID), set.Title), string(set.ID)))
	}
	ps := ws.Participants()
	opts := make([]huh.Option[string], len(ps))
	for i, p := range ps {
		label := p.Name
		if p.Role != "" {
			label += " (" + p.Role + ")"
		}
		opts[i] = huh.NewOption(label, p.ID).Selected(true)
		f.Participants = append(f.Participants, p.ID)
	}
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title(c.T("field.silent.set")).Options(sets...).Value(&f.Set),
			huh.NewInput().Title(c.T("field.silent.minutes")).Description(c.T("field.silent.minutes.help")).
				Value(&f.Minutes).CharLimit(3).Validate(validMinutes(c)),
		),
		huh.NewGroup(
			huh.NewMultiSelect[string]().Title(c.T("field.silent.participants")).Description(c.T("field.silent.participants.help")).
				Options(opts...).Value(&f.Participants).Height(min(len(opts), 8)+3).Validate(func(ids []string) error {
				if len(ids) == 0 {
					return errors.New(c.T("field.silent.participants.none"))
				}
				return nil
			}),
		),
	)
	s := &silentFormScreen{c: c, ws: ws, customer: customerID, fields: f}
	s.FormScreen = workbench.NewFormScreen(c, c.T("tui.silent.new", ws.CustomerName(customerID)), form, nil)
	return s
}

func validMinutes(c *workbench.Common) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > 240 {
			return errors.New(c.T("field.silent.minutes.invalid"))
		}
		return nil
	}
}

// silentOpenedMsg reports a new silent round stored.
type silentOpenedMsg struct{ round model.SilentRound }

func (s *silentFormScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if m, ok := msg.(silentOpenedMsg); ok && m.round.CustomerID == s.customer {
		// The round goes into the dataset before its view opens.
		return s, tea.Sequence(func() tea.Msg { return RoundSavedMsg{WorkshopID: m.round.WorkshopID, Round: m.round} },
			screen.Replace(newRoundView(s.c, s.ws, m.round.ID)))
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		return s, screen.Pop
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.BackgroundColorMsg:
	case screen.DataChanged:
		return s, nil
	}
	state, cmd := s.UpdateForm(msg)
	switch state {
	case huh.StateCompleted:
		return s, tea.Batch(cmd, s.create())
	case huh.StateAborted:
		return s, screen.Pop
	}
	return s, cmd
}

// create stores the new round.
func (s *silentFormScreen) create() tea.Cmd {
	c := s.c
	ws := s.ws
	mode := answer.Both
	switch model.SetID(s.fields.Set) {
	case model.SetThem:
		mode = answer.SetA
	case model.SetUs:
		mode = answer.SetB
	}
	var qs []string
	for _, q := range answer.Questions(c.Content, mode) {
		qs = append(qs, q.ID)
	}
	minutes, _ := strconv.Atoi(strings.TrimSpace(s.fields.Minutes))
	r := model.SilentRound{ID: store.NewID(), WorkshopID: ws.Data().Workshop.ID, CustomerID: s.customer,
		Questions: qs, Participants: append([]string(nil), s.fields.Participants...),
		Opened: clock().UTC(), TimeboxSeconds: minutes * 60, State: model.SilentOpen}
	db := ws.Store()
	return ws.Serial(func() tea.Msg {
		if err := db.PutSilentRound(r); err != nil {
			return workbench.Fail(err)
		}
		return silentOpenedMsg{r}
	})
}

// noticeKey is a key a notice offers, with what it does.
type noticeKey struct {
	binding key.Binding
	do      func() tea.Cmd
}

// noticeScreen is a short message in a box with a few keys to go on; esc goes
// back.
type noticeScreen struct {
	c      *workbench.Common
	title  string
	text   string
	keys   []noticeKey
	width  int
	height int
}

func newNotice(c *workbench.Common, title, text string, keys ...noticeKey) *noticeScreen {
	return &noticeScreen{c: c, title: title, text: text, keys: keys}
}

func (s *noticeScreen) Init() tea.Cmd    { return nil }
func (s *noticeScreen) Title() string    { return s.title }
func (s *noticeScreen) Typing() bool     { return false }
func (s *noticeScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *noticeScreen) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, k := range s.keys {
		out = append(out, k.binding)
	}
	return out
}

func (s *noticeScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *noticeScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		for _, nk := range s.keys {
			if key.Matches(k, nk.binding) {
				return s, nk.do()
			}
		}
	}
	return s, nil
}

func (s *noticeScreen) View() string {
	st := s.c.Styles
	w := max(min(s.width-6, 64), 10)
	var keys []string
	for _, k := range s.keys {
		h := k.binding.Help()
		keys = append(keys, st.Key.Render(h.Key)+" "+st.KeyDesc.Render(h.Desc))
	}
	body := st.Heading.Render(screen.Truncate(s.title, w)) + "\n\n" + strings.Join(screen.Styled(screen.Wrap(s.text, w), st.Text), "\n") +
		"\n\n" + screen.Truncate(strings.Join(keys, "   "), w)
	return screen.PlaceCenter(s.width, s.height, st.Dialog.Render(body))
}

// timerMsg redraws a round view's timer; id tells the view's own ticks
// from those of a view closed before.
type timerMsg struct {
	id int
	at time.Time
}

// timerIDs numbers the round views' tick chains.
var timerIDs int

// roundScreen is the facilitator's view of an open silent round: who has
// finished, never what they chose, and the time against the timebox.
type roundScreen struct {
	c      *workbench.Common
	ws     *workbench.Workshop
	id     string
	round  model.SilentRound
	found  bool
	timer  int
	now    time.Time
	table  screen.Table
	width  int
	height int
	// left is set once the screen has asked to go.
	left bool
}

func newRoundView(c *workbench.Common, ws *workbench.Workshop, roundID string) *roundScreen {
	timerIDs++
	s := &roundScreen{c: c, ws: ws, id: roundID, timer: timerIDs, now: clock()}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: c.T("tui.team.col.name")},
		{Title: c.T("tui.team.col.role"), Width: 16},
		{Title: c.T("tui.silent.col.progress"), Width: 14, Right: true},
	}}
	s.reload()
	return s
}

func (s *roundScreen) tick() tea.Cmd {
	if timerTick <= 0 {
		return nil
	}
	id := s.timer
	return tea.Tick(timerTick, func(t time.Time) tea.Msg { return timerMsg{id: id, at: t} })
}

func (s *roundScreen) Init() tea.Cmd {
	s.reload()
	return s.tick()
}

func (s *roundScreen) Title() string { return s.c.T("tui.silent.title") }
func (s *roundScreen) Typing() bool  { return false }

// roundHeadLines are the lines above the table.
const roundHeadLines = 6

func (s *roundScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, max(h-roundHeadLines-1-len(s.hint()), 2))
}

// hint explains the keys under the table.
func (s *roundScreen) hint() []string {
	return screen.Styled(screen.Wrap(s.c.T("tui.silent.hint"), max(s.width, 1)), s.c.Styles.Muted)
}

func (s *roundScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.HotSeat, k.Reveal, k.Latecomer}
}

func (s *roundScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.HotSeat, k.Reveal, k.Latecomer, k.Up, k.Down}}
}

func (s *roundScreen) reload() {
	s.round, s.found = s.ws.SilentRound(s.id)
	if !s.found {
		s.table.SetRows(nil)
		return
	}
	votes := s.ws.RoundVotes(s.id)
	fin := model.Finished(s.round, votes)
	answered := model.Answered(s.round, votes)
	st := s.c.Styles
	rows := make([]screen.Row, len(s.round.Participants))
	for i, pid := range s.round.Participants {
		p, _ := s.ws.Participant(pid)
		name, prog := st.Muted, st.Muted
		mark := "·"
		text := s.c.T("tui.silent.notstarted")
		switch {
		case fin[pid]:
			mark, text = "✓", s.c.T("tui.silent.finished")
			name, prog = st.OK, st.OK
		case answered[pid] > 0:
			text = s.c.T("tui.silent.answered", answered[pid], len(s.round.Questions))
			name, prog = st.Text, st.Text
		}
		rows[i] = screen.Row{Cells: []string{mark + " " + participantName(s.c, s.ws, pid), p.Role, text}, Styles: []*lipgloss.Style{&name, nil, &prog}}
	}
	s.table.SetRows(rows)
}

// finished counts the participants who have voted on every question.
func (s *roundScreen) finished() int {
	n := 0
	for _, done := range model.Finished(s.round, s.ws.RoundVotes(s.id)) {
		if done {
			n++
		}
	}
	return n
}

func (s *roundScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case timerMsg:
		if msg.id != s.timer {
			return s, nil
		}
		s.now = clock()
		return s, s.tick()
	case screen.DataChanged:
		s.reload()
		if !msg.Team || msg.Top {
			return s, s.onward()
		}
	case tea.KeyPressMsg:
		k := s.c.Keys
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		switch {
		case !s.found:
		case key.Matches(msg, k.HotSeat):
			return s, screen.Push(newHotSeat(s.c, s.ws, s.id))
		case key.Matches(msg, k.Latecomer):
			return s, s.addLatecomer()
		case key.Matches(msg, k.Reveal):
			return s, s.reveal()
		}
	}
	return s, nil
}

// onward leaves a round that is no longer open, once: to its reveal, or
// back.
func (s *roundScreen) onward() tea.Cmd {
	if s.left {
		return nil
	}
	switch {
	case !s.found || s.round.State == model.SilentClosed:
		s.left = true
		return screen.Pop
	case s.round.State == model.SilentRevealed:
		s.left = true
		return screen.Replace(newReveal(s.c, s.ws, s.id))
	}
	return nil
}

// reveal shows the scores, after asking when not everyone has finished.
func (s *roundScreen) reveal() tea.Cmd {
	at := clock().UTC()
	cmd := updateSilent(s.ws, s.id, func(r *model.SilentRound) error { r.Reveal(at); return nil }, "")
	n, all := s.finished(), len(s.round.Participants)
	if n == all {
		return s.ws.Serial(cmd)
	}
	return s.ws.Confirm(s.c.T("tui.silent.reveal.early", n, all), cmd)
}

func (s *roundScreen) View() string {
	st := s.c.Styles
	w := s.width
	head, ok := roundHeading(s.c, s.ws, s.round, s.found, "tui.silent.heading", w)
	if !ok {
		return head
	}
	r := s.round
	info := st.Muted.Render(screen.Truncate(s.c.T("tui.silent.info", s.setsText(), len(r.Questions), len(r.Participants)), w))
	n, all := s.finished(), len(r.Participants)
	done := st.Heading.Render(screen.Truncate(s.c.T("tui.silent.progress", n, all), w))
	if n == all {
		done = st.OK.Render(screen.Truncate(s.c.T("tui.silent.alldone", all), w))
	}
	return head + "\n" + info + "\n" + s.timerLine() + "\n\n" + done + "\n\n" + s.table.View() + "\n\n" + strings.Join(s.hint(), "\n")
}

// setsText names the question sets the round asks.
func (s *roundScreen) setsText() string { return roundSets(s.c, s.round) }

func roundSets(c *workbench.Common, r model.SilentRound) string {
	var letters []string
	for _, set := range model.Sets {
		for _, id := range r.Questions {
			if q, ok := c.QuestionByID(id); ok && q.Set == set {
				letters = append(letters, answer.SetLetter(c.Content, set))
				break
			}
		}
	}
	return strings.Join(letters, "+")
}

// timerLine is the time left of the timebox, in the warning colour once
// it is over, or the time since the round opened when it has none.
func (s *roundScreen) timerLine() string {
	st := s.c.Styles
	elapsed := s.now.Sub(s.round.Opened)
	if elapsed < 0 {
		elapsed = 0
	}
	box := time.Duration(s.round.TimeboxSeconds) * time.Second
	switch {
	case box <= 0:
		return st.Text.Render(screen.Truncate(s.c.T("tui.silent.elapsed", mmss(elapsed)), s.width))
	case elapsed > box:
		return st.Warning.Bold(true).Render(screen.Truncate(s.c.T("tui.silent.over", mmss(elapsed-box), mmss(box)), s.width))
	}
	return st.Heading.Render(screen.Truncate(s.c.T("tui.silent.left", mmss(box-elapsed), mmss(box)), s.width))
}

// addLatecomer asks which participant to add to the open round: someone
// who joined after it opened.
func (s *roundScreen) addLatecomer() tea.Cmd {
	c := s.c
	ws := s.ws
	if s.round.State != model.SilentOpen {
		return screen.Status(c.T("tui.silent.late.closed"))
	}
	var opts []huh.Option[string]
	for _, p := range ws.Participants() {
		if !s.round.Takes(p.ID) {
			opts = append(opts, huh.NewOption(p.Name, p.ID))
		}
	}
	if len(opts) == 0 {
		return screen.Status(c.T("tui.silent.late.none"))
	}
	var pick string
	choice := &pick
	form := huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title(c.T("tui.silent.late.title")).
		Description(c.T("tui.silent.late.help")).Options(opts...).Value(choice)))
	id := s.id
	return screen.Push(workbench.NewFormScreen(c, c.T("tui.silent.late.title"), form, func() tea.Cmd {
		pid := *choice
		name := participantName(c, ws, pid)
		return ws.Serial(updateSilent(ws, id, func(r *model.SilentRound) error {
			if !r.Takes(pid) {
				r.Participants = append(r.Participants, pid)
			}
			return nil
		}, c.T("tui.silent.late.added", name)))
	}))
}
