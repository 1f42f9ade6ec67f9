// Package team is team scoring in the facilitator's UI: the
// participants, the silent rounds (silent.go), the hot seat (hotseat.go)
// and the reveal (reveal.go), with the marks they leave on the map and in
// the brief. Its screens read the open workshop and return the results of
// their store writes to the root (ui/tui), which applies them; they ask
// the root for the question screen, which the whole UI shares, with
// AnswerMsg and TurnMsg.
package team

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/answer"
	"styrka/ui/screen"
	"styrka/ui/tui/workbench"
)

// clock and timerTick are the round view's clock and how often its timer
// redraws (SetClock).
var (
	clock     = time.Now
	timerTick = time.Second
)

// SetClock sets the clock silent rounds are opened, revealed and timed
// by, and how often a round view's timer redraws (0: never). It is a seam
// for tests, which stop the clock; the program keeps the defaults.
func SetClock(now func() time.Time, tick time.Duration) { clock, timerTick = now, tick }

// The results of team scoring's store writes, which the root applies to
// the open workshop.
type (
	// VoteSavedMsg reports a vote stored in the database.
	VoteSavedMsg struct {
		WorkshopID string
		Vote       model.Vote
	}
	// RoundSavedMsg reports a silent round stored (opened, revealed, a
	// re-vote, closed); Status is the status to show, or "".
	RoundSavedMsg struct {
		WorkshopID string
		Round      model.SilentRound
		Status     string
	}
)

// What team scoring asks of the root: the question screen, which the
// whole UI shares.
type (
	// AnswerMsg asks for the question screen on both sets for a
	// customer, in place of the screen that asks: without participants
	// the facilitator's answers are the team's.
	AnswerMsg struct{ CustomerID string }
	// TurnMsg asks for the question screen for a participant's turn in
	// a silent round, on top.
	TurnMsg struct{ Turn *Turn }
)

// participantName names a participant, or says they left.
func participantName(c *workbench.Common, ws *workbench.Workshop, id string) string {
	if p, ok := ws.Participant(id); ok {
		return p.Name
	}
	return c.T("tui.team.gone")
}

// updateSilent changes a stored silent round and reports it saved.
func updateSilent(ws *workbench.Workshop, id string, change func(r *model.SilentRound) error, done string) tea.Cmd {
	db, wid := ws.Store(), ws.Data().Workshop.ID
	return func() tea.Msg {
		r, err := db.UpdateSilentRound(wid, id, change)
		if err != nil {
			return workbench.Fail(err)
		}
		return RoundSavedMsg{WorkshopID: wid, Round: r, Status: done}
	}
}

// Flag is why a customer is marked on the map and in the brief.
type Flag struct {
	// Diverged are the questions whose team scores diverged and have no
	// agreed score yet.
	Diverged []string
	// Low: the answers cover too few questions.
	Low bool
}

// Flags marks the customers whose team scores diverged or whose coverage
// is low.
func Flags(ws *workbench.Workshop, as []model.Assessment) map[string]Flag {
	out := map[string]Flag{}
	d := ws.Data()
	if d == nil {
		return out
	}
	div := model.Divergence(d.SilentRounds, d.Votes)
	for _, a := range as {
		f := Flag{Diverged: div[a.Customer.ID], Low: slices.Contains(a.Warnings, model.WarnLowCoverage)}
		if len(f.Diverged) > 0 || f.Low {
			out[a.Customer.ID] = f
		}
	}
	return out
}

// FlagMark is the mark after a flagged customer's name.
const FlagMark = "!"

// FlagLines says why a customer is flagged, wrapped to w.
func FlagLines(c *workbench.Common, f Flag, w int) []string {
	st := c.Styles
	var out []string
	if n := len(f.Diverged); n > 0 {
		out = append(out, screen.Styled(screen.Wrap(FlagMark+" "+c.T("tui.team.flag.diverged", n), w), st.Warning)...)
	}
	if f.Low {
		out = append(out, screen.Styled(screen.Wrap(FlagMark+" "+c.T("tui.team.flag.low"), w), st.Warning)...)
	}
	return out
}

// FlagText says after a flagged customer's name, on one line, why it is
// flagged.
func FlagText(c *workbench.Common, f Flag) string {
	why := c.T("tui.team.flag.low.short")
	if len(f.Diverged) > 0 {
		why = c.T("tui.team.flag.diverged.short", len(f.Diverged))
	}
	return " " + c.Styles.Warning.Render(why)
}

// MarkFlagged puts the mark after the names of the flagged customers, so
// that the map's labels, legend and panel all show it.
func MarkFlagged(as []model.Assessment, flags map[string]Flag) {
	for i := range as {
		if _, ok := flags[as[i].Customer.ID]; ok {
			as[i].Customer.Name += " " + FlagMark
		}
	}
}

