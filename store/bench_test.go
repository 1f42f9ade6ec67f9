package store_test

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"styrka/model"
	"styrka/store"
)

// BenchmarkSaveAnswer is one SaveAnswer (one fsynced transaction) per
// iteration.
func BenchmarkSaveAnswer(b *testing.B) {
	db := openTest(b, dbPath(b), store.Options{NoAutoBackup: true})
	d := dataset(1, 0)
	mustNoErr(b, db.Import(d, false))
	w, c := d.Workshop.ID, d.Customers[0].ID
	a := model.Answer{CustomerID: c, Score: 3, Note: "From the account plan", Author: "anna", At: day(0)}
	i := 0
	for b.Loop() {
		a.QuestionID = "q" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
		if err := db.SaveAnswer(w, a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkRawBoltPut is the floor: a bare bbolt Update putting one key,
// on a file in the same kind of folder.
func BenchmarkRawBoltPut(b *testing.B) {
	bdb, err := bbolt.Open(filepath.Join(b.TempDir(), "raw.db"), 0o600, nil)
	mustNoErr(b, err)
	b.Cleanup(func() { bdb.Close() })
	name := []byte("answers")
	mustNoErr(b, bdb.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket(name); return err }))
	value := make([]byte, 160)
	i := uint64(0)
	for b.Loop() {
		key := binary.BigEndian.AppendUint64(nil, i)
		if err := bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket(name).Put(key, value) }); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLoad10000 loads a workshop of 10,000 customers with 18 answers
// each.
func BenchmarkLoad10000(b *testing.B) {
	db := openTest(b, dbPath(b), store.Options{NoAutoBackup: true})
	d := dataset(10000, 18)
	mustNoErr(b, db.Import(d, false))
	for b.Loop() {
		got, err := db.Load(d.Workshop.ID)
		if err != nil || len(got.Customers) != 10000 {
			b.Fatal(len(got.Customers), err)
		}
	}
}

// bigDB writes a closed database holding a 10,000-customer workshop with
// 19 answers each (the size issue 12 measures) and returns its path and
// the workshop.
func bigDB(b *testing.B) (string, model.Dataset) {
	b.Helper()
	path := dbPath(b)
	d := dataset(10000, 19)
	db, err := store.Open(path, store.Options{NoAutoBackup: true})
	mustNoErr(b, err)
	mustNoErr(b, db.Import(d, false))
	mustNoErr(b, db.Close())
	return path, d
}

// BenchmarkLoadBig is Load of a 10,000-customer workshop (190,000 answers).
func BenchmarkLoadBig(b *testing.B) {
	path, d := bigDB(b)
	db := openTest(b, path, store.Options{NoAutoBackup: true})
	b.ReportAllocs()
	for b.Loop() {
		got, err := db.Load(d.Workshop.ID)
		if err != nil || len(got.Customers) != 10000 {
			b.Fatal(len(got.Customers), err)
		}
	}
}

// BenchmarkOpenBig is Open and Close of that file, as every command does.
func BenchmarkOpenBig(b *testing.B) {
	path, _ := bigDB(b)
	b.ReportAllocs()
	for b.Loop() {
		db, err := store.Open(path, store.Options{NoAutoBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		mustNoErr(b, db.Close())
	}
}

// BenchmarkCheckBig is Check of that file.
func BenchmarkCheckBig(b *testing.B) {
	path, _ := bigDB(b)
	db := openTest(b, path, store.Options{NoAutoBackup: true})
	b.ReportAllocs()
	for b.Loop() {
		if errs := db.Check(); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkImportBig is Import of a 10,000-customer workshop into a new
// database (one transaction).
func BenchmarkImportBig(b *testing.B) {
	d := dataset(10000, 19)
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		db, err := store.Open(filepath.Join(dir, fmt.Sprintf("import%d.db", i)), store.Options{NoAutoBackup: true})
		mustNoErr(b, err)
		mustNoErr(b, db.Import(d, false))
		mustNoErr(b, db.Close())
		i++
	}
}

// BenchmarkImportBigSized is BenchmarkImportBig with the memory map sized
// from the input, as `styrka import FILE` opens the database (the input
// here is the dataset as JSON, about the size of an export).
func BenchmarkImportBigSized(b *testing.B) {
	d := dataset(10000, 19)
	input, err := json.Marshal(d)
	mustNoErr(b, err)
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		db, err := store.Open(filepath.Join(dir, fmt.Sprintf("import%d.db", i)), store.Options{NoAutoBackup: true, ExpectedSize: int64(len(input))})
		mustNoErr(b, err)
		mustNoErr(b, db.Import(d, false))
		mustNoErr(b, db.Close())
		i++
	}
}

// BenchmarkOpenBigFull is Open and Close of that file when it has no
// clean-close marker (after a crash, or changed since its last check):
// the full verification.
func BenchmarkOpenBigFull(b *testing.B) {
	path, _ := bigDB(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		mustNoErr(b, os.Remove(path+".checked"))
		b.StartTimer()
		db, err := store.Open(path, store.Options{NoAutoBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		mustNoErr(b, db.Close())
	}
}
