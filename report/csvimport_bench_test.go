package report_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"styrka/model"
	"styrka/report"
	"styrka/store"
)

// customerList is a CSV customer list of n rows as Swedish Excel writes
// it: semicolons, CRLF, Windows-1252, revenues with spaces and a decimal
// comma, a quoted note with a line break now and then.
func customerList(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	b.WriteString("Namn;Erbjudande;Omsättning;Valuta;Anteckningar\r\n")
	for i := range n {
		note := "Ramavtal"
		if i%10 == 0 {
			note = "\"Ny kund; via mässan\r\nring Åsa\""
		}
		fmt.Fprintf(&b, "Kund %06d Åkeri AB;Hydraulik och lager;%d %03d,50;SEK;%s\r\n", i, i/1000+1, i%1000, note)
	}
	out, err := charmap.Windows1252.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkImportCSV100k reads a list of 100,000 customers (parse), plans
// the import against the workshop (plan), and stores them in a new
// database in one transaction (store).
func BenchmarkImportCSV100k(b *testing.B) {
	const n = 100_000
	data := customerList(b, n)

	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			list, err := report.ParseCSV(data)
			if err != nil || len(list.Rows) != n {
				b.Fatalf("%d rows, %v", len(list.Rows), err)
			}
		}
	})

	list, err := report.ParseCSV(data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("plan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if p := report.PlanImport(list, nil); p.New != n {
				b.Fatalf("%d new", p.New)
			}
		}
	})

	b.Run("store", func(b *testing.B) {
		cs, err := report.PlanImport(list, nil).Accept(false)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{NoAutoBackup: true})
			if err != nil {
				b.Fatal(err)
			}
			w := model.Workshop{ID: store.NewID(), Name: "Bench", Date: "2026-11-27"}
			b.StartTimer()
			if err := db.AddWorkshop(w, cs); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if errs := db.Check(); len(errs) > 0 {
				b.Fatal(errs)
			}
			db.Close()
			b.StartTimer()
		}
	})
}

// TestCustomerListBench keeps the benchmark's data honest: every row
// reads, with its revenue and its note.
func TestCustomerListBench(t *testing.T) {
	list, err := report.ParseCSV(customerList(t, 100))
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Rows) != 100 || list.Encoding != report.Windows1252 || list.Delimiter != ';' {
		t.Fatalf("%d rows in %s with %q", len(list.Rows), list.Encoding, list.Delimiter)
	}
	c := list.Rows[10].Customer
	if c.Name != "Kund 000010 Åkeri AB" || *c.Revenue != 1010.5 || c.Notes != "Ny kund; via mässan\nring Åsa" {
		t.Errorf("row 10: %+v", c)
	}
}
