package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// largeDataset is a workshop big enough that Load decodes it on several
// goroutines (parallelCustomers and more), with answers of varied shape.
func largeDataset(n int) model.Dataset {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	w := model.Workshop{ID: "00000000-0000-4000-8000-000000000001", Name: "Large", Created: at, Updated: at}
	d := model.Dataset{Workshop: w, Answers: map[string]map[string]model.Answer{}}
	for i := range n {
		c := model.Customer{ID: fmt.Sprintf("00000000-0000-4000-9000-%012d", i), WorkshopID: w.ID,
			Name: fmt.Sprintf("Customer %05d", i), Created: at, Updated: at}
		d.Customers = append(d.Customers, c)
		if i%7 == 3 {
			continue // some customers have no answers at all
		}
		m := map[string]model.Answer{}
		for j := range 1 + i%5 {
			q := fmt.Sprintf("q.%d", j)
			a := model.Answer{CustomerID: c.ID, QuestionID: q, Score: model.Score((i + j) % 6), Author: "A", At: at}
			if (i+j)%3 == 0 {
				a.Note = fmt.Sprintf("note %d/%d", i, j)
			}
			m[q] = a
		}
		d.Answers[c.ID] = m
	}
	return d
}

// openLarge is a new database holding largeDataset(n).
func openLarge(t *testing.T, n int) (*DB, model.Dataset, string) {
	t.Helper()
	d := largeDataset(n)
	path := filepath.Join(t.TempDir(), "styrka.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Import(d, false); err != nil {
		t.Fatal(err)
	}
	return db, d, path
}

// TestLoadLargeWorkshopInParallel holds the parallel load to what was
// stored: every customer in order, every answer in its customer's map.
func TestLoadLargeWorkshopInParallel(t *testing.T) {
	n := 3*parallelCustomers + 17
	db, d, _ := openLarge(t, n)
	got, err := db.Load(d.Workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Customers) != n {
		t.Fatalf("%d customers loaded, want %d", len(got.Customers), n)
	}
	for i, c := range got.Customers {
		if c.ID != d.Customers[i].ID || c.Name != d.Customers[i].Name {
			t.Fatalf("customer %d = %s %q, want %s %q", i, c.ID, c.Name, d.Customers[i].ID, d.Customers[i].Name)
		}
		want := d.Answers[c.ID]
		if want == nil {
			want = map[string]model.Answer{}
		}
		if !reflect.DeepEqual(got.Answers[c.ID], want) {
			t.Fatalf("answers of %s:\n got %v\nwant %v", c.Name, got.Answers[c.ID], want)
		}
	}
	if len(got.Answers) != n {
		t.Errorf("answers for %d customers, want %d", len(got.Answers), n)
	}
}

// TestLoadLargeWorkshopNamesTheFirstDamage damages an answer early in the
// key order and one late, in different batches: Load names the early one,
// as reading them one by one would.
func TestLoadLargeWorkshopNamesTheFirstDamage(t *testing.T) {
	n := 3 * parallelCustomers
	db, d, _ := openLarge(t, n)
	early, late := d.Customers[n/3+1], d.Customers[n-2]
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		as := tx.Bucket(bucketAnswers)
		for _, c := range []model.Customer{late, early} {
			k := answerKey(d.Workshop.ID, c.ID, "q.0")
			v := append([]byte(nil), as.Get(k)...)
			v[len(v)-1] ^= 0xff // the checksum no longer matches
			if err := as.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 5 { // the batches finish in any order; the error must not
		_, err = db.Load(d.Workshop.ID)
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("Load = %v, want ErrDamaged", err)
		}
		if !strings.Contains(err.Error(), early.ID) || !strings.Contains(err.Error(), early.Name) || strings.Contains(err.Error(), late.ID) {
			t.Fatalf("Load = %v, want the damage of %s (%s)", err, early.Name, early.ID)
		}
	}
}

// TestLoadLargeWorkshopNamesTheFirstDamagedCustomer is the same for
// customers, decoded in ranges of their own.
func TestLoadLargeWorkshopNamesTheFirstDamagedCustomer(t *testing.T) {
	n := 2*customersPerWorker + 10
	db, d, _ := openLarge(t, n)
	early, late := d.Customers[n/2+3], d.Customers[n-1]
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		cs := tx.Bucket(bucketCustomers)
		for _, c := range []model.Customer{early, late} {
			k := customerKey(d.Workshop.ID, c.ID)
			v := append([]byte(nil), cs.Get(k)...)
			v[len(v)-1] ^= 0xff
			if err := cs.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Load(d.Workshop.ID)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), early.ID) || strings.Contains(err.Error(), late.ID) {
		t.Fatalf("Load = %v, want the damage of %s (%s)", err, early.Name, early.ID)
	}
}

// TestGuardedTurnsAPanicIntoDamage: a decoding goroutine's panic, or a
// memory fault reading the mapped file, is an error, not a crash.
func TestGuardedTurnsAPanicIntoDamage(t *testing.T) {
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		guarded(&err, func() {
			var b []byte
			_ = b[3] // a damaged record's length, read past its end
		})
	}()
	<-done
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("err = %v, want ErrDamaged", err)
	}
}

// TestLoadLargeWorkshopTruncatedWhileOpen truncates the file under an
// open database whose workshop is decoded on several goroutines: Load
// says the file is damaged, whichever goroutine meets the end of it.
func TestLoadLargeWorkshopTruncatedWhileOpen(t *testing.T) {
	db, d, path := openLarge(t, 3*parallelCustomers)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int64{fi.Size() / 2, fi.Size() * 3 / 4} {
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Load(d.Workshop.ID); !errors.Is(err, ErrDamaged) {
			t.Fatalf("Load of a file truncated to %d bytes = %v, want ErrDamaged", size, err)
		}
	}
}
