package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// action is an open develop action of a customer with an ID.
func action(wid, cid, text string) model.Action {
	return model.Action{ID: store.NewID(), WorkshopID: wid, CustomerID: cid, Kind: model.Develop,
		Text: text, Owner: "Anna", Due: "2026-12-15", Status: model.StatusOpen, Source: "cell:strategic-core"}
}

func TestActionRoundTrip(t *testing.T) {
	clk := &clock{t: day(0), step: time.Minute}
	db := openTest(t, dbPath(t), store.Options{Now: clk.Now, NoAutoBackup: true})
	d := dataset(2, 3)
	mustNoErr(t, db.Import(d, false))
	wid, cid := d.Workshop.ID, d.Customers[0].ID

	a := action(wid, cid, "Joint business plan with their COO")
	mustNoErr(t, db.PutAction(a))
	// An empty ID gets one, an empty workshop is filled in.
	b := action("", d.Customers[1].ID, "Stop free expedited freight")
	b.ID, b.Kind, b.Due = "", model.Stop, ""
	mustNoErr(t, db.PutActions(wid, []model.Action{b}))

	got, err := db.Actions(wid)
	mustNoErr(t, err)
	if len(got) != 2 {
		t.Fatalf("%d actions, want 2", len(got))
	}
	first := got[0]
	if first.Created.IsZero() || !first.Created.Equal(first.Updated) {
		t.Errorf("Created %v, Updated %v: want both set and equal", first.Created, first.Updated)
	}
	want := a
	want.Created, want.Updated = first.Created, first.Updated
	if !reflect.DeepEqual(first, want) {
		t.Errorf("stored %+v\nwant   %+v", first, want)
	}
	if got[1].ID == "" || got[1].WorkshopID != wid || got[1].Text != b.Text {
		t.Errorf("second action %+v", got[1])
	}

	// Update: Created kept, Updated moves.
	first.Status, first.Created = model.StatusDone, time.Time{}
	mustNoErr(t, db.PutAction(first))
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	if len(ds.Actions) != 2 || ds.Actions[0].Status != model.StatusDone || !ds.Actions[0].Created.Equal(got[0].Created) || !ds.Actions[0].Updated.After(got[0].Updated) {
		t.Errorf("after update: %+v", ds.Actions)
	}

	mustNoErr(t, db.DeleteAction(wid, first.ID))
	if err := db.DeleteAction(wid, first.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
	if got, _ := db.Actions(wid); len(got) != 1 {
		t.Errorf("%d actions after a delete, want 1", len(got))
	}
	if _, err := db.Actions(store.NewID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Actions(unknown workshop) = %v, want ErrNotFound", err)
	}
}

func TestPutActionRefuses(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{NoAutoBackup: true})
	d := dataset(1, 0)
	mustNoErr(t, db.Import(d, false))
	wid, cid := d.Workshop.ID, d.Customers[0].ID
	tests := []struct {
		name string
		edit func(a *model.Action)
		want error
	}{
		{"unknown customer", func(a *model.Action) { a.CustomerID = store.NewID() }, store.ErrNotFound},
		{"no text", func(a *model.Action) { a.Text = " " }, store.ErrInvalid},
		{"bad kind", func(a *model.Action) { a.Kind = "grow" }, store.ErrInvalid},
		{"bad status", func(a *model.Action) { a.Status = "later" }, store.ErrInvalid},
		{"bad due date", func(a *model.Action) { a.Due = "next week" }, store.ErrInvalid},
		{"other workshop", func(a *model.Action) { a.WorkshopID = store.NewID() }, store.ErrInvalid},
		{"ID with a slash", func(a *model.Action) { a.ID = "a/b" }, store.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := action(wid, cid, "A good one")
			bad := action(wid, cid, "A bad one")
			tt.edit(&bad)
			// All or nothing: the good action is not stored either.
			if err := db.PutActions(wid, []model.Action{good, bad}); !errors.Is(err, tt.want) {
				t.Errorf("PutActions = %v, want %v", err, tt.want)
			}
			if got, _ := db.Actions(wid); len(got) != 0 {
				t.Errorf("%d actions stored", len(got))
			}
		})
	}
}

func TestDeletesCascadeToActionsAndRounds(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{NoAutoBackup: true})
	d, other := dataset(2, 2), dataset(1, 1)
	mustNoErr(t, db.Import(d, false))
	mustNoErr(t, db.Import(other, false))
	wid, keep, gone := d.Workshop.ID, d.Customers[0].ID, d.Customers[1].ID
	mustNoErr(t, db.PutActions(wid, []model.Action{action(wid, keep, "Keep"), action(wid, gone, "Goes"), action(wid, gone, "Goes too")}))
	mustNoErr(t, db.PutAction(action(other.Workshop.ID, other.Customers[0].ID, "Other workshop")))
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	r, err := db.AddRound(model.Snapshot(ds, nil, day(1)))
	mustNoErr(t, err)
	_, err = db.AddRound(model.Snapshot(model.Dataset{Workshop: other.Workshop}, nil, day(1)))
	mustNoErr(t, err)

	// A customer takes its actions along; the round keeps what it saw.
	mustNoErr(t, db.DeleteCustomer(wid, gone))
	as, err := db.Actions(wid)
	mustNoErr(t, err)
	if len(as) != 1 || as[0].CustomerID != keep {
		t.Errorf("actions after deleting a customer: %+v", as)
	}
	rs, err := db.Rounds(wid)
	mustNoErr(t, err)
	if len(rs) != 1 || len(rs[0].Customers) != 2 || rs[0].ID != r.ID {
		t.Errorf("rounds after deleting a customer: %+v", rs)
	}

	// A workshop takes its actions and rounds along, and only its own.
	mustNoErr(t, db.DeleteWorkshop(wid))
	od, err := db.Load(other.Workshop.ID)
	mustNoErr(t, err)
	if len(od.Actions) != 1 || len(od.Rounds) != 1 {
		t.Errorf("the other workshop has %d actions and %d rounds, want 1 and 1", len(od.Actions), len(od.Rounds))
	}
	// Importing the workshop again finds nothing of the old plans.
	mustNoErr(t, db.Import(d, false))
	ds, err = db.Load(wid)
	mustNoErr(t, err)
	if len(ds.Actions) != 0 || len(ds.Rounds) != 0 {
		t.Errorf("a re-imported workshop has %d actions and %d rounds", len(ds.Actions), len(ds.Rounds))
	}
}

