package assets

import (
	"reflect"
	"testing"

	"styrka/model"
)

// TestLocalizeDemo: a demo made in English reads in Swedish in a Swedish
// session, and back; edited texts and the original dataset stay as they are.
func TestLocalizeDemo(t *testing.T) {
	en, err := DemoDataset("en")
	if err != nil {
		t.Fatal(err)
	}
	sv, err := DemoDataset("sv")
	if err != nil {
		t.Fatal(err)
	}
	before, _ := DemoDataset("en")

	got, changed := LocalizeDemo(en, "sv")
	if !changed {
		t.Fatal("an English demo was not translated to Swedish")
	}
	if !reflect.DeepEqual(got.Customers, sv.Customers) || !reflect.DeepEqual(got.Answers, sv.Answers) {
		t.Error("the translated English demo differs from the Swedish demo")
	}
	if !reflect.DeepEqual(en, before) {
		t.Error("LocalizeDemo changed its input")
	}
	if _, changed := LocalizeDemo(sv, "sv"); changed {
		t.Error("a Swedish demo was changed for a Swedish session")
	}
	back, _ := LocalizeDemo(sv, "en")
	if !reflect.DeepEqual(back.Customers, en.Customers) {
		t.Error("a Swedish demo does not read in English")
	}

	// A user's edit is kept.
	edited, _ := DemoDataset("en")
	edited.Customers[0].Offering = "Our own words"
	c0 := edited.Customers[0].ID
	for q, a := range edited.Answers[c0] {
		a.Note = "Checked with their buyer"
		edited.Answers[c0][q] = a
		break
	}
	got, _ = LocalizeDemo(edited, "sv")
	if got.Customers[0].Offering != "Our own words" {
		t.Errorf("an edited offering was replaced: %q", got.Customers[0].Offering)
	}
	kept := 0
	for _, a := range got.Answers[c0] {
		if a.Note == "Checked with their buyer" {
			kept++
		}
	}
	if kept != 1 {
		t.Errorf("edited notes kept: %d, want 1", kept)
	}
	if got.Customers[1].Offering != sv.Customers[1].Offering {
		t.Error("an unedited customer was not translated")
	}

	// Another workshop is never touched.
	other := en
	other.Workshop.ID = "not-the-demo"
	if _, changed := LocalizeDemo(other, "sv"); changed {
		t.Error("a workshop that is not the demo was translated")
	}
}

// TestDemoTextsAreClean: every text of the demo is as model.CleanText
// and CleanNote leave it, in every language. DemoDataset stores them
// cleaned, and LocalizeDemo recognises the demo's own texts by comparing
// them as written.
func TestDemoTextsAreClean(t *testing.T) {
	d, err := LoadDemo()
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, tx Text, clean func(string) string) {
		t.Helper()
		for _, l := range Languages {
			if s := tx.In(l); clean(s) != s {
				t.Errorf("%s (%s) is not clean: %q", what, l, s)
			}
		}
	}
	for _, c := range d.Customers {
		check(c.Name+": offering", c.Offering, model.CleanText)
		check(c.Name+": notes", c.Notes, model.CleanNote)
		for _, a := range c.Answers {
			check(c.Name+": note to "+a.Question, a.Note, model.CleanNote)
		}
	}
}

// BenchmarkLocalizeDemo is LocalizeDemo of a demo made in English, shown
// in English and in Swedish, as every command that shows the demo does.
func BenchmarkLocalizeDemo(b *testing.B) {
	en, err := DemoDataset("en")
	if err != nil {
		b.Fatal(err)
	}
	for _, lang := range Languages {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				LocalizeDemo(en, lang)
			}
		})
	}
}
