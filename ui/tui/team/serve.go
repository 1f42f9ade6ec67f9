package team

import (
	"context"
	"errors"
	"net"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/ui/screen"
	"styrka/ui/serve"
	"styrka/ui/tui/workbench"
)

// The SSH server for participants (styrka serve) inside the facilitator's
// program: started from the customer list, or handed over by the serve
// command. Server is its lifecycle: it starts one for the open workshop,
// listens to its events, says how to join and closes it. The root owns
// it and handles what the events mean (votes and joins reload the team
// scoring; a request to join under a taken name asks the facilitator).

// Server is the SSH server for participants while it runs, or none.
type Server struct {
	o   ServerOptions
	srv *serve.Server
}

// ServerOptions say where a server started from the UI listens and how
// its events are read; tests listen on loopback and give their own.
type ServerOptions struct {
	// Addr is where it listens: the whole room by default (":2323"),
	// which the facilitator confirms first.
	Addr string
	// Subscribe subscribes to a server's events; by default
	// (*serve.Server).Subscribe.
	Subscribe func(*serve.Server) <-chan serve.Event
}

// NewServer is the lifecycle of a server not started yet.
func NewServer(o ServerOptions) *Server {
	if o.Addr == "" {
		o.Addr = ":2323"
	}
	if o.Subscribe == nil {
		o.Subscribe = (*serve.Server).Subscribe
	}
	return &Server{o: o}
}

// The server's results, which the root handles.
type (
	// ServerStartedMsg reports a server started.
	ServerStartedMsg struct{ Server *serve.Server }
	// ServerStoppedMsg reports the server closed.
	ServerStoppedMsg struct{}
	// ServerEventMsg is an event of a server's; Open is false once its
	// subscription has ended. Listen waits for the next.
	ServerEventMsg struct {
		Server *serve.Server
		Event  serve.Event
		Open   bool
		ch     <-chan serve.Event
	}
)

// Running is the server that runs, or nil.
func (s *Server) Running() *serve.Server { return s.srv }

// Port is the port a server started from the UI listens on.
func (s *Server) Port() string {
	_, port, _ := net.SplitHostPort(s.o.Addr)
	return port
}

// Start starts a server for the open workshop in a command, unless one
// runs.
func (s *Server) Start(c *workbench.Common, ws *workbench.Workshop) tea.Cmd {
	if ws.Data() == nil || s.srv != nil {
		return nil
	}
	o := serve.Options{
		DB: ws.Store(), WorkshopID: ws.Data().Workshop.ID, Addr: s.o.Addr, Lang: c.Lang,
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
	inUse := c.T("tui.serve.inuse", s.o.Addr)
	return func() tea.Msg {
		srv, err := serve.Start(context.Background(), o)
		if err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				return screen.StatusMsg{Text: inUse, Err: true}
			}
			return workbench.Fail(err)
		}
		return ServerStartedMsg{srv}
	}
}

// Keep keeps a running server (one started here, or handed over) and
// listens to it.
func (s *Server) Keep(srv *serve.Server) tea.Cmd {
	s.srv = srv
	return Listen(srv, s.o.Subscribe(srv))
}

// Next listens for the event after msg; once the subscription has ended
// it forgets the server if it has closed.
func (s *Server) Next(msg ServerEventMsg) tea.Cmd {
	if msg.Open {
		return Listen(msg.Server, msg.ch)
	}
	select {
	case <-msg.Server.Done():
		if s.srv == msg.Server {
			s.srv = nil
		}
	default:
	}
	return nil
}

// Listen waits for a server's next event on ch, its subscription.
func Listen(srv *serve.Server, ch <-chan serve.Event) tea.Cmd {
	return func() tea.Msg {
		e, ok := <-ch
		return ServerEventMsg{Server: srv, Event: e, Open: ok, ch: ch}
	}
}

// Stop closes the server in a command.
func (s *Server) Stop() tea.Cmd {
	srv := s.srv
	if srv == nil {
		return nil
	}
	return func() tea.Msg {
		_ = srv.Close()
		return ServerStoppedMsg{}
	}
}

// Stopped forgets the server once it has closed.
func (s *Server) Stopped() { s.srv = nil }

// Close closes the server as the program ends, before the database is
// closed.
func (s *Server) Close() {
	if s.srv != nil {
		_ = s.srv.Close()
		s.srv = nil
	}
}

// Label is what the header shows while the server runs: the command
// participants type and the join code; "" when none runs.
func (s *Server) Label(c *workbench.Common) string {
	if s.srv == nil {
		return ""
	}
	cmd := s.srv.Commands()
	if len(cmd) == 0 {
		return ""
	}
	return c.T("tui.serve.label", cmd[0], serve.FormatCode(s.srv.JoinCode()))
}
