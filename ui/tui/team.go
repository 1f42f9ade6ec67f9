package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"styrka/ui/answer"
	"styrka/ui/screen"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/model"
	"styrka/store"
)

// Team scoring in the facilitator's UI: the participants, the silent
// rounds (silent.go), the hot seat (hotseat.go) and the reveal
// (reveal.go). This file holds what they share: the messages that keep
// every screen up to date as votes arrive, and the participants screen.

// VoteMsg tells the program that votes of a silent round changed outside
// it: a participant submitted a vote over SSH, say. The program reloads
// the workshop's team scoring from the store, and the round view, the
// reveal, the map and the brief redraw with it. An empty WorkshopID
// means whichever workshop is open.
//
// Another part of the same process (the SSH server) sends it with
// tea.Program.Send, or writes it to Options.Events:
//
//	events := make(chan tea.Msg, 64)
//	go tui.Run(ctx, tui.Options{…, Events: events}, nil, nil, false)
//	…
//	events <- tui.VoteMsg{WorkshopID: wid, RoundID: rid} // after db.SaveVote
//
// Messages that arrive while a reload is under way are folded into one
// more reload, so a room of participants answering at once costs a few
// reads, not one per vote.
type VoteMsg struct {
	WorkshopID, RoundID string
}

// ParticipantMsg tells the program that the participants of a workshop
// changed outside it (one joined over SSH, say); it reloads them as
// VoteMsg does.
type ParticipantMsg struct {
	WorkshopID string
}

// teamClock and timerTick are the round view's clock and how often its
// timer redraws; tests stop the clock.
var (
	teamClock = time.Now
	timerTick = time.Second
)

// Messages of team scoring inside the program.
type (
	// externalMsg is a message read from Options.Events.
	externalMsg struct{ msg tea.Msg }
	// teamChangedMsg: the team scoring in the store changed; reload it.
	teamChangedMsg struct{}
	// teamLoadedMsg is the open workshop's team scoring, reloaded.
	teamLoadedMsg struct {
		workshopID   string
		participants []model.Participant
		rounds       []model.SilentRound
		votes        []model.Vote
		err          error
	}
	// voteSavedMsg reports a vote stored in the database.
	voteSavedMsg struct {
		workshopID string
		vote       model.Vote
	}
	// silentSavedMsg reports a silent round stored (opened, revealed, a
	// re-vote, closed); text is the status to show, or "".
	silentSavedMsg struct {
		workshopID string
		round      model.SilentRound
		text       string
	}
)

// teamSync folds reloads of the team scoring together: one at a time,
// and one more when something changed while it ran.
type teamSync struct {
	loading, dirty bool
}

// listen waits for the next message on Options.Events.
func (m *Model) listen() tea.Cmd {
	ch := m.events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return externalMsg{msg}
	}
}

// teamUpdate handles the messages of team scoring at the root; ok is
// false for every other message.
func (m *Model) teamUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case externalMsg:
		_, cmd := m.Update(msg.msg)
		return tea.Batch(cmd, m.listen()), true
	case VoteMsg:
		if !m.openWorkshop(msg.WorkshopID) {
			return nil, true
		}
		return m.teamChanged(), true
	case ParticipantMsg:
		if !m.openWorkshop(msg.WorkshopID) {
			return nil, true
		}
		return m.teamChanged(), true
	case teamChangedMsg:
		return m.teamChanged(), true
	case teamLoadedMsg:
		m.team.loading = false
		var cmds []tea.Cmd
		switch {
		case msg.err != nil && !errors.Is(msg.err, store.ErrNotFound):
			m.setStatus(m.describe(msg.err), true)
		case msg.err == nil && m.openWorkshop(msg.workshopID):
			d := m.c.Data
			d.Participants, d.SilentRounds, d.Votes = msg.participants, msg.rounds, msg.votes
			cmds = append(cmds, m.teamRefresh())
		}
		if m.team.dirty {
			m.team.dirty = false
			cmds = append(cmds, m.teamChanged())
		}
		return tea.Batch(cmds...), true
	case voteSavedMsg:
		if !m.openWorkshop(msg.workshopID) {
			return nil, true
		}
		m.c.applyVote(msg.vote)
		return tea.Batch(m.teamRefresh(), m.teamChanged()), true
	case silentSavedMsg:
		if !m.openWorkshop(msg.workshopID) {
			return nil, true
		}
		m.c.applySilentRound(msg.round)
		if msg.text != "" {
			m.setStatus(msg.text, false)
		}
		return tea.Batch(m.teamRefresh(), m.teamChanged()), true
	}
	return nil, false
}

