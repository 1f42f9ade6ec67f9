package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"golang.org/x/crypto/ssh"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// fixture is a database holding the demo workshop, participants and an
// open silent round on the first customer, and a server on loopback.
type fixture struct {
	db     store.Store
	wid    string
	round  model.SilentRound
	people []model.Participant
	srv    *Server

	mu    sync.Mutex
	voted []model.Vote
	joins []model.Participant
	// hook, when set, is also told of every vote.
	hook func(model.Vote)
}

// newFixture opens a round of the first questions of set A for n
// participants and starts a server on a free loopback port.
func newFixture(t testing.TB, n, questions int, limit Limit, tweak ...func(*Options)) *fixture {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "styrka.db"), store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	return newFixtureOn(t, db, n, questions, limit, tweak...)
}

// newFixtureOn is newFixture on the store db, which it closes at the
// test's end.
func newFixtureOn(t testing.TB, db store.Store, n, questions int, limit Limit, tweak ...func(*Options)) *fixture {
	t.Helper()
	t.Cleanup(func() {
		for _, err := range db.Check() {
			t.Errorf("Check: %v", err)
		}
		db.Close()
	})
	ds, err := assets.DemoDataset("en")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Import(ds, false); err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, wid: ds.Workshop.ID}
	for i := range n {
		p := model.Participant{ID: store.NewID(), WorkshopID: f.wid, Name: fmt.Sprintf("Person %02d", i+1), Created: time.Now().UTC()}
		if err := db.PutParticipant(p); err != nil {
			t.Fatal(err)
		}
		f.people = append(f.people, p)
	}
	var qs []string
	for _, q := range assets.MustBuiltin("en").Questions()[:questions] {
		qs = append(qs, q.ID)
	}
	r := model.SilentRound{ID: store.NewID(), WorkshopID: f.wid, CustomerID: ds.Customers[0].ID,
		Questions: qs, State: model.SilentOpen, Opened: time.Now().UTC(), TimeboxSeconds: 600}
	for _, p := range f.people {
		r.Participants = append(r.Participants, p.ID)
	}
	if err := db.PutSilentRound(r); err != nil {
		t.Fatal(err)
	}
	f.round = r
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	o := Options{
		DB: db, WorkshopID: f.wid, Addr: "127.0.0.1:0", Lang: "en", Limit: limit,
		Poll: 100 * time.Millisecond,
		Skip: isBlink,
		OnVote: func(v model.Vote) {
			f.mu.Lock()
			f.voted = append(f.voted, v)
			hook := f.hook
			f.mu.Unlock()
			if hook != nil {
				hook(v)
			}
		},
		OnJoin: func(p model.Participant) {
			f.mu.Lock()
			f.joins = append(f.joins, p)
			f.mu.Unlock()
		},
	}
	for _, fn := range tweak {
		fn(&o)
	}
	f.srv, err = Start(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.srv.Close() })
	return f
}

