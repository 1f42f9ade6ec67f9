package store_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
	"styrka/store"
)

// recordSpan is where one stored record (its key followed by its value,
// as bbolt keeps them in a leaf page) lies in the file.
type recordSpan struct {
	bucket, key string
	off, n      int
}

// recordSpans finds every styrka record of a closed database in its
// bytes.
func recordSpans(t *testing.T, path string, data []byte) []recordSpan {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	mustNoErr(t, err)
	defer bdb.Close()
	var spans []recordSpan
	mustNoErr(t, bdb.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			if string(name) == "meta" {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				rec := append(slices.Clone(k), v...)
				i := bytes.Index(data, rec)
				if i < 0 {
					t.Fatalf("record %s/%s is not in the file", name, k)
				}
				if bytes.LastIndex(data, rec) != i {
					return nil // also in a freed page: which copy is live is not known here
				}
				spans = append(spans, recordSpan{string(name), string(k), i, len(rec)})
				return nil
			})
		})
	}))
	return spans
}

// sameKey compares a key as a message shows it (an unprintable byte as
// "?") with a stored key.
func sameKey(shown, key string) bool {
	if len(shown) != len(key) {
		return false
	}
	for i := range len(key) {
		if shown[i] != key[i] && shown[i] != '?' {
			return false
		}
	}
	return true
}

func copyFile(t *testing.T, dst string, data []byte) {
	t.Helper()
	mustNoErr(t, os.WriteFile(dst, data, 0o600))
}

// TestSingleByteChangesInRecords changes one byte inside a stored record
// of a real file, 150 times at random places: Check on the open database
// must report every change as damage, and Open of the changed file (whose
// clean-close marker no longer matches) must refuse it and leave it as it
// was.
func TestSingleByteChangesInRecords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "styrka.db")
	d := dataset(40, 18)
	db, err := store.Open(path, store.Options{NoAutoBackup: true})
	mustNoErr(t, err)
	mustNoErr(t, db.Import(d, false))
	var acts []model.Action
	for _, c := range d.Customers[:5] {
		acts = append(acts, model.Action{CustomerID: c.ID, Kind: model.Start, Text: "Call the buyer", Status: model.StatusOpen})
	}
	mustNoErr(t, db.PutActions(d.Workshop.ID, acts))
	mustNoErr(t, db.Close())

	pristine, err := os.ReadFile(path)
	mustNoErr(t, err)
	marker, err := os.ReadFile(path + ".checked")
	mustNoErr(t, err)
	spans := recordSpans(t, path, pristine)
	if len(spans) < 700 {
		t.Fatalf("only %d records", len(spans))
	}

	const tries = 150
	rng := rand.New(rand.NewPCG(150, 1))
	byCheck, byOpen, byCheckFile, named := 0, 0, 0, 0
	for try := range tries {
		s := spans[rng.IntN(len(spans))]
		off := s.off + rng.IntN(s.n)
		changed := slices.Clone(pristine)
		changed[off] ^= byte(1 + rng.IntN(255))

		// Check: the change is made under the open database, which maps
		// the file and sees it.
		cdir := t.TempDir()
		p := filepath.Join(cdir, "styrka.db")
		copyFile(t, p, pristine)
		copyFile(t, p+".checked", marker)
		db, err := store.Open(p, store.Options{NoAutoBackup: true})
		mustNoErr(t, err)
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		mustNoErr(t, err)
		_, err = f.WriteAt(changed[off:off+1], int64(off))
		mustNoErr(t, err)
		mustNoErr(t, f.Close())
		errs := db.Check()
		mustNoErr(t, db.Close())
		if len(errs) == 0 {
			t.Errorf("try %d: a change at byte %d of %s record %q passed Check", try, off-s.off, s.bucket, s.key)
		} else {
			byCheck++
			before := named
			for _, e := range errs {
				var re *store.RecordError
				if errors.As(e, &re) && (sameKey(re.Key, s.key) || sameKey(re.Key, string(changed[s.off:s.off+len(s.key)]))) {
					named++
					break
				}
			}
			if named == before {
				t.Logf("try %d (%s, byte %d of %d, key %d): %v", try, s.bucket, off-s.off, s.n, len(s.key), errs)
			}
		}

		// Open: the marker of the pristine file does not match.
		copyFile(t, p, changed)
		copyFile(t, p+".checked", marker)
		if db, err := store.Open(p, store.Options{NoAutoBackup: true}); err == nil {
			_ = db.Close()
			t.Errorf("try %d: Open accepted a change at byte %d of %s record %q", try, off-s.off, s.bucket, s.key)
		} else if !errors.Is(err, store.ErrDamaged) {
			t.Errorf("try %d: Open = %v, want ErrDamaged", try, err)
		} else {
			byOpen++
		}
		// CheckFile, which `styrka check` uses for a file Open refuses,
		// lists the damage read-only.
		if errs, err := store.CheckFile(p); err != nil || len(errs) == 0 {
			t.Errorf("try %d: CheckFile = %v, %v; want the damage listed", try, errs, err)
		} else {
			byCheckFile++
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, changed) {
			t.Errorf("try %d: Open or CheckFile changed the damaged file", try)
		}
	}
	t.Logf("of %d single-byte changes inside records, Check caught %d (%d naming the record), Open refused %d, CheckFile listed %d",
		tries, byCheck, named, byOpen, byCheckFile)
	if named < byCheck {
		t.Errorf("only %d of %d damage reports name the changed record", named, byCheck)
	}
}
