package store_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"styrka/model"
	"styrka/store"
)

func TestNewIDIsUUIDv7(t *testing.T) {
	a, b := store.NewID(), store.NewID()
	if a == b {
		t.Fatal("two equal IDs")
	}
	u, err := uuid.Parse(a)
	if err != nil || u.Version() != 7 {
		t.Fatalf("NewID() = %q: version %d, %v", a, u.Version(), err)
	}
}

func TestWorkshopRoundTrip(t *testing.T) {
	clk := &clock{t: day(0), step: time.Minute}
	db := openTest(t, dbPath(t), store.Options{Now: clk.Now})

	w := model.Workshop{Name: "Key accounts", Date: "2026-11-27", OurCompany: "Styrka AB",
		HorizonMonths: 36, Thresholds: model.Thresholds{Impact: 3, Risk: 3.5, Value: 2.5, Attractiveness: 3}}
	mustNoErr(t, db.PutWorkshop(w)) // no ID: gets one
	list, err := db.Workshops()
	mustNoErr(t, err)
	if len(list) != 1 {
		t.Fatalf("Workshops() = %d workshops, want 1", len(list))
	}
	got := list[0]
	if _, err := uuid.Parse(got.ID); err != nil {
		t.Errorf("ID %q: %v", got.ID, err)
	}
	if got.Created.IsZero() || !got.Created.Equal(got.Updated) {
		t.Errorf("Created %v, Updated %v: want both set and equal", got.Created, got.Updated)
	}
	want := w
	want.ID, want.Created, want.Updated = got.ID, got.Created, got.Updated
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored %+v\nwant   %+v", got, want)
	}

	// Update: Created kept, Updated moves.
	got.Name = "Key accounts 2027"
	got.Created = time.Time{}
	mustNoErr(t, db.PutWorkshop(got))
	again, err := db.Workshop(got.ID)
	mustNoErr(t, err)
	if again.Name != "Key accounts 2027" || !again.Created.Equal(list[0].Created) || !again.Updated.After(list[0].Updated) {
		t.Errorf("after update: %+v", again)
	}

	if _, err := db.Workshop(store.NewID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Workshop(unknown) error = %v, want ErrNotFound", err)
	}
	if err := db.PutWorkshop(model.Workshop{ID: "a/b"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutWorkshop(ID with /) error = %v, want ErrInvalid", err)
	}
	if err := db.DeleteWorkshop(store.NewID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteWorkshop(unknown) error = %v, want ErrNotFound", err)
	}
}

func TestWorkshopsOrder(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{})
	for _, w := range []model.Workshop{
		{Name: "beta", Date: "2026-05-01"},
		{Name: "Alpha", Date: "2026-05-01"},
		{Name: "old", Date: "2025-01-01"},
		{Name: "new", Date: "2027-01-01"},
	} {
		mustNoErr(t, db.PutWorkshop(w))
	}
	list, err := db.Workshops()
	mustNoErr(t, err)
	var names []string
	for _, w := range list {
		names = append(names, w.Name)
	}
	if want := []string{"new", "Alpha", "beta", "old"}; !slices.Equal(names, want) {
		t.Errorf("order %v, want %v", names, want)
	}
}

