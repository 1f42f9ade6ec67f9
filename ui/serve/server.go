// Package serve is `styrka serve`: an SSH server that lets the
// participants of a workshop take part in its silent rounds from their own
// laptops with a plain `ssh -p PORT HOST`, nothing to install. Each
// connection gets a small Bubble Tea program: choose a language, enter the
// join code and a name, wait for the facilitator to open a silent round,
// then score the round's questions privately. Every vote is saved the
// moment it is given, so a dropped connection loses nothing submitted.
//
// The server runs inside the process that owns the database: it is handed
// the open store.Store and shares it with every session (bbolt is safe for
// concurrent use; each vote is its own transaction).
package serve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// DefaultAddr is where the server listens unless told otherwise: this
// machine only.
const DefaultAddr = "127.0.0.1:2323"

// HostKeyName is the host key's file name in the data folder.
const HostKeyName = "ssh_host_ed25519_key"

// DefaultMaxSessions is how many participants' connections are served at
// once: a large room, with room for reconnections.
const DefaultMaxSessions = 200

// DefaultCodeTimeout is how long a connection has to give the join code
// before it is closed: a slot is not held by someone who never joins.
const DefaultCodeTimeout = 90 * time.Second

// DefaultMaxPending is how many connections that have not given the join
// code are served at once, and DefaultMaxPendingPerAddr how many of them
// from one address: the rest of the slots stay free for participants.
const (
	DefaultMaxPending        = 40
	DefaultMaxPendingPerAddr = 8
)

// shutdownGrace is how long Close waits for sessions to end by themselves
// before it cuts their connections.
const shutdownGrace = 3 * time.Second

