package tui

import (
	"strings"
	"styrka/ui/answer"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// demoCustomer is the ID and name of the demo's first customer.
func demoCustomer(t *testing.T, lang string) model.Customer {
	t.Helper()
	ds, err := assets.DemoDataset(lang)
	if err != nil {
		t.Fatal(err)
	}
	return ds.Customers[0]
}

// newCustomerModel opens the demo workshop with one more customer, "Nykund
// AB", who has no answers yet, and returns that customer's ID.
func newCustomerModel(t *testing.T, lang string) (*Model, *store.DB, string) {
	t.Helper()
	m, db := newTestModel(t, lang, true)
	cu := model.Customer{ID: store.NewID(), WorkshopID: assets.DemoID, Name: "Nykund AB"}
	if err := db.PutCustomer(cu); err != nil {
		t.Fatal(err)
	}
	press(t, m, "enter")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("the demo did not open: %T", m.top())
	}
	return m, db, cu.ID
}

// openQuestions opens the question screen for a customer on top of the
// customers list.
func openQuestions(t *testing.T, m *Model, customerID string, mode answer.Mode) *questionsScreen {
	t.Helper()
	drive(t, m, push(newQuestions(m.c, m.ws, customerID, mode)))
	s, ok := m.top().(*questionsScreen)
	if !ok {
		t.Fatalf("top screen is %T", m.top())
	}
	return s
}

// stored loads a customer's answers from the database.
func storedAnswers(t *testing.T, db store.Store, customerID string) map[string]model.Answer {
	t.Helper()
	d, err := db.Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	return d.Answers[customerID]
}

func TestQuestionsGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openDemo(t, lang)
			s := openQuestions(t, m, demoCustomer(t, lang).ID, answer.Both)
			if s.index != 0 || !strings.Contains(m.statusText(), m.c.T("tui.q.allanswered")) {
				t.Fatalf("a fully answered customer opens at %d with status %q", s.index, m.statusText())
			}
			goldenAt(t, m)
			for _, size := range [][2]int{{60, 16}, {160, 50}} {
				resize(t, m, size[0], size[1])
				requireFits(t, m)
			}
		})
	}
	t.Run("unanswered", func(t *testing.T) {
		m, _, id := newCustomerModel(t, "en")
		openQuestions(t, m, id, answer.Both)
		goldenAt(t, m)
	})
}

func TestAnswerByKeysIsSaved(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Both)
	// A digit saves that level and opens the next question.
	press(t, m, "4")
	if s.index != 1 || s.Typing() {
		t.Fatalf("after 4: question %d, typing %v", s.index, s.Typing())
	}
	// A note first, then the level: both are saved together.
	press(t, m, "tab")
	typeText(t, m, "CFO")
	press(t, m, "enter")
	if s.index != 1 || !strings.Contains(m.statusText(), "choose a level") {
		t.Fatalf("a note without a level: question %d, status %q", s.index, m.statusText())
	}
	press(t, m, "1")
	// Don't know by 0.
	press(t, m, "0")
	if s.index != 3 {
		t.Fatalf("after three answers the screen is at question %d", s.index)
	}
	got := storedAnswers(t, db, id)
	qs := s.list
	want := []struct {
		score model.Score
		note  string
	}{{4, ""}, {1, "CFO"}, {model.DontKnow, ""}}
	for i, w := range want {
		a, ok := got[qs[i].ID]
		if !ok || a.Score != w.score || a.Note != w.note || a.Author != "test" {
			t.Fatalf("question %d stored as %+v (found %v), want %d %q", i, a, ok, w.score, w.note)
		}
	}
	if len(got) != 3 {
		t.Fatalf("%d answers stored, want 3", len(got))
	}
	if !strings.Contains(frameText(m), "3 of 20 answered") || !strings.Contains(frameText(m), "A · 4/10") {
		t.Fatalf("progress not shown:\n%s", frameText(m))
	}
}