// openWorkshop reports whether the workshop is the open one ("" is
// whichever is open).
func (m *Model) openWorkshop(id string) bool {
	return m.c.Data != nil && (id == "" || id == m.c.Data.Workshop.ID)
}

// teamChanged reloads the open workshop's team scoring, or asks for one
// more reload when one is under way.
func (m *Model) teamChanged() tea.Cmd {
	if m.c.Data == nil {
		return nil
	}
	if m.team.loading {
		m.team.dirty = true
		return nil
	}
	m.team.loading = true
	db, wid := m.c.Store, m.c.Data.Workshop.ID
	return func() tea.Msg {
		ps, rs, vs, err := db.LoadTeam(wid)
		return teamLoadedMsg{workshopID: wid, participants: ps, rounds: rs, votes: vs, err: err}
	}
}

func (m *Model) teamRefresh() tea.Cmd {
	return m.broadcast(true)
}

// applyVote puts a saved vote into the open dataset, replacing the one it
// replaced in the store.
func (c *Common) applyVote(v model.Vote) {
	d := c.Data
	i := slices.IndexFunc(d.Votes, func(x model.Vote) bool {
		return x.RoundID == v.RoundID && x.QuestionID == v.QuestionID && x.Revote == v.Revote && x.ParticipantID == v.ParticipantID
	})
	if i >= 0 {
		d.Votes = slices.Clone(d.Votes)
		d.Votes[i] = v
		return
	}
	d.Votes = append(slices.Clip(d.Votes), v)
	model.SortVotes(d.Votes)
}

// applySilentRound puts a saved silent round into the open dataset.
func (c *Common) applySilentRound(r model.SilentRound) {
	d := c.Data
	rs := slices.Clone(d.SilentRounds)
	if i := slices.IndexFunc(rs, func(x model.SilentRound) bool { return x.ID == r.ID }); i >= 0 {
		rs[i] = r
	} else {
		rs = append(rs, r)
		model.SortSilentRounds(rs)
	}
	d.SilentRounds = rs
}

// participants are the open workshop's participants.
func (c *Common) participants() []model.Participant {
	if c.Data == nil {
		return nil
	}
	return c.Data.Participants
}

// participant finds a participant of the open workshop.
func (c *Common) participant(id string) (model.Participant, bool) {
	for _, p := range c.participants() {
		if p.ID == id {
			return p, true
		}
	}
	return model.Participant{}, false
}

// participantName names a participant, or says they left.
func (c *Common) participantName(id string) string {
	if p, ok := c.participant(id); ok {
		return p.Name
	}
	return c.T("tui.team.gone")
}

// silentRound finds a silent round of the open workshop.
func (c *Common) silentRound(id string) (model.SilentRound, bool) {
	if c.Data == nil {
		return model.SilentRound{}, false
	}
	for _, r := range c.Data.SilentRounds {
		if r.ID == id {
			return r, true
		}
	}
	return model.SilentRound{}, false
}

// roundVotes are the votes of one silent round.
func (c *Common) roundVotes(id string) []model.Vote {
	if c.Data == nil {
		return nil
	}
	var out []model.Vote
	for _, v := range c.Data.Votes {
		if v.RoundID == id {
			out = append(out, v)
		}
	}
	return out
}

// updateSilent changes a stored silent round and reports it saved.
func (c *Common) updateSilent(id string, change func(r *model.SilentRound) error, done string) tea.Cmd {
	db, wid := c.Store, c.Data.Workshop.ID
	return func() tea.Msg {
		r, err := db.UpdateSilentRound(wid, id, change)
		if err != nil {
			return fail(err)
		}
		return silentSavedMsg{workshopID: wid, round: r, text: done}
	}
}

// teamFlag is why a customer is marked on the map and in the brief.
type teamFlag struct {
	// diverged are the questions whose team scores diverged and have no
	// agreed score yet.
	diverged []string
	// low: the answers cover too few questions.
	low bool
}

