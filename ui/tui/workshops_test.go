package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/screen"
	"styrka/ui/tui/workbench"
)

func TestWelcomeOffersNewAndDemo(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := newTestModel(t, lang, false)
			goldenAt(t, m)
			want := map[string]string{"en": "open the demo workshop", "sv": "öppna demoworkshoppen"}[lang]
			if !strings.Contains(frameText(m), want) {
				t.Fatalf("welcome lacks %q:\n%s", want, frameText(m))
			}
		})
	}
}

func TestOpenDemoFromWelcome(t *testing.T) {
	m, db := newTestModel(t, "en", false)
	press(t, m, "o")
	if m.ws.Data() == nil || m.ws.Data().Workshop.ID != assets.DemoID {
		t.Fatal("o did not open the demo")
	}
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("top screen is %T, want the customers", m.top())
	}
	ws, err := db.Workshops()
	if err != nil || len(ws) != 1 {
		t.Fatalf("workshops after opening the demo: %v, %v", ws, err)
	}
	// Back and open again: still one demo.
	press(t, m, "esc", "o")
	if ws, _ := db.Workshops(); len(ws) != 1 {
		t.Fatalf("opening the demo twice made %d workshops", len(ws))
	}
}

func TestCreateRenameDeleteWorkshop(t *testing.T) {
	m, db := newTestModel(t, "sv", false)
	press(t, m, "n")
	if _, ok := m.top().(*workbench.FormScreen); !ok {
		t.Fatalf("n opened %T", m.top())
	}
	typeText(t, m, "Höstens workshop")
	press(t, m, "enter", "enter")
	typeText(t, m, "Vårt Bolag AB")
	// Cut-off, band and base currency keep their defaults.
	press(t, m, "enter", "enter", "enter", "enter")
	ws, err := db.Workshops()
	if err != nil || len(ws) != 1 {
		t.Fatalf("workshops: %v %v", ws, err)
	}
	w := ws[0]
	if w.Name != "Höstens workshop" || w.OurCompany != "Vårt Bolag AB" || w.Thresholds.Risk != 3 || w.Thresholds.BandWidth() != model.DefaultBand || w.Currency != "SEK" {
		t.Fatalf("created %+v", w)
	}
	// A new workshop opens at once, for its customers.
	if c, ok := m.top().(*customersScreen); !ok || c.Title() != "Höstens workshop" {
		t.Fatalf("after saving, top is %T", m.top())
	}
	press(t, m, "esc")
	if !strings.Contains(frameText(m), "Höstens workshop") {
		t.Fatalf("list lacks the new workshop:\n%s", frameText(m))
	}

	// Rename.
	press(t, m, "e")
	for range len([]rune("Höstens workshop")) {
		press(t, m, "backspace")
	}
	typeText(t, m, "Vinterns")
	press(t, m, "enter", "enter", "enter", "enter", "enter", "enter")
	if ws, _ := db.Workshops(); ws[0].Name != "Vinterns" || ws[0].ID != w.ID {
		t.Fatalf("after rename: %+v", ws[0])
	}

	// Delete asks first, names what will be lost, and n keeps it.
	press(t, m, "d")
	if !strings.Contains(frameText(m), "Vinterns") || !strings.Contains(frameText(m), "0 kunder") {
		t.Fatalf("confirmation does not name what is lost:\n%s", frameText(m))
	}
	press(t, m, "n")
	if ws, _ := db.Workshops(); len(ws) != 1 {
		t.Fatal("n deleted the workshop")
	}
	press(t, m, "d", "y")
	if ws, _ := db.Workshops(); len(ws) != 1 {
		t.Fatal("y deleted the workshop in Swedish, where yes is j")
	}
	press(t, m, "j")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatal("j did not delete the workshop")
	}
	// u puts it back, exactly as it was.
	if !strings.Contains(m.statusText(), "Tryck u för att ångra") {
		t.Fatalf("no undo offered: %q", m.statusText())
	}
	press(t, m, "u")
	ws, _ = db.Workshops()
	if len(ws) != 1 || ws[0].ID != w.ID || ws[0].Name != "Vinterns" {
		t.Fatalf("u restored %+v", ws)
	}
	if !strings.Contains(frameText(m), "Vinterns") {
		t.Fatalf("the list lacks the restored workshop:\n%s", frameText(m))
	}
}

// In English, d then j deletes nothing: j is down, and yes is y only.
// d then y deletes the customer, and u restores it with its answers,
// actions and votes.
func TestDeleteCustomerAsksAndUndoRestores(t *testing.T) {
	m, s := openDemo(t, "en")
	db := m.ws.Store()
	before, err := db.Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	victim, _ := s.selected()
	press(t, m, "d", "j")
	if m.stack.Dialog() == nil {
		t.Fatal("j answered the dialog in English")
	}
	if cs, _ := db.Customers(assets.DemoID); len(cs) != len(before.Customers) {
		t.Fatal("d, j deleted a customer")
	}
	press(t, m, "enter")
	if m.stack.Dialog() != nil {
		t.Fatal("enter did not close the dialog")
	}
	if cs, _ := db.Customers(assets.DemoID); len(cs) != len(before.Customers) {
		t.Fatal("enter deleted: the default must be no")
	}
	press(t, m, "d", "y")
	after, _ := db.Load(assets.DemoID)
	if len(after.Customers) != len(before.Customers)-1 || len(after.Answers[victim.Customer.ID]) != 0 {
		t.Fatalf("d, y: %d customers of %d", len(after.Customers), len(before.Customers))
	}
	press(t, m, "u")
	restored, _ := db.Load(assets.DemoID)
	if !reflect.DeepEqual(restored, before) {
		t.Fatalf("u did not restore exactly what was deleted")
	}
	if !strings.Contains(m.statusText(), "Restored the customer") {
		t.Fatalf("status %q", m.statusText())
	}
	// The offer is gone once used.
	press(t, m, "u")
	if got, _ := db.Load(assets.DemoID); len(got.Customers) != len(before.Customers) {
		t.Fatal("a second u changed the workshop")
	}
}

