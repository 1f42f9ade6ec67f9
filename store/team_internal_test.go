package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// v2File writes a database at schema version 2 by hand, as styrka wrote
// it before team scoring: one workshop with one customer, one answer, one
// action and one closed round.
func v2File(t *testing.T) (path string, w model.Workshop, c model.Customer) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "styrka.db")
	at := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	w = model.Workshop{ID: NewID(), Name: "Autumn", Date: "2026-09-01", Thresholds: model.DefaultThresholds(), Created: at, Updated: at}
	c = model.Customer{ID: NewID(), WorkshopID: w.ID, Name: "Ett AB", Created: at, Updated: at}
	a := model.Action{ID: NewID(), WorkshopID: w.ID, CustomerID: c.ID, Kind: model.Start, Text: "Review", Status: model.StatusOpen, Created: at, Updated: at}
	r := model.Round{ID: NewID(), WorkshopID: w.ID, Number: 1, ClosedAt: at, Customers: []model.RoundEntry{}}
	wv, _ := json.Marshal(w)
	cv, _ := json.Marshal(c)
	acv, _ := json.Marshal(a)
	rv, _ := json.Marshal(r)
	av, _ := legacyAnswer(model.Answer{Score: 4, At: at})
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket([]byte("meta"))
		_ = meta.Put([]byte("app"), []byte("styrka"))
		_ = meta.Put([]byte("schema"), []byte("2"))
		ws, _ := tx.CreateBucket([]byte("workshops"))
		cs, _ := tx.CreateBucket([]byte("customers"))
		as, _ := tx.CreateBucket([]byte("answers"))
		acts, _ := tx.CreateBucket([]byte("actions"))
		rs, _ := tx.CreateBucket([]byte("rounds"))
		_ = ws.Put([]byte(w.ID), wv)
		_ = cs.Put([]byte(w.ID+"/"+c.ID), cv)
		_ = acts.Put([]byte(w.ID+"/"+a.ID), acv)
		_ = rs.Put([]byte(w.ID+"/"+r.ID), rv)
		return as.Put([]byte(w.ID+"/"+c.ID+"/them.impact.spend_share"), av)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path, w, c
}

func TestMigrationFromSchema2(t *testing.T) {
	path, w, c := v2File(t)
	now := time.Date(2026, 11, 27, 3, 15, 0, 0, time.UTC)
	db, err := Open(path, Options{Now: func() time.Time { return now }, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)

	ds, err := db.Load(w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Customers) != 1 || ds.Answers[c.ID]["them.impact.spend_share"].Score != 4 || len(ds.Actions) != 1 || len(ds.Rounds) != 1 {
		t.Fatalf("migrated dataset %+v", ds)
	}
	if ds.Participants != nil || ds.SilentRounds != nil || ds.Votes != nil {
		t.Errorf("migrated dataset has team data: %+v", ds)
	}
	// The new buckets work.
	p := model.Participant{ID: NewID(), WorkshopID: w.ID, Name: "Anna"}
	if err := db.PutParticipant(p); err != nil {
		t.Fatal(err)
	}
	r := model.SilentRound{ID: NewID(), WorkshopID: w.ID, CustomerID: c.ID, Questions: []string{"them.impact.spend_share"},
		Participants: []string{p.ID}, State: model.SilentOpen}
	if err := db.PutSilentRound(r); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveVote(w.ID, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "them.impact.spend_share", Score: 2}); err != nil {
		t.Fatal(err)
	}
	// The backup was taken before the upgrade.
	backup := filepath.Join(db.BackupDir(), "styrka-20261127-031500.db")
	if v := schemaOf(t, backup); v != 2 {
		t.Errorf("backup has schema %d, want 2", v)
	}
	bs := strings.Join(buckets(t, backup), " ")
	for _, name := range []string{"participants", "silent_rounds", "votes"} {
		if strings.Contains(bs, name) {
			t.Errorf("the backup has the new bucket %s: %s", name, bs)
		}
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("Check after the upgrade: %v", errs)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, path); v != SchemaVersion {
		t.Errorf("schema after the upgrade %d, want %d", v, SchemaVersion)
	}
	// Opening again does not upgrade again, and the team data is there.
	db, err = Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOnClose(t, db)
	ds, err = db.Load(w.ID)
	if err != nil || len(ds.Participants) != 1 || len(ds.SilentRounds) != 1 || len(ds.Votes) != 1 {
		t.Errorf("after reopening: %+v, %v", ds, err)
	}
}

