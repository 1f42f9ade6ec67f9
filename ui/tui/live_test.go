package tui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/store/postgres"
	"styrka/store/storetest"
	"styrka/ui/answer"
	"styrka/ui/screen"
	"styrka/ui/styles"
)

// countingStore counts the workshop loads of the store it wraps.
type countingStore struct {
	store.Store
	loads, lists atomic.Int64
}

func (c *countingStore) Load(id string) (model.Dataset, error) {
	c.loads.Add(1)
	return c.Store.Load(id)
}

func (c *countingStore) Workshops() ([]model.Workshop, error) {
	c.lists.Add(1)
	return c.Store.Workshops()
}

// newModelOn builds the UI on st at 80×24, as newTestModel does.
func newModelOn(t testing.TB, st store.Store, lang string) *Model {
	t.Helper()
	clock := &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	m := New(Options{Store: st, Content: assets.MustBuiltin(lang), Lang: lang, Theme: styles.Dark, Author: "test",
		Stack: screen.Options{Now: clock.Now, Grace: time.Millisecond, Skip: isBlink}})
	clocks[m] = clock
	t.Cleanup(func() { delete(clocks, m); m.live.stop() })
	return m
}

func answerChange(cid, qid, by string) store.Change {
	return store.Change{WorkshopID: assets.DemoID, Kind: "answer", Key: cid + "/" + qid, By: by}
}

// A burst of changes made elsewhere is one reload; changes to another
// workshop are none; changes that come while a reload runs are one more.
func TestLiveBurstIsOneReload(t *testing.T) {
	_, db := newTestModel(t, "en", true)
	cs := &countingStore{Store: db}
	m := newModelOn(t, cs, "en")
	drive(t, m, m.Init(), tea.WindowSizeMsg{Width: 80, Height: 24})
	press(t, m, "enter")
	if m.ws.Data() == nil {
		t.Fatal("the demo did not open")
	}
	cu := m.ws.Data().Customers[0]

	cs.loads.Store(0)
	drive(t, m, changesMsg{changes: []store.Change{{WorkshopID: "another", Kind: "answer", Key: "x/y"}}})
	if n := cs.loads.Load(); n != 0 {
		t.Errorf("a change to another workshop: %d loads", n)
	}
	// Another workshop itself changed: the list of workshops reloads, the
	// open one does not.
	cs.lists.Store(0)
	drive(t, m, changesMsg{changes: []store.Change{{WorkshopID: "another", Kind: "workshop"}}})
	if n, l := cs.loads.Load(), cs.lists.Load(); n != 0 || l != 1 {
		t.Errorf("another workshop changed: %d loads, %d lists; want 0 and 1", n, l)
	}

	var burst []store.Change
	for i := range 100 {
		burst = append(burst, answerChange(cu.ID, "q"+string(rune('a'+i%26)), "Britta"))
	}
	drive(t, m, changesMsg{changes: burst})
	if n := cs.loads.Load(); n != 1 {
		t.Errorf("a burst of 100 changes: %d loads, want 1", n)
	}

	// Changes that arrive while a reload runs wait for it, and are one
	// more reload together.
	cs.loads.Store(0)
	cmd := m.changed(burst[:1])
	if cmd == nil || !m.live.loading {
		t.Fatal("a change did not start a reload")
	}
	for range 3 {
		if c := m.changed(burst[1:5]); c != nil {
			t.Fatal("a change during a reload started another at once")
		}
	}
	drive(t, m, cmd)
	if n := cs.loads.Load(); n != 2 {
		t.Errorf("changes during a reload: %d loads in all, want 2", n)
	}
}

