package storetest

import (
	"strings"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// Account planning: a customer's buying centre, worksheet and target, and
// an answer's source and confirmation, with the same rules, times and
// errors on every backend.

func testStakeholders(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))

	_, err := s.Stakeholders(w.ID, "nobody")
	wantErr(t, "Stakeholders of a missing customer", err, store.ErrNotFound)
	wantErr(t, "PutStakeholder for a missing customer", s.PutStakeholder(model.Stakeholder{WorkshopID: w.ID, CustomerID: "nobody", Name: "X"}), store.ErrNotFound)
	wantErr(t, "PutStakeholder without a name", s.PutStakeholder(model.Stakeholder{WorkshopID: w.ID, CustomerID: "c", Name: " "}), store.ErrInvalid)
	wantErr(t, "PutStakeholder with an unknown role", s.PutStakeholder(model.Stakeholder{WorkshopID: w.ID, CustomerID: "c", Name: "X", Role: "boss"}), store.ErrInvalid)
	wantErr(t, "PutStakeholder with a bad date", s.PutStakeholder(model.Stakeholder{WorkshopID: w.ID, CustomerID: "c", Name: "X", LastContact: "1 May"}), store.ErrInvalid)
	wantErr(t, "PutStakeholder with a bad workshop", s.PutStakeholder(model.Stakeholder{WorkshopID: "a/b", CustomerID: "c", Name: "X"}), store.ErrInvalid)
	list, err := s.Stakeholders(w.ID, "c")
	if err != nil || len(list) != 0 {
		t.Fatalf("no stakeholders yet: %v, %v", list, err)
	}

	eva := model.Stakeholder{ID: "eva", WorkshopID: w.ID, CustomerID: "c", Name: "Eva Lind", Title: "CFO",
		Role: model.EconomicBuyer, Attitude: model.Sceptical, Level: model.Executive, Owner: "anna", LastContact: "2026-11-01"}
	must(t, s.PutStakeholder(eva))
	must(t, s.PutStakeholder(model.Stakeholder{WorkshopID: w.ID, CustomerID: "c", Name: "Per Ek"})) // an ID is given
	list, err = s.Stakeholders(w.ID, "c")
	must(t, err)
	if len(list) != 2 || list[0].ID != "eva" || list[1].Name != "Per Ek" || list[1].ID == "" {
		t.Fatalf("stakeholders in the order added: %+v", list)
	}
	created := list[0].Created
	if created.IsZero() || !list[0].Updated.Equal(created) {
		t.Errorf("a new stakeholder's times: %v, %v", created, list[0].Updated)
	}
	eva.Attitude = model.Champion
	must(t, s.PutStakeholder(eva))
	list, err = s.Stakeholders(w.ID, "c")
	must(t, err)
	if got := list[0]; got.Attitude != model.Champion || !got.Created.Equal(created) || !got.Updated.After(created) {
		t.Errorf("an update keeps Created and sets Updated: %+v (created %v)", got, created)
	}
	want := eva
	want.Created, want.Updated = list[0].Created, list[0].Updated
	Same(t, "the stakeholder stored", list[0], want)

	must(t, s.DeleteStakeholder(w.ID, "c", "eva"))
	wantErr(t, "DeleteStakeholder again", s.DeleteStakeholder(w.ID, "c", "eva"), store.ErrNotFound)
	if list, _ = s.Stakeholders(w.ID, "c"); len(list) != 1 || list[0].Name != "Per Ek" {
		t.Errorf("after the delete: %+v", list)
	}
	sound(t, s)
}

