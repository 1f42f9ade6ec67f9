package store

import (
	"slices"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// v4File writes a database as styrka wrote schema 4: the same sealed
// records, without the buckets of account planning.
func v4File(t *testing.T) (string, model.Dataset) {
	t.Helper()
	path, want := v3File(t, false)
	db, err := Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketStakeholders, bucketWorksheets, bucketTargets} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("4"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	removeMarker(path)
	return path, want
}

func TestMigrationFromSchema4(t *testing.T) {
	path, want := v4File(t)
	if errs, err := CheckFile(path); err != nil || len(errs) > 0 {
		t.Fatalf("CheckFile of a sound schema 4 file = %v, %v", errs, err)
	}
	now := time.Date(2026, 11, 27, 3, 15, 0, 0, time.UTC)
	db, err := Open(path, Options{Now: func() time.Time { return now }, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)
	backup := db.BackupDir() + "/styrka-20261127-031500.db"
	if v := schemaOf(t, backup); v != 4 {
		t.Errorf("backup has schema %d, want 4", v)
	}
	if bs := buckets(t, backup); slices.Contains(bs, "stakeholders") {
		t.Errorf("the backup has the new buckets: %v", bs)
	}
	ds, err := db.Load(want.Workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := want.Customers[0]
	if len(ds.Customers) != 1 || len(ds.Answers[c.ID]) != 1 || len(ds.Actions) != 1 || len(ds.Stakeholders) != 0 {
		t.Errorf("after the upgrade: %+v", ds)
	}
	if err := db.PutStakeholder(model.Stakeholder{WorkshopID: c.WorkshopID, CustomerID: c.ID, Name: "Anna"}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutTarget(model.Target{WorkshopID: c.WorkshopID, CustomerID: c.ID, Kraljic: model.Strategic}); err != nil {
		t.Fatal(err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("Check after the upgrade: %v", errs)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema %d, want %d", v, SchemaVersion)
	}
}

// TestCheckFindsPlanningProblems writes broken planning records behind
// the store's back; Check reports each.
func TestCheckFindsPlanningProblems(t *testing.T) {
	path, d := v4File(t)
	db, err := Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := d.Workshop.ID
	put := func(name []byte, key string, x any) {
		v, err := encode([]byte(key), x)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.bolt.Update(func(tx *bbolt.Tx) error { return tx.Bucket(name).Put([]byte(key), v) }); err != nil {
			t.Fatal(err)
		}
	}
	put(bucketStakeholders, w+"/ghost/s1", model.Stakeholder{ID: "s1", WorkshopID: w, CustomerID: "ghost", Name: "A"})
	put(bucketTargets, w+"/ghost", model.Target{WorkshopID: w, CustomerID: "ghost"})
	put(bucketWorksheets, w+"/"+d.Customers[0].ID, model.Worksheet{WorkshopID: w, CustomerID: "other"})
	if err := db.bolt.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketTargets).Put([]byte(w+"/"+d.Customers[0].ID), []byte("garbage"))
	}); err != nil {
		t.Fatal(err)
	}
	errs := db.Check()
	if len(errs) != 4 {
		t.Errorf("Check found %d problems, want 4: %v", len(errs), errs)
	}
}