// An answer another styrka changed while the question is on the screen
// is shown, with who changed it; a note being typed is kept.
func TestLiveAnswerChangedElsewhereIsShown(t *testing.T) {
	for _, tc := range []struct{ lang, says, typing string }{
		{"en", "was changed by Britta Ek on another screen", "your note is kept"},
		{"sv", "ändrades av Britta Ek på en annan skärm", "din anteckning finns kvar"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			m, db, id := newCustomerModel(t, tc.lang)
			s := openQuestions(t, m, id, answer.Both)
			q := s.list[s.index]
			elsewhere := model.Answer{CustomerID: id, QuestionID: q.ID, Score: 4, Note: "their evidence", Author: "Britta Ek\x1b[2J"}
			if err := db.SaveAnswer(assets.DemoID, elsewhere); err != nil {
				t.Fatal(err)
			}
			drive(t, m, changesMsg{changes: []store.Change{answerChange(id, q.ID, elsewhere.Author)}})
			if !strings.Contains(m.statusText(), tc.says) || strings.Contains(m.statusText(), "\x1b") {
				t.Errorf("status %q, want it to say %q", m.statusText(), tc.says)
			}
			if sc, ok := s.card.Score(); !ok || sc != 4 || s.card.Note() != "their evidence" {
				t.Errorf("the card shows %v %v %q, not the answer stored", sc, ok, s.card.Note())
			}
			// The store says what the screen says: saving nothing new
			// changes nothing.
			if got := m.ws.Data().Answers[id][q.ID]; got.Score != 4 {
				t.Errorf("the open workshop holds %+v", got)
			}

			// Typing a note when it changes again: the note stays, and
			// saving it is the latest write.
			press(t, m, "tab")
			typeText(t, m, "mine")
			again := elsewhere
			again.Score, again.Note = 2, "theirs again"
			if err := db.SaveAnswer(assets.DemoID, again); err != nil {
				t.Fatal(err)
			}
			drive(t, m, changesMsg{changes: []store.Change{answerChange(id, q.ID, "Britta Ek")}})
			if !strings.Contains(m.statusText(), tc.typing) || s.card.Note() != "their evidencemine" {
				t.Errorf("while typing: status %q, note %q", m.statusText(), s.card.Note())
			}
			press(t, m, "esc")
			if a := storedAnswers(t, db, id)[q.ID]; a.Note != "their evidencemine" || a.Author != "test" {
				t.Errorf("the note typed was not the latest write: %+v", a)
			}
		})
	}
}

// liveRunner runs a model as Bubble Tea does: every command in its own
// goroutine, their messages given to Update one at a time on the test's
// goroutine, so a command that waits (for the next change of a shared
// database) waits without holding anything up.
type liveRunner struct {
	t    *testing.T
	m    *Model
	msgs chan tea.Msg
	done chan struct{}
}

func newLiveRunner(t *testing.T, m *Model) *liveRunner {
	r := &liveRunner{t: t, m: m, msgs: make(chan tea.Msg, 1024), done: make(chan struct{})}
	t.Cleanup(func() { close(r.done) })
	return r
}

func (r *liveRunner) cmd(c tea.Cmd) {
	if c == nil || isBlink(c) {
		return
	}
	go func() {
		if msg := c(); msg != nil {
			select {
			case r.msgs <- msg:
			case <-r.done:
			}
		}
	}()
}

func (r *liveRunner) handle(msg tea.Msg) {
	switch x := msg.(type) {
	case tea.BatchMsg:
		for _, c := range x {
			r.cmd(c)
		}
		return
	case tea.QuitMsg:
		return
	}
	if cmds, ok := sequence(msg); ok {
		go func() {
			for _, c := range cmds {
				if c == nil {
					continue
				}
				if msg := c(); msg != nil {
					select {
					case r.msgs <- msg:
					case <-r.done:
						return
					}
				}
			}
		}()
		return
	}
	_, cmd := r.m.Update(msg)
	r.cmd(cmd)
}

// send gives the model a message (or runs a command) now.
func (r *liveRunner) send(items ...any) {
	for _, it := range items {
		if c, ok := it.(tea.Cmd); ok {
			r.cmd(c)
			continue
		}
		r.handle(it)
	}
}

// until runs the model until cond holds (checked between updates),
// failing after a deadline generous enough for a loaded machine.
func (r *liveRunner) until(what string, cond func() bool) {
	r.t.Helper()
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for !cond() {
		select {
		case msg := <-r.msgs:
			r.handle(msg)
		case <-deadline.C:
			r.t.Fatalf("waited in vain for %s", what)
		}
	}
}

