package serve

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/styles"
)

// phase is the screen a participant's session shows.
type phase int

const (
	phaseLang phase = iota // choose a language
	phaseCode              // enter the join code
	phaseName              // enter or pick a name
	phaseWait              // joined, waiting for a round
	phaseVote              // scoring one question of the round
	phaseMine              // the participant's own answers in the round
)

// The smallest terminal a session draws in.
const (
	minWidth  = 40
	minHeight = 12
)

// Options of a question: the five levels, then don't know.
const options = model.Levels + 1

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
	// joinedMsg: the participant is in.
	joinedMsg struct{ p model.Participant }
	// nameInUseMsg: the name is joined on another connection.
	nameInUseMsg struct{ name string }
	// namesMsg are the workshop's participants, offered as names.
	namesMsg struct{ names []string }
	// voteSavedMsg and voteFailedMsg report a vote's write.
	voteSavedMsg  struct{ v model.Vote }
	voteFailedMsg struct {
		v   model.Vote
		err error
	}
	// failMsg is an error reading or writing the store.
	failMsg struct{ err error }
)

// session is one participant's program.
type session struct {
	srv  *Server
	ip   string
	lang string
	c    *assets.Content
	st   *styles.Styles
	dark bool

	width, height int
	phase         phase
	langCursor    int
	input         textinput.Model
	notice        string
	noticeErr     bool
	// confirm is a name joined on another connection, typed once: typing
	// it again joins anyway (the same person on a new connection).
	confirm string
	busy    bool
	closing bool

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
	sent  map[string]model.Vote
	index int // the question shown
	// cursor is the option under the cursor: 0–4 for levels 1–5, 5 for
	// don't know.
	cursor int
	onNote bool
	// mineCursor is the row under the cursor on the answers screen.
	mineCursor int
	// writes is closed when this session's last write is done; each write
	// waits for the one before, so a score and its note land in order.
	writes chan struct{}
}

func newSession(srv *Server, environ []string, ip string) *session {
	m := &session{srv: srv, ip: ip, dark: true, sent: map[string]model.Vote{}}
	m.setLang(langOf(environ, srv.o.Lang))
	if m.lang == "sv" {
		m.langCursor = 1
	}
	m.st = styles.New(styles.Auto, true)
	m.input = textinput.New()
	m.input.Prompt = "" // the label before the field says what it is
	m.styleInput()
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

func (m *session) setLang(lang string) {
	m.lang = lang
	m.c = m.srv.content(lang)
	m.lang = m.c.Lang
	if m.lang == "" {
		m.lang = lang
	}
	m.resolveQuestions()
}

func (m *session) styleInput() {
	s := textinput.DefaultStyles(m.dark)
	s.Cursor.Blink = false
	m.input.SetStyles(s)
	m.input.SetVirtualCursor(true)
}

// T translates a UI text.
func (m *session) T(key string, args ...any) string { return m.c.T(key, args...) }

func (m *session) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (m *session) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		// Room for the longest label before a field ("Evidence
		// (optional): ") and the cursor.
		m.input.SetWidth(max(min(m.width-24, 60), 8))
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.st = styles.New(styles.Auto, m.dark)
		m.styleInput()
		return m, nil
	case closingMsg:
		m.closing = true
		return m, m.quit()
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return m, m.quit()
		}
		return m, m.key(msg)
	case tea.PasteMsg:
		if m.typing() {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return m, cmd
		}
		return m, nil
	case namesMsg:
		m.input.SetSuggestions(msg.names)
		return m, nil
	case joinedMsg:
		m.busy = false
		m.me = msg.p
		m.phase = phaseWait
		m.notice = ""
		m.input.Blur()
		m.input.Reset()
		m.input.ShowSuggestions = false
		return m, m.poll()
	case nameInUseMsg:
		m.busy = false
		m.confirm = msg.name
		m.setNotice(m.T("serve.name.inuse", msg.name), true)
		return m, nil
	case tickMsg:
		m.ticking = false
		return m, m.poll()
	case roundMsg:
		m.polling = false
		m.apply(msg)
		return m, m.tick()
	case voteSavedMsg:
		// On the answers screen the notice says all are answered; the
		// ticks there say the rest.
		if i := m.questionIndex(msg.v.QuestionID); i >= 0 && m.phase == phaseVote && msg.v.RoundID == m.round.ID {
			m.setNotice(m.T("serve.vote.saved", m.scoreLabel(msg.v.Score), m.ref(i)), false)
		}
		return m, nil
	case voteFailedMsg:
		switch {
		case errors.Is(msg.err, store.ErrNotOpen):
			m.setNotice(m.T("serve.vote.closed"), true)
		case errors.Is(msg.err, store.ErrInvalid), errors.Is(msg.err, store.ErrNotFound):
			m.setNotice(m.T("serve.vote.refused"), true)
		default:
			m.setNotice(m.T("serve.vote.failed"), true)
		}
		if s, ok := m.sent[msg.v.QuestionID]; ok && s.At.Equal(msg.v.At) {
			delete(m.sent, msg.v.QuestionID)
		}
		return m, m.poll()
	case failMsg:
		m.busy = false
		m.setNotice(m.T("serve.error"), true)
		return m, nil
	}
	if m.typing() {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *session) setNotice(text string, isErr bool) { m.notice, m.noticeErr = text, isErr }

