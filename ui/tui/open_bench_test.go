package tui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/styles"
)

// largeStore is a database with one workshop of n customers, every
// question answered.
func largeStore(b *testing.B, n int) *store.DB {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "big.db"), store.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	qs := assets.MustBuiltin("en").Questions()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	ds := model.Dataset{Workshop: model.Workshop{ID: store.NewID(), Name: "Big", Date: "2026-11-02", Thresholds: model.DefaultThresholds()},
		Answers: make(map[string]map[string]model.Answer, n)}
	for i := range n {
		c := model.Customer{ID: store.NewID(), WorkshopID: ds.Workshop.ID, Name: fmt.Sprintf("Kund %d AB", i)}
		ds.Customers = append(ds.Customers, c)
		as := make(map[string]model.Answer, len(qs))
		for j, q := range qs {
			as[q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: model.Score(1 + (i+j)%5), At: at}
		}
		ds.Answers[c.ID] = as
	}
	if err := db.Import(ds, false); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkFirstFrame10000 builds the app on a database of 10,000
// customers and draws its first frame (the workshop list).
func BenchmarkFirstFrame10000(b *testing.B) {
	db := largeStore(b, 10000)
	c := assets.MustBuiltin("en")
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Store: db, Content: c, Lang: "en", Theme: styles.Dark, Stack: screenSkipBlinks()})
		drive(b, m, m.Init(), tea.WindowSizeMsg{Width: 160, Height: 50})
		_ = m.View()
	}
}

// BenchmarkOpenWorkshop10000 opens a workshop of 10,000 customers from the
// list and draws its customers.
func BenchmarkOpenWorkshop10000(b *testing.B) {
	db := largeStore(b, 10000)
	c := assets.MustBuiltin("en")
	m := New(Options{Store: db, Content: c, Lang: "en", Theme: styles.Dark, Stack: screenSkipBlinks()})
	drive(b, m, m.Init(), tea.WindowSizeMsg{Width: 160, Height: 50})
	b.ReportAllocs()
	for b.Loop() {
		drive(b, m, keyMsg("enter"))
		_ = m.View()
		drive(b, m, keyMsg("esc"))
	}
}
