package model_test

import (
	"reflect"
	"slices"
	"testing"

	. "styrka/model"
)

// ranked builds an assessment for Rank: its coverage is known/total.
func ranked(id, name string, p Priority, revenue *float64, known, total int) Assessment {
	return Assessment{
		Customer:    Customer{ID: id, Name: name, Revenue: revenue},
		BaseRevenue: revenue,
		Priority:    p,
		Scores: map[Dimension]DimensionScore{
			ProfitImpact: {Dimension: ProfitImpact, Known: known, Questions: total},
		},
	}
}

func ids(as []Assessment) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Customer.ID
	}
	return out
}

func TestRank(t *testing.T) {
	tests := []struct {
		name string
		in   []Assessment
		want []string
	}{
		{
			name: "priority first, unplaced last",
			in: []Assessment{
				ranked("none", "A", NoPriority, rev(1e9), 10, 10),
				ranked("p4", "A", P4, nil, 0, 10),
				ranked("p2", "A", P2, nil, 0, 10),
				ranked("p1", "A", P1, nil, 0, 10),
				ranked("p3", "A", P3, nil, 0, 10),
			},
			want: []string{"p1", "p2", "p3", "p4", "none"},
		},
		{
			name: "revenue descending, known before unknown",
			in: []Assessment{
				ranked("unknown", "A", P1, nil, 10, 10),
				ranked("small", "A", P1, rev(10), 0, 10),
				ranked("zero", "A", P1, rev(0), 0, 10),
				ranked("big", "A", P1, rev(1000), 0, 10),
				ranked("mid", "A", P1, rev(500), 0, 10),
			},
			want: []string{"big", "mid", "small", "zero", "unknown"},
		},
		{
			name: "revenue only within a priority",
			in: []Assessment{
				ranked("p2-big", "A", P2, rev(1e6), 10, 10),
				ranked("p1-small", "A", P1, rev(1), 0, 10),
				ranked("p1-unknown", "A", P1, nil, 0, 10),
			},
			want: []string{"p1-small", "p1-unknown", "p2-big"},
		},
		{
			name: "then coverage descending",
			in: []Assessment{
				ranked("half", "A", P2, rev(100), 5, 10),
				ranked("full", "Z", P2, rev(100), 10, 10),
				ranked("none", "A", P2, rev(100), 0, 10),
				ranked("nil-half", "A", P2, nil, 5, 10),
				ranked("nil-full", "Z", P2, nil, 10, 10),
			},
			want: []string{"full", "half", "none", "nil-full", "nil-half"},
		},
		{
			name: "then name, case-insensitive",
			in: []Assessment{
				ranked("c", "charlie", P3, nil, 5, 10),
				ranked("B", "Bravo", P3, nil, 5, 10),
				ranked("a", "alpha", P3, nil, 5, 10),
				ranked("D", "DELTA", P3, nil, 5, 10),
			},
			want: []string{"a", "B", "c", "D"},
		},
		{
			name: "stable for equal keys",
			in: []Assessment{
				ranked("1", "Acme", P2, rev(5), 5, 10),
				ranked("2", "ACME", P2, rev(5), 5, 10),
				ranked("3", "acme", P2, rev(5), 5, 10),
				ranked("0", "Acme", P1, rev(5), 5, 10),
				ranked("4", "Acme", P2, rev(5), 5, 10),
			},
			want: []string{"0", "1", "2", "3", "4"},
		},
		{
			name: "unplaced ordered among themselves too",
			in: []Assessment{
				ranked("u-nil", "A", NoPriority, nil, 0, 10),
				ranked("u-rev", "B", NoPriority, rev(1), 0, 10),
				ranked("p4", "C", P4, nil, 0, 10),
			},
			want: []string{"p4", "u-rev", "u-nil"},
		},
		{
			name: "empty",
			in:   nil,
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.in)
			got := Rank(tt.in)
			if g := ids(got); !slices.Equal(g, tt.want) {
				t.Errorf("Rank = %v, want %v", g, tt.want)
			}
			if !reflect.DeepEqual(tt.in, before) {
				t.Errorf("Rank modified its input: %v, was %v", ids(tt.in), ids(before))
			}
			if len(tt.in) > 0 && &got[0] == &tt.in[0] {
				t.Error("Rank returned its input slice, want a copy")
			}
		})
	}
}

func TestRankAssessed(t *testing.T) {
	// End to end: assessed customers rank by their cell's priority.
	qs := questionsN(4)
	mk := func(id string, r *float64, impact, risk, value, attr Score) (Customer, map[string]Answer) {
		return Customer{ID: id, Name: id, Revenue: r},
			fill(4, map[Dimension]Score{ProfitImpact: impact, SupplyRisk: risk, RelativeValue: value, Attractiveness: attr}).build()
	}
	var cs []Customer
	ans := map[string]map[string]Answer{}
	for _, x := range []struct {
		id                        string
		r                         *float64
		impact, risk, value, attr Score
	}{
		{"noncritical-nuisance", rev(1e6), 1, 1, 1, 1},           // P4
		{"only-set-a", rev(1e7), 5, 5, 0, 0},                     // not placed
		{"leverage-core-small", rev(10), 5, 1, 5, 5},             // P1
		{"strategic-development", nil, 5, 5, 1, 5},               // P2
		{"strategic-core-big", rev(100), 5, 5, 5, 5},             // P1
		{"strategic-nuisance", rev(1), 5, 5, 1, 1},               // P3
		{"leverage-core-unknown-revenue", nil, 5, 1, 5, 5},       // P1
		{"bottleneck-development", rev(2), 1, 5, 1, 5},           // P2
		{"nothing", nil, DontKnow, DontKnow, DontKnow, DontKnow}, // not placed
	} {
		c, a := mk(x.id, x.r, x.impact, x.risk, x.value, x.attr)
		if x.id == "only-set-a" {
			a = fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 5}).build()
		}
		cs = append(cs, c)
		ans[c.ID] = a
	}
	got := ids(Rank(AssessAll(DefaultThresholds(), qs, cs, ans)))
	want := []string{
		"strategic-core-big", "leverage-core-small", "leverage-core-unknown-revenue",
		"bottleneck-development", "strategic-development",
		"strategic-nuisance",
		"noncritical-nuisance",
		"only-set-a", "nothing",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Rank = %v\nwant   %v", got, want)
	}
}

func TestCompareRankSymmetric(t *testing.T) {
	as := []Assessment{
		ranked("a", "a", P1, rev(1), 1, 2),
		ranked("b", "B", P1, rev(1), 1, 2),
		ranked("c", "c", P1, nil, 2, 2),
		ranked("d", "d", NoPriority, rev(9), 2, 2),
		ranked("e", "e", P3, rev(9), 0, 2),
		ranked("f", "A", P1, rev(1), 1, 2),
	}
	for _, x := range as {
		if c := CompareRank(x, x); c != 0 {
			t.Errorf("CompareRank(%s, %s) = %d, want 0", x.Customer.ID, x.Customer.ID, c)
		}
		for _, y := range as {
			if CompareRank(x, y) != -CompareRank(y, x) {
				t.Errorf("CompareRank not antisymmetric for %s, %s", x.Customer.ID, y.Customer.ID)
			}
		}
	}
}