// Two styrkas on one PostgreSQL database: an answer one saves reaches the
// other's screen, which says who changed it; its own writes are not
// reloaded for.
func TestLiveUpdatesOnPostgres(t *testing.T) {
	url := storetest.FreshPostgres(t)
	open := func() *postgres.DB {
		db, err := postgres.Open(url, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	mine, theirs := open(), open()
	ds, err := assets.DemoDataset("en")
	if err != nil {
		t.Fatal(err)
	}
	if err := theirs.Import(ds, false); err != nil {
		t.Fatal(err)
	}
	counted := &countingStore{Store: mine}
	// The UI needs the Watcher of the store it holds.
	st := struct {
		*countingStore
		store.Watcher
	}{counted, mine}
	m := newModelOn(t, st, "en")
	r := newLiveRunner(t, m)
	r.send(m.Init(), tea.WindowSizeMsg{Width: 80, Height: 24})
	r.until("the workshops listed", func() bool { return strings.Contains(frameText(m), "Demo") })
	r.send(keyMsg("enter"))
	r.until("the demo open", func() bool { return m.ws.Data() != nil })
	r.until("the watch started", func() bool { return m.live.changes != nil })

	cu := ds.Customers[0]
	r.send(push(newQuestions(m.c, m.ws, cu.ID, answer.Both)))
	r.until("the questions", func() bool { _, ok := m.top().(*questionsScreen); return ok })
	s := m.top().(*questionsScreen)
	q := s.list[s.index]
	old, had := m.ws.Data().Answers[cu.ID][q.ID]
	score := model.Score(5)
	if had && old.Score == 5 {
		score = 1
	}
	if err := theirs.SaveAnswer(ds.Workshop.ID, model.Answer{CustomerID: cu.ID, QuestionID: q.ID, Score: score, Note: "from the other room", Author: "Britta"}); err != nil {
		t.Fatal(err)
	}
	r.until("their answer on my screen", func() bool {
		a := m.ws.Data().Answers[cu.ID][q.ID]
		return a.Score == score && a.Note == "from the other room"
	})
	r.until("who changed it, said", func() bool { return strings.Contains(m.statusText(), "changed by Britta on another screen") })
	if sc, _ := s.card.Score(); sc != score {
		t.Errorf("the card shows %v, want %v", sc, score)
	}

	// A customer they add appears in my list too.
	if err := theirs.PutCustomer(model.Customer{ID: store.NewID(), WorkshopID: ds.Workshop.ID, Name: "Nordkust AB"}); err != nil {
		t.Fatal(err)
	}
	r.until("their new customer", func() bool { return hasCustomer(m, "Nordkust AB") })

	// My own answer is not reloaded for: my watch leaves it out.
	counted.loads.Store(0)
	r.send(keyMsg("3"))
	r.until("my answer stored", func() bool {
		a, err := theirs.Load(ds.Workshop.ID)
		return err == nil && a.Answers[cu.ID][q.ID].Score == 3
	})
	// Their write after mine is a change I do reload for; once it is
	// here, any reload for my own would have come before it.
	if err := theirs.PutCustomer(model.Customer{ID: store.NewID(), WorkshopID: ds.Workshop.ID, Name: "Sydkust AB"}); err != nil {
		t.Fatal(err)
	}
	r.until("their second customer", func() bool { return hasCustomer(m, "Sydkust AB") })
	if n := counted.loads.Load(); n != 1 {
		t.Errorf("%d reloads for my answer and their customer, want 1 (theirs)", n)
	}
}

func hasCustomer(m *Model, name string) bool {
	for _, c := range m.ws.Data().Customers {
		if c.Name == name {
			return true
		}
	}
	return false
}

// An answer given here that another styrka changes is never replaced
// silently: off its question screen too, the status line says so.
func TestLiveReplacedAnswerIsSaid(t *testing.T) {
	for _, tc := range []struct{ lang, one, many string }{
		{"en", "Your answer to A 1/10 for Nykund AB was changed by Britta on another screen", "2 of your answers were changed"},
		{"sv", "Ditt svar på A 1/10 för Nykund AB ändrades av Britta på en annan skärm", "2 av dina svar ändrades"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			m, db, id := newCustomerModel(t, tc.lang)
			s := openQuestions(t, m, id, answer.Both)
			q0, q1 := s.list[0].ID, s.list[1].ID
			press(t, m, "4", "4", "esc")
			if _, ok := m.top().(*customersScreen); !ok {
				t.Fatalf("esc left to %T", m.top())
			}
			theirs := model.Answer{CustomerID: id, QuestionID: q0, Score: 2, Author: "Britta"}
			if err := db.SaveAnswer(assets.DemoID, theirs); err != nil {
				t.Fatal(err)
			}
			drive(t, m, changesMsg{changes: []store.Change{answerChange(id, q0, "Britta")}})
			if !strings.Contains(m.statusText(), tc.one) {
				t.Errorf("status %q, want %q", m.statusText(), tc.one)
			}
			// Their answer saved again unchanged, and an answer of theirs
			// changed: nothing of mine was replaced.
			m.setStatus("", false)
			drive(t, m, changesMsg{changes: []store.Change{answerChange(id, q0, "Britta")}})
			if m.statusText() != "" {
				t.Errorf("nothing of mine changed, yet the status says %q", m.statusText())
			}
			// Two of mine (as the open workshop shows them) removed at once:
			// one sentence for both.
			for _, q := range []string{q0, q1} {
				if err := db.SaveAnswer(assets.DemoID, model.Answer{CustomerID: id, QuestionID: q, Score: 3, Author: "test"}); err != nil {
					t.Fatal(err)
				}
			}
			drive(t, m, changesMsg{changes: []store.Change{answerChange(id, q0, "test"), answerChange(id, q1, "test")}})
			for _, q := range []string{q0, q1} {
				if err := db.DeleteAnswer(assets.DemoID, id, q); err != nil {
					t.Fatal(err)
				}
			}
			m.setStatus("", false)
			drive(t, m, changesMsg{changes: []store.Change{answerChange(id, q0, ""), answerChange(id, q1, "")}})
			if !strings.Contains(m.statusText(), tc.many) {
				t.Errorf("two answers removed: status %q, want %q", m.statusText(), tc.many)
			}
		})
	}
}
