package tui

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/vt"
	"golang.org/x/crypto/ssh"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/serve"
	"styrka/ui/tui/team"
)

// fakeServeEvents makes the UI listen to events the test gives instead of
// the server's, and servers started from the UI listen on loopback.
func fakeServeEvents(m *Model, events ...serve.Event) {
	ch := make(chan serve.Event, len(events))
	for _, e := range events {
		ch <- e
	}
	close(ch) // listening again returns at once
	m.server = team.NewServer(team.ServerOptions{Addr: "127.0.0.1:0",
		Subscribe: func(*serve.Server) <-chan serve.Event { return ch }})
}

// TestServeFromCustomers starts the SSH server from the customer list:
// the facilitator confirms, the header shows what participants type and
// the code, a vote from the server reloads the team scoring, and the same
// key stops it.
func TestServeFromCustomers(t *testing.T) {
	m, db, _, ps := teamSetup(t, "en", true)
	v := openRoundFor(t, m, 1)
	q := v.Questions[0]
	vote := model.Vote{RoundID: v.ID, ParticipantID: ps[0].ID, QuestionID: q, Score: 4}
	if err := db.SaveVote(assets.DemoID, vote); err != nil {
		t.Fatal(err)
	}
	fakeServeEvents(m, serve.Event{WorkshopID: assets.DemoID, Vote: &vote})
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("esc from the round view led to %T", m.top())
	}

	press(t, m, "J")
	if ok := m.stack.Dialog() != nil; !ok {
		t.Fatalf("J opened %T", m.top())
	}
	if !strings.Contains(frameText(m), "anyone on the network") {
		t.Errorf("the facilitator is not told the room can join:\n%s", frameText(m))
	}
	press(t, m, "y")
	if m.server.Running() == nil {
		t.Fatalf("no server after confirming:\n%s", frameText(m))
	}
	t.Cleanup(func() { m.server.Close() })
	want := serve.FormatCode(m.server.Running().JoinCode())
	if !strings.Contains(frameText(m), want) || !strings.Contains(frameText(m), "ssh -p ") {
		t.Errorf("the header lacks the command and code %s:\n%s", want, frameText(m))
	}
	requireFits(t, m)
	if len(m.ws.Data().Votes) != 1 {
		t.Errorf("the vote event did not reload the votes: %v", m.ws.Data().Votes)
	}
	if m.server.Running() == nil {
		t.Fatal("the end of the test's events stopped the server")
	}
	resize(t, m, 60, 16)
	requireFits(t, m)
	resize(t, m, 80, 24)

	srv := m.server.Running()
	press(t, m, "J")
	press(t, m, "y")
	if m.server.Running() != nil {
		t.Fatal("the server still runs after stopping it")
	}
	select {
	case <-srv.Done():
	default:
		t.Error("the server was not closed")
	}
	if strings.Contains(frameText(m), want) {
		t.Errorf("the header still shows the code:\n%s", frameText(m))
	}
}