// update changes the round in the store, as the facilitator's screens do.
func (f *fixture) update(t testing.TB, fn func(r *model.SilentRound)) {
	t.Helper()
	r, err := f.db.UpdateSilentRound(f.wid, f.round.ID, func(r *model.SilentRound) error { fn(r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	f.round = r
}

func (f *fixture) notified() []model.Vote {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]model.Vote(nil), f.voted...)
}

// client is a participant's terminal: an SSH session with a pty whose
// output is drawn by a terminal emulator, so tests read the screen as a
// person sees it, not the renderer's partial updates.
type client struct {
	t    testing.TB
	conn *ssh.Client
	sess *ssh.Session

	inMu sync.Mutex
	in   io.WriteCloser

	mu   sync.Mutex
	term *vt.Emulator
}

const (
	termW = 100
	termH = 30
)

// dial connects to the server as a plain `ssh -p PORT HOST` would from a
// client without an SSH key, with the environment sent.
func dial(t testing.TB, addr string, env ...string) *client {
	t.Helper()
	return dialWith(t, addr, how{env: env})
}

// dialKey connects as a client that offers key.
func dialKey(t testing.TB, addr string, key ssh.Signer, env ...string) *client {
	t.Helper()
	return dialWith(t, addr, how{key: key, env: env})
}

func dialWith(t testing.TB, addr string, h how) *client {
	t.Helper()
	c, err := h.dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	c.t = t
	t.Cleanup(c.close)
	return c
}

// newKey makes a participant's SSH key.
func newKey(t testing.TB) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// how is how a client connects: its key (none when nil), environment,
// the window it claims (termW×termH when 0) and the loopback address it
// connects from ("" for any).
type how struct {
	key   ssh.Signer
	env   []string
	w, h  int
	local string
	// small keeps the emulator at termW×termH whatever the window
	// claimed, so that a test measuring the server's memory does not
	// measure the client's screen.
	small bool
}

func tryDial(addr string, env ...string) (*client, error) { return how{env: env}.dial(addr) }

func (o how) dial(addr string) (*client, error) {
	cfg := &ssh.ClientConfig{User: "participant", HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
		Auth: []ssh.AuthMethod{ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })}}
	if o.key != nil {
		cfg.Auth = []ssh.AuthMethod{ssh.PublicKeys(o.key)}
	}
	d := net.Dialer{Timeout: 10 * time.Second}
	if o.local != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(o.local)}
	}
	nc, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	cc, chans, reqs, err := ssh.NewClientConn(nc, addr, cfg)
	if err != nil {
		nc.Close()
		return nil, err
	}
	conn := ssh.NewClient(cc, chans, reqs)
	w, h := o.w, o.h
	if w == 0 {
		w, h = termW, termH
	}
	env := o.env
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	for i := 0; i+1 < len(env); i += 2 {
		if err := sess.Setenv(env[i], env[i+1]); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if err := sess.RequestPty("xterm-256color", h, w, ssh.TerminalModes{}); err != nil {
		conn.Close()
		return nil, err
	}
	in, err := sess.StdinPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	// The emulator is no larger than the server draws.
	ew, eh := min(w, maxWidth), min(h, maxHeight)
	if o.small {
		ew, eh = termW, termH
	}
	c := &client{conn: conn, sess: sess, in: in, term: vt.NewEmulator(ew, eh)}
	if err := sess.Shell(); err != nil {
		conn.Close()
		return nil, err
	}
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				c.mu.Lock()
				c.term.Write(buf[:n])
				c.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	// The terminal's answers to the program's queries (its background
	// colour, say) go back as input, as a real terminal's do.
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := c.term.Read(buf)
			if n > 0 {
				c.inMu.Lock()
				c.in.Write(buf[:n])
				c.inMu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	return c, nil
}

func (c *client) close() {
	c.conn.Close()
	// Ends the goroutine reading the terminal's answers (the emulator's
	// own Close races with Read).
	if w, ok := c.term.InputPipe().(io.Closer); ok {
		w.Close()
	}
}

// send types keys.
func (c *client) send(keys string) {
	c.inMu.Lock()
	defer c.inMu.Unlock()
	if _, err := io.WriteString(c.in, keys); err != nil && c.t != nil {
		c.t.Errorf("send %q: %v", keys, err)
	}
}

// screen is what the terminal shows.
func (c *client) screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.term.String()
}

// waitFor waits until the screen shows text.
func (c *client) waitFor(text string) {
	c.t.Helper()
	if err := c.await(text, 10*time.Second); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) await(text string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		s := c.screen()
		if strings.Contains(s, text) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited %s for %q; the screen shows:\n%s", d, text, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyUp    = "\x1b[A"
	keyTab   = "\t"
	keyCtrlC = "\x03"
)

// line is the screen's line that holds text, trimmed.
func (c *client) line(text string) string {
	for _, l := range strings.Split(c.screen(), "\n") {
		if strings.Contains(l, text) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// join goes through language, code and name.
func (c *client) join(code, name string) {
	c.t.Helper()
	c.waitFor("Language")
	c.send(keyEnter)
	c.waitFor("Join code:")
	c.send(code + keyEnter)
	c.waitFor("Your name")
	c.send(name + keyEnter)
}
