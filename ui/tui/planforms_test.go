package tui

import (
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/tui/workbench"
)

func TestWorksheetFormGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openBrief(t, lang, dontKnowCustomer)
			press(t, m, "N")
			if _, ok := m.top().(*workbench.FormScreen); !ok {
				t.Fatalf("N opened %T", m.top())
			}
			requireNoSharedKeys(t, m)
			goldenAt(t, m)
		})
	}
}

// TestWorksheetFormSaves: the worksheet's fields are stored cleaned, the
// tradables one a line, and the status says so; the brief then shows
// them. Esc leaves without saving.
func TestWorksheetFormSaves(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	b := briefOf(t, m, m.top().(*customersScreen), dontKnowCustomer)
	cid := b.id

	press(t, m, "N")
	typeText(t, m, "never stored")
	press(t, m, "esc")
	if m.top() != Screen(b) {
		t.Fatalf("esc left %T on top", m.top())
	}
	if w, _ := db.Worksheet(assets.DemoID, cid); !w.Empty() {
		t.Fatalf("esc stored %+v", w)
	}

	press(t, m, "N")
	typeText(t, m, "3-year frame at list price")
	press(t, m, "enter")
	typeText(t, m, "  spot price +5 %  ")
	press(t, m, "enter")
	typeText(t, m, "cost +12 %")
	press(t, m, "enter")
	typeText(t, m, "Buffer stock")
	press(t, m, "ctrl+j") // a new line in a text field
	typeText(t, m, "Faster drawings review")
	press(t, m, "enter")
	typeText(t, m, "Longer term")
	press(t, m, "enter")
	typeText(t, m, "Two larger workshops, after qualification")
	press(t, m, "enter", "enter")
	if m.top() != Screen(b) {
		t.Fatalf("after saving, top is %T:\n%s", m.top(), frameText(m))
	}
	w, err := db.Worksheet(assets.DemoID, cid)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Worksheet{Target: "3-year frame at list price", WalkAway: "spot price +5 %", Floor: "cost +12 %",
		Give: []string{"Buffer stock", "Faster drawings review"}, Get: []string{"Longer term"}, Alternatives: "Two larger workshops, after qualification"}
	if w.Target != want.Target || w.WalkAway != want.WalkAway || w.Floor != want.Floor || js(w.Give) != js(want.Give) ||
		js(w.Get) != js(want.Get) || w.Alternatives != want.Alternatives {
		t.Errorf("stored %+v", w)
	}
	if !strings.Contains(m.statusText(), "Saved the negotiation worksheet") {
		t.Errorf("status %q", m.statusText())
	}
	text := briefText(b)
	for _, s := range []string{"Our target: 3-year frame at list price", "We can give: Buffer stock; Faster drawings review", "Two larger workshops"} {
		if !strings.Contains(text, s) {
			t.Errorf("the brief lacks %q", s)
		}
	}

	// Opened again, the form has what is stored.
	press(t, m, "N")
	if !strings.Contains(frameText(m), "3-year frame at list price") {
		t.Errorf("the form does not show the stored target:\n%s", frameText(m))
	}
}

func TestTargetFormGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openBrief(t, lang, dontKnowCustomer)
			press(t, m, "T")
			if _, ok := m.top().(*workbench.FormScreen); !ok {
				t.Fatalf("T opened %T", m.top())
			}
			goldenAt(t, m)
		})
	}
}

// TestTargetFormSetsTheGap: enter on the untouched classes sets no
// target; choosing one stores it, and the brief shows what must change.
func TestTargetFormSetsTheGap(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	b := briefOf(t, m, m.top().(*customersScreen), dontKnowCustomer)
	press(t, m, "T", "enter", "enter", "enter", "enter")
	if m.top() != Screen(b) {
		t.Fatalf("after saving, top is %T:\n%s", m.top(), frameText(m))
	}
	if tg, _ := db.Target(assets.DemoID, b.id); tg.Set() {
		t.Fatalf("enter on untouched selects set %+v", tg)
	}
	if !strings.Contains(briefText(b), "No target is set") {
		t.Errorf("the brief lacks the missing target:\n%s", briefText(b))
	}

	// Rydéns is Nuisance for us: aim for Development (three steps right:
	// Core, Exploitable, Development) by a date, with a note.
	press(t, m, "T", "enter", "right", "right", "right", "enter")
	typeText(t, m, "2027-06-30")
	press(t, m, "enter")
	typeText(t, m, "Grow the share of wallet")
	press(t, m, "enter")
	tg, _ := db.Target(assets.DemoID, b.id)
	if tg.Kraljic != "" || tg.Pref != model.Development || tg.By != "2027-06-30" || tg.Note != "Grow the share of wallet" {
		t.Fatalf("stored %+v", tg)
	}
	text := briefText(b)
	for _, s := range []string{"Target: Development for us, by 2027-06-30.", "What must change:", "Attractiveness: from"} {
		if !strings.Contains(text, s) {
			t.Errorf("the brief lacks %q:\n%s", s, text)
		}
	}
	if !strings.Contains(m.statusText(), "Saved the target") {
		t.Errorf("status %q", m.statusText())
	}
}
