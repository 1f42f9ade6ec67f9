package tui

import (
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
)

// TestCloseRoundThenChange closes a round from the customers screen,
// changes answers, and checks that the brief lists the change and that
// the map draws the way the customer came.
func TestCloseRoundThenChange(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	s := m.top().(*customersScreen)

	// r on the map before any round says there is none.
	press(t, m, "m", "r")
	mp := m.top().(*mapScreen)
	if mp.trails || !strings.Contains(m.statusText(), "No round is closed yet") {
		t.Errorf("r without a round: trails %v, status %q", mp.trails, m.statusText())
	}
	press(t, m, "esc")

	// R asks first and names what happens.
	press(t, m, "R")
	if ok := m.stack.Dialog() != nil; !ok {
		t.Fatalf("R opened %T", m.top())
	}
	for _, want := range []string{"round 1", "16 customers", "round 2"} {
		if !strings.Contains(frameText(m), want) {
			t.Errorf("the confirmation does not say %q:\n%s", want, frameText(m))
		}
	}
	press(t, m, "n")
	if rs, _ := db.Rounds(assets.DemoID); len(rs) != 0 {
		t.Fatal("n closed a round")
	}
	press(t, m, "R", "y")
	rs, err := db.Rounds(assets.DemoID)
	if err != nil || len(rs) != 1 || rs[0].Number != 1 || len(rs[0].Customers) != 16 {
		t.Fatalf("rounds after closing: %+v, %v", rs, err)
	}
	if m.top() != Screen(s) || !strings.Contains(m.statusText(), "Closed round 1") || len(m.ws.Data().Rounds) != 1 {
		t.Fatalf("after closing: top %T, status %q, %d rounds loaded", m.top(), m.statusText(), len(m.ws.Data().Rounds))
	}

	// The brief of a customer says nothing changed yet.
	b := briefOf(t, m, s, dontKnowCustomer)
	if text := briefText(b); !strings.Contains(text, "Since round 1") || !strings.Contains(text, "Nothing has changed since round 1.") {
		t.Errorf("brief right after the round:\n%s", text)
	}

	// Later answers start the next round: Rydéns' supply risk falls.
	for _, q := range m.c.Questions() {
		if q.Dimension == model.SupplyRisk {
			if err := db.SaveAnswer(assets.DemoID, model.Answer{CustomerID: b.id, QuestionID: q.ID, Score: 1}); err != nil {
				t.Fatal(err)
			}
		}
	}
	drive(t, m, m.ws.Load(assets.DemoID, nil))
	text := strings.Join(strings.Fields(briefText(b)), " ")
	for _, want := range []string{"Power balance: We dominate → Independence", "How they see us: Strategic → Leverage", "Supply risk: 3.9 → 1.0 (-2.9)", "Changed answers:", "What would it cost them, in money and time, to replace you?: Don't know → 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the brief lacks %q:\n%s", want, briefText(b))
		}
	}
	requireFits(t, m)

	// The map toggles the trails with r.
	press(t, m, "esc", "m")
	mp = m.top().(*mapScreen)
	before := frameText(m)
	press(t, m, "r")
	if !mp.trails || len(mp.trailsFor()) != 1 || !strings.Contains(m.statusText(), "moved in this view: 1") {
		t.Fatalf("r: trails %v, %d trails, status %q", mp.trails, len(mp.trailsFor()), m.statusText())
	}
	after := frameText(m)
	if !strings.Contains(after, "○") || !strings.Contains(after, "·") || strings.Contains(before, "○") {
		t.Errorf("no trail drawn:\n%s", after)
	}
	if !strings.Contains(after, "round 1 → ● now") {
		t.Errorf("the heading does not say trails show:\n%s", after)
	}
	for _, sz := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {160, 50}} {
		resize(t, m, sz[0], sz[1])
		requireFits(t, m)
	}
	press(t, m, "r")
	if mp.trails || strings.Contains(frameText(m), "○") {
		t.Error("r again did not hide the trails")
	}

	// A second round gets the next number.
	press(t, m, "esc", "R", "y")
	if rs, _ := db.Rounds(assets.DemoID); len(rs) != 2 || rs[1].Number != 2 {
		t.Errorf("second round: %+v", rs)
	}
}

func TestMapTrailsGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, db := newTestModel(t, lang, true)
			press(t, m, "enter", "R", "y")
			var id string
			for _, c := range m.ws.Data().Customers {
				if c.Name == dontKnowCustomer {
					id = c.ID
				}
			}
			for _, q := range m.c.Questions() {
				if q.Dimension == model.SupplyRisk || q.Dimension == model.RelativeValue {
					if err := db.SaveAnswer(assets.DemoID, model.Answer{CustomerID: id, QuestionID: q.ID, Score: 5}); err != nil {
						t.Fatal(err)
					}
				}
			}
			drive(t, m, m.ws.Load(assets.DemoID, nil))
			press(t, m, "m", "r")
			goldenAt(t, m)
		})
	}
}
