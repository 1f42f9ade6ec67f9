package tui

import (
	"strings"
	"testing"
	"time"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/tui/workbench"
)

// withActions stores a plan for the demo behind the UI's back and reloads
// the workshop: an overdue action of Anna's, a later one of Bo's, a done
// one and a dropped one without an owner. The dates are far from today,
// so what is overdue does not depend on when the test runs.
func withActions(t *testing.T, m *Model, db *store.DB, lang string) {
	t.Helper()
	ds := m.ws.Data()
	id := func(name string) string {
		for _, c := range ds.Customers {
			if c.Name == name {
				return c.ID
			}
		}
		t.Fatalf("no customer %q", name)
		return ""
	}
	text := map[string][4]string{
		"en": {"Joint business plan with their COO", "Stop free expedited freight", "Quarterly business review", "Invite them to the user day"},
		"sv": {"Gemensam affärsplan med deras COO", "Sluta med gratis expressfrakt", "Affärsgenomgång varje kvartal", "Bjud in dem till användardagen"},
	}[lang]
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	as := []model.Action{
		{CustomerID: id(cleanCustomer), Kind: model.Develop, Text: text[0], Owner: "Anna", Due: "2020-01-15", Status: model.StatusOpen, Created: at},
		{CustomerID: id(dontKnowCustomer), Kind: model.Stop, Text: text[1], Owner: "Bo", Due: "2099-06-30", Status: model.StatusOpen, Created: at.Add(time.Minute)},
		{CustomerID: id(cleanCustomer), Kind: model.Start, Text: text[2], Owner: "Anna", Due: "2020-03-01", Status: model.StatusDone, Created: at.Add(2 * time.Minute)},
		{CustomerID: id("Nordö Pumpteknik AB"), Kind: model.Start, Text: text[3], Status: model.StatusDropped, Created: at.Add(3 * time.Minute)},
	}
	if err := db.PutActions(ds.Workshop.ID, as); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.ws.Load(ds.Workshop.ID, nil))
}

// openActions opens the demo with a plan and its action list.
func openActions(t *testing.T, lang string) (*Model, *store.DB, *actionsScreen) {
	t.Helper()
	m, db := newTestModel(t, lang, true)
	press(t, m, "enter")
	withActions(t, m, db, lang)
	press(t, m, "p")
	s, ok := m.top().(*actionsScreen)
	if !ok {
		t.Fatalf("p opened %T", m.top())
	}
	return m, db, s
}

func TestActionListGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _, _ := openActions(t, lang)
			goldenAt(t, m)
		})
	}
}

func TestActionListOrderFiltersAndOverdue(t *testing.T) {
	m, db, s := openActions(t, "en")
	st := m.c.Styles
	var dues []string
	for _, a := range s.shown {
		dues = append(dues, a.Due)
	}
	if got := strings.Join(dues, ","); got != "2020-01-15,2020-03-01,2099-06-30," {
		t.Errorf("order by due date: %s", got)
	}
	// The overdue action stands out: its date and status in the error
	// style, its status saying so.
	first := s.table.Rows[0]
	if first.Cells[5] != "overdue" || first.Styles[0] == nil || first.Styles[0].Render("x") != st.Error.Render("x") {
		t.Errorf("the overdue row is %q with styles %v", first.Cells, first.Styles)
	}
	if s.table.Rows[1].Cells[5] != "done" || s.table.Rows[2].Cells[5] != "open" {
		t.Errorf("the others: %q, %q", s.table.Rows[1].Cells, s.table.Rows[2].Cells)
	}
	if !strings.Contains(frameText(m), "open: 2 (overdue: 1), done: 1, dropped: 1") {
		t.Errorf("no counts:\n%s", frameText(m))
	}

	press(t, m, "o") // Anna
	if len(s.shown) != 2 || !strings.Contains(frameText(m), "Owner: Anna") {
		t.Errorf("owner Anna: %d shown\n%s", len(s.shown), frameText(m))
	}
	press(t, m, "s") // open
	if len(s.shown) != 1 || s.shown[0].Owner != "Anna" || s.shown[0].Status != model.StatusOpen {
		t.Errorf("Anna's open actions: %+v", s.shown)
	}
	press(t, m, "o", "o") // Bo, then no owner
	if len(s.shown) != 0 || !strings.Contains(frameText(m), "No action matches") {
		t.Errorf("open actions without owner: %+v\n%s", s.shown, frameText(m))
	}
	press(t, m, "esc") // clears the filters, stays
	if m.top() != Screen(s) || len(s.shown) != 4 {
		t.Fatalf("esc: top %T, %d shown", m.top(), len(s.shown))
	}
	press(t, m, "/")
	typeText(t, m, "freight")
	press(t, m, "enter")
	if len(s.shown) != 1 || s.shown[0].Owner != "Bo" {
		t.Errorf("text filter: %+v", s.shown)
	}
	press(t, m, "esc")

	// c marks the overdue action done and takes it out of overdue; c again
	// opens it.
	press(t, m, "home", "c")
	as, _ := db.Actions(assets.DemoID)
	if as[0].Status != model.StatusDone {
		t.Fatalf("c did not mark it done: %+v", as[0])
	}
	if !strings.Contains(frameText(m), "(overdue: 0)") {
		t.Errorf("still overdue after done:\n%s", frameText(m))
	}
	if !strings.Contains(m.statusText(), "Marked done") {
		t.Errorf("status %q", m.statusText())
	}

	// d asks first, then deletes.
	press(t, m, "end", "d")
	if ok := m.stack.Dialog() != nil; !ok || !strings.Contains(frameText(m), "Invite them to the user day") {
		t.Fatalf("d opened %T:\n%s", m.top(), frameText(m))
	}
	press(t, m, "n")
	if as, _ := db.Actions(assets.DemoID); len(as) != 4 {
		t.Fatal("n deleted the action")
	}
	press(t, m, "d", "y")
	if as, _ := db.Actions(assets.DemoID); len(as) != 3 {
		t.Fatalf("y did not delete: %d actions", len(as))
	}
	if m.top() != Screen(s) || len(s.all) != 3 {
		t.Errorf("after delete: top %T, %d actions listed", m.top(), len(s.all))
	}
	requireFits(t, m)
}

