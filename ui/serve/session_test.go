package serve

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := newLimiter(Limit{Attempts: 3, Lockout: time.Minute, MaxLockout: 3 * time.Minute}, func() time.Time { return now })
	const ip = "192.0.2.7"
	lockouts := []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute, 3 * time.Minute}
	for round, want := range lockouts {
		for i := range 2 {
			left, lock := l.wrong(ip)
			if left != 2-i || lock != 0 {
				t.Fatalf("round %d, wrong code %d: left %d, lockout %s", round, i+1, left, lock)
			}
		}
		if _, lock := l.wrong(ip); lock != want {
			t.Fatalf("lockout %d lasts %s, want %s", round+1, lock, want)
		}
		if w := l.wait(ip); w != want {
			t.Fatalf("wait %s, want %s", w, want)
		}
		if w := l.wait("192.0.2.8"); w != 0 {
			t.Fatalf("another address waits %s", w)
		}
		now = now.Add(want)
		if w := l.wait(ip); w != 0 {
			t.Fatalf("still locked out after the lockout: %s", w)
		}
	}
	l.right(ip)
	if left, lock := l.wrong(ip); left != 2 || lock != 0 {
		t.Fatalf("a right code did not clear the count: left %d, lockout %s", left, lock)
	}
}

func TestLimiterPrunes(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := newLimiter(Limit{Attempts: 1, Lockout: time.Second, MaxLockout: time.Second}, func() time.Time { return now })
	for i := range 2000 {
		l.wrong("10.0." + string(rune('a'+i%26)) + "." + strings.Repeat("x", i/26))
		now = now.Add(10 * time.Millisecond)
	}
	if n := len(l.m); n >= 2000 {
		t.Errorf("the limiter keeps %d addresses", n)
	}
}

func TestLangOf(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{nil, "en"},
		{[]string{"LANG=sv_SE.UTF-8"}, "sv"},
		{[]string{"LANG=en_GB.UTF-8"}, "en"},
		{[]string{"LANG=sv_SE.UTF-8", "LC_ALL=en_US.UTF-8"}, "en"},
		{[]string{"LANG=C"}, "en"},
		{[]string{"LANG=en_US.UTF-8", "STYRKA_LANG=sv"}, "sv"},
	} {
		if got := langOf(tc.env, "en"); got != tc.want {
			t.Errorf("langOf(%v) = %s, want %s", tc.env, got, tc.want)
		}
	}
	if got := langOf(nil, "sv"); got != "sv" {
		t.Errorf("without a locale the server's language is used; got %s", got)
	}
}

func TestJoinCode(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		c, err := NewJoinCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != CodeLength || strings.Trim(c, codeAlphabet) != "" {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 195 {
		t.Errorf("only %d different codes in 200", len(seen))
	}
	s := &Server{code: "K7MP2Q"}
	for _, typed := range []string{"K7MP2Q", "k7mp2q", "K7M-P2Q", " k7m p2q "} {
		if !s.checkCode(typed) {
			t.Errorf("%q refused", typed)
		}
	}
	for _, typed := range []string{"", "K7MP2", "K7MP2QQ", "K7MP20"} {
		if s.checkCode(typed) {
			t.Errorf("%q accepted", typed)
		}
	}
	if got := FormatCode("K7MP2Q"); got != "K7M-P2Q" {
		t.Errorf("FormatCode = %q", got)
	}
}

// joinedSession is a session model of a participant of the fixture who
// has joined and seen the round, driven without SSH.
func joinedSession(t *testing.T, f *fixture, lang string) *session {
	t.Helper()
	m := newSession(f.srv, []string{"LANG=" + lang}, "127.0.0.1")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	_, poll := m.Update(f.srv.join(m, f.people[0].Name, false)())
	m.Update(poll())
	if m.phase != phaseVote {
		t.Fatalf("phase %d after joining, want the first question", m.phase)
	}
	return m
}

func press(m *session, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "up":
			msg = tea.KeyPressMsg{Code: tea.KeyUp}
		case "left":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		_, cmd := m.Update(msg)
		run(m, cmd)
	}
}