func TestImportActionsAndRounds(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{NoAutoBackup: true})
	d := dataset(2, 2)
	wid := d.Workshop.ID
	a := action(wid, d.Customers[0].ID, "Executive sponsor")
	a.Created, a.Updated = day(1), day(2)
	d.Actions = []model.Action{a}
	round := model.Snapshot(d, nil, day(3))
	round.ID = store.NewID()
	d.Rounds = []model.Round{round}
	mustNoErr(t, db.Import(d, false))
	got, err := db.Load(wid)
	mustNoErr(t, err)
	if !reflect.DeepEqual(got.Actions, d.Actions) {
		t.Errorf("actions\n%+v\nwant\n%+v", got.Actions, d.Actions)
	}
	if len(got.Rounds) != 1 || got.Rounds[0].ID != round.ID || got.Rounds[0].Number != 1 || !got.Rounds[0].ClosedAt.Equal(day(3)) || len(got.Rounds[0].Customers) != 2 {
		t.Errorf("rounds %+v", got.Rounds)
	}

	// Replacing the workshop replaces its plans too.
	d.Actions, d.Rounds = nil, nil
	mustNoErr(t, db.Import(d, true))
	got, err = db.Load(wid)
	mustNoErr(t, err)
	if len(got.Actions) != 0 || len(got.Rounds) != 0 {
		t.Errorf("after replace: %d actions, %d rounds", len(got.Actions), len(got.Rounds))
	}

	// An action of a customer outside the dataset is refused, and nothing
	// is written.
	bad := dataset(1, 0)
	bad.Actions = []model.Action{action(bad.Workshop.ID, store.NewID(), "Nobody's")}
	if err := db.Import(bad, false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Import with an orphan action = %v, want ErrInvalid", err)
	}
	if _, err := db.Workshop(bad.Workshop.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the refused workshop was stored: %v", err)
	}
	twice := dataset(1, 0)
	r := model.Round{Number: 1, ClosedAt: day(1)}
	twice.Rounds = []model.Round{r, r}
	if err := db.Import(twice, false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Import with two rounds numbered 1 = %v, want ErrInvalid", err)
	}
}

func TestAddRound(t *testing.T) {
	clk := &clock{t: day(0), step: time.Minute}
	db := openTest(t, dbPath(t), store.Options{Now: clk.Now, NoAutoBackup: true})
	d := dataset(3, 2)
	mustNoErr(t, db.Import(d, false))
	wid := d.Workshop.ID

	r1, err := db.AddRound(model.Round{WorkshopID: wid, Name: "Autumn"})
	mustNoErr(t, err)
	if r1.Number != 1 || r1.ID == "" || r1.ClosedAt.IsZero() || r1.Customers == nil {
		t.Errorf("first round %+v", r1)
	}
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	snap := model.Snapshot(ds, nil, day(2))
	if snap.Number != 2 {
		t.Errorf("the snapshot after one round is number %d", snap.Number)
	}
	r2, err := db.AddRound(snap)
	mustNoErr(t, err)
	if r2.Number != 2 || len(r2.Customers) != 3 || !r2.ClosedAt.Equal(day(2)) {
		t.Errorf("second round %+v", r2)
	}
	// A number that is taken is refused: two facilitators closing a round
	// at once get two numbers or an error, never two rounds numbered alike.
	if _, err := db.AddRound(model.Round{WorkshopID: wid, Number: 2}); !errors.Is(err, store.ErrExists) {
		t.Errorf("AddRound with a taken number = %v, want ErrExists", err)
	}
	if _, err := db.AddRound(model.Round{WorkshopID: store.NewID()}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AddRound to an unknown workshop = %v, want ErrNotFound", err)
	}
	rs, err := db.Rounds(wid)
	mustNoErr(t, err)
	if len(rs) != 2 || rs[0].Name != "Autumn" || rs[1].ID != r2.ID {
		t.Errorf("rounds %+v", rs)
	}
	mustNoErr(t, db.DeleteRound(wid, r1.ID))
	if err := db.DeleteRound(wid, r1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting a round twice = %v", err)
	}
	// The next round still gets a new number.
	r3, err := db.AddRound(model.Round{WorkshopID: wid})
	mustNoErr(t, err)
	if r3.Number != 3 {
		t.Errorf("after deleting round 1, the next is number %d, want 3", r3.Number)
	}
}
