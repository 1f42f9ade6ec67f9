package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// benchDatabase writes a workshop of n customers, each answering every
// built-in question with a note, as bench/startup generates it, and
// returns the database's path.
func benchDatabase(b *testing.B, n int) string {
	b.Helper()
	qs := assets.MustBuiltin("en").Questions()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	rev := 1_000_000.0
	ws := "00000000-0000-4000-8000-000000000001"
	d := model.Dataset{
		Workshop: model.Workshop{ID: ws, Name: "Bench", Date: "2026-11-02", HorizonMonths: model.DefaultHorizonMonths,
			Thresholds: model.DefaultThresholds(), Created: at, Updated: at},
		Answers: make(map[string]map[string]model.Answer, n),
	}
	for i := range n {
		c := model.Customer{ID: fmt.Sprintf("00000000-0000-4000-9000-%012d", i), WorkshopID: ws,
			Name: fmt.Sprintf("Customer %05d AB", i), Revenue: &rev, Currency: "SEK",
			Notes: "From the account plan.", Created: at, Updated: at}
		d.Customers = append(d.Customers, c)
		answers := make(map[string]model.Answer, len(qs))
		for j, q := range qs {
			answers[q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: model.Score((i*7 + j*3) % 6),
				Note: "Heard at the October meeting.", Author: "Bench", At: at}
		}
		d.Answers[c.ID] = answers
	}
	path := filepath.Join(b.TempDir(), "styrka.db")
	db, err := store.Open(path, store.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Import(d, false); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkExportJSON10000 is `styrka report --format json -o FILE` on a
// workshop of 10,000 customers, in this process: opening the database,
// loading, scoring and writing the file.
func BenchmarkExportJSON10000(b *testing.B) {
	db := benchDatabase(b, 10000)
	out := filepath.Join(b.TempDir(), "export.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, errs, code := runApp("en", "report", "--format", "json", "-o", out, "--db", db); code != 0 {
			b.Fatalf("exit %d: %s", code, errs)
		}
	}
}

// BenchmarkImportJSON10000 is `styrka import FILE.json --replace` of the
// export of 10,000 customers, in this process: reading and checking the
// file and writing it over the workshop it came from.
func BenchmarkImportJSON10000(b *testing.B) {
	db := benchDatabase(b, 10000)
	export := filepath.Join(b.TempDir(), "export.json")
	if _, errs, code := runApp("en", "report", "--format", "json", "-o", export, "--db", db); code != 0 {
		b.Fatalf("export: exit %d: %s", code, errs)
	}
	if fi, err := os.Stat(export); err != nil || fi.Size() < 1<<20 {
		b.Fatalf("export: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs, code := runApp("en", "import", export, "--replace", "--db", db); code != 0 {
			b.Fatalf("exit %d: %s", code, errs)
		}
	}
}
