package serve

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/answer"
	"styrka/ui/keys"
	"styrka/ui/screen"
	"styrka/ui/styles"
)

// The smallest terminal a session draws in.
const (
	minWidth  = 40
	minHeight = 12
)

// The largest window a session draws: what a real screen shows. A client
// may claim any size, but the renderer keeps two buffers of the window's
// cells (about 110 bytes each): 65535×65535 would take gigabytes, 500×200
// takes about 22 MB. Until the join code is given a session draws in at
// most pendingWidth×pendingHeight (under 3 MB), enough for the language
// and the code, so that connections without the code weigh little.
const (
	maxWidth      = 500
	maxHeight     = 200
	pendingWidth  = 200
	pendingHeight = 60
)

// clampSize is the size a session draws in for the window a client
// claims, before (admitted false) or after the join code was given.
func clampSize(w, h int, admitted bool) (int, int) {
	mw, mh := pendingWidth, pendingHeight
	if admitted {
		mw, mh = maxWidth, maxHeight
	}
	return min(max(w, 0), mw), min(max(h, 0), mh)
}

// Messages of a session.
type (
	// closingMsg: the server is closing.
	closingMsg struct{}
	// tickMsg: time to look at the rounds again.
	tickMsg struct{}
	// roundMsg is what a look at the store found.
	roundMsg struct {
		round    model.SilentRound
		ok       bool // a round that is not closed includes the participant
		other    string
		customer string
		votes    []model.Vote
		err      error
	}
	// joinedMsg: the participant is in; personal is the personal code
	// made at their first join, to show them once, or "".
	joinedMsg struct {
		p        model.Participant
		personal string
	}
	// needCodeMsg: the name is bound to a personal code, to be typed.
	needCodeMsg struct{ p model.Participant }
	// personalMsg: a personal code was wrong, or the address must wait.
	personalMsg struct {
		left    int
		lockout time.Duration
	}
	// askMsg: the name is bound to someone else; the facilitator is asked.
	// askFullMsg: as many requests wait as the facilitator is asked at once.
	askMsg     struct{ req Request }
	askFullMsg struct{}
	// approvedMsg and deniedMsg are the facilitator's answer.
	approvedMsg struct{ p model.Participant }
	deniedMsg   struct{ name string }
	// codeTimeoutMsg: the time to give the join code is up.
	codeTimeoutMsg struct{}
	// admittedMsg: the join code was given; the window may grow.
	admittedMsg struct{}
	// voteSavedMsg and voteFailedMsg report a vote's write.
	voteSavedMsg  struct{ v model.Vote }
	voteFailedMsg struct {
		v   model.Vote
		err error
	}
	// failMsg is an error reading or writing the store.
	failMsg struct{ err error }
)

// sessionMsg is a result the session itself takes, whichever screen's
// command brought it: who joined, and what became of a vote (the screen
// that sent it may have closed since, but what the session shares must
// still learn of it).
type sessionMsg interface{ forSession() }

func (joinedMsg) forSession()     {}
func (admittedMsg) forSession()   {}
func (voteSavedMsg) forSession()  {}
func (voteFailedMsg) forSession() {}

// session is one participant's program: a stack of screens (language,
// join code, name, waiting, the round's questions and the participant's
// answers) over what they share, the participant and their round.
type session struct {
	srv   *Server
	ip    string
	lang  string
	c     *assets.Content
	st    *styles.Styles
	keys  keys.KeyMap
	stack *screen.Stack
	// writes runs this session's votes one after the other, so a score
	// and its note land in order.
	writes  screen.Writes
	closing bool
	// fingerprint is the SSH key the client offered, "" without one.
	fingerprint string
	// admitted is true once the join code was given; timedOut when it was
	// not given in time.
	admitted, timedOut bool
	// after is what a screen asked to do once the stack is done with the
	// message at hand: move to another screen at once, so that keys typed
	// ahead (the code right after the language) reach the screen they
	// were typed for, which a command would not.
	after func() tea.Cmd
	// claimW and claimH are the window the client last claimed, before
	// clamping; sized is true once the program has sent its first size.
	claimW, claimH int
	sized          bool

	me model.Participant
	// polling is true while a look at the store is under way, ticking
	// while the next one is waited for.
	polling, ticking bool

	// The round the participant takes part in.
	round     model.SilentRound
	inRound   bool
	other     string // a customer with a round under way that leaves the participant out
	customer  string
	questions []model.Question
	votes     []model.Vote
	// sent are votes saved on this session, newest per question, laid
	// over what the store said until the store has them.
	sent map[string]model.Vote
	// last is the question seen last, where the answers screen puts its
	// cursor.
	last int
}

