package model_test

import (
	"fmt"
	"testing"

	. "styrka/model"
)

// benchFixture is 10,000 customers with all 18 questions answered (5 + 4 on
// set A, 5 + 4 on set B), every third revenue unknown.
func benchFixture() ([]Question, []Customer, map[string]map[string]Answer) {
	qs := questionsPer(map[Dimension]int{ProfitImpact: 5, SupplyRisk: 4, RelativeValue: 5, Attractiveness: 4})
	if len(qs) != 18 {
		panic(fmt.Sprintf("fixture has %d questions, want 18", len(qs)))
	}
	const n = 10000
	cs := make([]Customer, n)
	ans := make(map[string]map[string]Answer, n)
	for i := range cs {
		id := fmt.Sprintf("c%05d", i)
		cs[i] = Customer{ID: id, Name: fmt.Sprintf("Customer %d", (i*7919)%n)}
		if i%3 != 0 {
			cs[i].Revenue = rev(float64((i * 104729) % 1000000))
		}
		a := make(map[string]Answer, len(qs))
		for j, q := range qs {
			a[q.ID] = Answer{CustomerID: id, QuestionID: q.ID, Score: Score((i*7+j*3+i/13)%Levels + 1)}
		}
		ans[id] = a
	}
	return qs, cs, ans
}

func BenchmarkAssess10000(b *testing.B) {
	qs, cs, ans := benchFixture()
	th := DefaultThresholds()
	b.ReportAllocs()
	for b.Loop() {
		out := AssessAll(th, qs, cs, ans)
		if len(out) != len(cs) {
			b.Fatal("short result")
		}
	}
}

func BenchmarkRank10000(b *testing.B) {
	qs, cs, ans := benchFixture()
	as := AssessAll(DefaultThresholds(), qs, cs, ans)
	b.ReportAllocs()
	for b.Loop() {
		out := Rank(as)
		if len(out) != len(as) {
			b.Fatal("short result")
		}
	}
}

// BenchmarkStability is one customer's stability figure: 1,000 weight draws
// over 18 questions.
func BenchmarkStability(b *testing.B) {
	qs, cs, ans := benchFixture()
	th := DefaultThresholds()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := CustomerStability(th, qs, cs[1], ans[cs[1].ID]); !ok {
			b.Fatal("not placed")
		}
	}
}

// BenchmarkSensitivity is one customer's flip search.
func BenchmarkSensitivity(b *testing.B) {
	qs, cs, ans := benchFixture()
	th := DefaultThresholds()
	b.ReportAllocs()
	for b.Loop() {
		Sensitivity(th, qs, ans[cs[1].ID])
	}
}

// BenchmarkLeastStable100 is the workshop view over 100 customers.
func BenchmarkLeastStable100(b *testing.B) {
	qs, cs, ans := benchFixture()
	d := Dataset{Workshop: Workshop{Thresholds: DefaultThresholds()}, Customers: cs[:100], Answers: ans}
	b.ReportAllocs()
	for b.Loop() {
		if len(LeastStable(d, qs)) == 0 {
			b.Fatal("empty")
		}
	}
}
