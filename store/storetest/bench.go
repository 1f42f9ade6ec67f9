package storetest

import (
	"fmt"
	"testing"

	"styrka/model"
)

// Bench measures a backend on the operations a workshop leans on: an
// answer saved, the map's data loaded (the demo's 12 customers, and
// 10,000 customers of 20 answers each) and an import of 10,000
// customers. The data is made here; run with -benchmem.
func Bench(b *testing.B, open Opener) {
	b.Run("SaveAnswer", func(b *testing.B) {
		s := open(b, nil)
		d := Dataset(12, 0)
		must(b, s.Import(d, false))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c := d.Customers[i%len(d.Customers)]
			must(b, s.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: c.ID, QuestionID: fmt.Sprintf("q%02d", i%20), Score: model.Score(i % 6)}))
			i++
		}
	})
	for _, n := range []int{12, 10000} {
		b.Run(fmt.Sprintf("Load%d", n), func(b *testing.B) {
			s := open(b, nil)
			d := Dataset(n, 20)
			must(b, s.Import(d, false))
			b.ReportAllocs()
			for b.Loop() {
				got, err := s.Load(d.Workshop.ID)
				must(b, err)
				if len(got.Customers) != n {
					b.Fatalf("%d customers", len(got.Customers))
				}
			}
		})
	}
	b.Run("Import10000", func(b *testing.B) {
		s := open(b, nil)
		d := Dataset(10000, 20)
		b.ReportAllocs()
		first := true
		for b.Loop() {
			// The same workshop again replaces it: every round writes
			// 10,000 customers and their 200,000 answers.
			must(b, s.Import(d, !first))
			first = false
		}
	})
}