// typing is true while a text field has the focus.
func (m *session) typing() bool {
	return m.phase == phaseCode || m.phase == phaseName || (m.phase == phaseVote && m.onNote)
}

// quit ends the session; a note being typed is saved first.
func (m *session) quit() tea.Cmd {
	if m.phase == phaseVote && m.onNote {
		if cmd := m.saveNote(); cmd != nil {
			return tea.Sequence(cmd, tea.Quit)
		}
	}
	return tea.Quit
}

func (m *session) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.width > 0 && (m.width < minWidth || m.height < minHeight) {
		return nil
	}
	switch m.phase {
	case phaseLang:
		return m.langKey(msg)
	case phaseCode:
		return m.codeKey(msg)
	case phaseName:
		return m.nameKey(msg)
	case phaseWait:
		if msg.String() == "q" {
			return tea.Quit
		}
	case phaseVote:
		return m.voteKey(msg)
	case phaseMine:
		return m.mineKey(msg)
	}
	return nil
}

// --- language and join code ---

func (m *session) langKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "up", "k", "down", "j", "tab", "shift+tab":
		m.langCursor = 1 - m.langCursor
	case "s":
		m.langCursor = 1
	case "e":
		m.langCursor = 0
	case "enter", "space":
		m.setLang([]string{"en", "sv"}[m.langCursor])
		return m.toCode()
	case "q", "esc":
		return tea.Quit
	}
	return nil
}

func (m *session) toCode() tea.Cmd {
	m.phase = phaseCode
	m.notice = ""
	m.input.Reset()
	m.input.CharLimit = 12
	m.input.Placeholder = "ABC-123"
	m.input.ShowSuggestions = false
	return m.input.Focus()
}

func (m *session) codeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.phase = phaseLang
		m.notice = ""
		m.input.Blur()
		return nil
	case "enter":
		return m.tryCode()
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// tryCode checks the code typed, counting wrong ones against the address.
func (m *session) tryCode() tea.Cmd {
	typed := m.input.Value()
	if normalizeCode(typed) == "" {
		return nil
	}
	if wait := m.srv.limiter.wait(m.ip); wait > 0 {
		m.setNotice(m.T("serve.code.locked", seconds(wait)), true)
		return nil
	}
	if !m.srv.checkCode(typed) {
		m.input.Reset()
		left, lockout := m.srv.limiter.wrong(m.ip)
		if lockout > 0 {
			m.setNotice(m.T("serve.code.locked", seconds(lockout)), true)
		} else {
			m.setNotice(m.T("serve.code.wrong", left), true)
		}
		return nil
	}
	m.srv.limiter.right(m.ip)
	m.phase = phaseName
	m.notice = ""
	m.input.Reset()
	m.input.CharLimit = 40
	m.input.Placeholder = m.T("serve.name.placeholder")
	m.input.ShowSuggestions = true
	return tea.Batch(m.input.Focus(), m.srv.names())
}

// seconds rounds a wait up to whole seconds.
func seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }

// --- name ---

func (m *session) nameKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.busy {
		return nil
	}
	if msg.String() == "enter" {
		name := model.CleanText(m.input.Value())
		if name == "" {
			m.setNotice(m.T("serve.name.empty"), true)
			return nil
		}
		m.busy = true
		return m.srv.join(m, name, strings.EqualFold(name, m.confirm))
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if !strings.EqualFold(model.CleanText(m.input.Value()), m.confirm) {
		m.confirm = ""
		if m.noticeErr {
			m.notice = ""
		}
	}
	return cmd
}

// names reads the workshop's participants, to offer their names.
func (s *Server) names() tea.Cmd {
	return func() tea.Msg {
		ps, err := s.o.DB.Participants(s.o.WorkshopID)
		if err != nil {
			return failMsg{err}
		}
		names := make([]string, 0, len(ps))
		for _, p := range ps {
			names = append(names, p.Name)
		}
		return namesMsg{names}
	}
}