// TestServingMsg: the serve command hands over a running server; the UI
// opens the workshop served and shows how to join.
func TestServingMsg(t *testing.T) {
	m, db := newTestModel(t, "sv", true)
	fakeServeEvents(m)
	srv, err := serve.Start(context.Background(), serve.Options{DB: db, WorkshopID: assets.DemoID, Addr: "127.0.0.1:0", Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	drive(t, m, ServingMsg{Server: srv})
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("the served workshop did not open: %T", m.top())
	}
	if s := frameText(m); !strings.Contains(s, "kod "+serve.FormatCode(srv.JoinCode())) || !strings.Contains(s, "localhost") {
		t.Errorf("the header lacks how to join:\n%s", s)
	}
	m.server.Close()
	select {
	case <-srv.Done():
	default:
		t.Error("closing the program did not close the server")
	}
}

// A request to join under a name bound to someone else opens a dialog;
// the answer goes to the server, and a request that waits no more closes
// its dialog.
func TestJoinRequestsAskTheFacilitator(t *testing.T) {
	m, _, _, ps := teamSetup(t, "en", true)
	asking := serve.Request{ID: "r1", Participant: ps[0], Addr: "10.0.0.7:51000", Key: "SHA256:abc"}
	fakeServeEvents(m, serve.Event{WorkshopID: assets.DemoID, Asking: &asking})
	press(t, m, "J", "y")
	if m.server.Running() == nil {
		t.Fatal("no server")
	}
	t.Cleanup(func() { m.server.Close() })
	d := m.stack.Dialog()
	if d == nil || !strings.Contains(d.Text(), "Anna Berg") || !strings.Contains(d.Text(), "10.0.0.7") || !strings.Contains(d.Text(), "SHA256:abc") {
		t.Fatalf("no dialog about the request:\n%s", frameText(m))
	}
	// The server no longer knows the request (it was never a real one):
	// the answer says so.
	press(t, m, "y")
	if m.stack.Dialog() != nil || !strings.Contains(m.statusText(), "waits no more") {
		t.Fatalf("after y: dialog %v, status %q", m.stack.Dialog() != nil, m.statusText())
	}
	// A request that is answered elsewhere closes its dialog.
	events := func(es ...serve.Event) tea.Cmd {
		ch := make(chan serve.Event, len(es))
		for _, e := range es {
			ch <- e
		}
		close(ch)
		return team.Listen(m.server.Running(), ch)
	}
	drive(t, m, events(serve.Event{WorkshopID: assets.DemoID, Asking: &asking}))
	if m.stack.Dialog() == nil {
		t.Fatal("a second request opened no dialog")
	}
	drive(t, m, events(serve.Event{WorkshopID: assets.DemoID, Answered: "r1"}))
	if m.stack.Dialog() != nil {
		t.Fatal("the dialog of a request that waits no more is still open")
	}
}

// sshParticipant is a participant's terminal connected to the server
// over SSH, without a key.
type sshParticipant struct {
	in   io.Writer
	mu   sync.Mutex
	term *vt.Emulator
}

// connectOverSSH connects a participant's 100×30 terminal to the server at
// addr.
func connectOverSSH(t *testing.T, addr string) *sshParticipant {
	t.Helper()
	none := func(string, string, []string, []bool) ([]string, error) { return nil, nil }
	conn, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{User: "participant", Timeout: 10 * time.Second,
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), Auth: []ssh.AuthMethod{ssh.KeyboardInteractive(none)}})
	if err != nil {
		t.Fatal(err)
	}
	p := &sshParticipant{term: vt.NewEmulator(100, 30)}
	t.Cleanup(func() {
		conn.Close()
		if c, ok := p.term.InputPipe().(io.Closer); ok {
			c.Close() // ends the copy of the terminal's answers
		}
	})
	sess, err := conn.NewSession()
	if err == nil {
		err = sess.Setenv("LANG", "en_US.UTF-8")
	}
	if err == nil {
		err = sess.RequestPty("xterm-256color", 30, 100, ssh.TerminalModes{})
	}
	var out io.Reader
	if err == nil {
		p.in, err = sess.StdinPipe()
	}
	if err == nil {
		out, err = sess.StdoutPipe()
	}
	if err == nil {
		err = sess.Shell()
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32*1024)
		for n, err := out.Read(buf); err == nil; n, err = out.Read(buf) {
			p.mu.Lock()
			p.term.Write(buf[:n])
			p.mu.Unlock()
		}
	}()
	// The terminal answers the program's queries, as a real one does.
	go io.Copy(p.in, p.term)
	return p
}

// typeAfter types keys once the terminal shows text.
func (p *sshParticipant) typeAfter(t *testing.T, text, keys string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		p.mu.Lock()
		s := p.term.String()
		p.mu.Unlock()
		if strings.Contains(s, text) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the participant's terminal does not show %q:\n%s", text, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := io.WriteString(p.in, keys); err != nil {
		t.Fatal(err)
	}
}

// TestJoinRequestOverSSHIsApproved: a participant joins over SSH under a
// name bound to someone else's key; the facilitator is asked in a dialog,
// says yes, and the server lets them in.
func TestJoinRequestOverSSHIsApproved(t *testing.T) {
	m, db, _, ps := teamSetup(t, "en", true)
	anna := ps[0]
	anna.Identity = "ssh:SHA256:someone-else"
	if err := db.PutParticipant(anna); err != nil {
		t.Fatal(err)
	}
	fakeServeEvents(m) // the test hands the program the server's events itself
	press(t, m, "J", "y")
	srv := m.server.Running()
	if srv == nil {
		t.Fatalf("no server:\n%s", frameText(m))
	}
	t.Cleanup(m.server.Close)
	events := srv.Subscribe()

	p := connectOverSSH(t, srv.Addr().String())
	p.typeAfter(t, "Language", "\r")
	p.typeAfter(t, "Join code:", srv.JoinCode()+"\r")
	p.typeAfter(t, "Your name", anna.Name+"\r")
	p.typeAfter(t, "joined before", "")
	next := func(what string, match func(serve.Event) bool) serve.Event {
		t.Helper()
		for {
			select {
			case e := <-events:
				if match(e) {
					return e
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("the server sent no event of %s", what)
			}
		}
	}
	asking := next("a request to join", func(e serve.Event) bool { return e.Asking != nil })
	ch := make(chan serve.Event, 1)
	ch <- asking
	close(ch)
	drive(t, m, team.Listen(srv, ch))
	d := m.stack.Dialog()
	if d == nil || !strings.Contains(d.Text(), anna.Name) || !strings.Contains(d.Text(), "127.0.0.1") {
		t.Fatalf("no dialog about the request:\n%s", frameText(m))
	}
	if got := srv.Requests(); len(got) != 1 || got[0].ID != asking.Asking.ID {
		t.Fatalf("the server's pending requests: %+v", got)
	}

	press(t, m, "y")
	if want := m.c.T("tui.serve.request.approved", anna.Name); m.stack.Dialog() != nil || m.statusText() != want {
		t.Fatalf("after y: dialog %v, status %q, want %q", m.stack.Dialog() != nil, m.statusText(), want)
	}
	next("Anna joining", func(e serve.Event) bool { return e.Joined != nil && e.Joined.ID == anna.ID })
	if got := srv.Requests(); len(got) != 0 {
		t.Errorf("requests still wait: %+v", got)
	}
}