// TestCheckFindsTeamProblems writes broken participants, silent rounds
// and votes behind the store's back; Check must report each.
func TestCheckFindsTeamProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := model.Workshop{ID: NewID(), Name: "W"}
	c := model.Customer{ID: NewID(), WorkshopID: w.ID, Name: "C"}
	p := model.Participant{ID: NewID(), WorkshopID: w.ID, Name: "P"}
	r := model.SilentRound{ID: NewID(), WorkshopID: w.ID, CustomerID: c.ID, Questions: []string{"q"}, Participants: []string{p.ID}, State: model.SilentOpen}
	for _, err := range []error{db.PutWorkshop(w), db.PutCustomer(c), db.PutParticipant(p), db.PutSilentRound(r),
		db.SaveVote(w.ID, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "q", Score: 3})} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check of a sound database: %v", errs)
	}
	put := func(name []byte, key string, v any) {
		data, _ := encode([]byte(key), v)
		if s, ok := v.(string); ok {
			data = []byte(s)
		}
		if err := db.bolt.Update(func(tx *bbolt.Tx) error { return tx.Bucket(name).Put([]byte(key), data) }); err != nil {
			t.Fatal(err)
		}
	}
	put(bucketParticipants, "gone/p1", model.Participant{ID: "p1", WorkshopID: "gone", Name: "X"})
	put(bucketParticipants, w.ID+"/p2", model.Participant{ID: "other", WorkshopID: w.ID, Name: "X"})
	put(bucketSilentRounds, w.ID+"/r1", model.SilentRound{ID: "r1", WorkshopID: w.ID, CustomerID: "nobody", Questions: []string{"q"}, State: model.SilentOpen})
	put(bucketSilentRounds, w.ID+"/r2", model.SilentRound{ID: "r2", WorkshopID: w.ID, CustomerID: c.ID, Questions: []string{"q"}, Participants: []string{"ghost"}, State: "lost"})
	put(bucketSilentRounds, w.ID+"/r3", `{"id":`)
	put(bucketVotes, w.ID+"/nope/q/0/"+p.ID, model.Vote{RoundID: "nope", ParticipantID: p.ID, QuestionID: "q", Score: 3})
	put(bucketVotes, w.ID+"/"+r.ID+"/q/0/ghost", model.Vote{RoundID: r.ID, ParticipantID: "ghost", QuestionID: "q", Score: 3})
	put(bucketVotes, w.ID+"/"+r.ID+"/q/0/"+p.ID, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "q", Score: 9})
	put(bucketVotes, w.ID+"/"+r.ID+"/q/1/"+p.ID, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "q", Score: 3})
	put(bucketVotes, w.ID+"/short", model.Vote{})

	var msgs []string
	damaged := false
	for _, e := range db.Check() {
		msgs = append(msgs, e.Error())
		damaged = damaged || errors.Is(e, ErrDamaged)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`participant "gone/p1": workshop "gone" does not exist`,
		`participant "` + w.ID + `/p2" has workshop`,
		`silent round "` + w.ID + `/r1": customer "nobody"`,
		`silent round "` + w.ID + `/r2": participant "ghost" does not exist`,
		`silent round "` + w.ID + `/r2": invalid data: silent round r2 has state "lost"`,
		`silent round record "` + w.ID + `/r3": checksum mismatch`,
		`silent round "nope" does not exist`,
		`participant "ghost" does not exist`,
		`invalid score 9`,
		`/q/1/` + p.ID + `" has round`,
		`votes: invalid key "` + w.ID + `/short"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Check does not report %q; it reports:\n%s", want, all)
		}
	}
	if !damaged {
		t.Errorf("undecodable records are not ErrDamaged:\n%s", all)
	}
}
