package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkMapDemo is `styrka map` on the demo workshop in this process:
// opening the database, finding and loading the workshop, showing the
// demo in the language in use and drawing the map. The whole process,
// start-up included, is bench/startup's.
func BenchmarkMapDemo(b *testing.B) {
	db := filepath.Join(b.TempDir(), "styrka.db")
	if _, errs, code := runApp("en", "demo", "--db", db); code != 0 {
		b.Fatalf("demo: exit %d: %s", code, errs)
	}
	for _, lang := range []string{"en", "sv"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, errs, code := runApp(lang, "map", "--db", db); code != 0 {
					b.Fatalf("exit %d: %s", code, errs)
				}
			}
		})
	}
}

// BenchmarkMap10000 is `styrka map` on a workshop of 10,000 customers, in
// this process: opening the database, loading, scoring and drawing the
// map at 100×30. bench/startup measures the same as a whole process.
func BenchmarkMap10000(b *testing.B) {
	db := benchDatabase(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		out, errs, code := runApp("en", "map", "--width", "100", "--height", "30", "--db", db)
		if code != 0 || !strings.Contains(out, "10000") {
			b.Fatalf("exit %d: %s\n%s", code, errs, out)
		}
	}
}
