package report_test

import (
	"io"
	"testing"

	"styrka/assets"
	"styrka/report"
)

// BenchmarkWriteXLSX10000 writes the workbook of 10,000 customers with 20
// answers each (200,000 answer rows).
func BenchmarkWriteXLSX10000(b *testing.B) {
	c := assets.MustBuiltin("sv")
	in := report.Input{Dataset: syntheticDataset(10000, c.Questions()), Content: c, Lang: "sv"}
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteXLSX(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