// Nothing is recorded that nobody chose: enter on an untouched question
// moves on, saves nothing, and says so.
func TestEnterOnFreshQuestionSavesNothing(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, db, id := newCustomerModel(t, lang)
			s := openQuestions(t, m, id, answer.Both)
			if s.card.Highlighted() != -1 {
				t.Fatalf("a fresh question opens with option %d highlighted", s.card.Highlighted())
			}
			if strings.Contains(frameText(m), "▸") || strings.Contains(frameText(m), "●") {
				t.Fatalf("a fresh question shows a choice:\n%s", frameText(m))
			}
			press(t, m, "enter", "enter")
			if s.index != 2 {
				t.Fatalf("enter, enter: at question %d, want 2", s.index)
			}
			if n := len(storedAnswers(t, db, id)); n != 0 {
				t.Fatalf("enter, enter stored %d answers", n)
			}
			if want := m.c.T("tui.q.skipped", "A 2/10"); m.statusText() != want {
				t.Fatalf("status %q, want %q", m.statusText(), want)
			}
		})
	}
}

// Both sets of one customer take one key per question, 20 in all, when
// no notes are written.
func TestFullSetsInTwentyKeys(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Both)
	n := len(s.list)
	if n != 20 {
		t.Fatalf("both sets ask %d questions", n)
	}
	keys := 0
	for i := range n {
		press(t, m, string(rune('1'+i%5)))
		keys++
	}
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after %d keys the top is %T", keys, m.top())
	}
	got := storedAnswers(t, db, id)
	for i, q := range s.list {
		if a, ok := got[q.ID]; !ok || a.Score != model.Score(1+i%5) {
			t.Fatalf("question %d (%s) stored %+v (%v)", i, q.ID, a, ok)
		}
	}
	if keys > 20 || !strings.Contains(m.statusText(), "Set A and B done for Nykund AB") {
		t.Fatalf("%d keys, status %q", keys, m.statusText())
	}
}

func TestResumeAtFirstUnanswered(t *testing.T) {
	m, _, id := newCustomerModel(t, "sv")
	openQuestions(t, m, id, answer.Both)
	press(t, m, "2", "3")
	press(t, m, "esc")
	list, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("esc left to %T", m.top())
	}
	// Reopen through the list: the new customer is the one with answers
	// in progress; find it and press a.
	for i, a := range list.shown {
		if a.Customer.ID == id {
			list.table.Cursor = i
		}
	}
	press(t, m, "a")
	s, ok := m.top().(*questionsScreen)
	if !ok {
		t.Fatalf("a opened %T", m.top())
	}
	if s.index != 2 {
		t.Fatalf("resumed at question %d, want 2", s.index)
	}
	if !strings.Contains(frameText(m), "A · 3/10") {
		t.Fatalf("resumed screen:\n%s", frameText(m))
	}
}

func TestMoveBetweenQuestions(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Both)
	press(t, m, "pgdown", "ctrl+n")
	if s.index != 2 {
		t.Fatalf("two steps forward: at %d", s.index)
	}
	press(t, m, "pgup")
	if s.index != 1 {
		t.Fatalf("one back: at %d", s.index)
	}
	press(t, m, "ctrl+p", "pgup")
	if s.index != 0 || !strings.Contains(m.statusText(), "first question") {
		t.Fatalf("before the first: at %d, status %q", s.index, m.statusText())
	}
	if n := len(storedAnswers(t, db, id)); n != 0 {
		t.Fatalf("moving saved %d answers", n)
	}
	// Answer the first two, go back to the first, then to the next
	// unanswered, which is the third.
	press(t, m, "5", "5", "pgup", "pgup")
	if s.index != 0 {
		t.Fatalf("at %d", s.index)
	}
	press(t, m, "ctrl+j")
	if s.index != 2 {
		t.Fatalf("next unanswered went to %d, want 2", s.index)
	}
	// The end of the list.
	for range len(s.list) {
		press(t, m, "pgdown")
	}
	if s.index != len(s.list)-1 || !strings.Contains(m.statusText(), "last question") {
		t.Fatalf("past the last: at %d, status %q", s.index, m.statusText())
	}
}

