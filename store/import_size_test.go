package store_test

import (
	"os"
	"testing"

	"styrka/model"
	"styrka/store"
)

// TestImportWithExpectedSize: a database opened for an import of a given
// size takes the import, grows on disk no further than the input
// suggests (bbolt grows a small file to its memory map), and takes writes
// among the full pages the sorted import left.
func TestImportWithExpectedSize(t *testing.T) {
	path := dbPath(t)
	d := dataset(300, 19)
	db := openTest(t, path, store.Options{NoAutoBackup: true, ExpectedSize: 4 << 20})
	mustNoErr(t, db.Import(d, false))
	for i, c := range d.Customers {
		if i%7 == 0 {
			mustNoErr(t, db.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: c.ID, QuestionID: "q05b", Score: 2}))
			c.Notes = "A longer note, written after the import, that makes the record grow."
			mustNoErr(t, db.PutCustomer(c))
		}
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check: %v", errs)
	}
	got, err := db.Load(d.Workshop.ID)
	mustNoErr(t, err)
	if len(got.Customers) != 300 || len(got.Answers[d.Customers[7].ID]) != 20 || got.Customers[7].Notes == d.Customers[7].Notes {
		t.Errorf("after the writes: %d customers, %d answers of the 8th", len(got.Customers), len(got.Answers[d.Customers[7].ID]))
	}
	mustNoErr(t, db.Close())
	info, err := os.Stat(path)
	mustNoErr(t, err)
	if info.Size() > 8<<20 {
		t.Errorf("the file is %d bytes after an import of 4 MiB", info.Size())
	}
}
