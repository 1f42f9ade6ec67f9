package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// v1File writes a database at schema version 1 by hand, as styrka wrote
// it before action plans and rounds: meta, workshops, customers and
// answers, with one workshop, one customer and one answer.
func v1File(t *testing.T) (path string, w model.Workshop, c model.Customer) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "styrka.db")
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	w = model.Workshop{ID: NewID(), Name: "Spring", Date: "2026-03-01", Thresholds: model.DefaultThresholds(), Created: at, Updated: at}
	c = model.Customer{ID: NewID(), WorkshopID: w.ID, Name: "Ett AB", Created: at, Updated: at}
	wv, _ := json.Marshal(w)
	cv, _ := json.Marshal(c)
	av, _ := legacyAnswer(model.Answer{Score: 4, At: at})
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket([]byte("meta"))
		_ = meta.Put([]byte("app"), []byte("styrka"))
		_ = meta.Put([]byte("schema"), []byte("1"))
		ws, _ := tx.CreateBucket([]byte("workshops"))
		cs, _ := tx.CreateBucket([]byte("customers"))
		as, _ := tx.CreateBucket([]byte("answers"))
		_ = ws.Put([]byte(w.ID), wv)
		_ = cs.Put([]byte(w.ID+"/"+c.ID), cv)
		return as.Put([]byte(w.ID+"/"+c.ID+"/them.impact.spend_share"), av)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path, w, c
}

// buckets lists the top-level buckets of a closed database file.
func buckets(t *testing.T, path string) []string {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	var out []string
	_ = bdb.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
			out = append(out, string(name))
			return nil
		})
	})
	return out
}

func TestMigrationFromSchema1(t *testing.T) {
	// The upgrade from 1 runs every migration after it too.
	path, w, c := v1File(t)
	now := time.Date(2026, 11, 27, 3, 15, 0, 0, time.UTC)
	db, err := Open(path, Options{Now: func() time.Time { return now }, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)

	// The data of version 1 is all there, with empty plans.
	ds, err := db.Load(w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Customers) != 1 || ds.Customers[0].Name != c.Name || ds.Answers[c.ID]["them.impact.spend_share"].Score != 4 {
		t.Fatalf("migrated dataset %+v", ds)
	}
	if len(ds.Actions) != 0 || len(ds.Rounds) != 0 {
		t.Errorf("migrated dataset has %d actions and %d rounds", len(ds.Actions), len(ds.Rounds))
	}
	// The new buckets work.
	a := model.Action{WorkshopID: w.ID, CustomerID: c.ID, Kind: model.Start, Text: "Quarterly review", Status: model.StatusOpen}
	if err := db.PutAction(a); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddRound(model.Snapshot(ds, nil, now)); err != nil {
		t.Fatal(err)
	}
	// The backup was taken before the upgrade.
	backup := filepath.Join(db.BackupDir(), "styrka-20261127-031500.db")
	if v := schemaOf(t, backup); v != 1 {
		t.Errorf("backup has schema %d, want 1", v)
	}
	if bs := strings.Join(buckets(t, backup), " "); strings.Contains(bs, "actions") || strings.Contains(bs, "rounds") {
		t.Errorf("the backup has the new buckets: %s", bs)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("Check after the upgrade: %v", errs)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema after the upgrade %d, want %d", v, SchemaVersion)
	}
	bs := strings.Join(buckets(t, path), " ")
	for _, want := range []string{"actions", "rounds"} {
		if !strings.Contains(bs, want) {
			t.Errorf("no bucket %q after the upgrade: %s", want, bs)
		}
	}

	// Opening again does not upgrade again.
	db, err = Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)
	ds, err = db.Load(w.ID)
	if err != nil || len(ds.Actions) != 1 || len(ds.Rounds) != 1 {
		t.Errorf("after reopening: %d actions, %d rounds, %v", len(ds.Actions), len(ds.Rounds), err)
	}
}

func TestNewDatabaseStartsAtCurrentSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("a new database has schema %d, want %d", v, SchemaVersion)
	}
	bs := strings.Join(buckets(t, path), " ")
	for _, want := range []string{"actions", "rounds"} {
		if !strings.Contains(bs, want) {
			t.Errorf("a new database has no bucket %q: %s", want, bs)
		}
	}
}

// TestCheckFindsPlanProblems writes broken actions and rounds behind the
// store's back; Check must report each.
func TestCheckFindsPlanProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := model.Workshop{ID: NewID(), Name: "W"}
	c := model.Customer{ID: NewID(), WorkshopID: w.ID, Name: "C"}
	if err := db.PutWorkshop(w); err != nil {
		t.Fatal(err)
	}
	if err := db.PutCustomer(c); err != nil {
		t.Fatal(err)
	}
	if err := db.PutAction(model.Action{WorkshopID: w.ID, CustomerID: c.ID, Kind: model.Stop, Text: "ok", Status: model.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddRound(model.Round{WorkshopID: w.ID}); err != nil {
		t.Fatal(err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check of a sound database: %v", errs)
	}
	put := func(name []byte, key string, v any) {
		data, _ := encode([]byte(key), v)
		if s, ok := v.(string); ok { // JSON that is not the record
			data = seal([]byte(key), append([]byte{recJSON}, s...))
		}
		if err := db.bolt.Update(func(tx *bbolt.Tx) error { return tx.Bucket(name).Put([]byte(key), data) }); err != nil {
			t.Fatal(err)
		}
	}
	put(bucketActions, w.ID+"/orphan", model.Action{ID: "orphan", WorkshopID: w.ID, CustomerID: "nobody", Kind: model.Start, Text: "x", Status: model.StatusOpen})
	put(bucketActions, w.ID+"/badkind", model.Action{ID: "badkind", WorkshopID: w.ID, CustomerID: c.ID, Kind: "grow", Text: "x", Status: model.StatusOpen})
	put(bucketActions, w.ID+"/mismatch", model.Action{ID: "other", WorkshopID: w.ID, CustomerID: c.ID, Kind: model.Start, Text: "x", Status: model.StatusOpen})
	put(bucketActions, w.ID+"/garbage", `{"id":`)
	put(bucketRounds, "gone/r1", model.Round{ID: "r1", WorkshopID: "gone", Number: 1})
	put(bucketRounds, w.ID+"/r2", model.Round{ID: "r2", WorkshopID: w.ID, Number: 1})
	put(bucketRounds, w.ID+"/r3", `[]`)

	var msgs []string
	damaged := false
	for _, e := range db.Check() {
		msgs = append(msgs, e.Error())
		damaged = damaged || errors.Is(e, ErrDamaged)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`action "` + w.ID + `/orphan": customer "nobody"`,
		`action "` + w.ID + `/badkind": invalid action kind "grow"`,
		`action "` + w.ID + `/mismatch" has workshop`,
		`action record "` + w.ID + `/garbage": does not decode`,
		`round "gone/r1": workshop "gone" does not exist`,
		`number 1 is invalid or used twice`,
		`round record "` + w.ID + `/r3": does not decode`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Check does not report %q; it reports:\n%s", want, all)
		}
	}
	if !damaged {
		t.Errorf("undecodable records are not ErrDamaged:\n%s", all)
	}
	if _, err := db.Load(w.ID); !errors.Is(err, ErrDamaged) {
		t.Errorf("Load with an undecodable action = %v, want ErrDamaged", err)
	}
}
