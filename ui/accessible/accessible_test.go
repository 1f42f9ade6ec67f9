package accessible

import (
	"context"
	"path/filepath"
	"strings"
	"styrka/ui/answer"
	"testing"
	"testing/iotest"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// runLines runs the line prompts on a fresh database (with the demo when
// demo is true), feeding input one byte at a time, and returns the output
// and the database.
func runLines(t *testing.T, lang string, demo bool, input string) (string, *store.DB) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "styrka.db"), store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if demo {
		ds, err := assets.DemoDataset(lang)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Import(ds, false); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	o := Options{Store: db, Content: assets.MustBuiltin(lang), Lang: lang, Author: "reader"}
	if err := Run(context.Background(), o, iotest.OneByteReader(strings.NewReader(input)), &out); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	return out.String(), db
}

// onlyWorkshop loads the one workshop in the database.
func onlyWorkshop(t *testing.T, db *store.DB) model.Dataset {
	t.Helper()
	ws, err := db.Workshops()
	if err != nil || len(ws) != 1 {
		t.Fatalf("workshops: %v, %v", ws, err)
	}
	d, err := db.Load(ws[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAccessibleNewWorkshopQuickPassUntilInputEnds(t *testing.T) {
	input := strings.Join([]string{
		"1",            // new workshop (the first option when there are none)
		"Höstmöte",     // its name
		"",             // enter: the only option, a new customer
		"Acme AB",      // its name
		"4",            // quick pass
		"3", "the CFO", // first question, with a note
		"9", "0", "", // an invalid answer, then don't know, no note
		"5", // the third question's score; the input ends at its note
	}, "\n")
	out, db := runLines(t, "en", false, input)
	d := onlyWorkshop(t, db)
	if d.Workshop.Name != "Höstmöte" || len(d.Customers) != 1 || d.Customers[0].Name != "Acme AB" {
		t.Fatalf("workshop %+v, customers %+v", d.Workshop, d.Customers)
	}
	quick := answer.Questions(assets.MustBuiltin("en"), answer.Quick)
	got := d.Answers[d.Customers[0].ID]
	want := []struct {
		score model.Score
		note  string
	}{{3, "the CFO"}, {model.DontKnow, ""}, {5, ""}}
	for i, w := range want {
		a, ok := got[quick[i].ID]
		if !ok || a.Score != w.score || a.Note != w.note || a.Author != "reader" {
			t.Fatalf("answer %d: %+v (%v), want %d %q\n%s", i, a, ok, w.score, w.note, out)
		}
	}
	if len(got) != 3 {
		t.Fatalf("%d answers saved", len(got))
	}
	for _, s := range []string{
		"There are no workshops yet", "Set A, question 1 of 2, Profit impact.", quick[0].Text,
		"1: " + quick[0].Anchors[0], "0: Don't know", "Saved: 3.", "Saved the evidence.",
		"Type a number from 1 to 5, or 0 for don't know.", "Saved: Don't know.",
		"The input ended; every answer given so far is saved.",
	} {
		if !strings.Contains(out, s) {
			t.Fatalf("output lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Fatalf("the output has escape sequences:\n%q", out)
	}
}

func TestAccessibleDemoCustomerPlacementSwedish(t *testing.T) {
	// The demo's customers are fully answered: a quick pass reviews the
	// four questions, where enter keeps an answer.
	input := strings.Join([]string{
		"", // the demo workshop
		"", // the first customer
		"4",
		"", "", // keep the first answer and its note
		"1", "ny notering", // change the second
		"", "",
		"", "",
		"2", // quit
		"",
	}, "\n")
	out, db := runLines(t, "sv", true, input)
	d := onlyWorkshop(t, db)
	cu := d.Customers[0]
	demo, _ := assets.DemoDataset("sv")
	quick := answer.Questions(assets.MustBuiltin("sv"), answer.Quick)
	for i, q := range quick {
		a, before := d.Answers[cu.ID][q.ID], demo.Answers[cu.ID][q.ID]
		if i == 1 {
			if a.Score != 1 || a.Note != "ny notering" {
				t.Fatalf("the changed answer is %+v", a)
			}
			continue
		}
		if a.Score != before.Score || a.Note != before.Note || !a.At.Equal(before.At) {
			t.Fatalf("answer %d changed: %+v, was %+v", i, a, before)
		}
	}
	for _, s := range []string{
		"Välj en workshop:", "Välj en kund i Demo:", "Alla frågor här är redan besvarade",
		"Frågedel A, fråga 1 av 2, Resultatpåverkan.", "enter behåller", "Sparat: 1.",
		cu.Name + ": frågedel A 10 av 10 och frågedel B 10 av 10 besvarade.", "Styrkeförhållande:", "Prioritet: P",
		"Klart; alla svar är sparade.",
		// The account planning after the placement, in the brief's words.
		"Köpcentret:", "! Ingen i köpcentret är registrerad", "Förhandlingsplan:", "- Vårt mål: att fylla i",
		"Målposition:", "Inget mål är satt",
	} {
		if !strings.Contains(out, s) {
			t.Fatalf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestAccessibleEmptyInput(t *testing.T) {
	out, db := runLines(t, "en", false, "")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatalf("empty input made workshops: %v", ws)
	}
	if !strings.Contains(out, "The input ended") {
		t.Fatalf("output:\n%s", out)
	}
}

func TestLineReaderEndsLastLine(t *testing.T) {
	out, db := runLines(t, "en", false, "2") // the demo, without a newline
	if !strings.Contains(out, "Opened the demo workshop") {
		t.Fatalf("output:\n%s", out)
	}
	if d := onlyWorkshop(t, db); len(d.Customers) != 16 {
		t.Fatalf("demo has %d customers", len(d.Customers))
	}
}
