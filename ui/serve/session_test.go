package serve

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/screen"
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
	m.fingerprint = "SHA256:the-model-tests-key"
	m.admitted = true
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, screen.Address(m.stack.TopID(), f.srv.join(m, f.people[0].Name)))
	if _, ok := m.stack.Top().(*voteScreen); !ok {
		t.Fatalf("%T after joining, want the first question", m.stack.Top())
	}
	return m
}

// named are the keys the tests press by name.
var named = map[string]rune{"enter": tea.KeyEnter, "down": tea.KeyDown, "up": tea.KeyUp,
	"left": tea.KeyLeft, "esc": tea.KeyEscape, "tab": tea.KeyTab}

func keyMsg(k string) tea.KeyPressMsg {
	if code, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func press(m *session, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(m, cmd)
	}
}

var cmdType = reflect.TypeFor[tea.Cmd]()

// cmdTimeout bounds a command that never returns.
const cmdTimeout = 10 * time.Second

// isTick reports whether c is a timer: every tea.Tick is a closure of
// the same function literal, so they share its code pointer.
func isTick(c tea.Cmd) bool { return reflect.ValueOf(c).Pointer() == tickPC }

var tickPC = reflect.ValueOf(tea.Tick(time.Hour, nil)).Pointer()

// isBlink reports whether c is the cursor's blink, for the fixture's
// Skip.
func isBlink(c tea.Cmd) bool { return reflect.ValueOf(c).Pointer() == blinkPC }

var blinkPC = func() uintptr {
	c := cursor.New()
	return reflect.ValueOf(c.Focus()).Pointer()
}()

// run runs a command and what it leads to, in order, skipping the
// poll's ticks (cursor blinks are dropped by the fixture's Skip) and the
// terminal's queries. Every other command returns at once, or after a
// store write, which a loaded machine can make slow: it is waited for,
// up to cmdTimeout, which only guards against a hang.
func run(m *session, cmd tea.Cmd) {
	if cmd == nil || isTick(cmd) {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(cmdTimeout):
		return
	}
	if v := reflect.ValueOf(msg); msg != nil && v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		// A batch or a sequence: run in order.
		for i := range v.Len() {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			run(m, c)
		}
		return
	}
	switch msg.(type) {
	case nil, tickMsg, tea.QuitMsg:
	default:
		_, next := m.Update(msg)
		run(m, next)
	}
}

