package postgres_test

import (
	"errors"
	"path/filepath"
	"testing"

	"styrka/model"
	"styrka/store"
	"styrka/store/postgres"
	"styrka/store/storetest"
)

// From a bbolt file to PostgreSQL and back: each one step, nothing lost.
func TestMoveBetweenBackends(t *testing.T) {
	dir := t.TempDir()
	file, err := store.Open(filepath.Join(dir, "styrka.db"), store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	ds := []model.Dataset{storetest.Dataset(20, 10), storetest.Dataset(3, 2)}
	for _, d := range ds {
		if err := file.Import(d, false); err != nil {
			t.Fatal(err)
		}
	}
	pg := openDB(t, storetest.FreshPostgres(t), postgres.Options{})
	if n, err := store.CopyAll(pg, file, false); err != nil || n != 2 {
		t.Fatalf("CopyAll = %d, %v", n, err)
	}
	if _, err := store.CopyAll(pg, file, false); !errors.Is(err, store.ErrExists) {
		t.Errorf("CopyAll again: %v, want ErrExists", err)
	}
	if n, err := store.CopyAll(pg, file, true); err != nil || n != 2 {
		t.Errorf("CopyAll replacing = %d, %v", n, err)
	}
	back := filepath.Join(dir, "back.db")
	if err := pg.Backup(back); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(back, store.Options{Existing: true, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	for _, d := range ds {
		got, err := again.Load(d.Workshop.ID)
		if err != nil {
			t.Fatal(err)
		}
		storetest.Same(t, "after the round trip", got, d)
	}
}