// Options configure the server.
type Options struct {
	// DB is the open database, shared with every session.
	DB store.Store
	// WorkshopID is the workshop participants join.
	WorkshopID string
	// Addr is host:port to listen on; "" means DefaultAddr. ":2323"
	// listens on every interface; a port of 0 picks a free one.
	Addr string
	// HostKeyPath is the server's private key, created (0600) when
	// missing; "" means HostKeyName beside the database file, or in the
	// user's data folder (beside the default database) when the database
	// is not a file (PostgreSQL).
	HostKeyPath string
	// Lang is the language a session starts in when the participant's
	// terminal does not say ("sv" or "en").
	Lang string
	// Content gives the texts of a language; nil means the built-in
	// content.
	Content func(lang string) (*assets.Content, error)
	// OnVote is called after every vote is stored, from the session's
	// goroutine: the facilitator's screens use it to update live. It must
	// not block.
	OnVote func(model.Vote)
	// OnJoin is called when a participant has joined (new or returning).
	// It must not block.
	OnJoin func(model.Participant)
	// Limit rate-limits wrong join codes per address; the zero value
	// means DefaultLimit.
	Limit Limit
	// Poll is how often a session looks for a round opening, revealed or
	// closed; 0 means a second.
	Poll time.Duration
	// Skip, when set, drops the commands of the sessions' screens it
	// picks: tests drop cursor blinks, which would never settle.
	Skip func(tea.Cmd) bool
	// MaxSessions bounds the connections served at once; 0 means
	// DefaultMaxSessions.
	MaxSessions int
	// CodeTimeout is how long a connection has to give the join code; 0
	// means DefaultCodeTimeout.
	CodeTimeout time.Duration
	// MaxPending and MaxPendingPerAddr bound the connections that have not
	// given the join code, in all and from one address; 0 means
	// DefaultMaxPending and DefaultMaxPendingPerAddr. Those who gave it
	// keep their slots.
	MaxPending, MaxPendingPerAddr int
	// Log receives the SSH library's own messages; nil discards them
	// (they would tear the facilitator's screen).
	Log io.Writer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Server is a running SSH server for one workshop.
type Server struct {
	o        Options
	ssh      *ssh.Server
	ln       net.Listener
	code     string
	limiter  *limiter
	contents map[string]*assets.Content

	mu       sync.Mutex
	sessions map[ssh.Session]*live
	// joinMu serialises finding or adding a participant by name, so two
	// people typing the same new name at once become one participant.
	joinMu sync.Mutex

	// subs are the channels of Subscribe.
	subs []chan Event
	// requests are the joins under a name bound to someone else, waiting
	// for the facilitator, by ID.
	requests map[string]*request
	// people is who joined while the server ran, by participant ID.
	people map[string]*Presence

	closeOnce sync.Once
	closeErr  error
	done      chan struct{}
}

// Event is news for the facilitator's screens: a vote stored, a
// participant joined or left, or someone asks to join under a name that
// is bound to another person.
type Event struct {
	WorkshopID string
	// Vote is the vote stored, or nil.
	Vote *model.Vote
	// Joined is the participant who joined, or nil.
	Joined *model.Participant
	// Left is a participant whose last connection ended, or nil.
	Left *model.Participant
	// Asking is a request for the facilitator to answer with Approve or
	// Deny, or nil.
	Asking *Request
	// Answered is the ID of a request that waits no more: approved,
	// denied, or its connection gone.
	Answered string
}

// Subscribe returns a channel of the server's events, closed when the
// server closes. The server never waits for a subscriber: when the
// channel is full an event is dropped, which is harmless to a subscriber
// that reloads from the store on every event, since the events still in
// the channel make it reload after the dropped one was stored.
func (s *Server) Subscribe() <-chan Event {
	ch := make(chan Event, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.done:
		close(ch)
	default:
		s.subs = append(s.subs, ch)
	}
	return ch
}

// notify tells the callbacks and the subscribers of an event.
func (s *Server) notify(e Event) {
	e.WorkshopID = s.o.WorkshopID
	if e.Vote != nil && s.o.OnVote != nil {
		s.o.OnVote(*e.Vote)
	}
	if e.Joined != nil && s.o.OnJoin != nil {
		s.o.OnJoin(*e.Joined)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range s.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// live is a connected session: its program, its model, where it comes
// from, whether it gave the join code and who joined on it.
type live struct {
	program     *tea.Program
	model       *session
	ip          string
	admitted    bool
	participant *model.Participant
	// timeout ends the session when the join code is not given in time.
	timeout *time.Timer
}

// defaultHostKeyPath is where the host key lives unless told: beside a
// bbolt file, so that a folder's database and key travel together; with a
// database on a server, in this user's data folder, since the key belongs
// to the machine that serves and not to the shared data.
func defaultHostKeyPath(db store.Store) (string, error) {
	if f, ok := db.(*store.DB); ok {
		return filepath.Join(filepath.Dir(f.Path()), HostKeyName), nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(p), HostKeyName), nil
}

// Start listens and serves in the background until ctx ends or Close is
// called. It returns once the server accepts connections, so Addr is
// known.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.DB == nil || o.WorkshopID == "" {
		return nil, errors.New("serve: a database and a workshop are required")
	}
	if _, err := o.DB.Workshop(o.WorkshopID); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.HostKeyPath == "" {
		p, err := defaultHostKeyPath(o.DB)
		if err != nil {
			return nil, fmt.Errorf("serve: host key: %w", err)
		}
		o.HostKeyPath = p
	}
	if o.Lang == "" {
		o.Lang = assets.Languages[0]
	}
	if o.Content == nil {
		o.Content = assets.Builtin
	}
	if o.Limit == (Limit{}) {
		o.Limit = DefaultLimit
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.CodeTimeout <= 0 {
		o.CodeTimeout = DefaultCodeTimeout
	}
	if o.MaxPending <= 0 {
		o.MaxPending = DefaultMaxPending
	}
	if o.MaxPendingPerAddr <= 0 {
		o.MaxPendingPerAddr = DefaultMaxPendingPerAddr
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	// The SSH library and the Bubble Tea middleware log through the
	// default logger; left on stderr they would draw over a terminal UI.
	log.SetOutput(o.Log)

	s := &Server{
		o:        o,
		limiter:  newLimiter(o.Limit, o.Now),
		contents: map[string]*assets.Content{},
		sessions: map[ssh.Session]*live{},
		requests: map[string]*request{},
		people:   map[string]*Presence{},
		done:     make(chan struct{}),
	}
	for _, lang := range assets.Languages {
		c, err := o.Content(lang)
		if err != nil {
			return nil, fmt.Errorf("serve: content %s: %w", lang, err)
		}
		s.contents[lang] = c
	}
	if _, ok := s.contents[o.Lang]; !ok {
		s.o.Lang = assets.Languages[0]
	}
	code, err := NewJoinCode()
	if err != nil {
		return nil, err
	}
	s.code = code

	if err := os.MkdirAll(filepath.Dir(o.HostKeyPath), 0o700); err != nil {
		return nil, fmt.Errorf("serve: host key folder: %w", err)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(o.Addr),
		wish.WithHostKeyPath(o.HostKeyPath),
		wish.WithVersion("styrka"),
		// Participants are not authenticated by SSH: the join code,
		// entered inside the program, is the gate. Any key a client offers
		// is taken, to bind a participant's name to it; a client without
		// one gets in through keyboard-interactive with no questions.
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program),
			s.farewell,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	// A connection that never finishes the handshake should not hold a
	// slot for ever.
	srv.HandshakeTimeout = 30 * time.Second
	s.ssh = srv

	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.ln = ln
	go func() {
		err := srv.Serve(ln)
		if err != nil && !errors.Is(err, ssh.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			log.Error("serve", "error", err)
		}
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.Close()
		case <-s.done:
		}
	}()
	return s, nil
}

// Addr is the address the server listens on, with the port it got.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Port is the port the server listens on.
func (s *Server) Port() int {
	if a, ok := s.ln.Addr().(*net.TCPAddr); ok {
		return a.Port
	}
	return 0
}

// JoinCode is the code participants enter to join, six characters.
func (s *Server) JoinCode() string { return s.code }

// WorkshopID is the workshop participants join.
func (s *Server) WorkshopID() string { return s.o.WorkshopID }

// Room reports whether the server can be reached from other machines,
// not only from this one.
func (s *Server) Room() bool {
	a, ok := s.ln.Addr().(*net.TCPAddr)
	return !ok || !a.IP.IsLoopback()
}

// Hosts lists what participants type after `ssh -p PORT`: this machine's
// non-loopback IPv4 addresses when the server listens on all of them, the
// address it listens on otherwise, "localhost" for loopback.
func (s *Server) Hosts() []string {
	a, ok := s.ln.Addr().(*net.TCPAddr)
	if !ok {
		return []string{s.ln.Addr().String()}
	}
	switch {
	case a.IP.IsLoopback():
		return []string{"localhost"}
	case a.IP.IsUnspecified():
		if ips := roomAddresses(); len(ips) > 0 {
			return ips
		}
		h, _ := os.Hostname()
		if h == "" {
			h = "localhost"
		}
		return []string{h}
	}
	return []string{a.IP.String()}
}

// roomAddresses lists the IPv4 addresses of the network interfaces that
// are up, loopback excluded.
func roomAddresses() []string {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []string
	for _, i := range ifs {
		if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := i.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			if ip := n.IP.To4(); ip != nil && !ip.IsLoopback() && !ip.IsLinkLocalUnicast() {
				out = append(out, ip.String())
			}
		}
	}
	return out
}

// Commands are the commands to give participants, one per host.
func (s *Server) Commands() []string {
	var out []string
	for _, h := range s.Hosts() {
		out = append(out, fmt.Sprintf("ssh -p %d %s", s.Port(), h))
	}
	return out
}

// Connected is how many sessions are connected now, joined or not.
func (s *Server) Connected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Close tells every session the server is closing, waits a moment for
// them to end and then cuts what is left. Votes are already stored: each
// one was saved when given. Close is safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		close(s.done)
		s.mu.Lock()
		programs := make([]*tea.Program, 0, len(s.sessions))
		for _, l := range s.sessions {
			programs = append(programs, l.program)
		}
		s.mu.Unlock()
		for _, p := range programs {
			// Send waits for a program still starting; none may hold up
			// the others.
			go p.Send(closingMsg{})
		}
		// Stop accepting, let the sessions say goodbye, then cut the
		// connections: a client may keep its connection open after its
		// session has ended.
		// Closing the listener stops the accepting. (Not the library's
		// Shutdown: its wait for the listener races with a Serve that has
		// only just started, when a server is closed right after it
		// opened.)
		_ = s.ln.Close()
		deadline := time.Now().Add(shutdownGrace)
		for s.Connected() > 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if err := s.ssh.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			s.closeErr = err
		}
		s.mu.Lock()
		for _, ch := range s.subs {
			close(ch)
		}
		s.subs = nil
		s.mu.Unlock()
	})
	return s.closeErr
}

