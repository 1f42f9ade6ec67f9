package cli

import (
	"path/filepath"
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
