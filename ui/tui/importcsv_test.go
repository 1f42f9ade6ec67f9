package tui

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"styrka/assets"
	"styrka/report"
	"testing"

	"styrka/model"
	"styrka/store"
)

// A customer list in Windows-1252, as Swedish Excel writes it: a new
// customer, one already in the demo, the new one again, and an unknown
// column.
const csvGood = "Namn;Oms\xe4ttning (tkr);Telefon\r\n" +
	"Ny Kund AB;1 200;08-1\r\n" +
	"Skogsviks Bruk AB;5;08-2\r\n" +
	"Sm\xe5lands Gjuteri AB;;08-3\r\n" +
	"ny kund ab;;08-4\r\n"

// The same with a row whose revenue is not an amount.
const csvBad = csvGood + "Trasig AB;mycket;08-5\r\n"

// startImport opens the demo with a customer list k.csv in a fresh
// current folder, presses i and types the file's name.
func startImport(t *testing.T, lang, content string) (*Model, *store.DB, *importScreen) {
	t.Helper()
	t.Chdir(t.TempDir())
	if err := os.WriteFile("k.csv", []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	m, db := newTestModel(t, lang, true)
	press(t, m, "enter", "i")
	s, ok := m.top().(*importScreen)
	if !ok {
		t.Fatalf("i on the customers opened %T", m.top())
	}
	typeText(t, m, "k.csv")
	pressSlow(t, m, "enter")
	if s.stage != importPreview {
		t.Fatalf("no preview:\n%s", frameText(m))
	}
	return m, db, s
}

func customerNames(t *testing.T, m *Model, db *store.DB) []string {
	t.Helper()
	cs, err := db.Customers(m.ws.Data().Workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	return names
}

func TestImportPreviewGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _, _ := startImport(t, lang, csvBad)
			inPackage(t)
			goldenAt(t, m)
			resize(t, m, 60, 16)
			requireFits(t, m)
		})
	}
}

func TestImportAddsOnlyTheNew(t *testing.T) {
	m, db, _ := startImport(t, "en", csvGood)
	frame := frameText(m)
	for _, want := range []string{
		"New 2 · already in the workshop 1 · repeated in the file 1 · bad 0",
		"Ignored the columns styrka does not use: Telefon.",
		"Windows-1252", "Smålands Gjuteri AB", "repeats line 2",
	} {
		if !strings.Contains(frame, want) {
			t.Errorf("the preview lacks %q:\n%s", want, frame)
		}
	}
	before := customerNames(t, m, db)
	if len(before) != 16 {
		t.Fatalf("the demo has %d customers", len(before))
	}
	pressSlow(t, m, "enter")
	after := customerNames(t, m, db)
	added := slices.DeleteFunc(slices.Clone(after), func(n string) bool { return slices.Contains(before, n) })
	if strings.Join(added, "|") != "Ny Kund AB|Smålands Gjuteri AB" || len(after) != 18 {
		t.Fatalf("added %q, %d customers in all", added, len(after))
	}
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after the import the top is %T", m.top())
	}
	if len(m.ws.Data().Customers) != 18 || len(m.top().(*customersScreen).all) != 18 {
		t.Fatal("the workshop was not reloaded")
	}
	if want := "Added 2 new customers to “Demo”. 2 rows were left out."; m.statusText() != want {
		t.Fatalf("status %q, want %q", m.statusText(), want)
	}
	for _, c := range m.ws.Data().Customers {
		if c.Name == "Ny Kund AB" && (c.Revenue == nil || *c.Revenue != 1.2e6 || c.Currency != "SEK") {
			t.Fatalf("revenue of Ny Kund AB: %v %q", c.Revenue, c.Currency)
		}
	}
}

func TestImportWithBadRows(t *testing.T) {
	m, db, s := startImport(t, "sv", csvBad)
	if s.plan.Bad != 1 || s.plan.New != 2 {
		t.Fatalf("plan %+v", s.plan)
	}
	frame := frameText(m)
	if !strings.Contains(frame, "rad 6") || !strings.Contains(frame, "omsättningen ”mycket” är inget belopp") {
		t.Fatalf("the bad row is not shown with its line and problem:\n%s", frame)
	}
	press(t, m, "enter")
	press(t, m, "y")
	if n := len(customerNames(t, m, db)); n != 16 {
		t.Fatalf("enter with a bad row imported: %d customers", n)
	}
	if m.top() != Screen(s) || !m.statusIsErr() {
		t.Fatalf("enter with a bad row: top %T, status %q", m.top(), m.statusText())
	}
	pressSlow(t, m, "s")
	names := customerNames(t, m, db)
	if len(names) != 18 || slices.Contains(names, "Trasig AB") {
		t.Fatalf("s imported %v", names)
	}
	if !strings.Contains(m.statusText(), "3 rader utelämnades") {
		t.Fatalf("status %q", m.statusText())
	}
}