// teamFlags marks the customers whose team scores diverged or whose
// coverage is low.
func (c *Common) teamFlags(as []model.Assessment) map[string]teamFlag {
	out := map[string]teamFlag{}
	if c.Data == nil {
		return out
	}
	div := model.Divergence(c.Data.SilentRounds, c.Data.Votes)
	for _, a := range as {
		f := teamFlag{diverged: div[a.Customer.ID], low: slices.Contains(a.Warnings, model.WarnLowCoverage)}
		if len(f.diverged) > 0 || f.low {
			out[a.Customer.ID] = f
		}
	}
	return out
}

// flagMark is the mark after a flagged customer's name.
const flagMark = "!"

// flagLines says why a customer is flagged, wrapped to w.
func (c *Common) flagLines(f teamFlag, w int) []string {
	st := c.Styles
	var out []string
	if n := len(f.diverged); n > 0 {
		out = append(out, screen.Styled(screen.Wrap(flagMark+" "+c.T("tui.team.flag.diverged", n), w), st.Warning)...)
	}
	if f.low {
		out = append(out, screen.Styled(screen.Wrap(flagMark+" "+c.T("tui.team.flag.low"), w), st.Warning)...)
	}
	return out
}

// questionByID finds a question of the content.
func (c *Common) questionByID(id string) (model.Question, bool) {
	for _, q := range c.Questions() {
		if q.ID == id {
			return q, true
		}
	}
	return model.Question{}, false
}

// questionRef names a question as "A 3/10", or by its ID when the content
// no longer has it.
func (c *Common) questionRef(id string) string {
	q, ok := c.questionByID(id)
	if !ok {
		return id
	}
	set, ok := c.Content.Set(q.Set)
	if !ok {
		return id
	}
	i := slices.IndexFunc(set.Questions, func(x model.Question) bool { return x.ID == id })
	return fmt.Sprintf("%s %d/%d", answer.SetLetter(c.Content, q.Set), i+1, len(set.Questions))
}

// participantsScreen lists the workshop's participants: the people who
// score in silent rounds.
type participantsScreen struct {
	c      *Common
	table  screen.Table
	list   []model.Participant
	width  int
	height int
}

func newParticipants(c *Common) *participantsScreen {
	s := &participantsScreen{c: c}
	s.table = screen.Table{Styles: c.styles, Cols: []screen.Column{
		{Title: c.T("tui.team.col.name")},
		{Title: c.T("tui.team.col.role"), Width: 20},
		{Title: c.T("tui.team.col.votes"), Width: 8, Right: true},
		{Title: c.T("tui.team.col.ssh"), Width: 16},
	}}
	s.reload()
	return s
}

func (s *participantsScreen) Init() tea.Cmd { s.reload(); return nil }
func (s *participantsScreen) Title() string { return s.c.T("tui.team.participants") }
func (s *participantsScreen) Typing() bool  { return false }

func (s *participantsScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, h-s.headLines())
}

// headLines are the lines above the table: the heading, the explanation
// and a blank line.
func (s *participantsScreen) headLines() int {
	return 2 + len(strings.Split(screen.Wrap(s.intro(), max(s.width, 1)), "\n"))
}

func (s *participantsScreen) intro() string {
	if len(s.list) == 0 {
		return s.c.T("tui.team.none")
	}
	return s.c.T("tui.team.intro")
}

func (s *participantsScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if len(s.list) == 0 {
		return []key.Binding{k.New}
	}
	return []key.Binding{k.New, k.Edit, k.Delete}
}

func (s *participantsScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {k.New, k.Edit, k.Delete}}
}

func (s *participantsScreen) reload() {
	s.list = s.c.participants()
	votes := map[string]int{}
	if s.c.Data != nil {
		for _, v := range s.c.Data.Votes {
			votes[v.ParticipantID]++
		}
	}
	rows := make([]screen.Row, len(s.list))
	for i, p := range s.list {
		ssh := ""
		if n, ok := s.c.Presence[p.ID]; ok {
			// Over SSH while the server runs: connected, or dropped.
			ssh = s.c.T("tui.team.ssh.on")
			if n == 0 {
				ssh = s.c.T("tui.team.ssh.off")
			}
		}
		rows[i] = screen.Row{Cells: []string{p.Name, p.Role, fmt.Sprint(votes[p.ID]), ssh}}
	}
	s.table.Empty = ""
	s.table.SetRows(rows)
	s.SetSize(s.width, s.height)
}

func (s *participantsScreen) selected() (model.Participant, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.list) {
		return model.Participant{}, false
	}
	return s.list[s.table.Cursor], true
}

