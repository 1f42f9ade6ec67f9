package tui

import (
	"encoding/json"
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/tui/workbench"
)

// customerID finds a demo customer by name.
func customerID(t *testing.T, m *Model, name string) string {
	t.Helper()
	for _, cu := range m.ws.Data().Customers {
		if cu.Name == name {
			return cu.ID
		}
	}
	t.Fatalf("no customer %q", name)
	return ""
}

// addPeople puts a buying centre into the store for the named customer
// and reloads the open workshop. The one dated contact is long ago, so
// that the advice on it reads the same whenever the test runs.
func addPeople(t *testing.T, m *Model, db *store.DB, name string) []model.Stakeholder {
	t.Helper()
	cid := customerID(t, m, name)
	people := []model.Stakeholder{
		{Name: "Karin Lind", Title: "Head of purchasing", Role: model.Gatekeeper, Attitude: model.Sceptical, Level: model.Manager, LastContact: "2020-05-14"},
		{Name: "Per Ek", Title: "CFO", Role: model.EconomicBuyer, Attitude: model.Neutral, Level: model.Executive, Owner: "Anna", Notes: "Signs every order above 1 MSEK."},
		{Name: "Sara Holm", Role: model.UserBuyer},
	}
	for i := range people {
		people[i].WorkshopID, people[i].CustomerID, people[i].ID = assets.DemoID, cid, store.NewID()
		if err := db.PutStakeholder(people[i]); err != nil {
			t.Fatal(err)
		}
	}
	drive(t, m, m.ws.Load(assets.DemoID, nil))
	return people
}

// openCentre opens the brief of the named customer, with a buying centre
// when people is true, and its buying centre screen.
func openCentre(t *testing.T, lang, name string, people bool) (*Model, *store.DB, *centreScreen) {
	t.Helper()
	m, db := newTestModel(t, lang, true)
	press(t, m, "enter")
	s, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("enter on the demo opened %T", m.top())
	}
	if people {
		addPeople(t, m, db, name)
	}
	briefOf(t, m, s, name)
	press(t, m, "c")
	c, ok := m.top().(*centreScreen)
	if !ok {
		t.Fatalf("c in the brief opened %T", m.top())
	}
	return m, db, c
}

func TestCentreGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		for _, c := range []struct {
			name   string
			people bool
		}{{"people", true}, {"empty", false}} {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				m, _, _ := openCentre(t, lang, cleanCustomer, c.people)
				requireHelp(t, m)
				goldenAt(t, m)
			})
		}
	}
}

// TestCentreAddsAPerson: n opens the form; a name and enter through the
// rest adds a person to the store, with no role, attitude or level the
// user did not choose; a last contact not written YYYY-MM-DD is refused
// with one sentence, and nothing typed is lost.
func TestCentreAddsAPerson(t *testing.T) {
	m, db, s := openCentre(t, "en", cleanCustomer, false)
	cid := customerID(t, m, cleanCustomer)
	press(t, m, "n")
	if _, ok := m.top().(*workbench.FormScreen); !ok {
		t.Fatalf("n opened %T", m.top())
	}
	press(t, m, "enter")
	if !strings.Contains(frameText(m), "Write a name.") {
		t.Fatalf("an empty name is taken:\n%s", frameText(m))
	}
	typeText(t, m, "Lena Berg")
	press(t, m, "enter")
	typeText(t, m, "COO")
	press(t, m, "enter")
	press(t, m, "enter", "enter", "enter") // role, attitude, level untouched
	typeText(t, m, "Anna")
	press(t, m, "enter")
	typeText(t, m, "2026-13-01")
	press(t, m, "enter")
	if !strings.Contains(frameText(m), "Write the date as YYYY-MM-DD") {
		t.Fatalf("a bad date is taken:\n%s", frameText(m))
	}
	for range 5 {
		press(t, m, "backspace")
	}
	typeText(t, m, "02-20")
	press(t, m, "enter", "enter") // the date, the notes
	if m.top() != Screen(s) {
		t.Fatalf("after saving, top is %T:\n%s", m.top(), frameText(m))
	}
	ss, err := db.Stakeholders(assets.DemoID, cid)
	if err != nil || len(ss) != 1 {
		t.Fatalf("stakeholders %+v, %v", ss, err)
	}
	p := ss[0]
	if p.Name != "Lena Berg" || p.Title != "COO" || p.Owner != "Anna" || p.LastContact != "2026-02-20" {
		t.Errorf("stored %+v", p)
	}
	if p.Role != "" || p.Attitude != "" || p.Level != "" {
		t.Errorf("enter on untouched selects chose role %q, attitude %q, level %q", p.Role, p.Attitude, p.Level)
	}
	if !strings.Contains(m.statusText(), "Added Lena Berg") || !strings.Contains(frameText(m), "Lena Berg") {
		t.Errorf("status %q:\n%s", m.statusText(), frameText(m))
	}
}