func testWorksheetAndTarget(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))

	ws, err := s.Worksheet(w.ID, "c")
	must(t, err)
	if ws.WorkshopID != w.ID || ws.CustomerID != "c" || !ws.Empty() {
		t.Errorf("no worksheet yet: %+v", ws)
	}
	_, err = s.Worksheet(w.ID, "nobody")
	wantErr(t, "Worksheet of a missing customer", err, store.ErrNotFound)
	wantErr(t, "PutWorksheet for a missing customer", s.PutWorksheet(model.Worksheet{WorkshopID: w.ID, CustomerID: "nobody", Target: "x"}), store.ErrNotFound)
	wantErr(t, "PutWorksheet with a long target", s.PutWorksheet(model.Worksheet{WorkshopID: w.ID, CustomerID: "c", Target: strings.Repeat("x", model.MaxWorksheetLineLen+1)}), store.ErrInvalid)
	wantErr(t, "PutWorksheet with too many tradables", s.PutWorksheet(model.Worksheet{WorkshopID: w.ID, CustomerID: "c", Give: make([]string, model.MaxTradables+1)}), store.ErrInvalid)
	wantErr(t, "DeleteWorksheet of none", s.DeleteWorksheet(w.ID, "c"), store.ErrNotFound)

	sheet := model.Worksheet{WorkshopID: w.ID, CustomerID: "c", Target: "3 % up", WalkAway: "flat", Floor: "-2 %",
		Give: []string{"training"}, Get: []string{"three years", "volume"}, Alternatives: "Asia", Notes: "n"}
	must(t, s.PutWorksheet(sheet))
	got, err := s.Worksheet(w.ID, "c")
	must(t, err)
	if got.Updated.IsZero() {
		t.Error("PutWorksheet did not set Updated")
	}
	sheet.Updated = got.Updated
	Same(t, "the worksheet stored", got, sheet)
	sheet.Give, sheet.Target = nil, "5 % up"
	must(t, s.PutWorksheet(sheet))
	if got, _ = s.Worksheet(w.ID, "c"); got.Target != "5 % up" || len(got.Give) != 0 || !got.Updated.After(sheet.Updated) {
		t.Errorf("the worksheet replaced: %+v", got)
	}

	tg, err := s.Target(w.ID, "c")
	must(t, err)
	if tg.WorkshopID != w.ID || tg.CustomerID != "c" || tg.Set() {
		t.Errorf("no target yet: %+v", tg)
	}
	_, err = s.Target(w.ID, "nobody")
	wantErr(t, "Target of a missing customer", err, store.ErrNotFound)
	wantErr(t, "PutTarget with an unknown class", s.PutTarget(model.Target{WorkshopID: w.ID, CustomerID: "c", Kraljic: "gold"}), store.ErrInvalid)
	wantErr(t, "PutTarget with a bad date", s.PutTarget(model.Target{WorkshopID: w.ID, CustomerID: "c", Pref: model.Core, By: "soon"}), store.ErrInvalid)
	wantErr(t, "PutTarget for a missing customer", s.PutTarget(model.Target{WorkshopID: w.ID, CustomerID: "nobody", Pref: model.Core}), store.ErrNotFound)
	target := model.Target{WorkshopID: w.ID, CustomerID: "c", Kraljic: model.Strategic, Pref: model.Core, By: "2027-06-30", Note: "partner"}
	must(t, s.PutTarget(target))
	tg, err = s.Target(w.ID, "c")
	must(t, err)
	target.Updated = tg.Updated
	Same(t, "the target stored", tg, target)

	d, err := s.Load(w.ID)
	must(t, err)
	if len(d.Worksheets) != 1 || len(d.Targets) != 1 {
		t.Errorf("Load: %d worksheets, %d targets", len(d.Worksheets), len(d.Targets))
	}
	must(t, s.DeleteTarget(w.ID, "c"))
	must(t, s.DeleteWorksheet(w.ID, "c"))
	wantErr(t, "DeleteTarget again", s.DeleteTarget(w.ID, "c"), store.ErrNotFound)
	if d, _ = s.Load(w.ID); len(d.Worksheets) != 0 || len(d.Targets) != 0 {
		t.Errorf("after the deletes: %+v, %+v", d.Worksheets, d.Targets)
	}
	sound(t, s)
}

