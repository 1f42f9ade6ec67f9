package postgres_test

import (
	"context"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
	"styrka/store/postgres"
	"styrka/store/storetest"
)

// next waits for the next change, with a deadline generous enough for a
// loaded machine: the point is that it comes, not how fast.
func next(t *testing.T, ch <-chan store.Change) store.Change {
	t.Helper()
	select {
	case c, ok := <-ch:
		if !ok {
			t.Fatal("the watch ended")
		}
		return c
	case <-time.After(30 * time.Second):
		t.Fatal("no change within 30 s")
	}
	return store.Change{}
}

// Two facilitators on one workshop: each one's answer reaches the
// other's watch, and neither sees their own.
func TestWatch(t *testing.T) {
	url := storetest.FreshPostgres(t)
	a := openDB(t, url, postgres.Options{})
	b := openDB(t, url, postgres.Options{})
	d := storetest.Dataset(2, 0)
	if err := a.Import(d, false); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wa, err := a.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := b.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wid, cid := d.Workshop.ID, d.Customers[0].ID

	// The same answer, a's first and b's after it: the latest write wins,
	// and a is told of it.
	if err := a.SaveAnswer(wid, model.Answer{CustomerID: cid, QuestionID: "q1", Score: 2, Author: "anna"}); err != nil {
		t.Fatal(err)
	}
	if c := next(t, wb); c.WorkshopID != wid || c.Kind != "answer" || c.Key != cid+"/q1" {
		t.Errorf("b saw %+v", c)
	}
	if err := b.SaveAnswer(wid, model.Answer{CustomerID: cid, QuestionID: "q1", Score: 5, Author: "bo"}); err != nil {
		t.Fatal(err)
	}
	if c := next(t, wa); c.WorkshopID != wid || c.Key != cid+"/q1" || c.By != "bo" {
		t.Errorf("a saw %+v", c)
	}
	got, err := a.Load(wid)
	if err != nil {
		t.Fatal(err)
	}
	if ans := got.Answers[cid]["q1"]; ans.Score != 5 || ans.Author != "bo" {
		t.Errorf("a reads %+v, want bo's 5", ans)
	}
	// Own writes are not echoed: the next thing a sees is b's customer.
	if err := a.PutCustomer(model.Customer{WorkshopID: wid, ID: "mine", Name: "Mine"}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutCustomer(model.Customer{WorkshopID: wid, ID: "theirs", Name: "Theirs"}); err != nil {
		t.Fatal(err)
	}
	if c := next(t, wa); c.Kind != "customer" || c.Key != "theirs" {
		t.Errorf("a saw %+v, want b's customer", c)
	}
	// A failed write tells no one: b's next change is a's vote-free round.
	if err := a.SaveAnswer(wid, model.Answer{CustomerID: "nobody", QuestionID: "q1", Score: 1}); err == nil {
		t.Fatal("an answer to no customer was saved")
	}
	if _, err := a.AddRound(model.Round{WorkshopID: wid}); err != nil {
		t.Fatal(err)
	}
	for {
		c := next(t, wb)
		if c.Kind == "customer" && c.Key == "mine" {
			continue
		}
		if c.Kind != "round" {
			t.Errorf("b saw %+v, want the round", c)
		}
		break
	}
}

// A watch whose connection breaks connects again and says that anything
// may have changed; Close ends it.
func TestWatchReconnects(t *testing.T) {
	url := storetest.FreshPostgres(t)
	a := openDB(t, url, postgres.Options{})
	b := openDB(t, url, postgres.Options{})
	w, err := b.Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	exec(t, url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")
	if c := next(t, w); c != (store.Change{}) {
		t.Errorf("after the break: %+v, want the empty change", c)
	}
	if err := a.PutWorkshop(model.Workshop{ID: "w", Name: "W"}); err != nil {
		t.Fatal(err)
	}
	if c := next(t, w); c.WorkshopID != "w" {
		t.Errorf("after reconnecting: %+v", c)
	}
	b.Close()
	select {
	case _, ok := <-w:
		for ok {
			_, ok = <-w
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Close did not end the watch")
	}
}

// Two processes write the same answers at once: every write is
// acknowledged or refused, none hangs, and each answer holds one of the
// values written.
func TestTwoWriters(t *testing.T) {
	url := storetest.FreshPostgres(t)
	a := openDB(t, url, postgres.Options{})
	b := openDB(t, url, postgres.Options{})
	d := storetest.Dataset(3, 0)
	if err := a.Import(d, false); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for i, db := range []*postgres.DB{a, b} {
		go func() {
			for j := range 40 {
				c := d.Customers[j%3]
				if err := db.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: c.ID, QuestionID: "q", Score: model.Score(1 + i), Author: []string{"anna", "bo"}[i]}); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, err := b.Load(d.Workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range d.Customers {
		ans := got.Answers[c.ID]["q"]
		if !(ans.Score == 1 && ans.Author == "anna" || ans.Score == 2 && ans.Author == "bo") {
			t.Errorf("answer of %s: %+v, want one writer's whole answer", c.Name, ans)
		}
	}
}
