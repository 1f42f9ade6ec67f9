package report_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
)

func BenchmarkWriteMarkdownDemo(b *testing.B) {
	in := demoInput(b, "sv")
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteMarkdown(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteBriefDemo(b *testing.B) {
	in := demoInput(b, "sv")
	id := customerID(b, in.Dataset, "Rydéns Mekaniska AB")
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteBrief(io.Discard, in, id); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticDataset is a workshop of n customers, each answering every
// question (20 with the built-in content) with a spread of scores.
func syntheticDataset(n int, qs []model.Question) model.Dataset {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	rev := 1_000_000.0
	ds := model.Dataset{
		Workshop: model.Workshop{ID: "bench", Name: "Bench", Date: "2026-11-02", Thresholds: model.DefaultThresholds(), Created: at, Updated: at},
		Answers:  make(map[string]map[string]model.Answer, n),
	}
	for i := range n {
		c := model.Customer{ID: fmt.Sprintf("c%04d", i), WorkshopID: "bench", Name: fmt.Sprintf("Kund %d AB", i),
			Revenue: &rev, Currency: "SEK", Notes: "Anteckning", Created: at, Updated: at}
		ds.Customers = append(ds.Customers, c)
		answers := make(map[string]model.Answer, len(qs))
		for j, q := range qs {
			answers[q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: model.Score((i + j) % 6),
				Note: "Underlag från mötet i oktober.", Author: "Bench", At: at}
		}
		ds.Answers[c.ID] = answers
	}
	return ds
}

func BenchmarkWriteJSON1000(b *testing.B) {
	qs := assets.MustBuiltin("sv").Questions()
	if len(qs) != 20 {
		b.Fatalf("%d questions, the benchmark assumes 20", len(qs))
	}
	ds := syntheticDataset(1000, qs)
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteJSON(io.Discard, ds, qs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadJSON1000(b *testing.B) {
	qs := assets.MustBuiltin("sv").Questions()
	data := writeJSON(b, syntheticDataset(1000, qs), qs)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.ReadJSON(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadJSON10000 reads the export of 10,000 customers with 20
// answers each.
func BenchmarkReadJSON10000(b *testing.B) {
	qs := assets.MustBuiltin("sv").Questions()
	data := writeJSON(b, syntheticDataset(10000, qs), qs)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.ReadJSON(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
