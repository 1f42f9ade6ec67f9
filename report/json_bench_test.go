package report_test

import (
	"io"
	"testing"

	"styrka/assets"
	"styrka/report"
)

// BenchmarkWriteJSON10000 writes the export of 10,000 customers with 20
// answers each.
func BenchmarkWriteJSON10000(b *testing.B) {
	qs := assets.MustBuiltin("sv").Questions()
	ds := syntheticDataset(10000, qs)
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteJSON(io.Discard, ds, qs); err != nil {
			b.Fatal(err)
		}
	}
}