func TestActionListEditAndNew(t *testing.T) {
	m, db, s := openActions(t, "en")
	// enter edits: change the due date of the first action.
	press(t, m, "home", "enter")
	if _, ok := m.top().(*workbench.FormScreen); !ok {
		t.Fatalf("enter opened %T", m.top())
	}
	press(t, m, "enter", "enter") // kind, text
	press(t, m, "enter", "end")   // owner; the cursor to the end of the date
	for range 10 {
		press(t, m, "backspace")
	}
	typeText(t, m, "2099-01-31")
	press(t, m, "enter", "enter")
	if m.top() != Screen(s) {
		t.Fatalf("after saving, top is %T:\n%s", m.top(), frameText(m))
	}
	as, _ := db.Actions(assets.DemoID)
	if as[0].Due != "2099-01-31" || as[0].Owner != "Anna" || as[0].Text != "Joint business plan with their COO" {
		t.Errorf("edited action %+v", as[0])
	}

	// n writes a new action for a customer chosen in the form.
	press(t, m, "n")
	f, ok := m.top().(*workbench.FormScreen)
	if !ok {
		t.Fatalf("n opened %T", m.top())
	}
	press(t, m, "enter", "enter") // customer, kind
	typeText(t, m, "Call Eva")
	press(t, m, "enter", "enter")
	typeText(t, m, "31/12")
	press(t, m, "enter")
	if m.top() != Screen(f) || !strings.Contains(frameText(m), "YYYY-MM-DD") {
		t.Fatalf("a bad due date was accepted:\n%s", frameText(m))
	}
	for range 5 {
		press(t, m, "backspace")
	}
	press(t, m, "enter", "enter")
	as, _ = db.Actions(assets.DemoID)
	if len(as) != 5 {
		t.Fatalf("%d actions, want 5", len(as))
	}
	n := as[4]
	if n.Text != "Call Eva" || n.Owner != "Anna" || n.Due != "" || n.Status != model.StatusOpen || n.Kind != model.Develop {
		t.Errorf("new action %+v (owner should default to the last one given)", n)
	}
}

