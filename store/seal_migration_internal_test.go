package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// v3File writes a database at schema version 3 by hand, as styrka wrote
// it before the record envelope: every kind of record as plain JSON.
func v3File(t *testing.T, corrupt bool) (string, model.Dataset) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "styrka.db")
	at := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	rev := 1.5e6
	w := model.Workshop{ID: NewID(), Name: "Höst", Date: "2026-10-01", OurCompany: "Styrka AB", HorizonMonths: 36,
		Thresholds: model.DefaultThresholds(), Created: at, Updated: at}
	c := model.Customer{ID: NewID(), WorkshopID: w.ID, Name: "Åhléns Möbel AB", Offering: "Bultar", Revenue: &rev,
		Currency: "SEK", Notes: "Två rader\nnoter", Tags: []string{"oem"}, Created: at, Updated: at}
	a := model.Answer{CustomerID: c.ID, QuestionID: "them.impact.spend_share", Score: 4, Note: "Enligt inköp", Author: "Anna", At: at}
	act := model.Action{ID: NewID(), WorkshopID: w.ID, CustomerID: c.ID, Kind: model.Start, Text: "Ring", Status: model.StatusOpen, Created: at, Updated: at}
	r := model.Round{ID: NewID(), WorkshopID: w.ID, Number: 1, ClosedAt: at, Customers: []model.RoundEntry{}}
	p := model.Participant{ID: NewID(), WorkshopID: w.ID, Name: "Anna", Created: at}
	sr := model.SilentRound{ID: NewID(), WorkshopID: w.ID, CustomerID: c.ID, Questions: []string{a.QuestionID},
		Participants: []string{p.ID}, State: model.SilentOpen, Opened: at}
	v := model.Vote{RoundID: sr.ID, ParticipantID: p.ID, QuestionID: a.QuestionID, Score: 3, At: at}

	js := func(x any) []byte {
		data, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	av, _ := legacyAnswer(a)
	if corrupt {
		av = []byte(`{"score":`)
	}
	records := []struct {
		bucket, key string
		value       []byte
	}{
		{"workshops", w.ID, js(w)},
		{"customers", w.ID + "/" + c.ID, js(c)},
		{"answers", w.ID + "/" + c.ID + "/" + a.QuestionID, av},
		{"actions", w.ID + "/" + act.ID, js(act)},
		{"rounds", w.ID + "/" + r.ID, js(r)},
		{"participants", w.ID + "/" + p.ID, js(p)},
		{"silent_rounds", w.ID + "/" + sr.ID, js(sr)},
		{"votes", string(voteKey(w.ID, v)), js(v)},
	}
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket([]byte("meta"))
		_ = meta.Put([]byte("app"), []byte("styrka"))
		_ = meta.Put([]byte("schema"), []byte("3"))
		for _, rec := range records {
			b, err := tx.CreateBucketIfNotExists([]byte(rec.bucket))
			if err != nil {
				return err
			}
			if err := b.Put([]byte(rec.key), rec.value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	d := model.Dataset{Workshop: w, Customers: []model.Customer{c},
		Answers: map[string]map[string]model.Answer{c.ID: {a.QuestionID: a}},
		Actions: []model.Action{act}, Rounds: []model.Round{r},
		Participants: []model.Participant{p}, SilentRounds: []model.SilentRound{sr}, Votes: []model.Vote{v}}
	return path, d
}

// TestMigrationFromSchema3 opens a file of JSON records: a backup of it
// as it was is taken first, then every record is rewritten in the
// envelope, with the same data.
func TestMigrationFromSchema3(t *testing.T) {
	path, want := v3File(t, false)
	now := time.Date(2026, 11, 27, 3, 15, 0, 0, time.UTC)
	db, err := Open(path, Options{Now: func() time.Time { return now }, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)

	backup := filepath.Join(db.BackupDir(), "styrka-20261127-031500.db")
	if v := schemaOf(t, backup); v != 3 {
		t.Errorf("backup has schema %d, want 3", v)
	}
	bk, err := bbolt.Open(backup, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := bk.View(func(tx *bbolt.Tx) error {
		k, v := tx.Bucket(bucketCustomers).Cursor().First()
		if !json.Valid(v) {
			t.Errorf("the backup's customer %s is not the JSON record it was: %q", k, v)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = bk.Close()
	got, err := db.Load(want.Workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the migration:\n got %+v\nwant %+v", got, want)
	}
	err = db.view(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			if string(name) == "meta" {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				if _, _, ok := unseal(k, v); !ok {
					t.Errorf("%s/%s is not sealed: %q", name, k, v)
				}
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema after the migration %d, want %d", v, SchemaVersion)
	}
}

// TestMigrationFromSchema3StopsAtDamage: a JSON record that does not
// decode stops the migration; the file stays as it was.
func TestMigrationFromSchema3StopsAtDamage(t *testing.T) {
	path, _ := v3File(t, true)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path, Options{NoAutoBackup: true})
	var re *RecordError
	if !errors.Is(err, ErrDamaged) || !errors.As(err, &re) || re.Kind != "answer" {
		t.Fatalf("Open = %v, want a damaged answer", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, before) {
		t.Error("the file was changed")
	}
}

// TestCheckFileOfOlderAndNewerFiles: CheckFile checks a file of an older
// schema as it is, finds its damage, and refuses a newer one.
func TestCheckFileOfOlderAndNewerFiles(t *testing.T) {
	path, _ := v3File(t, false)
	if errs, err := CheckFile(path); err != nil || len(errs) > 0 {
		t.Errorf("CheckFile of a sound schema 3 file = %v, %v", errs, err)
	}
	path, _ = v3File(t, true)
	errs, err := CheckFile(path)
	var re *RecordError
	if err != nil || len(errs) != 1 || !errors.As(errs[0], &re) || re.Kind != "answer" || re.CustomerName != "Åhléns Möbel AB" {
		t.Errorf("CheckFile of a damaged schema 3 file = %v, %v", errs, err)
	}
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) }); err != nil {
		t.Fatal(err)
	}
	_ = bdb.Close()
	var se *SchemaError
	if _, err := CheckFile(path); !errors.As(err, &se) {
		t.Errorf("CheckFile of a newer file = %v, want a SchemaError", err)
	}
	if _, err := CheckFile(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("CheckFile of a missing file succeeded")
	}
}
