package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// legacyAnswer is an answer as schema 3 and before stored it.
func legacyAnswer(a model.Answer) ([]byte, error) {
	return json.Marshal(answerRecord{Answer: a})
}

func TestAnswerRecordOmitsIDs(t *testing.T) {
	key := answerKey("w-id", "customer-id", "question-id")
	v, err := encode(key, model.Answer{CustomerID: "customer-id", QuestionID: "question-id", Score: 3, Note: "n"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(v, []byte("customer-id")) || bytes.Contains(v, []byte("question-id")) || v[0] != recBinary || len(v) > 12 {
		t.Errorf("stored answer %q", v)
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
	sealed := func(key []byte, x any) []byte {
		v, err := encode(key, x)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		as, cs := tx.Bucket(bucketAnswers), tx.Bucket(bucketCustomers)
		k := answerKey(w.ID, "nobody", "q1")
		_ = as.Put(k, sealed(k, model.Answer{Score: 1}))
		k = answerKey(w.ID, c.ID, "q2")
		_ = as.Put(k, sealed(k, model.Answer{Score: 9}))
		k = customerKey("no-workshop", "x")
		_ = cs.Put(k, sealed(k, model.Customer{Name: "X"}))
		// A record moved under another key fails its checksum.
		_ = cs.Put(customerKey(w.ID, "y"), sealed(customerKey(w.ID, "z"), model.Customer{Name: "Moved AB"}))
		// A legacy JSON record in a current file is damage too.
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
	for _, want := range []string{"customer \"nobody\"", "invalid score 9", "workshop \"no-workshop\" does not exist",
		"customer record \"" + w.ID + "/y\" (customer \"Moved AB\"): checksum mismatch", "workshop record \"garbage\""} {
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