// join finds the workshop's participant of that name, case-insensitively,
// or adds one. A name joined on another connection is refused unless
// force: the second connection may be the same person after a dropped
// one, or a namesake who should pick another name.
func (s *Server) join(m *session, name string, force bool) tea.Cmd {
	return func() tea.Msg {
		s.joinMu.Lock()
		defer s.joinMu.Unlock()
		ps, err := s.o.DB.Participants(s.o.WorkshopID)
		if err != nil {
			return failMsg{err}
		}
		var p model.Participant
		found := false
		for _, x := range ps {
			if strings.EqualFold(x.Name, name) {
				p, found = x, true
				break
			}
		}
		if found && !force && s.connectedElsewhere(m, p.ID) {
			return nameInUseMsg{p.Name}
		}
		if !found {
			p = model.Participant{ID: store.NewID(), WorkshopID: s.o.WorkshopID, Name: name, Created: s.o.Now().UTC()}
			if err := s.o.DB.PutParticipant(p); err != nil {
				return failMsg{err}
			}
		}
		s.joined(m, p.ID)
		s.notify(Event{Joined: &p})
		return joinedMsg{p}
	}
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

// apply takes in what a look at the store found.
func (m *session) apply(msg roundMsg) {
	if msg.err != nil {
		m.setNotice(m.T("serve.error"), true)
		return
	}
	wasIn, oldID, oldState := m.inRound, m.round.ID, m.round.State
	oldVoting := map[string]int{}
	if wasIn {
		for _, q := range m.round.Voting() {
			oldVoting[q] = m.round.Revote(q)
		}
	}
	m.other = msg.other
	if !msg.ok {
		if wasIn {
			m.setNotice(m.T("serve.round.ended", m.customer), false)
		}
		m.inRound, m.round, m.votes, m.questions = false, model.SilentRound{}, nil, nil
		m.sent = map[string]model.Vote{}
		if m.phase == phaseVote || m.phase == phaseMine {
			m.phase, m.onNote = phaseWait, false
			m.input.Blur()
		}
		return
	}
	m.round, m.inRound, m.customer, m.votes = msg.round, true, msg.customer, msg.votes
	if !wasIn || oldID != m.round.ID {
		m.sent = map[string]model.Vote{}
		m.resolveQuestions()
		m.notice = ""
		if i := m.nextPending(-1); i >= 0 {
			m.open(i)
		} else {
			m.toMine()
		}
		return
	}
	if oldState == model.SilentOpen && m.round.State == model.SilentRevealed {
		m.setNotice(m.T("serve.round.revealed"), false)
	}
	// The same round: drop sent votes the store now has.
	for q, v := range m.sent {
		if sv, ok := m.storedVote(q); ok && sv.Revote == v.Revote && !sv.At.Before(v.At) {
			delete(m.sent, q)
		}
	}
	// A question opened for a re-vote brings the participant to it.
	for _, q := range m.round.Voting() {
		if n, ok := oldVoting[q]; ok && n == m.round.Revote(q) {
			continue
		}
		if i := m.questionIndex(q); i >= 0 && !(m.phase == phaseVote && m.onNote) {
			m.setNotice(m.T("serve.round.revote", m.ref(i)), false)
			m.open(i)
			return
		}
	}
	if m.phase == phaseVote {
		if _, ok := m.round.Accepts(m.questions[m.index].ID); !ok {
			// Revealed while the participant was on it.
			m.onNote = false
			m.input.Blur()
			m.setNotice(m.T("serve.round.revealed"), false)
			if i := m.nextPending(m.index); i >= 0 {
				m.open(i)
			} else {
				m.toMine()
			}
		}
	}
	if m.phase == phaseWait {
		if i := m.nextPending(-1); i >= 0 {
			m.open(i)
		} else {
			m.toMine()
		}
	}
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
	m.index = min(m.index, max(len(m.questions)-1, 0))
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

// open shows question i with the cursor on the participant's vote.
func (m *session) open(i int) {
	m.phase, m.index, m.onNote = phaseVote, i, false
	m.input.Blur()
	m.cursor = 0
	if v, ok := m.mine(m.questions[i].ID); ok {
		m.cursor = optionOf(v.Score)
	}
}

func (m *session) toMine() {
	m.phase, m.onNote = phaseMine, false
	m.input.Blur()
	m.mineCursor = min(m.mineCursor, max(len(m.questions)-1, 0))
}

// optionOf is the option of a score; scoreOf the score of an option.
func optionOf(s model.Score) int {
	if s.Known() {
		return int(s) - 1
	}
	return model.Levels
}

func scoreOf(option int) model.Score {
	if option >= model.Levels {
		return model.DontKnow
	}
	return model.Score(option + 1)
}

func (m *session) voteKey(msg tea.KeyPressMsg) tea.Cmd {
	if len(m.questions) == 0 {
		return nil
	}
	if m.onNote {
		switch msg.String() {
		case "enter":
			save := m.saveNote()
			return tea.Batch(save, m.advance())
		case "esc", "shift+tab":
			// Back to the levels; the note as typed is kept.
			save := m.saveNote()
			m.onNote = false
			m.input.Blur()
			return save
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return cmd
	}
	switch s := msg.String(); s {
	case "up", "k":
		m.cursor = (m.cursor + options - 1) % options
	case "down", "j":
		m.cursor = (m.cursor + 1) % options
	case "1", "2", "3", "4", "5", "0":
		m.cursor = optionOf(model.Score(s[0] - '0'))
		return m.choose()
	case "enter", "space":
		return m.choose()
	case "tab":
		if _, ok := m.mine(m.questions[m.index].ID); ok {
			return m.toNote()
		}
	case "right", "l", "pgdown", "n":
		if m.index < len(m.questions)-1 {
			m.open(m.index + 1)
		}
	case "left", "h", "pgup", "p":
		if m.index > 0 {
			m.open(m.index - 1)
		}
	case "m", "esc":
		m.notice = ""
		m.mineCursor = m.index
		m.toMine()
	}
	return nil
}

// choose saves the score under the cursor at once, keeping the note of
// the vote it replaces, and moves to the note.
func (m *session) choose() tea.Cmd {
	q := m.questions[m.index]
	revote, ok := m.round.Accepts(q.ID)
	if !ok {
		m.setNotice(m.T("serve.vote.closed"), true)
		return nil
	}
	note := ""
	if v, ok := m.mine(q.ID); ok {
		note = v.Note
	}
	v := model.Vote{RoundID: m.round.ID, ParticipantID: m.me.ID, QuestionID: q.ID, Revote: revote,
		Score: scoreOf(m.cursor), Note: note, At: m.srv.o.Now().UTC()}
	return tea.Batch(m.save(v), m.toNote())
}

func (m *session) toNote() tea.Cmd {
	m.onNote = true
	m.input.Reset()
	m.input.CharLimit = 500
	m.input.Placeholder = m.T("serve.note.placeholder")
	m.input.ShowSuggestions = false
	if v, ok := m.mine(m.questions[m.index].ID); ok {
		m.input.SetValue(v.Note)
		m.input.CursorEnd()
	}
	return m.input.Focus()
}

// saveNote saves the vote again with the note typed, when it changed.
func (m *session) saveNote() tea.Cmd {
	q := m.questions[m.index]
	v, ok := m.mine(q.ID)
	if !ok {
		return nil
	}
	note := model.CleanNote(m.input.Value())
	if note == v.Note {
		return nil
	}
	if _, open := m.round.Accepts(q.ID); !open {
		return nil
	}
	v.Note, v.At = note, m.srv.o.Now().UTC()
	return m.save(v)
}

// advance leaves the note for the next question without a vote, or the
// answers when every one has one.
func (m *session) advance() tea.Cmd {
	m.onNote = false
	m.input.Blur()
	if i := m.nextPending(m.index); i >= 0 {
		m.open(i)
		return nil
	}
	m.setNotice(m.T("serve.round.alldone"), false)
	m.mineCursor = m.index
	m.toMine()
	return nil
}

// save stores a vote in its own transaction, after this session's write
// before it, and tells the facilitator's screens.
func (m *session) save(v model.Vote) tea.Cmd {
	m.sent[v.QuestionID] = v
	srv, db, wid := m.srv, m.srv.o.DB, m.srv.o.WorkshopID
	prev, done := m.writes, make(chan struct{})
	m.writes = done
	return func() tea.Msg {
		defer close(done)
		if prev != nil {
			select {
			case <-prev:
			case <-time.After(5 * time.Second):
			}
		}
		if err := db.SaveVote(wid, v); err != nil {
			return voteFailedMsg{v, err}
		}
		srv.notify(Event{Vote: &v})
		return voteSavedMsg{v}
	}
}

func (m *session) mineKey(msg tea.KeyPressMsg) tea.Cmd {
	n := len(m.questions)
	switch msg.String() {
	case "up", "k":
		if n > 0 {
			m.mineCursor = (m.mineCursor + n - 1) % n
		}
	case "down", "j":
		if n > 0 {
			m.mineCursor = (m.mineCursor + 1) % n
		}
	case "enter", "space":
		if n == 0 {
			return nil
		}
		if _, ok := m.round.Accepts(m.questions[m.mineCursor].ID); !ok {
			m.setNotice(m.T("serve.vote.closed"), true)
			return nil
		}
		m.notice = ""
		m.open(m.mineCursor)
	case "q":
		return tea.Quit
	}
	return nil
}

// scoreLabel names a score: "4", or "Don't know".
func (m *session) scoreLabel(s model.Score) string {
	if !s.Known() {
		return m.T("answer.dontknow")
	}
	return fmt.Sprint(int(s))
}

// ref names question i within the round: "A 3/10".
func (m *session) ref(i int) string {
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
