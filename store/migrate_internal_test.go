package store

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// v0File writes a database at schema version 0 by hand: a made-up older
// layout that kept workshops in a bucket named "ws".
func v0File(t *testing.T) (path string, w model.Workshop) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "styrka.db")
	w = model.Workshop{ID: NewID(), Name: "Old workshop", Date: "2025-03-01",
		Created: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC), Updated: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	v, _ := json.Marshal(w)
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		_ = meta.Put(keyApp, []byte(appName))
		_ = meta.Put(keySchema, []byte("0"))
		ws, _ := tx.CreateBucket([]byte("ws"))
		return ws.Put([]byte(w.ID), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path, w
}

// moveWS is the test-only migration from version 0: it moves the "ws"
// bucket's records into "workshops".
func moveWS(tx *bbolt.Tx) error {
	old := tx.Bucket([]byte("ws"))
	if old == nil {
		return errors.New("no ws bucket")
	}
	ws, err := tx.CreateBucketIfNotExists(bucketWorkshops)
	if err != nil {
		return err
	}
	if err := old.ForEach(func(k, v []byte) error { return ws.Put(k, v) }); err != nil {
		return err
	}
	return tx.DeleteBucket([]byte("ws"))
}

func withMigration(t *testing.T, from int, m func(*bbolt.Tx) error) {
	t.Helper()
	saved := migrations
	migrations = maps.Clone(saved)
	migrations[from] = m
	t.Cleanup(func() { migrations = saved })
}

func schemaOf(t *testing.T, path string) int {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	var v int
	if err := bdb.View(func(tx *bbolt.Tx) (err error) { v, err = readSchema(tx); return err }); err != nil {
		t.Fatal(err)
	}
	return v
}

func sha(t *testing.T, path string) [32]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func checkOnClose(t *testing.T, db *DB) {
	t.Cleanup(func() {
		defer db.Close()
		if errs := db.Check(); len(errs) > 0 && !(len(errs) == 1 && errors.Is(errs[0], ErrClosed)) {
			t.Errorf("Check: %v", errs)
		}
	})
}

func TestMigration(t *testing.T) {
	path, w := v0File(t)
	withMigration(t, 0, moveWS)
	now := time.Date(2026, 11, 27, 3, 15, 0, 0, time.UTC)
	// NoAutoBackup turns off the daily backup, not the one before a
	// migration.
	db, err := Open(path, Options{Now: func() time.Time { return now }, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)

	got, err := db.Workshop(w.ID)
	if err != nil || got.Name != w.Name {
		t.Fatalf("migrated workshop: %+v, %v", got, err)
	}
	backup := filepath.Join(db.BackupDir(), "styrka-20261127-031500.db")
	if v := schemaOf(t, backup); v != 0 {
		t.Errorf("backup has schema %d, want 0 (taken before the migration)", v)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema after migration %d, want %d", v, SchemaVersion)
	}

	// Opening again does not migrate again.
	migrations = map[int]func(*bbolt.Tx) error{0: func(*bbolt.Tx) error { return errors.New("ran twice") }}
	db, err = Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)
}

func TestMigrationFails(t *testing.T) {
	path, _ := v0File(t)
	withMigration(t, 0, func(tx *bbolt.Tx) error {
		if err := moveWS(tx); err != nil {
			return err
		}
		return errors.New("disk on fire")
	})
	_, err := Open(path, Options{NoAutoBackup: true})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("Open = %v, want the migration's error", err)
	}
	if v := schemaOf(t, path); v != 0 {
		t.Errorf("schema after a failed migration: %d, want 0", v)
	}
	entries, _ := os.ReadDir(filepath.Join(filepath.Dir(path), "backups"))
	if len(entries) != 1 {
		t.Errorf("backups: %v, want the one taken before the migration", entries)
	}
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left after a failed Open: %v", err)
	}
}

func TestNoMigration(t *testing.T) {
	path, _ := v0File(t)
	withMigration(t, 5, moveWS) // nothing from version 0
	before := sha(t, path)
	_, err := Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot upgrade") {
		t.Fatalf("Open = %v, want cannot upgrade", err)
	}
	if sha(t, path) != before {
		t.Error("the file was changed")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backups folder: %v", err)
	}
}