func newSession(srv *Server, environ []string, ip string) *session {
	m := &session{srv: srv, ip: ip, sent: map[string]model.Vote{}}
	m.st = styles.New(styles.Auto, true)
	m.setLang(langOf(environ, srv.o.Lang))
	m.stack = screen.NewStack(screen.Options{
		Keys:        m.keys.Stack(),
		Texts:       m.T,
		Brand:       "styrka",
		MinWidth:    minWidth,
		MinHeight:   minHeight,
		HeaderRight: m.headerRight,
		Now:         srv.o.Now,
		OnQuit:      m.writes.Idle,
		Skip:        srv.o.Skip,
	}, m.st, newLangScreen(m))
	return m
}

// langOf is the language a terminal's locale asks for: Swedish for
// sv…, English for anything else, fallback when the locale is not sent.
func langOf(environ []string, fallback string) string {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	if v := env["STYRKA_LANG"]; v == "sv" || v == "en" {
		return v
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := env[k]; v != "" && v != "C" && v != "POSIX" {
			if strings.HasPrefix(strings.ToLower(v), "sv") {
				return "sv"
			}
			return "en"
		}
	}
	return fallback
}

// setLang speaks lang from now on: texts, key help and questions.
func (m *session) setLang(lang string) {
	m.c = m.srv.content(lang)
	m.lang = m.c.Lang
	if m.lang == "" {
		m.lang = lang
	}
	m.keys = keys.New(m.c.T)
	if m.stack != nil {
		m.stack.SetKeys(m.keys.Stack())
	}
	m.resolveQuestions()
}

// T translates a UI text.
func (m *session) T(key string, args ...any) string { return m.c.T(key, args...) }

// styles is the look in use, for the answer card.
func (m *session) styles() *styles.Styles { return m.st }

func (m *session) Init() tea.Cmd { return tea.Batch(tea.RequestBackgroundColor, m.stack.Init()) }

func (m *session) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = clampSize(msg.Width, msg.Height, m.admitted)
		cmd, _ := m.stack.Update(msg)
		return m, cmd
	case tea.BackgroundColorMsg:
		m.st = styles.New(styles.Auto, msg.IsDark())
		m.stack.SetStyles(m.st)
		return m, m.stack.BroadcastMsg(msg)
	case closingMsg:
		m.closing = true
		return m, m.stack.Quit()
	case codeTimeoutMsg:
		if m.admitted {
			return m, nil
		}
		m.timedOut, m.closing = true, true
		return m, tea.Quit
	case approvedMsg:
		return m, m.take(joinedMsg{p: msg.p})
	case deniedMsg:
		cmd := m.stack.Reset(newNameScreen(m))
		m.status(m.T("serve.ask.denied", msg.name), true)
		return m, cmd
	case tickMsg:
		m.ticking = false
		return m, m.poll()
	case roundMsg:
		m.polling = false
		return m, tea.Batch(m.apply(msg), m.tick())
	case screen.Addressed:
		if r, ok := msg.Msg.(sessionMsg); ok {
			return m, m.take(r)
		}
	}
	cmd, _ := m.stack.Update(msg)
	if f := m.after; f != nil {
		m.after = nil
		cmd = tea.Batch(cmd, f())
	}
	return m, cmd
}

// switchTo makes sc the only screen as soon as the screen asking is done.
func (m *session) switchTo(sc screen.Screen) { m.after = func() tea.Cmd { return m.stack.Reset(sc) } }

func (m *session) View() tea.View {
	v := tea.NewView("")
	if !m.closing {
		v.SetContent(m.stack.View())
	}
	v.AltScreen = true
	v.WindowTitle = "styrka"
	return v
}