// Done is closed when the server has been closed.
func (s *Server) Done() <-chan struct{} { return s.done }

// program builds the Bubble Tea program of one connection, unless the
// server is full: every slot taken, or as many connections that have not
// given the join code as it serves, in all or from this address.
func (s *Server) program(sess ssh.Session) *tea.Program {
	select {
	case <-s.done:
		return nil
	default:
	}
	ip := remoteIP(sess.RemoteAddr())
	fingerprint := ""
	if k := sess.PublicKey(); k != nil {
		fingerprint = gossh.FingerprintSHA256(k)
	}
	m := newSession(s, sess.Environ(), ip)
	m.fingerprint = fingerprint
	opts := []tea.ProgramOption{
		// The programs must not take the server's signals (ctrl+c in the
		// facilitator's terminal): each ends with its own connection.
		tea.WithoutSignalHandler(),
	}
	opts = append(opts, bm.MakeOptions(sess)...)
	if pty, _, ok := sess.Pty(); ok {
		// The renderer sizes its buffers by the window: a client claiming
		// 65535×65535 must get a real screen's, not gigabytes.
		m.claimW, m.claimH = pty.Window.Width, pty.Window.Height
		opts = append(opts, tea.WithWindowSize(clampSize(pty.Window.Width, pty.Window.Height, false)))
	}
	// This filter replaces MakeOptions' own, whose work it does too.
	opts = append(opts, tea.WithFilter(clampFilter))
	p := tea.NewProgram(m, opts...)

	s.mu.Lock()
	refusal := s.refusal(ip)
	if refusal == "" {
		// A timer, not a command of the program: a command waiting would
		// keep the program and its buffers alive after the session ends.
		timeout := time.AfterFunc(s.o.CodeTimeout, func() { p.Send(codeTimeoutMsg{}) })
		s.sessions[sess] = &live{program: p, model: m, ip: ip, timeout: timeout}
	}
	s.mu.Unlock()
	if refusal != "" {
		c := s.content(langOf(sess.Environ(), s.o.Lang))
		fmt.Fprint(sess, c.T(refusal)+"\r\n")
		return nil
	}
	return p
}

