package store_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// openTest opens a database and registers a cleanup that runs Check on it
// (failing the test on any problem) and closes it. A test that closes the
// database itself is not checked again.
func openTest(t testing.TB, path string, opts store.Options) *store.DB {
	t.Helper()
	db, err := store.Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		defer db.Close()
		errs := db.Check()
		if len(errs) == 1 && errors.Is(errs[0], store.ErrClosed) {
			return
		}
		for _, err := range errs {
			t.Errorf("Check: %v", err)
		}
	})
	return db
}

func dbPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "styrka.db")
}

// clock is a fake time that advances by step at every call.
type clock struct {
	t    time.Time
	step time.Duration
}

func (c *clock) Now() time.Time {
	now := c.t
	c.t = c.t.Add(c.step)
	return now
}

func day(n int) time.Time {
	return time.Date(2026, 11, 27+n, 3, 15, 0, 0, time.UTC)
}

func mustNoErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func fileSHA(t testing.TB, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	mustNoErr(t, err)
	return sha256.Sum256(data)
}

func ptr[T any](v T) *T { return &v }

// dataset builds a workshop with n customers and q answers each.
func dataset(n, q int) model.Dataset {
	w := model.Workshop{
		ID: store.NewID(), Name: "Q4 key accounts", Date: "2026-11-27", OurCompany: "Styrka AB",
		HorizonMonths: model.DefaultHorizonMonths, Thresholds: model.DefaultThresholds(),
		Created: day(0), Updated: day(0),
	}
	d := model.Dataset{Workshop: w, Answers: map[string]map[string]model.Answer{}}
	for i := range n {
		c := model.Customer{
			ID: store.NewID(), WorkshopID: w.ID, Name: fmt.Sprintf("Customer %05d AB", i),
			Offering: "Hydraulic components", Revenue: ptr(float64(1000 * i)), Currency: "SEK",
			Notes: "Met their purchasing manager at the fair.", Tags: []string{"nordic", "oem"},
			Created: day(0).Add(time.Duration(i) * time.Second), Updated: day(0),
		}
		d.Customers = append(d.Customers, c)
		m := map[string]model.Answer{}
		for j := range q {
			qid := fmt.Sprintf("q%02d", j)
			m[qid] = model.Answer{CustomerID: c.ID, QuestionID: qid, Score: model.Score(j % 6),
				Note: "From the account plan", Author: "anna", At: day(0)}
		}
		d.Answers[c.ID] = m
	}
	return d
}

// makeDB creates a closed styrka database holding d.
func makeDB(t testing.TB, path string, d model.Dataset) {
	t.Helper()
	db := openTest(t, path, store.Options{NoAutoBackup: true})
	mustNoErr(t, db.Import(d, false))
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check: %v", errs)
	}
	mustNoErr(t, db.Close())
}
