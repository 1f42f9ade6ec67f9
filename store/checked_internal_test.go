package store

import (
	"bytes"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"styrka/model"
)

// TestCleanCloseMarker: a file that matches its clean-close marker opens
// with the cheap checks only; a write removes the marker until Close, a
// file changed behind styrka's back (even within the same instant, with
// the same size) gets the full verification, and damage seen by Check
// removes the marker for good.
func TestCleanCloseMarker(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	open := func() *DB {
		t.Helper()
		db, err := Open(path, Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	hasMarker := func() bool {
		_, err := os.Stat(checkedPath(path))
		return err == nil
	}

	db := open()
	w := model.Workshop{ID: NewID(), Name: "W"}
	if err := db.PutWorkshop(w); err != nil {
		t.Fatal(err)
	}
	if hasMarker() {
		t.Fatal("a marker while the database is being written")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if !hasMarker() {
		t.Fatal("no marker after a clean close")
	}

	db = open()
	if !db.trusted {
		t.Error("a file that matches its marker was not trusted")
	}
	if _, err := db.Workshops(); err != nil || !hasMarker() {
		t.Errorf("reading removed the marker (%v)", err)
	}
	if err := db.PutCustomer(model.Customer{WorkshopID: w.ID, Name: "C"}); err != nil {
		t.Fatal(err)
	}
	if hasMarker() {
		t.Error("the marker survived the first write: a crash now would not be noticed")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Changed behind styrka's back right after the close: same size,
	// likely the same modification time.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	key := customerKeyOf(t, path, w.ID)
	i := bytes.Index(data, key)
	if i < 0 {
		t.Fatal("customer record not found")
	}
	data[i+len(key)+3] ^= 0x20 // inside the customer's value
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{NoAutoBackup: true}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open of a file changed since its marker = %v, want ErrDamaged", err)
	}
	if !hasMarker() {
		t.Error("a refused Open touched the marker")
	}

	// Damage found by Check removes the marker, and Close does not write
	// it again.
	removeMarker(path)
	data[i+len(key)+3] ^= 0x20
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db = open()
	if db.trusted {
		t.Error("a file without a marker was trusted")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{data[i+len(key)+3] ^ 0x20}, int64(i+len(key)+3)); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if errs := db.Check(); len(errs) == 0 {
		t.Fatal("Check found nothing")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if hasMarker() {
		t.Error("Close marked a damaged file as checked")
	}
}

func customerKeyOf(t *testing.T, path, wid string) []byte {
	t.Helper()
	db, err := Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cs, err := db.Customers(wid)
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	return customerKey(wid, cs[0].ID)
}

// TestFileSum: fileSum reading in parts gives the file's size and the
// CRC-32C of all of it, whatever the size is against its buffer.
func TestFileSum(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, sumBuffer - 1, sumBuffer, sumBuffer + 1, 3*sumBuffer + 17} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i*7 + i/251)
		}
		path := filepath.Join(dir, "f")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		size, sum, err := fileSum(path)
		if want := crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)); err != nil || size != int64(n) || sum != want {
			t.Errorf("fileSum of %d bytes = %d, %08x, %v; want %d, %08x", n, size, sum, err, n, want)
		}
	}
	if _, _, err := fileSum(filepath.Join(dir, "missing")); err == nil {
		t.Error("fileSum of a missing file gave no error")
	}
}
