package tui

import (
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/answer"
)

// alternativesQuestion is a set A question the demo's Rydéns has a score
// for (4).
const alternativesQuestion = "them.risk.suppliers"

// openChecklist opens Rydéns' brief with one scored answer marked as our
// estimate, so that the checklist has a line to tick besides its two
// "don't know", and then its checklist.
func openChecklist(t *testing.T, lang string) (*Model, *checklistScreen, string) {
	t.Helper()
	m, db := newTestModel(t, lang, true)
	press(t, m, "enter")
	cid := customerID(t, m, dontKnowCustomer)
	if err := db.SetAnswerSource(assets.DemoID, cid, alternativesQuestion, model.FromEstimate, ""); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.ws.Load(assets.DemoID, nil))
	briefOf(t, m, m.top().(*customersScreen), dontKnowCustomer)
	press(t, m, "V")
	s, ok := m.top().(*checklistScreen)
	if !ok {
		t.Fatalf("V in the brief opened %T", m.top())
	}
	return m, s, cid
}

func TestChecklistGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _, _ := openChecklist(t, lang)
			requireHelp(t, m)
			goldenAt(t, m)
		})
	}
}

// TestChecklistTicks: space on a scored answer stores a confirmation by
// the person at the keyboard, and again takes it back; a "don't know"
// cannot be ticked and says why; s cycles the source, leaving the
// confirmation; the brief marks the confirmed answer.
func TestChecklistTicks(t *testing.T) {
	m, s, cid := openChecklist(t, "en")
	db := m.ws.Store()
	row := -1
	for i, id := range s.ids {
		if id == alternativesQuestion {
			row = i
		}
	}
	if row < 0 || len(s.ids) != 3 {
		t.Fatalf("the checklist lists %v", s.ids)
	}
	press(t, m, "home")
	for range row {
		press(t, m, "down")
	}
	press(t, m, "space")
	a := storedAnswers(t, db, cid)[alternativesQuestion]
	if a.ConfirmedBy != "test" || a.ConfirmedAt.IsZero() || a.Score != 4 {
		t.Fatalf("space stored %+v", a)
	}
	if !strings.Contains(m.statusText(), "confirmed with the customer, by test") || !strings.Contains(frameText(m), "[x]") {
		t.Errorf("status %q:\n%s", m.statusText(), frameText(m))
	}
	press(t, m, "s")
	a = storedAnswers(t, db, cid)[alternativesQuestion]
	if a.Source != model.FromData || !a.Confirmed() {
		t.Errorf("s from estimate: %+v", a)
	}
	if len(s.ids) != 3 || s.ids[row] != alternativesQuestion {
		t.Errorf("the line moved: %v", s.ids)
	}
	press(t, m, "esc")
	if !strings.Contains(briefText(m.top().(*briefScreen)), "[x] How many credible alternatives") {
		t.Errorf("the brief does not tick the confirmed answer:\n%s", briefText(m.top().(*briefScreen)))
	}
	press(t, m, "V")
	s = m.top().(*checklistScreen)
	press(t, m, "home")
	for range row {
		press(t, m, "down")
	}
	press(t, m, "space")
	if a := storedAnswers(t, db, cid)[alternativesQuestion]; a.Confirmed() {
		t.Errorf("space again left %+v", a)
	}
	// A "don't know" is not ticked.
	for i, id := range s.ids {
		if storedAnswers(t, db, cid)[id].Score.Known() {
			continue
		}
		press(t, m, "home")
		for range i {
			press(t, m, "down")
		}
		press(t, m, "space")
		if storedAnswers(t, db, cid)[id].Confirmed() || !strings.Contains(m.statusText(), "give it a score first") {
			t.Errorf("a don't know ticked; status %q", m.statusText())
		}
		break
	}
}

// TestRescoreKeepsValidation: a new note on a confirmed answer keeps its
// source and confirmation; a new score keeps the source but clears the
// confirmation: a confirmed 4 re-scored to 2 is no longer what the
// customer confirmed.
func TestRescoreKeepsValidation(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	cu := demoCustomer(t, "en")
	s := openQuestions(t, m, cu.ID, answer.Both)
	q := s.list[0]
	before := storedAnswers(t, db, cu.ID)[q.ID]
	if err := db.SetAnswerSource(assets.DemoID, cu.ID, q.ID, model.FromCustomer, "their CFO"); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmAnswer(assets.DemoID, cu.ID, q.ID, "Anna"); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.ws.Load(assets.DemoID, nil))
	s = openQuestions(t, m, cu.ID, answer.Both)

	press(t, m, "tab")
	typeText(t, m, " More.")
	press(t, m, "enter")
	a := storedAnswers(t, db, cu.ID)[q.ID]
	if a.Note == before.Note || a.Score != before.Score {
		t.Fatalf("the note was not saved: %+v", a)
	}
	if a.Source != model.FromCustomer || a.SourceRef != "their CFO" || a.ConfirmedBy != "Anna" || a.ConfirmedAt.IsZero() {
		t.Errorf("a new note lost the validation: %+v", a)
	}

	drive(t, m, push(newQuestions(m.c, m.ws, cu.ID, answer.Both)))
	other := model.Score(1 + int(before.Score)%model.Levels)
	press(t, m, string(rune('0'+other)))
	a = storedAnswers(t, db, cu.ID)[q.ID]
	if a.Score != other {
		t.Fatalf("the new score was not saved: %+v", a)
	}
	if a.Confirmed() {
		t.Errorf("a new score kept the confirmation: %+v", a)
	}
	if a.Source != model.FromCustomer || a.SourceRef != "their CFO" {
		t.Errorf("a new score lost the source: %+v", a)
	}
}