// A key typed just before a dialog opens does not answer it: for the
// grace period every key is ignored.
func TestDialogIgnoresKeysInItsGracePeriod(t *testing.T) {
	m, _ := openDemo(t, "en")
	db := m.ws.Store()
	n := len(m.ws.Data().Customers)
	clock := clocks[m]
	// A longer grace period than the harness's, with a clock that moves
	// only as this test says.
	m.stack = screen.NewStack(screen.Options{Keys: m.c.Keys.Stack(), Texts: m.c.T, Brand: "styrka", MinWidth: MinWidth, MinHeight: MinHeight,
		Now: clock.Now, Grace: 400 * time.Millisecond, Skip: isBlink}, m.c.Styles, m.top())
	resize(t, m, 80, 24)
	drive(t, m, keyMsg("d"))
	clock.Advance(100 * time.Millisecond)
	drive(t, m, keyMsg("y"))
	if m.stack.Dialog() == nil {
		t.Fatal("a y 100 ms after the dialog opened answered it")
	}
	if cs, _ := db.Customers(assets.DemoID); len(cs) != n {
		t.Fatal("the early y deleted")
	}
	if f := frameText(m); !strings.Contains(f, m.c.T("tui.confirm.wait")) {
		t.Fatalf("the dialog does not say it waits before it takes keys:\n%s", f)
	}
	clock.Advance(400 * time.Millisecond)
	drive(t, m, keyMsg("y"))
	if cs, _ := db.Customers(assets.DemoID); len(cs) != n-1 {
		t.Fatal("y after the grace period did not delete")
	}
}

func TestFormEscCancels(t *testing.T) {
	m, db := newTestModel(t, "en", false)
	press(t, m, "n")
	typeText(t, m, "Half typed")
	press(t, m, "esc")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatal("esc saved the form")
	}
	if _, ok := m.top().(*workshopsScreen); !ok {
		t.Fatalf("esc left %T on top", m.top())
	}
}

func TestEmptyNameIsRefused(t *testing.T) {
	m, db := newTestModel(t, "en", false)
	press(t, m, "n", "enter", "enter", "enter", "enter", "enter", "enter", "enter")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatal("a workshop without a name was saved")
	}
	if !strings.Contains(frameText(m), "Write a name") {
		t.Fatalf("no error shown:\n%s", frameText(m))
	}
}

func TestTooSmallSaysHowLarge(t *testing.T) {
	m, _ := newTestModel(t, "en", true)
	resize(t, m, 40, 10)
	requireFits(t, m)
	if !strings.Contains(frameText(m), "at least 60 columns by 16 rows") {
		t.Fatalf("too-small screen:\n%s", frameText(m))
	}
}

func TestQuitFromTop(t *testing.T) {
	m, _ := newTestModel(t, "en", true)
	_, cmd := m.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q on the top screen does nothing")
	}
}

// Undoing a customer's delete puts back its account planning too: the
// buying centre, the worksheet and the target.
func TestUndoCustomerDeleteRestoresItsPlanning(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	cs, err := db.Customers(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	for _, cu := range cs {
		if err := db.PutStakeholder(model.Stakeholder{WorkshopID: assets.DemoID, CustomerID: cu.ID, Name: "Eva Buyer", Role: model.EconomicBuyer}); err != nil {
			t.Fatal(err)
		}
		if err := db.PutWorksheet(model.Worksheet{WorkshopID: assets.DemoID, CustomerID: cu.ID, Target: "3 % up", WalkAway: "flat"}); err != nil {
			t.Fatal(err)
		}
		if err := db.PutTarget(model.Target{WorkshopID: assets.DemoID, CustomerID: cu.ID, Kraljic: model.Strategic}); err != nil {
			t.Fatal(err)
		}
	}
	press(t, m, "enter")
	s, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("enter on the demo opened %T", m.top())
	}
	before, err := db.Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	victim, _ := s.selected()
	press(t, m, "d", "y")
	after, _ := db.Load(assets.DemoID)
	if len(after.StakeholdersOf(victim.Customer.ID)) != 0 {
		t.Fatal("the customer's buying centre outlived it")
	}
	press(t, m, "u")
	restored, _ := db.Load(assets.DemoID)
	if !reflect.DeepEqual(restored, before) {
		t.Fatalf("u did not restore the customer with its planning:\nstakeholders %d of %d, worksheets %d of %d, targets %d of %d",
			len(restored.Stakeholders), len(before.Stakeholders), len(restored.Worksheets), len(before.Worksheets),
			len(restored.Targets), len(before.Targets))
	}
}