func TestImportEscCancels(t *testing.T) {
	m, db, _ := startImport(t, "en", csvGood)
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("esc: the top is %T", m.top())
	}
	if n := len(customerNames(t, m, db)); n != 16 {
		t.Fatalf("esc imported: %d customers", n)
	}
	if m.statusText() != "Nothing was imported." {
		t.Fatalf("status %q", m.statusText())
	}
}

func TestImportProblemsStayOnThePath(t *testing.T) {
	t.Chdir(t.TempDir())
	os.Mkdir("d", 0o755)
	os.WriteFile("e.csv", []byte("Telefon;Ort\n1;2\n"), 0o644)
	os.WriteFile("x.json", []byte("{}"), 0o644)
	backup, err := store.Open("backup.db", store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	backup.Close()
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter", "i")
	s := m.top().(*importScreen)
	for _, tt := range []struct{ path, want string }{
		{"no.csv", "There is no file no.csv; check the name and the folder."},
		{"d", "d is a folder; name a CSV file in it."},
		{"e.csv", "e.csv has no column with the customers' names (its columns: Telefon, Ort); name that column Name or Namn."},
		{"x.json", "x.json is a JSON export; restore it with styrka import on the command line."},
		{"backup.db", "backup.db is a styrka database; copy it in, every workshop in it, with styrka import on the command line."},
	} {
		press(t, m, "ctrl+u")
		typeText(t, m, tt.path)
		pressSlow(t, m, "enter")
		if s.stage != importPath || s.problem != tt.want {
			t.Errorf("%s: stage %d, problem %q, want %q", tt.path, s.stage, s.problem, tt.want)
		}
		if !strings.Contains(strings.Join(strings.Fields(frameText(m)), " "), tt.want) {
			t.Errorf("%s: the sentence is not shown:\n%s", tt.path, frameText(m))
		}
		requireFits(t, m)
	}
	if n := len(customerNames(t, m, db)); n != 16 {
		t.Fatalf("%d customers", n)
	}
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("esc on the path: the top is %T", m.top())
	}
}

func TestImportIntoEmptyWorkshop(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("k.csv", []byte("Name,Revenue\nAcme,100\n"), 0o644)
	m, db := newTestModel(t, "en", false)
	if err := db.PutWorkshop(model.Workshop{Name: "Tom", Date: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.broadcast(false))
	press(t, m, "enter")
	c, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("could not open the empty workshop: %T\n%s", m.top(), frameText(m))
	}
	if !footerShows(frameText(m), m.c.Keys.Import) {
		t.Errorf("an empty workshop does not offer i:\n%s", frameText(m))
	}
	press(t, m, "i")
	typeText(t, m, "k.csv")
	pressSlow(t, m, "enter")
	pressSlow(t, m, "enter")
	if len(c.all) != 1 || c.all[0].Customer.Name != "Acme" {
		t.Fatalf("imported %d:\n%s", len(c.all), frameText(m))
	}
	requireHelp(t, m)
}

func TestImportAndExportFitEverySize(t *testing.T) {
	m, _, _ := startImport(t, "sv", csvBad)
	for _, size := range [][2]int{{60, 16}, {80, 24}, {160, 50}} {
		resize(t, m, size[0], size[1])
		requireFits(t, m)
	}
	press(t, m, "esc", "x")
	for _, size := range [][2]int{{60, 16}, {80, 24}, {160, 50}} {
		resize(t, m, size[0], size[1])
		requireFits(t, m)
		if !strings.Contains(frameText(m), "handout") {
			t.Errorf("at %v the last format is cut off:\n%s", size, frameText(m))
		}
	}
	pressSlow(t, m, "enter")
	for _, size := range [][2]int{{60, 16}, {80, 24}, {160, 50}} {
		resize(t, m, size[0], size[1])
		requireFits(t, m)
		if !strings.Contains(frameText(m), "demo-2026-11-02.md") {
			t.Errorf("at %v the path is cut off:\n%s", size, frameText(m))
		}
	}
}

// u in the preview also updates the customers already in the workshop
// from the file, and says so; u again leaves them.
func TestImportUpdatesExistingWithU(t *testing.T) {
	m, db, _ := startImport(t, "en", csvGood)
	s := m.top().(*importScreen)
	if s.plan.Updated != 0 || s.plan.Existing == 0 {
		t.Fatalf("plan before u: %+v", s.plan)
	}
	press(t, m, "u")
	if s.plan.Updated == 0 || !strings.Contains(frameText(m), "updated from the file") {
		t.Fatalf("u did not plan the update:\n%s", frameText(m))
	}
	var up report.PlannedRow
	for _, r := range s.plan.Rows {
		if r.Status == report.StatusUpdate {
			up = r
		}
	}
	pressSlow(t, m, "enter")
	cs, err := db.Customers(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == up.Customer.ID {
			if !reflect.DeepEqual(c.Revenue, up.Customer.Revenue) || c.Offering != up.Customer.Offering || c.Notes != up.Customer.Notes {
				t.Fatalf("stored %+v, planned %+v", c, up.Customer)
			}
			return
		}
	}
	t.Fatal("the updated customer is gone")
}
