// Package benchdata makes the large workshop styrka's benchmarks measure,
// the same in the whole-process program (bench/startup) and in the
// in-process benchmarks, so that their figures compare.
package benchdata

import (
	"fmt"
	"time"

	"styrka/assets"
	"styrka/model"
)

// Workshop is a workshop of n customers, each answering every built-in
// question with a spread of scores and a note. Its IDs and times are
// fixed, so two runs store the same bytes.
func Workshop(n int) model.Dataset {
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
	return d
}
