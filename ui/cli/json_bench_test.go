package cli

import (
	"os"
	"path/filepath"
	"testing"

	"styrka/bench/benchdata"
	"styrka/store"
)

// benchDatabase writes a workshop of n customers, each answering every
// built-in question with a note, as bench/startup generates it, and
// returns the database's path.
func benchDatabase(b *testing.B, n int) string {
	b.Helper()
	d := benchdata.Workshop(n)
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
