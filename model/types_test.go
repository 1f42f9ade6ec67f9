package model_test

import (
	"math"
	"slices"
	"testing"

	. "styrka/model"
)

func TestScoreKnownValid(t *testing.T) {
	tests := []struct {
		s            Score
		known, valid bool
	}{
		{-1, false, false},
		{DontKnow, false, true},
		{1, true, true},
		{2, true, true},
		{3, true, true},
		{4, true, true},
		{5, true, true},
		{6, false, false},
		{100, false, false},
	}
	for _, tt := range tests {
		if got := tt.s.Known(); got != tt.known {
			t.Errorf("Score(%d).Known() = %v, want %v", tt.s, got, tt.known)
		}
		if got := tt.s.Valid(); got != tt.valid {
			t.Errorf("Score(%d).Valid() = %v, want %v", tt.s, got, tt.valid)
		}
	}
}

func TestDimensionSetValid(t *testing.T) {
	tests := []struct {
		d     Dimension
		set   SetID
		valid bool
	}{
		{ProfitImpact, SetThem, true},
		{SupplyRisk, SetThem, true},
		{RelativeValue, SetUs, true},
		{Attractiveness, SetUs, true},
		{"", "", false},
		{"bogus", "", false},
		{"Impact", "", false},
	}
	for _, tt := range tests {
		if got := tt.d.Set(); got != tt.set {
			t.Errorf("Dimension(%q).Set() = %q, want %q", tt.d, got, tt.set)
		}
		if got := tt.d.Valid(); got != tt.valid {
			t.Errorf("Dimension(%q).Valid() = %v, want %v", tt.d, got, tt.valid)
		}
	}
	for _, d := range Dimensions {
		if !d.Valid() {
			t.Errorf("Dimensions lists invalid %q", d)
		}
	}
}

func TestDimensionsOf(t *testing.T) {
	tests := []struct {
		s    SetID
		want []Dimension
	}{
		{SetThem, []Dimension{ProfitImpact, SupplyRisk}},
		{SetUs, []Dimension{RelativeValue, Attractiveness}},
		{"", nil},
		{"bogus", nil},
	}
	for _, tt := range tests {
		got := DimensionsOf(tt.s)
		if !slices.Equal(got, tt.want) {
			t.Errorf("DimensionsOf(%q) = %v, want %v", tt.s, got, tt.want)
		}
		for _, d := range got {
			if d.Set() != tt.s {
				t.Errorf("DimensionsOf(%q) includes %q of set %q", tt.s, d, d.Set())
			}
		}
	}
	// Every dimension belongs to exactly one listed set.
	var all []Dimension
	for _, s := range Sets {
		all = append(all, DimensionsOf(s)...)
	}
	if !slices.Equal(all, Dimensions) {
		t.Errorf("dimensions of Sets = %v, want %v", all, Dimensions)
	}
}

func TestThresholdsFor(t *testing.T) {
	th := Thresholds{Impact: 1.5, Risk: 2.5, Value: 3.5, Attractiveness: 4.5}
	tests := []struct {
		d    Dimension
		want float64
	}{
		{ProfitImpact, 1.5},
		{SupplyRisk, 2.5},
		{RelativeValue, 3.5},
		{Attractiveness, 4.5},
		{"", DefaultCutoff},
		{"bogus", DefaultCutoff},
	}
	for _, tt := range tests {
		if got := th.For(tt.d); got != tt.want {
			t.Errorf("For(%q) = %v, want %v", tt.d, got, tt.want)
		}
	}
	for _, d := range Dimensions {
		if got := DefaultThresholds().For(d); got != 3.0 {
			t.Errorf("DefaultThresholds().For(%q) = %v, want 3.0", d, got)
		}
	}
}

func TestThresholdsNormalized(t *testing.T) {
	tests := []struct {
		in, want float64
	}{
		{0, 3},
		{7, 3},
		{-1, 3},
		{0.999, 3},
		{5.001, 3},
		{math.Inf(1), 3},
		{math.Inf(-1), 3},
		{1, 1},
		{5, 5},
		{3.5, 3.5},
		{2.25, 2.25},
	}
	for _, tt := range tests {
		got := Thresholds{Impact: tt.in, Risk: tt.in, Value: tt.in, Attractiveness: tt.in}.Normalized()
		want := Thresholds{Impact: tt.want, Risk: tt.want, Value: tt.want, Attractiveness: tt.want}
		if got != want {
			t.Errorf("Normalized(%v) = %+v, want %+v", tt.in, got, want)
		}
	}
	// Each dimension is normalized on its own.
	got := Thresholds{Impact: 0, Risk: 3.5, Value: 7, Attractiveness: 2}.Normalized()
	if want := (Thresholds{Impact: 3, Risk: 3.5, Value: 3, Attractiveness: 2}); got != want {
		t.Errorf("Normalized mixed = %+v, want %+v", got, want)
	}
	// The zero value (a workshop that sets none) is the default.
	if got := (Thresholds{}).Normalized(); got != DefaultThresholds() {
		t.Errorf("zero Thresholds normalized = %+v, want %+v", got, DefaultThresholds())
	}
}

func TestThresholdsNormalizedNaN(t *testing.T) {

	got := Thresholds{Impact: math.NaN(), Risk: 3, Value: 3, Attractiveness: 3}.Normalized()
	if got.Impact != DefaultCutoff {
		t.Errorf("Normalized(NaN).Impact = %v, want %v", got.Impact, DefaultCutoff)
	}
}

func TestPriorityString(t *testing.T) {
	tests := []struct {
		p    Priority
		want string
	}{
		{NoPriority, "–"},
		{P1, "P1"},
		{P2, "P2"},
		{P3, "P3"},
		{P4, "P4"},
		{5, "–"},
		{-1, "–"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Priority(%d).String() = %q, want %q", int(tt.p), got, tt.want)
		}
	}
}

func TestProgressDone(t *testing.T) {
	tests := []struct {
		p    Progress
		want bool
	}{
		{Progress{0, 0}, false},
		{Progress{0, 8}, false},
		{Progress{7, 8}, false},
		{Progress{8, 8}, true},
	}
	for _, tt := range tests {
		if got := tt.p.Done(); got != tt.want {
			t.Errorf("%+v.Done() = %v, want %v", tt.p, got, tt.want)
		}
	}
}
