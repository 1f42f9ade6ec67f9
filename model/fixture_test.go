package model_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	. "styrka/model"
)

// qid is the ID of the i-th question (1-based) of dimension d, such as
// "them.impact.1".
func qid(d Dimension, i int) string { return fmt.Sprintf("%s.%s.%d", d.Set(), d, i) }

// questionsN builds n questions of weight 1 per dimension, set A first,
// dimension by dimension in Dimensions order.
func questionsN(n int) []Question {
	return questionsPer(map[Dimension]int{ProfitImpact: n, SupplyRisk: n, RelativeValue: n, Attractiveness: n})
}

// questionsPer builds counts[d] questions of weight 1 for each dimension, in
// Dimensions order.
func questionsPer(counts map[Dimension]int) []Question {
	var qs []Question
	for _, d := range Dimensions {
		for i := 1; i <= counts[d]; i++ {
			qs = append(qs, Question{ID: qid(d, i), Set: d.Set(), Dimension: d, Weight: 1})
		}
	}
	return qs
}

// weighted builds the questions of one dimension with the given weights.
func weighted(d Dimension, weights ...float64) []Question {
	qs := make([]Question, len(weights))
	for i, w := range weights {
		qs[i] = Question{ID: qid(d, i+1), Set: d.Set(), Dimension: d, Weight: w}
	}
	return qs
}

// answers maps dimension → scores of questions 1, 2, … to answers keyed by
// question ID.
type answers map[Dimension][]Score

// build gives every answer an evidence note, so that only tests about
// evidence meet the "validate with the customer" rule for bare scores.
func (a answers) build() map[string]Answer {
	out := a.bare()
	for id, ans := range out {
		ans.Note = "from the account plan"
		out[id] = ans
	}
	return out
}

// bare builds the answers without evidence notes.
func (a answers) bare() map[string]Answer {
	out := map[string]Answer{}
	for d, scores := range a {
		for i, s := range scores {
			id := qid(d, i+1)
			out[id] = Answer{QuestionID: id, Score: s}
		}
	}
	return out
}

// fill gives all n questions of each listed dimension the same score.
func fill(n int, scores map[Dimension]Score) answers {
	a := answers{}
	for d, s := range scores {
		a[d] = slices.Repeat([]Score{s}, n)
	}
	return a
}

func rev(v float64) *float64 { return &v }

const eps = 1e-12

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func assertWarnings(t *testing.T, got, want []WarningKind) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("Warnings = %v, want %v", got, want)
	}
}
