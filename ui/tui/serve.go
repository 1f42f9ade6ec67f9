package tui

import (
	"errors"
	"slices"

	tea "charm.land/bubbletea/v2"

	"styrka/ui/screen"
	"styrka/ui/serve"
	"styrka/ui/tui/team"
)

// The SSH server for participants at the root. Its lifecycle is
// team.Server's; the root handles what its events mean: while it runs the
// header shows what participants type and the join code, every vote and
// join reloads the team scoring (VoteMsg, ParticipantMsg), a request to
// join under a name bound to someone else asks the facilitator, and it
// closes with the program.

// ServingMsg hands the program an SSH server that is already running
// (the serve command).
type ServingMsg struct{ Server *serve.Server }

type (
	// serveToggleMsg asks to start the server for the open workshop, or
	// to stop it.
	serveToggleMsg struct{}
	// serveStartMsg starts it, once the facilitator has confirmed.
	serveStartMsg struct{}
	// serveAnsweredMsg reports the facilitator's answer to a request to
	// join under a name that is bound to someone else.
	serveAnsweredMsg struct {
		id, name string
		yes      bool
		err      error
	}
)

func toggleServe() tea.Msg { return serveToggleMsg{} }

// serveUpdate handles the server's messages at the root; ok is false for
// every other message.
func (m *Model) serveUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case ServingMsg:
		return m.serving(msg.Server), true
	case serveToggleMsg:
		if m.server.Running() != nil {
			return m.ws.Confirm(m.c.T("tui.serve.stop.confirm"), m.server.Stop()), true
		}
		if m.ws.Data() == nil {
			return nil, true
		}
		return m.ws.Confirm(m.c.T("tui.serve.start.confirm", m.server.Port()), func() tea.Msg { return serveStartMsg{} }), true
	case serveStartMsg:
		return m.server.Start(m.c, m.ws), true
	case team.ServerStartedMsg:
		return m.serving(msg.Server), true
	case team.ServerStoppedMsg:
		m.server.Stopped()
		m.own.SetPresence(nil)
		m.asking, m.asked = nil, ""
		m.setStatus(m.c.T("tui.serve.stopped"), false)
		return nil, true
	case team.ServerEventMsg:
		if !msg.Open {
			// The subscription ends when the server closes.
			return m.server.Next(msg), true
		}
		var cmd tea.Cmd
		e := msg.Event
		switch {
		case e.Vote != nil:
			_, cmd = m.Update(VoteMsg{WorkshopID: e.WorkshopID, RoundID: e.Vote.RoundID})
		case e.Joined != nil, e.Left != nil:
			m.presence(msg.Server)
			_, cmd = m.Update(ParticipantMsg{WorkshopID: e.WorkshopID})
		case e.Asking != nil:
			m.asking = append(m.asking, *e.Asking)
			cmd = m.nextRequest()
		case e.Answered != "":
			cmd = m.requestGone(e.Answered)
		}
		return tea.Batch(cmd, m.server.Next(msg)), true
	case serveAnsweredMsg:
		m.asked = ""
		switch {
		case errors.Is(msg.err, serve.ErrNoRequest):
			m.setStatus(m.c.T("tui.serve.request.gone", msg.name), false)
		case msg.err != nil:
			m.setStatus(m.describe(msg.err), true)
		case msg.yes:
			m.setStatus(m.c.T("tui.serve.request.approved", msg.name), false)
		default:
			m.setStatus(m.c.T("tui.serve.request.denied", msg.name), false)
		}
		return m.nextRequest(), true
	}
	return nil, false
}

// nextRequest asks about the oldest request to join under a taken name,
// unless a dialog is open (the next one is asked when it closes).
func (m *Model) nextRequest() tea.Cmd {
	srv := m.server.Running()
	if m.asked != "" || len(m.asking) == 0 || srv == nil || m.stack.Dialog() != nil {
		return nil
	}
	r := m.asking[0]
	m.asking = m.asking[1:]
	m.asked = r.ID
	name := r.Participant.Name
	answer := func(yes bool) tea.Cmd {
		return func() tea.Msg {
			var err error
			if yes {
				err = srv.Approve(r.ID)
			} else {
				err = srv.Deny(r.ID)
			}
			return serveAnsweredMsg{id: r.ID, name: name, yes: yes, err: err}
		}
	}
	key := m.c.T("tui.serve.request.nokey")
	if r.Key != "" {
		key = m.c.T("tui.serve.request.key", r.Key)
	}
	text := m.c.T("tui.serve.request", r.Addr, name, key)
	return screen.Ask(screen.NewConfirm(text, answer(true)).OnNo(answer(false)))
}

// requestGone drops a request that waits no more, closing its dialog.
func (m *Model) requestGone(id string) tea.Cmd {
	m.asking = slices.DeleteFunc(m.asking, func(r serve.Request) bool { return r.ID == id })
	if m.asked == id {
		m.asked = ""
		m.stack.CloseDialog()
		return m.nextRequest()
	}
	return nil
}

// presence copies who is connected from the server for the screens.
func (m *Model) presence(srv *serve.Server) {
	p := map[string]int{}
	for _, x := range srv.People() {
		p[x.Participant.ID] = x.Connections
	}
	m.own.SetPresence(p)
}

// serving keeps a running server, says how to join and listens to it.
func (m *Model) serving(srv *serve.Server) tea.Cmd {
	if srv == nil {
		return nil
	}
	cmds := []tea.Cmd{m.server.Keep(srv)}
	label := m.server.Label(m.c)
	text := m.c.T("tui.serve.local", label)
	if srv.Room() {
		text = m.c.T("tui.serve.room", label)
	}
	m.setStatus(text, false)
	if m.ws.Data() == nil {
		// The serve command: open the workshop being served.
		cmds = append(cmds, m.ws.Load(srv.WorkshopID(), newCustomers(m.c, m.ws)))
	}
	return tea.Batch(cmds...)
}