func TestCustomersAndAnswers(t *testing.T) {
	clk := &clock{t: day(0), step: time.Second}
	db := openTest(t, dbPath(t), store.Options{Now: clk.Now})
	w := model.Workshop{ID: store.NewID(), Name: "W", Date: "2026-11-27"}
	mustNoErr(t, db.PutWorkshop(w))

	// Creation order, not name or ID order.
	var ids []string
	for _, name := range []string{"Zeta", "Alpha", "Mid"} {
		c := model.Customer{ID: store.NewID(), WorkshopID: w.ID, Name: name, Revenue: ptr(12.5), Tags: []string{"x"}}
		mustNoErr(t, db.PutCustomer(c))
		ids = append(ids, c.ID)
	}
	// Same Created: ID decides.
	same := day(-1)
	c1 := model.Customer{ID: "b-customer", WorkshopID: w.ID, Name: "B", Created: same}
	c2 := model.Customer{ID: "a-customer", WorkshopID: w.ID, Name: "A", Created: same}
	mustNoErr(t, db.PutCustomer(c1))
	mustNoErr(t, db.PutCustomer(c2))
	cs, err := db.Customers(w.ID)
	mustNoErr(t, err)
	var got []string
	for _, c := range cs {
		got = append(got, c.ID)
	}
	if want := append([]string{"a-customer", "b-customer"}, ids...); !slices.Equal(got, want) {
		t.Errorf("Customers order %v, want %v", got, want)
	}
	if cs[2].Revenue == nil || *cs[2].Revenue != 12.5 || cs[2].WorkshopID != w.ID {
		t.Errorf("customer round trip: %+v", cs[2])
	}

	if err := db.PutCustomer(model.Customer{WorkshopID: store.NewID(), Name: "orphan"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PutCustomer(unknown workshop) = %v, want ErrNotFound", err)
	}
	if err := db.PutCustomer(model.Customer{Name: "no workshop"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutCustomer(no workshop ID) = %v, want ErrInvalid", err)
	}
	if _, err := db.Customers(store.NewID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Customers(unknown) = %v, want ErrNotFound", err)
	}

	// Answers.
	cid := ids[0]
	a := model.Answer{CustomerID: cid, QuestionID: "impact-1", Score: 4, Note: "annual report", Author: "anna"}
	mustNoErr(t, db.SaveAnswer(w.ID, a))
	mustNoErr(t, db.SaveAnswer(w.ID, model.Answer{CustomerID: cid, QuestionID: "risk-1", Score: model.DontKnow}))
	mustNoErr(t, db.SaveAnswer(w.ID, model.Answer{CustomerID: ids[1], QuestionID: "risk-1", Score: 2}))
	a.Score = 5 // overwrite
	mustNoErr(t, db.SaveAnswer(w.ID, a))

	for _, bad := range []model.Score{-1, 6, 42} {
		err := db.SaveAnswer(w.ID, model.Answer{CustomerID: cid, QuestionID: "impact-2", Score: bad})
		if !errors.Is(err, store.ErrInvalid) {
			t.Errorf("SaveAnswer(score %d) = %v, want ErrInvalid", bad, err)
		}
	}
	if err := db.SaveAnswer(w.ID, model.Answer{CustomerID: store.NewID(), QuestionID: "q", Score: 1}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveAnswer(unknown customer) = %v, want ErrNotFound", err)
	}
	if err := db.SaveAnswer(w.ID, model.Answer{CustomerID: cid, QuestionID: "", Score: 1}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("SaveAnswer(no question) = %v, want ErrInvalid", err)
	}
	if err := db.SaveAnswer(store.NewID(), model.Answer{CustomerID: cid, QuestionID: "q", Score: 1}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveAnswer(customer under another workshop) = %v, want ErrNotFound", err)
	}

	d, err := db.Load(w.ID)
	mustNoErr(t, err)
	if d.Workshop.ID != w.ID || len(d.Customers) != 5 || len(d.Answers) != 5 {
		t.Fatalf("Load: workshop %q, %d customers, %d answer maps", d.Workshop.ID, len(d.Customers), len(d.Answers))
	}
	got0 := d.Answers[cid]["impact-1"]
	if got0.Score != 5 || got0.Note != "annual report" || got0.At.IsZero() || len(d.Answers[cid]) != 2 {
		t.Errorf("answers of %s: %+v", cid, d.Answers[cid])
	}
	if d.Answers[ids[2]] == nil || len(d.Answers[ids[2]]) != 0 {
		t.Errorf("customer without answers: %v, want an empty map", d.Answers[ids[2]])
	}

	// Undo.
	mustNoErr(t, db.DeleteAnswer(w.ID, cid, "risk-1"))
	if err := db.DeleteAnswer(w.ID, cid, "risk-1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteAnswer twice = %v, want ErrNotFound", err)
	}

	// Cascade: deleting a customer deletes its answers only.
	mustNoErr(t, db.DeleteCustomer(w.ID, cid))
	if err := db.DeleteCustomer(w.ID, cid); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteCustomer twice = %v, want ErrNotFound", err)
	}
	d, err = db.Load(w.ID)
	mustNoErr(t, err)
	if len(d.Customers) != 4 || d.Answers[cid] != nil || len(d.Answers[ids[1]]) != 1 {
		t.Errorf("after DeleteCustomer: %d customers, answers %v", len(d.Customers), d.Answers)
	}
	// A customer re-created with the same ID has no answers left over.
	mustNoErr(t, db.PutCustomer(model.Customer{ID: cid, WorkshopID: w.ID, Name: "back"}))
	d, err = db.Load(w.ID)
	mustNoErr(t, err)
	if len(d.Answers[cid]) != 0 {
		t.Errorf("re-created customer has answers %v", d.Answers[cid])
	}
}

func TestDeleteWorkshopCascades(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{})
	keep, drop := dataset(3, 4), dataset(5, 6)
	mustNoErr(t, db.Import(keep, false))
	mustNoErr(t, db.Import(drop, false))

	mustNoErr(t, db.DeleteWorkshop(drop.Workshop.ID))
	if _, err := db.Load(drop.Workshop.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Load(deleted) = %v, want ErrNotFound", err)
	}
	if _, err := db.Customers(drop.Workshop.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Customers(deleted) = %v, want ErrNotFound", err)
	}
	d, err := db.Load(keep.Workshop.ID)
	mustNoErr(t, err)
	assertDataset(t, d, keep)

	// Nothing of the deleted workshop is left: re-importing it gives
	// exactly its data.
	mustNoErr(t, db.Import(drop, false))
	d, err = db.Load(drop.Workshop.ID)
	mustNoErr(t, err)
	assertDataset(t, d, drop)
}