func TestDontKnowByArrows(t *testing.T) {
	m, db, id := newCustomerModel(t, "sv")
	s := openQuestions(t, m, id, answer.SetB)
	// Nothing is highlighted; up goes to "Vet ej", enter takes it.
	press(t, m, "up", "enter")
	if !strings.Contains(m.statusText(), "Sparade ”vet ej” på B 1/10") {
		t.Fatalf("status %q", m.statusText())
	}
	a, ok := storedAnswers(t, db, id)[s.list[0].ID]
	if !ok || a.Score != model.DontKnow {
		t.Fatalf("stored %+v (%v), want don't know", a, ok)
	}
	if s.list[0].Set != model.SetUs || s.index != 1 {
		t.Fatalf("set B starts with %s; at %d", s.list[0].ID, s.index)
	}
	// Down from nothing goes to level 1.
	press(t, m, "down", "enter")
	if a := storedAnswers(t, db, id)[s.list[1].ID]; a.Score != 1 {
		t.Fatalf("down, enter stored %+v", a)
	}
}

func TestUndoRestoresPreviousAnswer(t *testing.T) {
	m, db, _ := newCustomerModel(t, "en")
	cu := demoCustomer(t, "en")
	s := openQuestions(t, m, cu.ID, answer.Both)
	q := s.list[0]
	before := storedAnswers(t, db, cu.ID)[q.ID]
	other := "1"
	if before.Score == 1 {
		other = "2"
	}
	// An answered question opens on its answer; the note is kept.
	if s.card.Highlighted() != int(before.Score)-1 && before.Score.Known() {
		t.Fatalf("an answered question highlights %d, answer %d", s.card.Highlighted(), before.Score)
	}
	press(t, m, "tab")
	typeText(t, m, "!")
	press(t, m, "enter")
	press(t, m, "pgup", other)
	if got := storedAnswers(t, db, cu.ID)[q.ID]; got.Score == before.Score || got.Note != before.Note+"!" {
		t.Fatalf("the change was not saved: %+v", got)
	}
	if !strings.Contains(m.statusText(), "ctrl+z") {
		t.Fatalf("status %q", m.statusText())
	}
	// Two steps: the score, then the note.
	press(t, m, "ctrl+z")
	if got := storedAnswers(t, db, cu.ID)[q.ID]; got.Score != before.Score || got.Note != before.Note+"!" {
		t.Fatalf("the first undo stored %+v", got)
	}
	press(t, m, "ctrl+z")
	got := storedAnswers(t, db, cu.ID)[q.ID]
	if got.Score != before.Score || got.Note != before.Note || !got.At.Equal(before.At) {
		t.Fatalf("undo stored %+v, want %+v", got, before)
	}
	if sc, _ := s.card.Score(); s.index != 0 || sc != before.Score {
		t.Fatalf("undo shows question %d with %d", s.index, sc)
	}
	if m.ws.Data().Answers[cu.ID][q.ID].Score != before.Score {
		t.Fatal("the open workshop was not updated")
	}
	press(t, m, "ctrl+z")
	if !strings.Contains(m.statusText(), "Nothing to undo") {
		t.Fatalf("second undo: %q", m.statusText())
	}
}

func TestUndoRemovesNewAnswer(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Both)
	press(t, m, "3", "4")
	press(t, m, "u")
	got := storedAnswers(t, db, id)
	if _, ok := got[s.list[1].ID]; ok || len(got) != 1 {
		t.Fatalf("undo left %v", got)
	}
	if _, ok := m.ws.Data().Answers[id][s.list[1].ID]; ok {
		t.Fatal("the open workshop still has the undone answer")
	}
	if s.index != 1 || !strings.Contains(frameText(m), "not answered yet") {
		t.Fatalf("after undo at %d:\n%s", s.index, frameText(m))
	}
}