// render is what the session draws, for tests.
func (m *session) render() string { return m.stack.View() }

func (m *session) status(text string, isErr bool) { m.stack.SetStatus(text, isErr) }

// take acts on a result meant for the session.
func (m *session) take(msg sessionMsg) tea.Cmd {
	switch msg := msg.(type) {
	case joinedMsg:
		m.me = msg.p
		m.status("", false)
		if msg.personal != "" {
			return tea.Batch(m.stack.Reset(newKeepCodeScreen(m, msg.personal)), m.poll())
		}
		return tea.Batch(m.stack.Reset(newWaitScreen(m)), m.poll())
	case admittedMsg:
		// The window as claimed, clamped to the larger size now (Bubble Tea
		// drops a size it finds implausible, 65535×65535 among them).
		w, h := clampSize(m.claimW, m.claimH, true)
		size := tea.WindowSizeMsg{Width: w, Height: h}
		return func() tea.Msg { return size }
	case voteSavedMsg:
		// On the answers screen the status says all are answered; the
		// ticks there say the rest.
		if _, onVote := m.stack.Top().(*voteScreen); onVote && msg.v.RoundID == m.round.ID {
			if i := m.questionIndex(msg.v.QuestionID); i >= 0 {
				m.status(m.T("serve.vote.saved", m.scoreLabel(msg.v.Score), m.ref(i)), false)
			}
		}
	case voteFailedMsg:
		switch {
		case errors.Is(msg.err, store.ErrNotOpen):
			m.status(m.T("serve.vote.closed"), true)
		case errors.Is(msg.err, store.ErrInvalid), errors.Is(msg.err, store.ErrNotFound):
			m.status(m.T("serve.vote.refused"), true)
		default:
			m.status(m.T("serve.vote.failed"), true)
		}
		if s, ok := m.sent[msg.v.QuestionID]; ok && s.At.Equal(msg.v.At) {
			delete(m.sent, msg.v.QuestionID)
		}
		return m.poll()
	}
	return nil
}

// headerRight is the time left while the round's screens are shown.
func (m *session) headerRight() string {
	switch m.stack.Top().(type) {
	case *voteScreen, *mineScreen:
		return m.timeLeft()
	}
	return ""
}

// timeLeft is the round's timebox as it runs down: "04:31 left", or ""
// without one.
func (m *session) timeLeft() string {
	r := m.round
	if r.TimeboxSeconds <= 0 || r.State != model.SilentOpen || r.Opened.IsZero() {
		return ""
	}
	left := r.Opened.Add(time.Duration(r.TimeboxSeconds) * time.Second).Sub(m.srv.o.Now())
	if left <= 0 {
		return m.T("serve.time.up")
	}
	s := int(left.Round(time.Second) / time.Second)
	return m.T("serve.time.left", fmt.Sprintf("%02d:%02d", s/60, s%60))
}

// --- the round ---

// tick waits for the next look at the store, unless a wait is under
// way: a look asked for in between (after a refused vote) must not start
// a second chain of ticks.
func (m *session) tick() tea.Cmd {
	if m.ticking || m.closing {
		return nil
	}
	m.ticking = true
	return tea.Tick(m.srv.o.Poll, func(time.Time) tea.Msg { return tickMsg{} })
}

// poll looks at the workshop's silent rounds for the one the participant
// takes part in, unless a look is already under way.
func (m *session) poll() tea.Cmd {
	if m.polling || m.me.ID == "" || m.closing {
		return nil
	}
	m.polling = true
	db, wid, pid := m.srv.o.DB, m.srv.o.WorkshopID, m.me.ID
	return func() tea.Msg {
		rounds, err := db.SilentRounds(wid)
		if err != nil {
			return roundMsg{err: err}
		}
		r, ok, other := pickRound(rounds, pid)
		msg := roundMsg{round: r, ok: ok}
		cid := other.CustomerID
		if ok {
			cid = r.CustomerID
			if msg.votes, err = db.Votes(wid, r.ID); err != nil {
				return roundMsg{err: err}
			}
		}
		if cid != "" {
			cs, err := db.Customers(wid)
			if err != nil {
				return roundMsg{err: err}
			}
			for _, c := range cs {
				if c.ID == cid {
					if ok {
						msg.customer = c.Name
					} else {
						msg.other = c.Name
					}
				}
			}
		}
		return msg
	}
}