// run runs a command and what it leads to, skipping timers (the poll's
// tick) and the terminal's queries.
func run(m *session, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(50 * time.Millisecond):
		return // a timer
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	case nil, tickMsg:
	default:
		_, next := m.Update(msg)
		run(m, next)
	}
}

// TestSessionFits: every screen fills the window exactly and no line is
// wider than it, from the smallest size to a projector's, in both
// languages.
func TestSessionFits(t *testing.T) {
	f := newFixture(t, 1, 3, DefaultLimit)
	for _, lang := range []string{"en_US.UTF-8", "sv_SE.UTF-8"} {
		m := newSession(f.srv, []string{"LANG=" + lang}, "127.0.0.1")
		j := joinedSession(t, f, lang)
		screens := map[string]*session{"lang": m, "vote": j}
		mine := joinedSession(t, f, lang)
		mine.toMine()
		screens["mine"] = mine
		code := newSession(f.srv, []string{"LANG=" + lang}, "127.0.0.1")
		code.toCode()
		screens["code"] = code
		for name, s := range screens {
			for _, size := range [][2]int{{30, 10}, {40, 12}, {60, 16}, {80, 24}, {100, 30}, {160, 50}} {
				s.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				lines := strings.Split(s.render(), "\n")
				if len(lines) != size[1] {
					t.Errorf("%s %s at %v: %d lines", lang, name, size, len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%s %s at %v: line %d is %d wide: %q", lang, name, size, i, w, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// TestVoteKeys: the keys of a question, at the model.
func TestVoteKeys(t *testing.T) {
	f := newFixture(t, 1, 3, DefaultLimit)
	m := joinedSession(t, f, "en_US.UTF-8")
	q := f.round.Questions

	press(m, "down", "down", "enter") // level 3 with the arrows
	if !m.onNote {
		t.Fatal("choosing a level does not move to the note")
	}
	press(m, "f", "r", "o", "m", " ", "C", "F", "O", "esc")
	if v, _ := m.mine(q[0]); m.onNote || m.index != 0 || v.Note != "from CFO" {
		t.Fatalf("esc on the note: on note %v, question %d, note %q", m.onNote, m.index, v.Note)
	}
	press(m, "tab")
	if !m.onNote || m.input.Value() != "from CFO" {
		t.Fatalf("tab does not reopen the note: %v %q", m.onNote, m.input.Value())
	}
	press(m, "enter")
	if m.index != 1 || m.onNote {
		t.Fatalf("after the note: question %d, on note %v", m.index, m.onNote)
	}
	v, ok := m.mine(q[0])
	if !ok || v.Score != 3 || v.Note != "from CFO" {
		t.Fatalf("vote on the first question: %+v", v)
	}
	// Back to the first, change the score, keep the note.
	press(m, "left", "5", "enter")
	if v, _ := m.mine(q[0]); v.Score != 5 || v.Note != "from CFO" {
		t.Fatalf("after changing: %+v", v)
	}
	if m.index != 1 {
		t.Fatalf("after changing the first question the second is next, got %d", m.index)
	}
	press(m, "m")
	if m.phase != phaseMine {
		t.Fatal("m does not show the answers")
	}
	press(m, "down", "enter") // the cursor starts on the question left
	if m.phase != phaseVote || m.index != 2 {
		t.Fatalf("enter on the third row: phase %d, question %d", m.phase, m.index)
	}
	press(m, "0", "enter")
	if m.phase != phaseVote || m.index != 1 {
		t.Fatalf("after the last question the one left unanswered is next; phase %d, question %d", m.phase, m.index)
	}
	press(m, "m")
	got := current(t, f)[f.people[0].ID]
	if got[q[0]].Score != 5 || got[q[0]].Note != "from CFO" || got[q[2]].Score != model.DontKnow {
		t.Errorf("stored: %+v", got)
	}
	if _, ok := got[q[1]]; ok {
		t.Errorf("the second question was never answered, yet: %+v", got[q[1]])
	}

	// Revealed: the answers cannot be changed.
	f.update(t, func(r *model.SilentRound) { r.Reveal(time.Now().UTC()) })
	m.polling = false // the tick the test does not run
	m.Update(m.poll()())
	press(m, "up", "up", "enter")
	if m.phase != phaseMine || !m.noticeErr {
		t.Errorf("a revealed question opened for a change (phase %d)", m.phase)
	}
}
