package model_test

import (
	"slices"
	"testing"

	. "styrka/model"
)

// TestOnTheLine: a score within the band of its cut-off puts the customer
// on the line in that dimension and names the placement on the other side.
func TestOnTheLine(t *testing.T) {
	qs := questionsN(4)
	c := Customer{ID: "c", Name: "Acme"}
	// Clear scores: impact 5, risk 5, value 5, attractiveness 5 unless set.
	tests := []struct {
		name   string
		t      Thresholds
		a      answers
		dims   []Dimension
		others []Placement
		highs  []bool
	}{
		{
			name: "nothing near a cut-off",
			t:    DefaultThresholds(),
			a:    fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 5, RelativeValue: 5, Attractiveness: 5}),
		},
		{
			name:   "risk exactly 3.0 is low and on the line: could be Strategic",
			t:      DefaultThresholds(),
			a:      answers{ProfitImpact: {5, 5, 5, 5}, SupplyRisk: {3, 3, 3, 3}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
			dims:   []Dimension{SupplyRisk},
			others: []Placement{{Kraljic: Strategic, Pref: Core, Regime: Interdependence, Priority: P1}},
			highs:  []bool{false},
		},
		{
			name:   "risk 3.25 is high and on the line (band edge included)",
			t:      DefaultThresholds(),
			a:      answers{ProfitImpact: {5, 5, 5, 5}, SupplyRisk: {3, 3, 3, 4}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
			dims:   []Dimension{SupplyRisk},
			others: []Placement{{Kraljic: Leverage, Pref: Core, Regime: BuyerDominance, Priority: P1}},
			highs:  []bool{true},
		},
		{
			name: "risk 3.5 is clear of a 0.25 band",
			t:    DefaultThresholds(),
			a:    answers{ProfitImpact: {5, 5, 5, 5}, SupplyRisk: {3, 3, 4, 4}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
		},
		{
			name:   "risk 3.5 is on the line with a 0.5 band",
			t:      DefaultThresholds().WithBand(0.5),
			a:      answers{ProfitImpact: {5, 5, 5, 5}, SupplyRisk: {3, 3, 4, 4}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
			dims:   []Dimension{SupplyRisk},
			others: []Placement{{Kraljic: Leverage, Pref: Core, Regime: BuyerDominance, Priority: P1}},
			highs:  []bool{true},
		},
		{
			name: "band 0 turns it off, even exactly on the cut-off",
			t:    DefaultThresholds().WithBand(0),
			a:    answers{ProfitImpact: {5, 5, 5, 5}, SupplyRisk: {3, 3, 3, 3}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
		},
		{
			name: "a band outside 0–1 falls back to the default",
			t:    DefaultThresholds().WithBand(7),
			a:    answers{ProfitImpact: {5, 5, 5, 5}, SupplyRisk: {3, 3, 3, 4}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
			dims: []Dimension{SupplyRisk}, others: []Placement{{Kraljic: Leverage, Pref: Core, Regime: BuyerDominance, Priority: P1}},
			highs: []bool{true},
		},
		{
			name:   "impact 2.75 low on the line: only the Kraljic class moves",
			t:      DefaultThresholds(),
			a:      answers{ProfitImpact: {2, 3, 3, 3}, SupplyRisk: {5, 5, 5, 5}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
			dims:   []Dimension{ProfitImpact},
			others: []Placement{{Kraljic: Strategic, Pref: Core, Regime: Interdependence, Priority: P1}},
			highs:  []bool{false},
		},
		{
			name: "all four middle anchors: low everywhere, on the line four times",
			t:    DefaultThresholds(),
			a:    fill(4, map[Dimension]Score{ProfitImpact: 3, SupplyRisk: 3, RelativeValue: 3, Attractiveness: 3}),
			dims: []Dimension{ProfitImpact, SupplyRisk, RelativeValue, Attractiveness},
			others: []Placement{
				{Kraljic: Leverage, Pref: Nuisance, Regime: Independence, Priority: P4},
				{Kraljic: Bottleneck, Pref: Nuisance, Regime: SupplierDominance, Priority: P4},
				{Kraljic: NonCritical, Pref: Exploitable, Regime: BuyerDominance, Priority: P3},
				{Kraljic: NonCritical, Pref: Development, Regime: Independence, Priority: P3},
			},
			highs: []bool{false, false, false, false},
		},
		{
			name: "impact on the line without risk: no class to move, not listed",
			t:    DefaultThresholds(),
			a:    answers{ProfitImpact: {3, 3, 3, 3}, RelativeValue: {5, 5, 5, 5}, Attractiveness: {5, 5, 5, 5}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(tt.t, qs, c, tt.a.build())
			var dims []Dimension
			var others []Placement
			var highs []bool
			for _, l := range got.OnLine {
				dims = append(dims, l.Dimension)
				others = append(others, l.Other)
				highs = append(highs, l.High)
				if l.Cutoff != tt.t.Normalized().For(l.Dimension) || !near(l.Value, got.Scores[l.Dimension].Value) {
					t.Errorf("%s: value %v cut-off %v", l.Dimension, l.Value, l.Cutoff)
				}
			}
			if !slices.Equal(dims, tt.dims) || !slices.Equal(others, tt.others) || !slices.Equal(highs, tt.highs) {
				t.Errorf("OnLine dims %v others %+v highs %v\nwant dims %v others %+v highs %v", dims, others, highs, tt.dims, tt.others, tt.highs)
			}
			if on := slices.Contains(got.Warnings, WarnOnLine); on != (len(tt.dims) > 0) {
				t.Errorf("Warnings = %v, on the line %v", got.Warnings, len(tt.dims) > 0)
			}
		})
	}
}

func TestBandWidth(t *testing.T) {
	for _, tt := range []struct {
		name string
		t    Thresholds
		want float64
	}{
		{"unset", Thresholds{}, DefaultBand},
		{"default thresholds", DefaultThresholds(), DefaultBand},
		{"zero turns it off", DefaultThresholds().WithBand(0), 0},
		{"0.5", DefaultThresholds().WithBand(0.5), 0.5},
		{"max", DefaultThresholds().WithBand(MaxBand), MaxBand},
		{"negative", DefaultThresholds().WithBand(-0.1), DefaultBand},
		{"too wide", DefaultThresholds().WithBand(1.5), DefaultBand},
		{"normalized keeps it", DefaultThresholds().WithBand(0.4).Normalized(), 0.4},
	} {
		if got := tt.t.BandWidth(); got != tt.want {
			t.Errorf("%s: BandWidth = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAboveWithin(t *testing.T) {
	for _, tt := range []struct {
		v, cut, band  float64
		above, within bool
	}{
		{3, 3, 0.25, false, true},
		{3 + 1e-12, 3, 0.25, false, true}, // float noise is not above
		{3 - 1e-12, 3, 0.25, false, true},
		{3.001, 3, 0.25, true, true},
		{3.25, 3, 0.25, true, true},
		{3.251, 3, 0.25, true, false},
		{2.75, 3, 0.25, false, true},
		{2.7, 3, 0.25, false, false},
		{3, 3, 0, false, false},
	} {
		if got := Above(tt.v, tt.cut); got != tt.above {
			t.Errorf("Above(%v, %v) = %v", tt.v, tt.cut, got)
		}
		if got := Within(tt.v, tt.cut, tt.band); got != tt.within {
			t.Errorf("Within(%v, %v, %v) = %v", tt.v, tt.cut, tt.band, got)
		}
	}
}

// TestStanceIndicative: exploit / balance / diversify is Kraljic's for
// strategic items only; elsewhere the room says it is indicative.
func TestStanceIndicative(t *testing.T) {
	qs := questionsN(4)
	for _, tt := range []struct {
		name       string
		a          answers
		indicative bool
	}{
		{"strategic", fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 5, RelativeValue: 5, Attractiveness: 5}), false},
		{"leverage", fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 1, RelativeValue: 5, Attractiveness: 5}), true},
		{"bottleneck", fill(4, map[Dimension]Score{ProfitImpact: 1, SupplyRisk: 5, RelativeValue: 1, Attractiveness: 5}), true},
		{"no impact answered", fill(4, map[Dimension]Score{SupplyRisk: 5, RelativeValue: 1, Attractiveness: 5}), true},
	} {
		got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, tt.a.build()).Room
		if !got.Placed || got.Indicative != tt.indicative {
			t.Errorf("%s: Room = %+v, want indicative %v", tt.name, got, tt.indicative)
		}
	}
}