// pickRound is the round a participant takes part in now: one not closed
// that includes them, preferring one that takes votes, then the latest
// opened. other is a round under way that leaves them out.
func pickRound(rounds []model.SilentRound, pid string) (r model.SilentRound, ok bool, other model.SilentRound) {
	rank := func(x model.SilentRound) int {
		if len(x.Voting()) > 0 {
			return 1
		}
		return 0
	}
	for _, x := range rounds {
		if x.State == model.SilentClosed {
			continue
		}
		if !x.Takes(pid) {
			if x.State == model.SilentOpen && (other.ID == "" || x.Opened.After(other.Opened)) {
				other = x
			}
			continue
		}
		if !ok || rank(x) > rank(r) || (rank(x) == rank(r) && x.Opened.After(r.Opened)) {
			r, ok = x, true
		}
	}
	return r, ok, other
}

// apply takes in what a look at the store found, and moves to the screen
// it asks for: waiting when no round includes the participant, the next
// question without a vote when one does.
func (m *session) apply(msg roundMsg) tea.Cmd {
	if msg.err != nil {
		m.status(m.T("serve.error"), true)
		return nil
	}
	wasIn, oldID := m.inRound, m.round.ID
	oldVoting := map[string]int{}
	if wasIn {
		for _, q := range m.round.Voting() {
			oldVoting[q] = m.round.Revote(q)
		}
	}
	m.other = msg.other
	if !msg.ok {
		if wasIn {
			m.status(m.T("serve.round.ended", m.customer), false)
		}
		m.inRound, m.round, m.votes, m.questions = false, model.SilentRound{}, nil, nil
		m.sent = map[string]model.Vote{}
		if _, waiting := m.stack.Top().(*waitScreen); !waiting && !m.holding() {
			return m.stack.Reset(newWaitScreen(m))
		}
		return nil
	}
	m.round, m.inRound, m.customer, m.votes = msg.round, true, msg.customer, msg.votes
	if !wasIn || oldID != m.round.ID {
		m.sent = map[string]model.Vote{}
		m.resolveQuestions()
		m.last = 0
		if m.holding() {
			return nil
		}
		return m.arrange()
	}
	// The same round: drop sent votes the store now has.
	for q, v := range m.sent {
		if sv, ok := m.storedVote(q); ok && sv.Revote == v.Revote && !sv.At.Before(v.At) {
			delete(m.sent, q)
		}
	}
	// A reveal, the first or one after a re-vote, replaces whatever the
	// status said (all answered, vote again) with what is true now.
	for q := range oldVoting {
		if _, ok := m.round.Accepts(q); !ok {
			m.status(m.T("serve.round.revealed"), false)
			break
		}
	}
	vote, onVote := m.stack.Top().(*voteScreen)
	// A question opened for a re-vote brings the participant to it, unless
	// they are typing a note.
	for _, q := range m.round.Voting() {
		if n, ok := oldVoting[q]; ok && n == m.round.Revote(q) {
			continue
		}
		if i := m.questionIndex(q); i >= 0 && !(onVote && vote.Typing()) {
			m.status(m.T("serve.round.revote", m.ref(i)), false)
			return m.show(i)
		}
	}
	if onVote && !vote.accepts() {
		// Revealed while the participant was on it.
		m.status(m.T("serve.round.revealed"), false)
		if i := m.nextPending(vote.index); i >= 0 {
			vote.open(i)
			return nil
		}
		m.last = vote.index
		vote.card = nil // nothing is left to save
		return m.stack.Back()
	}
	return nil
}

// holding reports whether the personal code is shown: the round waits
// until the participant has read it.
func (m *session) holding() bool {
	_, ok := m.stack.Top().(*keepCodeScreen)
	return ok
}

// arrange shows what the participant's round asks for: waiting without
// one, else the answers with the first question without a vote over them.
func (m *session) arrange() tea.Cmd {
	if !m.inRound {
		return m.stack.Reset(newWaitScreen(m))
	}
	cmd := m.stack.Reset(newMineScreen(m))
	if i := m.nextPending(-1); i >= 0 {
		return tea.Batch(cmd, m.show(i))
	}
	return cmd
}