// TestSessionFits: every screen fills the window exactly and no line is
// wider than it, from the smallest size to a projector's, in both
// languages; a window larger than a real screen is drawn at the largest.
func TestSessionFits(t *testing.T) {
	f := newFixture(t, 1, 3, DefaultLimit)
	for _, lang := range []string{"en_US.UTF-8", "sv_SE.UTF-8"} {
		screens := map[string]*session{"lang": newSession(f.srv, []string{"LANG=" + lang}, "127.0.0.1"),
			"vote": joinedSession(t, f, lang)}
		mine := joinedSession(t, f, lang)
		press(mine, "m")
		screens["mine"] = mine
		code := newSession(f.srv, []string{"LANG=" + lang}, "127.0.0.1")
		press(code, "enter")
		screens["code"] = code
		help := joinedSession(t, f, lang)
		press(help, "?")
		screens["help"] = help
		for name, s := range screens {
			for _, size := range [][2]int{{30, 10}, {40, 12}, {60, 16}, {80, 24}, {100, 30}, {160, 50}, {65535, 65535}} {
				s.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				w, h := clampSize(size[0], size[1], s.admitted)
				lines := strings.Split(s.render(), "\n")
				if len(lines) != h {
					t.Errorf("%s %s at %v: %d lines", lang, name, size, len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s %s at %v: line %d is %d wide: %q", lang, name, size, i, lw, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// TestScreenKeys: no two bindings a screen answers to share a key, the
// stack's own included.
func TestScreenKeys(t *testing.T) {
	f := newFixture(t, 1, 3, DefaultLimit)
	m := joinedSession(t, f, "en_US.UTF-8")
	k := m.keys
	own := []key.Binding{k.Help, k.Quit, k.ForceQuit}
	req := Request{Participant: f.people[0]}
	for _, s := range []screen.Screen{newLangScreen(m), newCodeScreen(m), newNameScreen(m), newPersonalScreen(m, f.people[0]),
		newAskScreen(m, req), newKeepCodeScreen(m, "ABCDEF"), newWaitScreen(m), newVoteScreen(m, 0), newMineScreen(m)} {
		seen := map[string]string{}
		bindings := slices.Concat(s.FullHelp()...)
		if !s.Typing() {
			bindings = append(bindings, own...)
		}
		if _, ok := s.(*voteScreen); ok {
			// The one screen opened over another: esc goes back.
			bindings = append(bindings, k.Back)
		}
		for _, b := range bindings {
			for _, kk := range b.Keys() {
				if d, ok := seen[kk]; ok && d != b.Help().Desc {
					t.Errorf("%T: %q is both %q and %q", s, kk, d, b.Help().Desc)
				}
				seen[kk] = b.Help().Desc
			}
		}
	}
}

// TestVoteKeys: the keys of a question, at the model. A digit saves and
// moves on; enter on an untouched question saves nothing.
func TestVoteKeys(t *testing.T) {
	f := newFixture(t, 1, 3, DefaultLimit)
	m := joinedSession(t, f, "en_US.UTF-8")
	q := f.round.Questions
	vote := func() *voteScreen {
		t.Helper()
		v, ok := m.stack.Top().(*voteScreen)
		if !ok {
			t.Fatalf("%T on top, want the question", m.stack.Top())
		}
		return v
	}

	press(m, "down", "down", "down", "enter") // level 3 with the arrows
	if v := vote(); v.index != 1 {
		t.Fatalf("a level chosen with enter does not move on: question %d", v.index)
	}
	press(m, "left", "tab", "f", "r", "o", "m", " ", "C", "F", "O", "esc")
	if v, _ := m.mine(q[0]); vote().Typing() || vote().index != 0 || v.Note != "from CFO" || v.Score != 3 {
		t.Fatalf("esc on the note: on note %v, question %d, vote %+v", vote().Typing(), vote().index, v)
	}
	press(m, "tab")
	if !vote().Typing() || vote().card.Note() != "from CFO" {
		t.Fatalf("tab does not reopen the note: %v %q", vote().Typing(), vote().card.Note())
	}
	press(m, "enter")
	if v := vote(); v.index != 1 || v.Typing() {
		t.Fatalf("after the note: question %d, on note %v", v.index, v.Typing())
	}
	// Back to the first, change the score, keep the note.
	press(m, "left", "5")
	if v, _ := m.mine(q[0]); v.Score != 5 || v.Note != "from CFO" {
		t.Fatalf("after changing: %+v", v)
	}
	if v := vote(); v.index != 1 {
		t.Fatalf("after changing the first question the second is next, got %d", v.index)
	}
	press(m, "m")
	if _, ok := m.stack.Top().(*mineScreen); !ok {
		t.Fatalf("m shows %T, not the answers", m.stack.Top())
	}
	press(m, "down", "enter") // the cursor starts on the question left
	if v := vote(); v.index != 2 {
		t.Fatalf("enter on the third row: question %d", v.index)
	}
	press(m, "0")
	if v := vote(); v.index != 1 {
		t.Fatalf("after the last question the one left unanswered is next; question %d", v.index)
	}
	press(m, "enter") // nothing chosen: skipped, nothing saved
	if _, ok := m.stack.Top().(*mineScreen); !ok {
		t.Fatalf("skipping the last question left shows %T, not the answers", m.stack.Top())
	}
	if text, _ := m.stack.StatusText(); !strings.Contains(text, "Skipped A 2/3") {
		t.Errorf("the status after a skip says %q", text)
	}
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
	run(m, m.poll())
	if text, _ := m.stack.StatusText(); text != m.T("serve.round.revealed") {
		t.Errorf("the status after the reveal says %q", text)
	}
	press(m, "up", "up", "enter")
	if _, err := m.stack.StatusText(); !err {
		t.Errorf("a revealed question opened for a change (%T)", m.stack.Top())
	}
	// A re-vote and its reveal: the status says what is true now.
	f.update(t, func(r *model.SilentRound) { r.OpenRevote(q[0]) })
	m.polling = false
	run(m, m.poll())
	if v := vote(); v.index != 0 || v.card.Highlighted() != -1 {
		t.Fatalf("the re-vote opens question %d with %d highlighted", v.index, v.card.Highlighted())
	}
	press(m, "2")
	f.update(t, func(r *model.SilentRound) { r.Reveal(time.Now().UTC()) })
	m.polling = false
	run(m, m.poll())
	if text, _ := m.stack.StatusText(); text != m.T("serve.round.revealed") {
		t.Errorf("the status after the re-vote's reveal says %q", text)
	}
	if v := current(t, f)[f.people[0].ID][q[0]]; v.Score != 2 || v.Revote != 1 {
		t.Errorf("the re-vote stored %+v", v)
	}
}

// TestNoteOffersNoNames: the note field completes nothing; tab in it is
// not a name.
func TestNoteOffersNoNames(t *testing.T) {
	f := newFixture(t, 1, 3, DefaultLimit)
	m := joinedSession(t, f, "en_US.UTF-8")
	press(m, "4", "tab", "P", "tab", "enter", "3")
	v := current(t, f)[f.people[0].ID][f.round.Questions[1]]
	if v.Score != 3 || v.Note != "P" {
		t.Errorf("the second question's vote is %+v, want 3 with the note typed", v)
	}
	// The header names the participant; the rest names nobody.
	if _, body, _ := strings.Cut(ansi.Strip(m.render()), "\n"); strings.Contains(body, f.people[0].Name) {
		t.Errorf("a name shows in the question:\n%s", body)
	}
}

// TestClampFilter: the program's filter draws a huge window at a real
// screen's size, a smaller one until the join code is given, and grows
// to the window claimed once it is.
func TestClampFilter(t *testing.T) {
	f := newFixture(t, 1, 1, DefaultLimit)
	m := newSession(f.srv, nil, "127.0.0.1")
	m.sized = true
	huge := tea.WindowSizeMsg{Width: 65535, Height: 65535}
	if got := clampFilter(m, huge); got != (tea.WindowSizeMsg{Width: pendingWidth, Height: pendingHeight}) {
		t.Errorf("before the code a huge window is drawn in %+v", got)
	}
	if got := clampFilter(m, tea.WindowSizeMsg{Width: 80, Height: 24}); got != (tea.WindowSizeMsg{Width: 80, Height: 24}) {
		t.Errorf("80×24 is drawn in %+v", got)
	}
	clampFilter(m, huge)
	m.admitted = true
	cmd := m.take(admittedMsg{})
	if got := clampFilter(m, cmd()); got != (tea.WindowSizeMsg{Width: maxWidth, Height: maxHeight}) {
		t.Errorf("after the code a huge window is drawn in %+v", got)
	}
}

// TestRequestsBounded: nobody can bury the facilitator in requests to
// join; a session asking again replaces its own request.
func TestRequestsBounded(t *testing.T) {
	f := newFixture(t, 1, 1, DefaultLimit)
	p := f.people[0]
	first := newSession(f.srv, nil, "127.0.0.1")
	f.srv.ask(first, p)
	if _, ok := f.srv.ask(first, p).(askMsg); !ok || len(f.srv.Requests()) != 1 {
		t.Fatalf("asking again makes %d requests", len(f.srv.Requests()))
	}
	for range maxRequests - 1 {
		if _, ok := f.srv.ask(newSession(f.srv, nil, "127.0.0.1"), p).(askMsg); !ok {
			t.Fatal("a request under the bound was refused")
		}
	}
	if msg := f.srv.ask(newSession(f.srv, nil, "127.0.0.1"), p); msg != (askFullMsg{}) {
		t.Errorf("request %d: %#v", maxRequests+1, msg)
	}
	f.srv.withdraw(first)
	if n := len(f.srv.Requests()); n != maxRequests-1 {
		t.Errorf("after a withdrawal %d requests wait", n)
	}
}

// BenchmarkVoteView draws a question at a laptop's window and at the
// largest a session draws in.
func BenchmarkVoteView(b *testing.B) {
	f := newFixture(b, 1, 3, DefaultLimit)
	for _, size := range [][2]int{{100, 30}, {maxWidth, maxHeight}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := newSession(f.srv, []string{"LANG=en_US.UTF-8"}, "127.0.0.1")
			m.fingerprint, m.admitted = "SHA256:the-benchmark-key", true
			run(m, screen.Address(m.stack.TopID(), f.srv.join(m, f.people[0].Name)))
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			b.ReportAllocs()
			for b.Loop() {
				_ = m.render()
			}
		})
	}
}
