package tui

import (
	"context"
	"errors"
	"net"
	"slices"
	"styrka/ui/screen"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/ui/serve"
	"styrka/ui/tui/workbench"
)

// The SSH server for participants (styrka serve) inside the facilitator's
// program: started from the customers screen, or handed over by the
// serve command with ServingMsg. While it runs the header shows what
// participants type and the join code, every vote and join reloads the
// team scoring (VoteMsg, ParticipantMsg), and it closes with the program.

// serveAddr is where a server started from the UI listens: the whole
// room, which the facilitator confirms first. Tests listen on loopback.
var serveAddr = ":2323"

// serveSubscribe subscribes to a server's events; tests give their own
// channel.
var serveSubscribe = (*serve.Server).Subscribe

// ServingMsg hands the program an SSH server that is already running.
type ServingMsg struct{ Server *serve.Server }

type (
	// serveToggleMsg asks to start the server for the open workshop, or
	// to stop it.
	serveToggleMsg struct{}
	// serveStartMsg starts it, once the facilitator has confirmed.
	serveStartMsg struct{}
	// serveStartedMsg reports the server started.
	serveStartedMsg struct{ srv *serve.Server }
	// serveStoppedMsg reports the server closed.
	serveStoppedMsg struct{}
	// serveEventMsg is an event of the server's, with its channel to
	// listen on for the next.
	serveEventMsg struct {
		srv *serve.Server
		ch  <-chan serve.Event
		e   serve.Event
		ok  bool
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
		if m.server != nil {
			return m.ws.Confirm(m.c.T("tui.serve.stop.confirm"), m.stopServing()), true
		}
		if m.ws.Data() == nil {
			return nil, true
		}
		_, port, _ := net.SplitHostPort(serveAddr)
		return m.ws.Confirm(m.c.T("tui.serve.start.confirm", port), func() tea.Msg { return serveStartMsg{} }), true
	case serveStartMsg:
		return m.startServing(), true
	case serveStartedMsg:
		return m.serving(msg.srv), true
	case serveStoppedMsg:
		m.server = nil
		m.own.SetPresence(nil)
		m.asking, m.asked = nil, ""
		m.setStatus(m.c.T("tui.serve.stopped"), false)
		return nil, true
	case serveEventMsg:
		if !msg.ok {
			// The subscription ends when the server closes.
			select {
			case <-msg.srv.Done():
				if m.server == msg.srv {
					m.server = nil
				}
			default:
			}
			return nil, true
		}
		var cmd tea.Cmd
		switch {
		case msg.e.Vote != nil:
			_, cmd = m.Update(VoteMsg{WorkshopID: msg.e.WorkshopID, RoundID: msg.e.Vote.RoundID})
		case msg.e.Joined != nil, msg.e.Left != nil:
			m.presence(msg.srv)
			_, cmd = m.Update(ParticipantMsg{WorkshopID: msg.e.WorkshopID})
		case msg.e.Asking != nil:
			m.asking = append(m.asking, *msg.e.Asking)
			cmd = m.nextRequest()
		case msg.e.Answered != "":
			cmd = m.requestGone(msg.e.Answered)
		}
		return tea.Batch(cmd, listenServe(msg.srv, msg.ch)), true
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

// serveAnsweredMsg reports the facilitator's answer to a request to join
// under a name that is bound to someone else.
type serveAnsweredMsg struct {
	id, name string
	yes      bool
	err      error
}

// nextRequest asks about the oldest request to join under a taken name,
// unless a dialog is open (the next one is asked when it closes).
func (m *Model) nextRequest() tea.Cmd {
	if m.asked != "" || len(m.asking) == 0 || m.server == nil || m.stack.Dialog() != nil {
		return nil
	}
	r := m.asking[0]
	m.asking = m.asking[1:]
	m.asked = r.ID
	srv, name := m.server, r.Participant.Name
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

// startServing starts the server for the open workshop in a command.
func (m *Model) startServing() tea.Cmd {
	if m.ws.Data() == nil || m.server != nil {
		return nil
	}
	c, ws := m.c, m.ws
	o := serve.Options{
		DB: ws.Store(), WorkshopID: ws.Data().Workshop.ID, Addr: serveAddr, Lang: c.Lang,
		// The participants' other language comes from the built-in
		// content; a question only the facilitator's content has is
		// shown in the facilitator's language.
		Content: func(lang string) (*assets.Content, error) {
			if lang == c.Lang {
				return c.Content, nil
			}
			return assets.Builtin(lang)
		},
	}
	return func() tea.Msg {
		srv, err := serve.Start(context.Background(), o)
		if err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				return screen.StatusMsg{Text: c.T("tui.serve.inuse", serveAddr), Err: true}
			}
			return workbench.Fail(err)
		}
		return serveStartedMsg{srv}
	}
}

// serving keeps a running server, says how to join and listens to it.
func (m *Model) serving(srv *serve.Server) tea.Cmd {
	if srv == nil {
		return nil
	}
	m.server = srv
	cmds := []tea.Cmd{listenServe(srv, serveSubscribe(srv))}
	text := m.c.T("tui.serve.local", m.serveLabel())
	if srv.Room() {
		text = m.c.T("tui.serve.room", m.serveLabel())
	}
	m.setStatus(text, false)
	if m.ws.Data() == nil {
		// The serve command: open the workshop being served.
		cmds = append(cmds, m.ws.Load(srv.WorkshopID(), newCustomers(m.c, m.ws)))
	}
	return tea.Batch(cmds...)
}

// listenServe waits for the server's next event on ch, its
// subscription.
func listenServe(srv *serve.Server, ch <-chan serve.Event) tea.Cmd {
	return func() tea.Msg {
		e, ok := <-ch
		return serveEventMsg{srv: srv, ch: ch, e: e, ok: ok}
	}
}

// stopServing closes the server in a command.
func (m *Model) stopServing() tea.Cmd {
	srv := m.server
	if srv == nil {
		return nil
	}
	return func() tea.Msg {
		_ = srv.Close()
		return serveStoppedMsg{}
	}
}

// closeServer closes the server as the program ends, before the database
// is closed.
func (m *Model) closeServer() {
	if m.server != nil {
		_ = m.server.Close()
		m.server = nil
	}
}

// serveLabel is what the header shows while the server runs: the command
// participants type and the join code.
func (m *Model) serveLabel() string {
	srv := m.server
	if srv == nil {
		return ""
	}
	cmd := srv.Commands()
	if len(cmd) == 0 {
		return ""
	}
	return m.c.T("tui.serve.label", cmd[0], serve.FormatCode(srv.JoinCode()))
}