func testValidatedAnswers(t *testing.T, open Opener) {
	clk := &Clock{T: Day(1), Step: time.Minute}
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))
	wantErr(t, "ConfirmAnswer of none", s.ConfirmAnswer(w.ID, "c", "q1", "bo"), store.ErrNotFound)
	wantErr(t, "SetAnswerSource of none", s.SetAnswerSource(w.ID, "c", "q1", model.FromData, "ERP"), store.ErrNotFound)
	wantErr(t, "UnconfirmAnswer of none", s.UnconfirmAnswer(w.ID, "c", "q1"), store.ErrNotFound)
	wantErr(t, "SaveAnswer with an unknown source", s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q1", Score: 3, Source: "rumour"}), store.ErrInvalid)

	a := model.Answer{CustomerID: "c", QuestionID: "q1", Score: 3, Note: "n", Author: "anna", At: Day(0)}
	must(t, s.SaveAnswer(w.ID, a))
	wantErr(t, "ConfirmAnswer by nobody", s.ConfirmAnswer(w.ID, "c", "q1", "  "), store.ErrInvalid)
	wantErr(t, "SetAnswerSource unknown", s.SetAnswerSource(w.ID, "c", "q1", "rumour", ""), store.ErrInvalid)
	wantErr(t, "SetAnswerSource with a long ref", s.SetAnswerSource(w.ID, "c", "q1", model.FromData, strings.Repeat("x", model.MaxSourceRefLen+1)), store.ErrInvalid)

	must(t, s.SetAnswerSource(w.ID, "c", "q1", model.FromCustomer, " Eva\tLind "))
	must(t, s.ConfirmAnswer(w.ID, "c", "q1", "bo"))
	d, err := s.Load(w.ID)
	must(t, err)
	got := d.Answers["c"]["q1"]
	want := a
	want.Source, want.SourceRef, want.ConfirmedBy = model.FromCustomer, model.CleanText(" Eva\tLind "), "bo"
	if !got.Confirmed() || got.ConfirmedAt.Before(Day(1)) {
		t.Errorf("confirmed at %v, want the store's clock", got.ConfirmedAt)
	}
	want.ConfirmedAt = got.ConfirmedAt
	Same(t, "the answer confirmed", got, want)

	must(t, s.UnconfirmAnswer(w.ID, "c", "q1"))
	d, err = s.Load(w.ID)
	must(t, err)
	got = d.Answers["c"]["q1"]
	if got.Confirmed() || got.Source != model.FromCustomer || got.Score != 3 {
		t.Errorf("unconfirmed: %+v", got)
	}
	// SaveAnswer stores the answer whole, its source and confirmation too.
	full := model.Answer{CustomerID: "c", QuestionID: "q2", Score: 4, Author: "anna", At: Day(0),
		Source: model.FromData, SourceRef: "ERP", ConfirmedBy: "bo", ConfirmedAt: Day(0)}
	must(t, s.SaveAnswer(w.ID, full))
	d, err = s.Load(w.ID)
	must(t, err)
	Same(t, "an answer saved with its confirmation", d.Answers["c"]["q2"], full)
	sound(t, s)
}

// testPlanningGoesWithItsCustomer: a customer's delete takes its account
// planning with it, Restore puts it back, and an import refuses planning
// of a customer not in the dataset.
func testPlanningGoesWithItsCustomer(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	d := Dataset(5, 2)
	must(t, s.Import(d, false))
	before, err := s.Load(d.Workshop.ID)
	must(t, err)
	c := d.Customers[0]
	if len(before.StakeholdersOf(c.ID)) != 2 {
		t.Fatalf("the dataset's first customer has %d stakeholders", len(before.StakeholdersOf(c.ID)))
	}
	must(t, s.DeleteCustomer(d.Workshop.ID, c.ID))
	after, err := s.Load(d.Workshop.ID)
	must(t, err)
	if len(after.StakeholdersOf(c.ID)) != 0 {
		t.Errorf("the customer's stakeholders stayed: %+v", after.StakeholdersOf(c.ID))
	}
	if _, ok := after.WorksheetOf(c.ID); ok {
		t.Error("the customer's worksheet stayed")
	}
	if _, ok := after.TargetOf(c.ID); ok {
		t.Error("the customer's target stayed")
	}
	if len(after.Stakeholders) != len(before.Stakeholders)-2 {
		t.Errorf("other customers' stakeholders: %d, want %d", len(after.Stakeholders), len(before.Stakeholders)-2)
	}
	must(t, s.Restore(before.CustomerPart(c.ID)))
	back, err := s.Load(d.Workshop.ID)
	must(t, err)
	Same(t, "after the restore", back, before)

	bad := Dataset(2, 0)
	bad.Stakeholders = []model.Stakeholder{{ID: "s", CustomerID: "nobody", Name: "X"}}
	wantErr(t, "Import of a stakeholder of nobody", s.Import(bad, false), store.ErrInvalid)
	bad = Dataset(2, 0)
	bad.Targets = []model.Target{{CustomerID: bad.Customers[0].ID, Pref: model.Core}, {CustomerID: bad.Customers[0].ID, Pref: model.Nuisance}}
	wantErr(t, "Import of two targets of one customer", s.Import(bad, false), store.ErrInvalid)
	if _, err := s.Load(bad.Workshop.ID); err == nil {
		t.Error("a refused import left its workshop")
	}
	sound(t, s)
}