// assertDataset compares a loaded dataset with the one imported.
func assertDataset(t testing.TB, got, want model.Dataset) {
	t.Helper()
	if !reflect.DeepEqual(got.Workshop, want.Workshop) {
		t.Errorf("workshop %+v\nwant     %+v", got.Workshop, want.Workshop)
	}
	if !reflect.DeepEqual(got.Customers, want.Customers) {
		t.Errorf("customers differ: got %d, want %d", len(got.Customers), len(want.Customers))
	}
	if !reflect.DeepEqual(got.Answers, want.Answers) {
		t.Errorf("answers differ: got %d maps, want %d", len(got.Answers), len(want.Answers))
	}
}

func TestImport(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{})
	d := dataset(20, 18)
	mustNoErr(t, db.Import(d, false))
	got, err := db.Load(d.Workshop.ID)
	mustNoErr(t, err)
	assertDataset(t, got, d) // IDs and timestamps survive

	if err := db.Import(d, false); !errors.Is(err, store.ErrExists) {
		t.Fatalf("Import twice = %v, want ErrExists", err)
	}

	// Replace: the old customers and answers go.
	r := dataset(2, 3)
	r.Workshop = d.Workshop
	r.Workshop.Name = "replaced"
	for i := range r.Customers {
		r.Customers[i].WorkshopID = d.Workshop.ID
	}
	mustNoErr(t, db.Import(r, true))
	got, err = db.Load(d.Workshop.ID)
	mustNoErr(t, err)
	assertDataset(t, got, r)

	// Replace with the same customers in part: the ones kept are
	// written over with what they have now, fewer answers among it; the
	// others go; new ones come.
	o := dataset(6, 4)
	o.Workshop = d.Workshop
	for i := range o.Customers {
		o.Customers[i].WorkshopID = d.Workshop.ID
	}
	mustNoErr(t, db.Import(o, true))
	k := dataset(0, 0)
	k.Workshop = d.Workshop
	for i, c := range o.Customers {
		if i%2 == 1 {
			continue // goes
		}
		c.Name += " (changed)"
		k.Customers = append(k.Customers, c)
		k.Answers[c.ID] = map[string]model.Answer{}
		for qid, a := range o.Answers[c.ID] {
			if qid != "q01" {
				a.Score = (a.Score + 1) % 6
				k.Answers[c.ID][qid] = a
			}
		}
	}
	n := dataset(2, 2)
	for _, c := range n.Customers {
		c.WorkshopID, c.Created = d.Workshop.ID, c.Created.Add(time.Hour) // listed after the others
		k.Customers = append(k.Customers, c)
		k.Answers[c.ID] = n.Answers[c.ID]
	}
	mustNoErr(t, db.Import(k, true))
	got, err = db.Load(d.Workshop.ID)
	mustNoErr(t, err)
	assertDataset(t, got, k)

	// Invalid datasets change nothing.
	bad := dataset(2, 2)
	bad.Answers[bad.Customers[0].ID]["q00"] = model.Answer{Score: 9}
	if err := db.Import(bad, false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Import(bad score) = %v, want ErrInvalid", err)
	}
	bad = dataset(2, 2)
	bad.Answers[store.NewID()] = map[string]model.Answer{"q": {Score: 1}}
	if err := db.Import(bad, false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Import(answers of unknown customer) = %v, want ErrInvalid", err)
	}
	bad = dataset(2, 2)
	bad.Customers[1].WorkshopID = store.NewID()
	if err := db.Import(bad, false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Import(customer of another workshop) = %v, want ErrInvalid", err)
	}
	if _, err := db.Workshop(bad.Workshop.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a failed import left its workshop: %v", err)
	}

	// Empty IDs and references are filled in.
	e := model.Dataset{
		Workshop:  model.Workshop{Name: "no IDs"},
		Customers: []model.Customer{{ID: "c1", Name: "one"}},
		Answers:   map[string]map[string]model.Answer{"c1": {"q1": {Score: 3}}},
	}
	mustNoErr(t, db.Import(e, false))
	list, err := db.Workshops()
	mustNoErr(t, err)
	var id string
	for _, w := range list {
		if w.Name == "no IDs" {
			id = w.ID
		}
	}
	got, err = db.Load(id)
	mustNoErr(t, err)
	if a := got.Answers["c1"]["q1"]; a.CustomerID != "c1" || a.QuestionID != "q1" || a.Score != 3 || got.Customers[0].WorkshopID != id {
		t.Errorf("filled-in import: %+v", got)
	}
}

func TestClosed(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{})
	mustNoErr(t, db.Close())
	mustNoErr(t, db.Close()) // twice is fine
	if _, err := db.Workshops(); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Workshops after Close = %v, want ErrClosed", err)
	}
	if err := db.PutWorkshop(model.Workshop{Name: "x"}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("PutWorkshop after Close = %v, want ErrClosed", err)
	}
}
