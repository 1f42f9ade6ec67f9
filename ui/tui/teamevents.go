package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/answer"
	"styrka/ui/screen"
	"styrka/ui/tui/team"
)

// Team scoring at the root: the messages that keep every screen up to
// date as votes arrive from outside the program (the SSH server), and the
// results of the team's store writes, applied to the open workshop. The
// screens of team scoring are in ui/tui/team.

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
		m.reloads.loading = false
		var cmds []tea.Cmd
		switch {
		case msg.err != nil && !errors.Is(msg.err, store.ErrNotFound):
			m.setStatus(m.describe(msg.err), true)
		case msg.err == nil && m.openWorkshop(msg.workshopID):
			m.own.SetTeam(msg.participants, msg.rounds, msg.votes)
			cmds = append(cmds, m.teamRefresh())
		}
		if m.reloads.dirty {
			m.reloads.dirty = false
			cmds = append(cmds, m.teamChanged())
		}
		return tea.Batch(cmds...), true
	case team.VoteSavedMsg:
		if !m.openWorkshop(msg.WorkshopID) {
			return nil, true
		}
		m.own.ApplyVote(msg.Vote)
		return tea.Batch(m.teamRefresh(), m.teamChanged()), true
	case team.RoundSavedMsg:
		if !m.openWorkshop(msg.WorkshopID) {
			return nil, true
		}
		m.own.ApplySilentRound(msg.Round)
		if msg.Status != "" {
			m.setStatus(msg.Status, false)
		}
		return tea.Batch(m.teamRefresh(), m.teamChanged()), true
	}
	return nil, false
}

// openWorkshop reports whether the workshop is the open one ("" is
// whichever is open).
func (m *Model) openWorkshop(id string) bool {
	return m.ws.Data() != nil && (id == "" || id == m.ws.Data().Workshop.ID)
}

// teamChanged reloads the open workshop's team scoring, or asks for one
// more reload when one is under way.
func (m *Model) teamChanged() tea.Cmd {
	if m.ws.Data() == nil {
		return nil
	}
	if m.reloads.loading {
		m.reloads.dirty = true
		return nil
	}
	m.reloads.loading = true
	db, wid := m.ws.Store(), m.ws.Data().Workshop.ID
	return func() tea.Msg {
		ps, rs, vs, err := db.LoadTeam(wid)
		return teamLoadedMsg{workshopID: wid, participants: ps, rounds: rs, votes: vs, err: err}
	}
}

func (m *Model) teamRefresh() tea.Cmd {
	return m.broadcast(true)
}

// teamAsks gives team scoring the question screen it asks for (from is
// the screen that asks); ok is false for every other message.
func (m *Model) teamAsks(from screen.ID, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case team.AnswerMsg:
		// In place of the screen that asks.
		qs := newQuestions(m.c, m.ws, msg.CustomerID, answer.Both)
		cmd, _ := m.stack.Update(screen.Addressed{To: from, Msg: screen.ReplaceMsg{Screen: qs}})
		return cmd, true
	case team.TurnMsg:
		return m.stack.Push(newTurnQuestions(m.c, m.ws, msg.Turn)), true
	}
	return nil, false
}