// refusal is the text that turns a new connection from ip away, or "".
// Called with mu held.
func (s *Server) refusal(ip string) string {
	pending, fromIP := 0, 0
	for _, l := range s.sessions {
		if !l.admitted {
			pending++
			if l.ip == ip {
				fromIP++
			}
		}
	}
	switch {
	case len(s.sessions) >= s.o.MaxSessions:
		return "serve.full"
	case fromIP >= s.o.MaxPendingPerAddr:
		return "serve.full.addr"
	case pending >= s.o.MaxPending:
		return "serve.full.pending"
	}
	return ""
}

// clampFilter draws every session in at most a real screen's size (a
// smaller one until the join code is given), before the renderer sizes
// its buffers, and resumes a program asked to suspend (a remote session
// cannot be), as the SSH middleware's own filter does.
func clampFilter(model tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.WindowSizeMsg:
		admitted := false
		if m, ok := model.(*session); ok {
			if m.sized {
				m.claimW, m.claimH = msg.Width, msg.Height
			}
			// The first is the program's own, of the size it was given
			// clamped: the claim stays the client's.
			m.sized = true
			admitted = m.admitted
		}
		msg.Width, msg.Height = clampSize(msg.Width, msg.Height, admitted)
		return msg
	}
	return msg
}

// farewell runs when a session's program has ended: it forgets the
// session, withdraws what it asked, tells who dropped, and says why the
// connection ends.
func (s *Server) farewell(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		next(sess)
		s.mu.Lock()
		l, ok := s.sessions[sess]
		delete(s.sessions, sess)
		s.mu.Unlock()
		if !ok {
			return
		}
		l.timeout.Stop()
		s.withdraw(l.model)
		s.left(l)
		c := s.content(langOf(sess.Environ(), s.o.Lang))
		select {
		case <-s.done:
			fmt.Fprint(sess, c.T("serve.bye.closed")+"\r\n")
		default:
			if l.model.timedOut {
				fmt.Fprint(sess, c.T("serve.bye.timeout")+"\r\n")
			} else {
				fmt.Fprint(sess, c.T("serve.bye")+"\r\n")
			}
		}
	}
}

// admit records that a session gave the join code: it is no longer
// counted among those that have not, and is never timed out.
func (s *Server) admit(m *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.liveOf(m); l != nil {
		l.admitted = true
		l.timeout.Stop()
	}
}

// liveOf is the connection of a session, or nil. Called with mu held.
func (s *Server) liveOf(m *session) *live {
	for _, l := range s.sessions {
		if l.model == m {
			return l
		}
	}
	return nil
}

// content is the content of a language, the server's when unknown.
func (s *Server) content(lang string) *assets.Content {
	if c, ok := s.contents[lang]; ok {
		return c
	}
	return s.contents[s.o.Lang]
}

// checkCode compares a typed join code with the server's, ignoring case,
// spaces and dashes, in constant time.
func (s *Server) checkCode(typed string) bool {
	return subtle.ConstantTimeCompare([]byte(normalizeCode(typed)), []byte(s.code)) == 1
}

func remoteIP(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// codeAlphabet leaves out what reads alike on a projector or over a
// table: 0 and O, 1, I and L.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLength is the number of characters of a join code.
const CodeLength = 6

// NewJoinCode draws a join code from crypto/rand.
func NewJoinCode() (string, error) {
	b := make([]byte, CodeLength)
	n := big.NewInt(int64(len(codeAlphabet)))
	for i := range b {
		x, err := rand.Int(rand.Reader, n)
		if err != nil {
			return "", fmt.Errorf("serve: join code: %w", err)
		}
		b[i] = codeAlphabet[x.Int64()]
	}
	return string(b), nil
}

// normalizeCode upper-cases a typed code and drops spaces and dashes.
func normalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r == ' ' || r == '-' || r == '\t' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FormatCode groups a join code for reading aloud: "K7M-P2Q".
func FormatCode(code string) string {
	if len(code) != CodeLength {
		return code
	}
	return code[:3] + "-" + code[3:]
}