func TestQuitKeepsPickedScoreAndNote(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Both)
	press(t, m, "3", "pgup", "tab")
	typeText(t, m, "half")
	_, cmd := m.Update(keyMsg("ctrl+c"))
	drive(t, m, cmd)
	a, ok := storedAnswers(t, db, id)[s.list[0].ID]
	if !ok || a.Score != 3 || a.Note != "half" {
		t.Fatalf("after ctrl+c: %+v (%v)", a, ok)
	}
}

func TestLeavingKeepsTypedNote(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Both)
	press(t, m, "2", "pgup", "tab")
	typeText(t, m, "q?") // text in the note, not quit or help
	if m.stack.HelpShown() || m.top() != Screen(s) {
		t.Fatal("q or ? in the note acted as a key")
	}
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("esc from the note left to %T", m.top())
	}
	a := storedAnswers(t, db, id)[s.list[0].ID]
	if a.Score != 2 || a.Note != "q?" {
		t.Fatalf("stored %+v", a)
	}
}

func TestQuickModeAsksFour(t *testing.T) {
	m, db, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.Quick)
	if len(s.list) != 4 {
		t.Fatalf("quick mode lists %d questions", len(s.list))
	}
	press(t, m, "4", "4", "4", "4")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after the quick pass the top is %T", m.top())
	}
	got := storedAnswers(t, db, id)
	if len(got) != 4 {
		t.Fatalf("%d answers stored", len(got))
	}
	dims := map[model.Dimension]bool{}
	for _, q := range s.list {
		dims[q.Dimension] = got[q.ID].Score == 4
	}
	if len(dims) != 4 {
		t.Fatalf("quick answers cover %v", dims)
	}
	if !strings.Contains(m.statusText(), "Quick pass done for Nykund AB") {
		t.Fatalf("status %q", m.statusText())
	}
}

func TestLastQuestionReturnsToList(t *testing.T) {
	m, _, id := newCustomerModel(t, "en")
	s := openQuestions(t, m, id, answer.SetA)
	for range len(s.list) - 1 {
		press(t, m, "3")
	}
	if _, ok := m.top().(*questionsScreen); !ok {
		t.Fatal("left before the last question")
	}
	resize(t, m, 120, 40)
	if !strings.Contains(frameText(m), "A · 10/10") || !strings.Contains(frameText(m), "9 of 10 answered") {
		t.Fatalf("progress before the last answer:\n%s", frameText(m))
	}
	press(t, m, "3")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after the last question the top is %T", m.top())
	}
	if !strings.Contains(m.statusText(), "Set A done for Nykund AB") {
		t.Fatalf("status %q", m.statusText())
	}
	list := m.top().(*customersScreen)
	var row string
	for _, l := range strings.Split(frameText(m), "\n") {
		if strings.Contains(l, "Nykund AB") && row == "" {
			row = l
		}
	}
	for _, a := range list.all {
		if a.Customer.ID == id && (a.Progress[model.SetThem].Answered != 10 || a.Progress[model.SetUs].Answered != 0) {
			t.Fatalf("the list's progress: %+v", a.Progress)
		}
	}
	if !strings.Contains(row, "10/10") {
		t.Fatalf("the list does not show 10/10: %q\n%s", row, frameText(m))
	}
}

func TestSkippedQuestionsAreCountedAtTheEnd(t *testing.T) {
	m, _, id := newCustomerModel(t, "sv")
	openQuestions(t, m, id, answer.Quick)
	press(t, m, "enter", "enter", "enter")
	press(t, m, "1")
	if _, ok := m.top().(*customersScreen); !ok || !strings.Contains(m.statusText(), "3 frågor") {
		t.Fatalf("top %T, status %q", m.top(), m.statusText())
	}
}