func TestAdoptFromBrief(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	b := briefOf(t, m, m.top().(*customersScreen), cleanCustomer)
	press(t, m, "t")
	p, ok := m.top().(*pickerScreen)
	if !ok {
		t.Fatalf("t opened %T", m.top())
	}
	requireFits(t, m)
	// The picker lists the cell's advice, develop / stop / start.
	a, _ := b.assessment()
	cell, _ := a.Cell()
	adv := m.c.Content.Cells[cell.Key()].Advice
	if len(p.items) != len(adv.Develop)+len(adv.Stop)+len(adv.Start) || p.items[0].text != adv.Develop[0] {
		t.Fatalf("picker items %+v", p.items)
	}
	press(t, m, "down", "enter")
	if _, ok := m.top().(*workbench.FormScreen); !ok {
		t.Fatalf("enter opened %T", m.top())
	}
	if !strings.Contains(frameText(m), "New action: "+cleanCustomer) {
		t.Errorf("the form does not name the customer:\n%s", frameText(m))
	}
	press(t, m, "enter", "enter", "enter") // kind, text as adopted, owner as given
	typeText(t, m, "2020-02-01")
	press(t, m, "enter", "enter")
	if m.top() != Screen(b) {
		t.Fatalf("after saving, top is %T", m.top())
	}
	as, err := db.Actions(assets.DemoID)
	if err != nil || len(as) != 1 {
		t.Fatalf("actions %v, %v", as, err)
	}
	want := p.items[1]
	got := as[0]
	if got.Text != want.text || got.Kind != want.kind || got.Owner != "test" || got.Due != "2020-02-01" ||
		got.Source != model.SourceCell(cell) || got.CustomerID != b.id || got.Status != model.StatusOpen {
		t.Errorf("adopted %+v, want %q (%s) from %s", got, want.text, want.kind, cell.Key())
	}

	// The brief shows it under the action plan, overdue.
	text := briefText(b)
	i := strings.Index(text, "Action plan")
	if i < 0 || !strings.Contains(text[i:], "2020-02-01") || !strings.Contains(strings.Join(strings.Fields(text[i:]), " "), "(test, overdue)") {
		t.Errorf("the brief's action plan:\n%s", text)
	}
	// And the workshop's list has it.
	press(t, m, "esc", "p")
	s := m.top().(*actionsScreen)
	if len(s.shown) != 1 || !strings.Contains(frameText(m), "overdue") {
		t.Errorf("the action list:\n%s", frameText(m))
	}
}

func TestAdoptFromSegmentForTwoCustomers(t *testing.T) {
	m, db := newTestModel(t, "sv", true)
	press(t, m, "enter", "m", "2") // interdependence
	seg, ok := m.top().(*segmentScreen)
	if !ok {
		t.Fatalf("2 opened %T", m.top())
	}
	press(t, m, "t")
	p, ok := m.top().(*pickerScreen)
	if !ok {
		t.Fatalf("t opened %T", m.top())
	}
	rt := m.c.Content.Regimes[model.Interdependence]
	if p.items[0].text != rt.Develop[0] || p.source != model.SourceRegime(model.Interdependence) {
		t.Fatalf("picker of the segment: %+v", p.items[0])
	}
	press(t, m, "end", "up", "enter") // the last start item
	if !strings.Contains(frameText(m), "Kunder") {
		t.Fatalf("the form does not ask which customers:\n%s", frameText(m))
	}
	// The customer under the segment's cursor is chosen; choose the next
	// one too.
	press(t, m, "down", "x", "enter", "enter", "enter", "enter", "enter", "enter")
	if m.top() != Screen(seg) {
		t.Fatalf("after saving, top is %T:\n%s", m.top(), frameText(m))
	}
	as, _ := db.Actions(assets.DemoID)
	if len(as) != 2 {
		t.Fatalf("%d actions, want one for each of 2 customers", len(as))
	}
	members := map[string]bool{}
	for _, i := range seg.members {
		members[seg.ranked[i].Customer.ID] = true
	}
	for _, a := range as {
		if !members[a.CustomerID] || a.Text != rt.Start[len(rt.Start)-1] || a.Kind != model.Start {
			t.Errorf("action %+v", a)
		}
	}
	if as[0].CustomerID == as[1].CustomerID {
		t.Error("both actions are for the same customer")
	}
	if !strings.Contains(m.statusText(), "Lade till 2 åtgärder") {
		t.Errorf("status %q", m.statusText())
	}
}

func TestActionFormGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openBrief(t, lang, cleanCustomer)
			press(t, m, "t")
			t.Run("picker", func(t *testing.T) { goldenAt(t, m) })
			press(t, m, "enter")
			t.Run("form", func(t *testing.T) { goldenAt(t, m) })
			press(t, m, "enter", "enter")
			t.Run("form2", func(t *testing.T) { goldenAt(t, m) })
		})
	}
}

func TestActionScreensHelp(t *testing.T) {
	m, _, _ := openActions(t, "sv")
	requireHelp(t, m)
	press(t, m, "esc")
	b := briefOf(t, m, m.top().(*customersScreen), cleanCustomer)
	_ = b
	press(t, m, "t")
	requireHelp(t, m)
}

func TestActionListEmpty(t *testing.T) {
	m, _ := openDemo(t, "en")
	press(t, m, "p")
	if !strings.Contains(frameText(m), "No actions yet") {
		t.Errorf("empty list:\n%s", frameText(m))
	}
	for _, sz := range [][2]int{{60, 16}, {160, 50}} {
		resize(t, m, sz[0], sz[1])
		requireFits(t, m)
	}
}