// show opens question i on the vote screen, over the answers.
func (m *session) show(i int) tea.Cmd {
	if v, ok := m.stack.Top().(*voteScreen); ok {
		v.open(i)
		return nil
	}
	return m.stack.Push(newVoteScreen(m, i))
}

// resolveQuestions finds the round's questions in the content, in the
// round's order. A question the participant's language does not have (a
// facilitator's own content file) is taken from the server's language;
// IDs neither knows are left out.
func (m *session) resolveQuestions() {
	if !m.inRound {
		m.questions = nil
		return
	}
	find := func(qs []model.Question, id string) (model.Question, bool) {
		i := slices.IndexFunc(qs, func(q model.Question) bool { return q.ID == id })
		if i < 0 {
			return model.Question{}, false
		}
		return qs[i], true
	}
	mine, fallback := m.c.Questions(), m.srv.content(m.srv.o.Lang).Questions()
	m.questions = nil
	for _, id := range m.round.Questions {
		if q, ok := find(mine, id); ok {
			m.questions = append(m.questions, q)
		} else if q, ok := find(fallback, id); ok {
			m.questions = append(m.questions, q)
		}
	}
}

func (m *session) questionIndex(id string) int {
	return slices.IndexFunc(m.questions, func(q model.Question) bool { return q.ID == id })
}

// storedVote is the participant's latest vote on a question in the store,
// at the question's current re-vote.
func (m *session) storedVote(q string) (model.Vote, bool) {
	var best model.Vote
	found := false
	n := m.round.Revote(q)
	for _, v := range m.votes {
		if v.ParticipantID == m.me.ID && v.QuestionID == q && v.Revote == n && (!found || !v.At.Before(best.At)) {
			best, found = v, true
		}
	}
	return best, found
}

// mine is the participant's current vote on a question: the one saved on
// this session when the store does not have it yet.
func (m *session) mine(q string) (model.Vote, bool) {
	if v, ok := m.sent[q]; ok && v.Revote == m.round.Revote(q) {
		return v, true
	}
	return m.storedVote(q)
}

// pending reports whether question i takes a vote the participant has
// not given.
func (m *session) pending(i int) bool {
	q := m.questions[i].ID
	if _, ok := m.round.Accepts(q); !ok {
		return false
	}
	_, voted := m.mine(q)
	return !voted
}

// nextPending is the first pending question after i, wrapping; -1 when
// none is.
func (m *session) nextPending(i int) int {
	n := len(m.questions)
	for step := 1; step <= n; step++ {
		j := (i + step + n) % n
		if i < 0 {
			j = step - 1
		}
		if m.pending(j) {
			return j
		}
	}
	return -1
}

// save stores a vote in its own transaction, after this session's write
// before it, and tells the facilitator's screens.
func (m *session) save(v model.Vote) tea.Cmd {
	m.sent[v.QuestionID] = v
	srv, db, wid := m.srv, m.srv.o.DB, m.srv.o.WorkshopID
	return m.writes.Then(func() tea.Msg {
		if err := db.SaveVote(wid, v); err != nil {
			return voteFailedMsg{v, err}
		}
		srv.notify(Event{Vote: &v})
		return voteSavedMsg{v}
	})
}

// scoreLabel names a score: "4", or "Don't know".
func (m *session) scoreLabel(s model.Score) string { return answer.Label(s, m.T("answer.dontknow")) }

// ref names question i within the round: "A 3/10".
func (m *session) ref(i int) string {
	if i < 0 || i >= len(m.questions) {
		return ""
	}
	set := m.questions[i].Set
	pos, total := 0, 0
	for j, q := range m.questions {
		if q.Set != set {
			continue
		}
		total++
		if j <= i {
			pos++
		}
	}
	return fmt.Sprintf("%s %d/%d", m.T("tui.q.letter."+string(set)), pos, total)
}

// answered counts the round's questions with a current vote from the
// participant.
func (m *session) answered() int {
	n := 0
	for _, q := range m.questions {
		if _, ok := m.mine(q.ID); ok {
			n++
		}
	}
	return n
}
