package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// newCustomers are n customers without IDs or times, as an import has them.
func newCustomers(n int) []model.Customer {
	cs := make([]model.Customer, n)
	for i := range cs {
		cs[i] = model.Customer{Name: fmt.Sprintf("Kund %05d AB", n-i), Offering: "Lager", Revenue: ptr(float64(i)), Currency: "SEK"}
	}
	return cs
}

func TestPutCustomers(t *testing.T) {
	c := &clock{t: day(0), step: time.Second}
	db := openTest(t, dbPath(t), store.Options{Now: c.Now, NoAutoBackup: true})
	d := dataset(2, 3)
	mustNoErr(t, db.Import(d, false))
	wid := d.Workshop.ID

	cs := newCustomers(1000)
	mustNoErr(t, db.PutCustomers(wid, cs))
	got, err := db.Customers(wid)
	mustNoErr(t, err)
	if len(got) != 1002 {
		t.Fatalf("%d customers, want 1002", len(got))
	}
	// The new ones follow the old ones, in the order given.
	for i, c := range got[2:] {
		if c.Name != cs[i].Name || c.WorkshopID != wid || c.ID == "" || c.Created.IsZero() || c.Updated.IsZero() {
			t.Fatalf("customer %d = %+v, want %q with an ID, times and the workshop", i, c, cs[i].Name)
		}
	}

	// Updating keeps Created; the answers of the old customers are kept.
	old := got[0]
	created := old.Created
	old.Created = time.Time{}
	old.Notes = "Updated in bulk"
	mustNoErr(t, db.PutCustomers(wid, []model.Customer{old}))
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	if ds.Customers[0].Notes != "Updated in bulk" || !ds.Customers[0].Created.Equal(created) {
		t.Errorf("updated customer %+v, want the note and Created %v", ds.Customers[0], created)
	}
	if len(ds.Answers[old.ID]) != 3 {
		t.Errorf("the updated customer has %d answers, want 3", len(ds.Answers[old.ID]))
	}
	mustNoErr(t, db.PutCustomers(wid, nil))
}

// TestPutCustomersAllOrNothing: a bad customer anywhere in the list, or a
// missing workshop, writes none of them.
func TestPutCustomersAllOrNothing(t *testing.T) {
	path := dbPath(t)
	db := openTest(t, path, store.Options{NoAutoBackup: true})
	d := dataset(1, 0)
	mustNoErr(t, db.Import(d, false))
	wid := d.Workshop.ID
	before := fileSHA(t, path)

	withID := func(cs []model.Customer, i int, id, workshop string) []model.Customer {
		cs[i].ID, cs[i].WorkshopID = id, workshop
		return cs
	}
	tests := []struct {
		name     string
		workshop string
		cs       []model.Customer
		want     error
	}{
		{"missing workshop", store.NewID(), newCustomers(3), store.ErrNotFound},
		{"invalid workshop ID", "a/b", newCustomers(3), store.ErrInvalid},
		{"another workshop's customer", wid, withID(newCustomers(3), 2, "", store.NewID()), store.ErrInvalid},
		{"an ID twice", wid, withID(withID(newCustomers(3), 0, "same", ""), 2, "same", ""), store.ErrInvalid},
		{"an invalid ID", wid, withID(newCustomers(3), 1, "bad/id", ""), store.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.PutCustomers(tt.workshop, tt.cs)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			got, err := db.Customers(wid)
			mustNoErr(t, err)
			if len(got) != 1 {
				t.Errorf("%d customers after a refused write, want 1", len(got))
			}
		})
	}
	if fileSHA(t, path) != before {
		t.Error("refused writes changed the file")
	}
}

func TestAddWorkshop(t *testing.T) {
	db := openTest(t, dbPath(t), store.Options{NoAutoBackup: true})
	w := model.Workshop{ID: store.NewID(), Name: "Import", Date: "2026-11-27", Thresholds: model.DefaultThresholds()}
	cs := newCustomers(50)
	mustNoErr(t, db.AddWorkshop(w, cs))
	got, err := db.Workshop(w.ID)
	mustNoErr(t, err)
	if got.Name != "Import" || got.Created.IsZero() {
		t.Errorf("workshop %+v", got)
	}
	list, err := db.Customers(w.ID)
	mustNoErr(t, err)
	if len(list) != 50 || list[0].Name != cs[0].Name || list[49].Name != cs[49].Name {
		t.Fatalf("%d customers, not in the order given", len(list))
	}

	// A second time: refused, nothing changed.
	if err := db.AddWorkshop(w, newCustomers(5)); !errors.Is(err, store.ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	list, err = db.Customers(w.ID)
	mustNoErr(t, err)
	if len(list) != 50 {
		t.Errorf("%d customers after a refused AddWorkshop, want 50", len(list))
	}
	// A bad customer: no workshop either.
	w2 := model.Workshop{ID: store.NewID(), Name: "Broken"}
	bad := newCustomers(2)
	bad[1].ID = "bad/id"
	if err := db.AddWorkshop(w2, bad); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if _, err := db.Workshop(w2.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused AddWorkshop left the workshop: %v", err)
	}
}

// BenchmarkPutCustomers100k stores 100,000 customers in one transaction,
// into a new database each time.
func BenchmarkPutCustomers100k(b *testing.B) {
	cs := newCustomers(100_000)
	for b.Loop() {
		b.StopTimer()
		db := openTest(b, dbPath(b), store.Options{NoAutoBackup: true})
		w := model.Workshop{ID: store.NewID(), Name: "Bench"}
		mustNoErr(b, db.PutWorkshop(w))
		b.StartTimer()
		mustNoErr(b, db.PutCustomers(w.ID, cs))
	}
}
