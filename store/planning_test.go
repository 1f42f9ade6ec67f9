package store_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// planned is a workshop with two customers and one answer each.
func planned(t *testing.T) (*store.DB, model.Dataset) {
	t.Helper()
	c := &clock{t: day(0), step: time.Second}
	db := openTest(t, dbPath(t), store.Options{Now: c.Now, NoAutoBackup: true})
	d := dataset(2, 2)
	mustNoErr(t, db.Import(d, false))
	return db, d
}

func TestStakeholders(t *testing.T) {
	db, d := planned(t)
	wid, cid := d.Workshop.ID, d.Customers[0].ID
	anna := model.Stakeholder{ID: store.NewID(), WorkshopID: wid, CustomerID: cid, Name: "Anna Öberg", Title: "Inköpschef",
		Role: model.Gatekeeper, Attitude: model.Neutral, Level: model.Manager, Owner: "Eva", LastContact: "2026-11-01"}
	bo := model.Stakeholder{ID: store.NewID(), WorkshopID: wid, CustomerID: cid, Name: "Bo", Role: model.EconomicBuyer, Level: model.Executive}
	mustNoErr(t, db.PutStakeholder(anna))
	mustNoErr(t, db.PutStakeholder(bo))
	got, err := db.Stakeholders(wid, cid)
	mustNoErr(t, err)
	if len(got) != 2 || got[0].Name != anna.Name || got[1].Name != "Bo" || got[0].Created.IsZero() {
		t.Fatalf("stakeholders %+v", got)
	}
	// An update keeps Created.
	created := got[0].Created
	anna.Attitude = model.Champion
	mustNoErr(t, db.PutStakeholder(anna))
	got, _ = db.Stakeholders(wid, cid)
	if got[0].Attitude != model.Champion || !got[0].Created.Equal(created) || !got[0].Updated.After(created) {
		t.Errorf("updated %+v", got[0])
	}
	if other, err := db.Stakeholders(wid, d.Customers[1].ID); err != nil || len(other) != 0 {
		t.Errorf("the other customer's: %v, %v", other, err)
	}
	for _, bad := range []model.Stakeholder{
		{WorkshopID: wid, CustomerID: cid},
		{WorkshopID: wid, CustomerID: cid, Name: "X", Role: "boss"},
		{WorkshopID: wid, CustomerID: cid, Name: "X", LastContact: "igår"},
	} {
		if err := db.PutStakeholder(bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", bad, err)
		}
	}
	if err := db.PutStakeholder(model.Stakeholder{WorkshopID: wid, CustomerID: "nobody", Name: "X"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing customer: %v", err)
	}
	if _, err := db.Stakeholders(wid, "nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("list of a missing customer: %v", err)
	}

	// Delete, then undo with Restore.
	before, err := db.Load(wid)
	mustNoErr(t, err)
	mustNoErr(t, db.DeleteStakeholder(wid, cid, bo.ID))
	if err := db.DeleteStakeholder(wid, cid, bo.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	var removed model.Stakeholder
	for _, s := range before.Stakeholders {
		if s.ID == bo.ID {
			removed = s
		}
	}
	mustNoErr(t, db.Restore(model.Dataset{Workshop: before.Workshop, Customers: before.Customers[:1], Stakeholders: []model.Stakeholder{removed}}))
	after, err := db.Load(wid)
	mustNoErr(t, err)
	if !reflect.DeepEqual(after.Stakeholders, before.Stakeholders) {
		t.Errorf("after undo\n%+v\nwant\n%+v", after.Stakeholders, before.Stakeholders)
	}
}

func TestWorksheetAndTarget(t *testing.T) {
	db, d := planned(t)
	wid, cid := d.Workshop.ID, d.Customers[1].ID
	w, err := db.Worksheet(wid, cid)
	mustNoErr(t, err)
	if !w.Empty() || w.CustomerID != cid || w.WorkshopID != wid {
		t.Fatalf("no worksheet yet: %+v", w)
	}
	w.Target, w.WalkAway, w.Floor = "3 år, +4 %", "2 år, ±0", "marginal 12 %"
	w.Give, w.Get = []string{"Konsignationslager"}, []string{"Treårsavtal"}
	mustNoErr(t, db.PutWorksheet(w))
	got, err := db.Worksheet(wid, cid)
	mustNoErr(t, err)
	if got.Target != w.Target || !slices.Equal(got.Give, w.Give) || got.Updated.IsZero() {
		t.Errorf("worksheet %+v", got)
	}
	if err := db.PutWorksheet(model.Worksheet{WorkshopID: wid, CustomerID: cid, Give: make([]string, 13)}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("too many tradables: %v", err)
	}
	if err := db.PutWorksheet(model.Worksheet{WorkshopID: wid, CustomerID: "nobody"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing customer: %v", err)
	}

	tg, err := db.Target(wid, cid)
	mustNoErr(t, err)
	if tg.Set() {
		t.Fatalf("no target yet: %+v", tg)
	}
	tg.Kraljic, tg.Pref, tg.By = model.Strategic, model.Core, "2027-06-30"
	mustNoErr(t, db.PutTarget(tg))
	if err := db.PutTarget(model.Target{WorkshopID: wid, CustomerID: cid, Kraljic: "best"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad class: %v", err)
	}
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	if got, ok := ds.TargetOf(cid); !ok || got.Kraljic != model.Strategic || got.By != "2027-06-30" {
		t.Errorf("loaded target %+v %v", got, ok)
	}
	if got, ok := ds.WorksheetOf(cid); !ok || got.Floor != w.Floor {
		t.Errorf("loaded worksheet %+v %v", got, ok)
	}

	mustNoErr(t, db.DeleteTarget(wid, cid))
	if err := db.DeleteTarget(wid, cid); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	mustNoErr(t, db.DeleteWorksheet(wid, cid))
	ds, _ = db.Load(wid)
	if len(ds.Targets) != 0 || len(ds.Worksheets) != 0 {
		t.Errorf("after delete %+v %+v", ds.Targets, ds.Worksheets)
	}
}

// TestDeleteCustomerTakesPlanning: a deleted customer leaves no
// stakeholders, worksheet or target behind (Check would report them),
// and Restore of what Load held puts all of it back.
func TestDeleteCustomerTakesPlanning(t *testing.T) {
	db, d := planned(t)
	wid, cid := d.Workshop.ID, d.Customers[0].ID
	mustNoErr(t, db.PutStakeholder(model.Stakeholder{WorkshopID: wid, CustomerID: cid, Name: "Anna"}))
	mustNoErr(t, db.PutWorksheet(model.Worksheet{WorkshopID: wid, CustomerID: cid, Target: "x"}))
	mustNoErr(t, db.PutTarget(model.Target{WorkshopID: wid, CustomerID: cid, Pref: model.Core}))
	mustNoErr(t, db.PutTarget(model.Target{WorkshopID: wid, CustomerID: d.Customers[1].ID, Pref: model.Development}))
	before, err := db.Load(wid)
	mustNoErr(t, err)
	mustNoErr(t, db.DeleteCustomer(wid, cid))
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	if len(ds.Stakeholders) != 0 || len(ds.Worksheets) != 0 || len(ds.Targets) != 1 {
		t.Errorf("left behind: %+v %+v %+v", ds.Stakeholders, ds.Worksheets, ds.Targets)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("Check: %v", errs)
	}
	mustNoErr(t, db.Restore(before.CustomerPart(cid)))
	after, err := db.Load(wid)
	mustNoErr(t, err)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("restore:\n%+v\nwant\n%+v", after, before)
	}
	// Import refuses planning of a customer not in the dataset, and two
	// targets of one customer.
	bad := before
	bad.Workshop.ID = store.NewID()
	bad.Targets = append(bad.Targets, bad.Targets[0])
	if err := db.Import(reassign(bad), false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("two targets: %v", err)
	}
	mustNoErr(t, db.DeleteWorkshop(wid))
}

// reassign moves a dataset to its workshop's ID.
func reassign(d model.Dataset) model.Dataset {
	wid := d.Workshop.ID
	d.Customers = slices.Clone(d.Customers)
	for i := range d.Customers {
		d.Customers[i].WorkshopID = wid
	}
	d.Actions, d.Rounds, d.Participants, d.SilentRounds, d.Votes = nil, nil, nil, nil, nil
	for i := range d.Stakeholders {
		d.Stakeholders[i].WorkshopID = wid
	}
	d.Worksheets = nil
	for i := range d.Targets {
		d.Targets[i].WorkshopID = wid
	}
	return d
}

func TestConfirmAnswer(t *testing.T) {
	c := &clock{t: day(0), step: time.Second}
	db := openTest(t, dbPath(t), store.Options{Now: c.Now, NoAutoBackup: true})
	d := dataset(1, 2)
	mustNoErr(t, db.Import(d, false))
	wid, cid := d.Workshop.ID, d.Customers[0].ID
	var qid string
	for id := range d.Answers[cid] {
		qid = id
	}
	mustNoErr(t, db.ConfirmAnswer(wid, cid, qid, "Eva Ek"))
	ds, _ := db.Load(wid)
	a := ds.Answers[cid][qid]
	if !a.Confirmed() || a.ConfirmedBy != "Eva Ek" || a.ConfirmedAt.IsZero() || a.Score != d.Answers[cid][qid].Score {
		t.Errorf("confirmed %+v", a)
	}
	mustNoErr(t, db.UnconfirmAnswer(wid, cid, qid))
	ds, _ = db.Load(wid)
	if ds.Answers[cid][qid].Confirmed() {
		t.Error("still confirmed")
	}
	mustNoErr(t, db.SetAnswerSource(wid, cid, qid, model.FromData, "ERP \x1b[2Jexport"))
	ds, _ = db.Load(wid)
	if a := ds.Answers[cid][qid]; a.Source != model.FromData || a.SourceRef != "ERP export" || a.Score != d.Answers[cid][qid].Score {
		t.Errorf("source set: %+v", a)
	}
	if err := db.SetAnswerSource(wid, cid, qid, "rumour", ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad source: %v", err)
	}
	if err := db.ConfirmAnswer(wid, cid, "no.such", "Eva"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing answer: %v", err)
	}
	if err := db.ConfirmAnswer(wid, cid, qid, " \x1b[1m "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("nobody: %v", err)
	}
	// Source fields survive the binary codec, and a bad source is refused.
	src := model.Answer{CustomerID: cid, QuestionID: qid, Score: 3, Source: model.FromCustomer, SourceRef: "Anna på inköp",
		ConfirmedBy: "Bo", ConfirmedAt: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC), At: day(1)}
	mustNoErr(t, db.SaveAnswer(wid, src))
	ds, _ = db.Load(wid)
	if got := ds.Answers[cid][qid]; !reflect.DeepEqual(got, src) {
		t.Errorf("round trip\n%+v\nwant\n%+v", got, src)
	}
	src.Source = "rumour"
	if err := db.SaveAnswer(wid, src); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad source: %v", err)
	}
}