// roundHeading is the heading of a screen about a silent round: the text
// of key, which names the round's customer; when the round is gone, the
// line that says so, and ok is false.
func roundHeading(c *workbench.Common, ws *workbench.Workshop, r model.SilentRound, found bool, key string, w int) (head string, ok bool) {
	if !found {
		return c.Styles.Muted.Render(screen.Wrap(c.T("tui.silent.missing"), w)), false
	}
	return c.Styles.Title.Render(screen.Truncate(c.T(key, ws.CustomerName(r.CustomerID)), w)), true
}

// questionRef names a question as "A 3/10", or by its ID when the content
// no longer has it.
func questionRef(c *workbench.Common, id string) string {
	q, ok := c.QuestionByID(id)
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
	c      *workbench.Common
	ws     *workbench.Workshop
	table  screen.Table
	list   []model.Participant
	width  int
	height int
}

// NewParticipants lists the open workshop's participants, to add, edit and
// remove them.
func NewParticipants(c *workbench.Common, ws *workbench.Workshop) screen.Screen {
	s := &participantsScreen{c: c, ws: ws}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
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
	s.list = s.ws.Participants()
	votes := map[string]int{}
	if s.ws.Data() != nil {
		for _, v := range s.ws.Data().Votes {
			votes[v.ParticipantID]++
		}
	}
	rows := make([]screen.Row, len(s.list))
	for i, p := range s.list {
		ssh := ""
		if n, ok := s.ws.Connections(p.ID); ok {
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

func (s *participantsScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
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
			return s, screen.Push(newParticipantForm(s.c, s.ws, nil))
		case !ok:
		case key.Matches(msg, k.Edit), key.Matches(msg, k.Enter):
			return s, screen.Push(newParticipantForm(s.c, s.ws, &p))
		case key.Matches(msg, k.Delete):
			return s, s.confirmDelete(p)
		}
	}
	return s, nil
}

func (s *participantsScreen) confirmDelete(p model.Participant) tea.Cmd {
	c := s.c
	ws := s.ws
	n := 0
	for _, v := range ws.Data().Votes {
		if v.ParticipantID == p.ID {
			n++
		}
	}
	wid := ws.Data().Workshop.ID
	return ws.Confirm(c.T("tui.team.delete", p.Name, n), ws.Remove(wid,
		func(d model.Dataset) model.Dataset { return participantPart(d, p.ID) },
		func(db store.Store) error { return db.DeleteParticipant(wid, p.ID) },
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
func newParticipantForm(c *workbench.Common, ws *workbench.Workshop, p *model.Participant) *workbench.FormScreen {
	f := &participantFields{}
	title := c.T("tui.team.new")
	if p != nil {
		title = c.T("tui.team.edit")
		f.Name, f.Role = p.Name, p.Role
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(c.T("field.participant.name")).Value(&f.Name).CharLimit(60).Validate(c.RequiredName),
		huh.NewInput().Title(c.T("field.participant.role")).Description(c.T("field.participant.role.help")).Value(&f.Role).CharLimit(60),
	))
	wid := ws.Data().Workshop.ID
	return workbench.NewFormScreen(c, title, form, func() tea.Cmd {
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
		return ws.ReloadAfter(func(db store.Store) error { return db.PutParticipant(x) }, done)
	})
}

// countBar draws n of most as a bar of w cells.
func countBar(c *workbench.Common, n, most, w int) string {
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

// Refs names questions as "A 3/10, B 2/10".
func Refs(c *workbench.Common, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = questionRef(c, id)
	}
	return strings.Join(out, ", ")
}

// participantPart is what deleting a participant removes: the person,
// their votes, and their place in silent rounds (the rounds are written
// back as they were, with the customers they are about).
func participantPart(d model.Dataset, participantID string) model.Dataset {
	part := model.Dataset{Workshop: d.Workshop, Participants: d.Participants}
	customers := map[string]bool{}
	voted := map[string]bool{}
	for _, v := range d.Votes {
		if v.ParticipantID == participantID {
			voted[v.RoundID] = true
		}
	}
	for _, r := range d.SilentRounds {
		if slices.Contains(r.Participants, participantID) || voted[r.ID] {
			part.SilentRounds = append(part.SilentRounds, r)
			customers[r.CustomerID] = true
		}
	}
	for _, cu := range d.Customers {
		if customers[cu.ID] {
			part.Customers = append(part.Customers, cu)
		}
	}
	rounds := map[string]bool{}
	for _, r := range part.SilentRounds {
		rounds[r.ID] = true
	}
	for _, v := range d.Votes {
		if v.ParticipantID == participantID && rounds[v.RoundID] {
			part.Votes = append(part.Votes, v)
		}
	}
	return part
}
