package cli

import (
	"strings"
	"testing"
)

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