func (s *participantsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
	case tea.KeyPressMsg:
		if s.table.Move(msg, k.Lists()) {
			return s, nil
		}
		p, ok := s.selected()
		switch {
		case key.Matches(msg, k.New):
			return s, push(newParticipantForm(s.c, nil))
		case !ok:
		case key.Matches(msg, k.Edit), key.Matches(msg, k.Enter):
			return s, push(newParticipantForm(s.c, &p))
		case key.Matches(msg, k.Delete):
			return s, s.confirmDelete(p)
		}
	}
	return s, nil
}

func (s *participantsScreen) confirmDelete(p model.Participant) tea.Cmd {
	c := s.c
	n := 0
	for _, v := range c.Data.Votes {
		if v.ParticipantID == p.ID {
			n++
		}
	}
	wid := c.Data.Workshop.ID
	return newConfirm(c, c.T("tui.team.delete", p.Name, n), c.remove(wid,
		func(d model.Dataset) model.Dataset { return participantPart(d, p.ID) },
		func(db *store.DB) error { return db.DeleteParticipant(wid, p.ID) },
		c.T("tui.team.deleted", p.Name), c.T("tui.team.restored", p.Name), ""))
}

func (s *participantsScreen) View() string {
	st := s.c.Styles
	head := st.Title.Render(screen.Truncate(s.c.T("tui.team.heading", len(s.list)), s.width))
	intro := strings.Join(screen.Styled(screen.Wrap(s.intro(), s.width), st.Muted), "\n")
	if len(s.list) == 0 {
		return head + "\n" + intro
	}
	return head + "\n" + intro + "\n\n" + s.table.View()
}

// participantFields is the heap value a participant form writes into.
type participantFields struct {
	Name, Role string
}

// newParticipantForm adds a participant to the open workshop, or edits p.
func newParticipantForm(c *Common, p *model.Participant) *formScreen {
	f := &participantFields{}
	title := c.T("tui.team.new")
	if p != nil {
		title = c.T("tui.team.edit")
		f.Name, f.Role = p.Name, p.Role
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(c.T("field.participant.name")).Value(&f.Name).CharLimit(60).Validate(c.requiredName),
		huh.NewInput().Title(c.T("field.participant.role")).Description(c.T("field.participant.role.help")).Value(&f.Role).CharLimit(60),
	))
	wid := c.Data.Workshop.ID
	return newFormScreen(c, title, form, func() tea.Cmd {
		x := model.Participant{WorkshopID: wid}
		if p != nil {
			x = *p
		}
		x.Name = model.CleanText(f.Name)
		x.Role = model.CleanText(f.Role)
		done := c.T("tui.team.added", x.Name)
		if p != nil {
			done = c.T("tui.team.saved", x.Name)
		}
		return c.reloadAfter(func(db *store.DB) error { return db.PutParticipant(x) }, done)
	})
}

// countBar draws n of most as a bar of w cells.
func countBar(c *Common, n, most, w int) string {
	st := c.Styles
	if most <= 0 || w <= 0 {
		return strings.Repeat(" ", max(w, 0))
	}
	full := n * w / most
	if n > 0 && full == 0 {
		full = 1
	}
	return st.BarFull.Render(strings.Repeat("█", full)) + st.BarEmpty.Render(strings.Repeat("·", w-full))
}

// mmss formats a duration as mm:ss (hh:mm:ss from an hour).
func mmss(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 0 {
		d = -d
	}
	h, m, sec := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%02d:%02d", m, sec)
}

// refs names questions as "A 3/10, B 2/10".
func (c *Common) refs(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = c.questionRef(id)
	}
	return strings.Join(out, ", ")
}

// markFlagged puts the mark after the names of the flagged customers, so
// that the map's labels, legend and panel all show it.
func markFlagged(as []model.Assessment, flags map[string]teamFlag) {
	for i := range as {
		if _, ok := flags[as[i].Customer.ID]; ok {
			as[i].Customer.Name += " " + flagMark
		}
	}
}

// flagText says after a flagged customer's name on the map's one-line
// panel why it is flagged.
func (s *mapScreen) flagText(customerID string) string {
	f, ok := s.flags[customerID]
	if !ok {
		return ""
	}
	why := s.c.T("tui.team.flag.low.short")
	if len(f.diverged) > 0 {
		why = s.c.T("tui.team.flag.diverged.short", len(f.diverged))
	}
	return " " + s.c.Styles.Warning.Render(why)
}
