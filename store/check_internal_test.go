package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

func TestAnswerRecordOmitsIDs(t *testing.T) {
	v, err := encodeAnswer(model.Answer{CustomerID: "c", QuestionID: "q", Score: 3, Note: "n"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(v, []byte("customer_id")) || bytes.Contains(v, []byte("question_id")) || !bytes.Contains(v, []byte(`"score":3`)) {
		t.Errorf("stored answer %s", v)
	}
}

// TestCheckFindsProblems writes inconsistent records behind the store's
// back; Check must report each, and Open must refuse the undecodable one.
func TestCheckFindsProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{ID: NewID(), Name: "W"}
	c := model.Customer{ID: NewID(), WorkshopID: w.ID, Name: "C"}
	if err := db.PutWorkshop(w); err != nil {
		t.Fatal(err)
	}
	if err := db.PutCustomer(c); err != nil {
		t.Fatal(err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check of a sound database: %v", errs)
	}
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		as, cs := tx.Bucket(bucketAnswers), tx.Bucket(bucketCustomers)
		_ = as.Put(answerKey(w.ID, "nobody", "q1"), []byte(`{"score":1}`))
		_ = as.Put(answerKey(w.ID, c.ID, "q2"), []byte(`{"score":9}`))
		_ = cs.Put(customerKey("no-workshop", "x"), []byte(`{"id":"x","workshop_id":"no-workshop"}`))
		_ = cs.Put(customerKey(w.ID, "y"), []byte(`{"id":"z","workshop_id":"`+w.ID+`"}`))
		return tx.Bucket(bucketWorkshops).Put([]byte("garbage"), []byte(`{"id":`))
	})
	if err != nil {
		t.Fatal(err)
	}
	errs := db.Check()
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"customer \"nobody\"", "invalid score 9", "workshop \"no-workshop\" does not exist", "has workshop", "workshop \"garbage\" does not decode"} {
		if !strings.Contains(all, want) {
			t.Errorf("Check does not report %q; it reports:\n%s", want, all)
		}
	}
	if !errors.Is(errs[len(errs)-1], ErrDamaged) && !errors.Is(errs[0], ErrDamaged) {
		t.Errorf("undecodable records are not ErrDamaged: %v", errs)
	}
	if _, err := db.Workshops(); !errors.Is(err, ErrDamaged) {
		t.Errorf("Workshops with a broken record = %v, want ErrDamaged", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("Open = %v, want ErrDamaged", err)
	}
}

func TestBackupNamesWithinOneSecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	now := time.Date(2026, 11, 27, 3, 15, 0, 0, time.UTC)
	db, err := Open(path, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)
	for range 7 {
		if err := db.autoBackup(); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.backups()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range list {
		names = append(names, b.name)
	}
	want := []string{"styrka-20261127-031500-2.db", "styrka-20261127-031500-3.db", "styrka-20261127-031500-4.db",
		"styrka-20261127-031500-5.db", "styrka-20261127-031500-6.db"}
	if !slices.Equal(names, want) {
		t.Errorf("backups %v, want %v", names, want)
	}
}