// TestCentreEditsAPerson: enter opens the person in the form with their
// values; esc leaves them as they were.
func TestCentreEditsAPerson(t *testing.T) {
	m, db, s := openCentre(t, "en", cleanCustomer, true)
	cid := customerID(t, m, cleanCustomer)
	before, _ := db.Stakeholders(assets.DemoID, cid)
	press(t, m, "home", "enter")
	if !strings.Contains(frameText(m), "Per Ek") {
		t.Fatalf("the form does not show the person:\n%s", frameText(m))
	}
	typeText(t, m, "xyz")
	press(t, m, "esc")
	if m.top() != Screen(s) {
		t.Fatalf("esc left %T on top", m.top())
	}
	after, _ := db.Stakeholders(assets.DemoID, cid)
	if js(before) != js(after) {
		t.Errorf("esc changed the store:\n%s\n%s", js(before), js(after))
	}
	// The economic buyer is first; e edits too, and a changed attitude is
	// stored.
	press(t, m, "home", "e", "enter", "enter", "tab")
	press(t, m, "right", "enter", "enter")
	press(t, m, "enter", "enter", "enter")
	ss, _ := db.Stakeholders(assets.DemoID, cid)
	for _, p := range ss {
		if p.Name == "Per Ek" && p.Attitude != model.Supportive {
			t.Errorf("attitude %q after one step right from neutral", p.Attitude)
		}
	}
}

// TestCentreDeleteAndUndo: d asks first, n keeps the person, y removes
// them, and u puts back exactly what was removed.
func TestCentreDeleteAndUndo(t *testing.T) {
	m, db, s := openCentre(t, "en", cleanCustomer, true)
	cid := customerID(t, m, cleanCustomer)
	before, _ := db.Stakeholders(assets.DemoID, cid)
	press(t, m, "home", "d")
	if m.stack.Dialog() == nil || !strings.Contains(frameText(m), "Remove Per Ek") {
		t.Fatalf("d did not ask:\n%s", frameText(m))
	}
	press(t, m, "n")
	if ss, _ := db.Stakeholders(assets.DemoID, cid); len(ss) != 3 {
		t.Fatal("n removed the person")
	}
	press(t, m, "d", "enter")
	if ss, _ := db.Stakeholders(assets.DemoID, cid); len(ss) != 3 {
		t.Fatal("enter removed the person")
	}
	press(t, m, "d", "y")
	ss, _ := db.Stakeholders(assets.DemoID, cid)
	if len(ss) != 2 || len(s.people) != 2 {
		t.Fatalf("y did not remove: %d stored, %d listed", len(ss), len(s.people))
	}
	if !strings.Contains(m.statusText(), "Removed Per Ek") {
		t.Errorf("status %q", m.statusText())
	}
	press(t, m, "u")
	after, _ := db.Stakeholders(assets.DemoID, cid)
	if js(before) != js(after) {
		t.Errorf("undo did not restore exactly:\n%s\n%s", js(before), js(after))
	}
	if len(s.people) != 3 || !strings.Contains(m.statusText(), "Put Per Ek back") {
		t.Errorf("after undo: %d listed, status %q", len(s.people), m.statusText())
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
