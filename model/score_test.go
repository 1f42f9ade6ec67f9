package model_test

import (
	"reflect"
	"slices"
	"testing"

	. "styrka/model"
)

func TestScoreDimension(t *testing.T) {
	q4 := questionsN(4)
	tests := []struct {
		name      string
		d         Dimension
		questions []Question
		answers   map[string]Answer
		placed    bool
		value     float64
		known     int
		dontKnows int
		nq        int
		coverage  float64
	}{
		{
			name:      "all known, equal weights",
			d:         ProfitImpact,
			questions: q4,
			answers:   answers{ProfitImpact: {1, 2, 4, 5}}.build(),
			placed:    true, value: 3, known: 4, nq: 4, coverage: 1,
		},
		{
			name:      "unequal weights 1 and 3, scores 1 and 5",
			d:         SupplyRisk,
			questions: weighted(SupplyRisk, 1, 3),
			answers:   answers{SupplyRisk: {1, 5}}.build(),
			placed:    true, value: 4, known: 2, nq: 2, coverage: 1,
		},
		{
			name:      "unequal weights 3 and 1, scores 1 and 5",
			d:         SupplyRisk,
			questions: weighted(SupplyRisk, 3, 1),
			answers:   answers{SupplyRisk: {1, 5}}.build(),
			placed:    true, value: 2, known: 2, nq: 2, coverage: 1,
		},
		{
			name:      "don't know left out of the weighted mean",
			d:         RelativeValue,
			questions: weighted(RelativeValue, 1, 3, 10),
			answers:   answers{RelativeValue: {1, 5, DontKnow}}.build(),
			placed:    true, value: 4, known: 2, dontKnows: 1, nq: 3, coverage: 2.0 / 3,
		},
		{
			name:      "all don't know: not placed",
			d:         Attractiveness,
			questions: q4,
			answers:   answers{Attractiveness: {DontKnow, DontKnow, DontKnow, DontKnow}}.build(),
			placed:    false, known: 0, dontKnows: 4, nq: 4, coverage: 0,
		},
		{
			name:      "no answers: not placed",
			d:         ProfitImpact,
			questions: q4,
			answers:   nil,
			placed:    false, nq: 4,
		},
		{
			name:      "empty answers: not placed",
			d:         ProfitImpact,
			questions: q4,
			answers:   map[string]Answer{},
			placed:    false, nq: 4,
		},
		{
			name:      "partial coverage 2 of 4",
			d:         SupplyRisk,
			questions: q4,
			answers:   answers{SupplyRisk: {2, 4}}.build(),
			placed:    true, value: 3, known: 2, nq: 4, coverage: 0.5,
		},
		{
			name:      "partial: 1 known, 1 don't know, 2 unanswered",
			d:         SupplyRisk,
			questions: q4,
			answers:   answers{SupplyRisk: {DontKnow, 5}}.build(),
			placed:    true, value: 5, known: 1, dontKnows: 1, nq: 4, coverage: 0.25,
		},
		{
			name:      "answers to other dimensions ignored",
			d:         ProfitImpact,
			questions: q4,
			answers: answers{
				SupplyRisk:     {5, 5, 5, 5},
				RelativeValue:  {5, 5, 5, 5},
				Attractiveness: {DontKnow, DontKnow, DontKnow, DontKnow},
			}.build(),
			placed: false, nq: 4,
		},
		{
			name:      "answers to unknown question IDs ignored",
			d:         ProfitImpact,
			questions: q4,
			answers: func() map[string]Answer {
				a := answers{ProfitImpact: {2}}.build()
				a["them.impact.99"] = Answer{QuestionID: "them.impact.99", Score: 5}
				a["bogus"] = Answer{QuestionID: "bogus", Score: DontKnow}
				a[""] = Answer{Score: 5}
				return a
			}(),
			placed: true, value: 2, known: 1, nq: 4, coverage: 0.25,
		},
		{
			name:      "dimension without questions",
			d:         ProfitImpact,
			questions: questionsPer(map[Dimension]int{SupplyRisk: 2}),
			answers:   answers{SupplyRisk: {5, 5}}.build(),
			placed:    false, nq: 0, coverage: 0,
		},
		{
			name:      "zero-weight question counts as known but not in the mean",
			d:         ProfitImpact,
			questions: weighted(ProfitImpact, 0, 2),
			answers:   answers{ProfitImpact: {5, 1}}.build(),
			placed:    true, value: 1, known: 2, nq: 2, coverage: 1,
		},
		{
			// Current behaviour, see report: the Placed doc comment says a
			// known answer places the dimension, but with no positive
			// weight there is no mean, and nothing is put at a default.
			name:      "only zero-weight questions known: not placed",
			d:         ProfitImpact,
			questions: weighted(ProfitImpact, 0, 1),
			answers:   answers{ProfitImpact: {5}}.build(),
			placed:    false, known: 1, nq: 2, coverage: 0.5,
		},
		{
			name:      "fractional weights",
			d:         Attractiveness,
			questions: weighted(Attractiveness, 0.5, 1.5),
			answers:   answers{Attractiveness: {1, 3}}.build(),
			placed:    true, value: 2.5, known: 2, nq: 2, coverage: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreDimension(tt.d, tt.questions, tt.answers)
			if s.Dimension != tt.d {
				t.Errorf("Dimension = %q, want %q", s.Dimension, tt.d)
			}
			if s.Placed != tt.placed {
				t.Errorf("Placed = %v, want %v", s.Placed, tt.placed)
			}
			if tt.placed && !near(s.Value, tt.value) {
				t.Errorf("Value = %v, want %v", s.Value, tt.value)
			}
			if !tt.placed && s.Value != 0 {
				t.Errorf("Value = %v for a dimension not placed, want 0", s.Value)
			}
			if s.Known != tt.known || s.DontKnows != tt.dontKnows || s.Questions != tt.nq {
				t.Errorf("Known/DontKnows/Questions = %d/%d/%d, want %d/%d/%d",
					s.Known, s.DontKnows, s.Questions, tt.known, tt.dontKnows, tt.nq)
			}
			if s.Answered() != tt.known+tt.dontKnows {
				t.Errorf("Answered = %d, want %d", s.Answered(), tt.known+tt.dontKnows)
			}
			if !near(s.Coverage(), tt.coverage) {
				t.Errorf("Coverage = %v, want %v", s.Coverage(), tt.coverage)
			}
		})
	}
}

// TestClassificationBoundaries checks the cut-off on every dimension: only
// above it is high; exactly on it is low (domain.md §7).
func TestClassificationBoundaries(t *testing.T) {
	// Two questions per dimension with weights 1 and 999: scores 2 and 3
	// give 2.999, scores 3 and 3 give 3.0, scores 4 and 3 give 3.001.
	var qs []Question
	for _, d := range Dimensions {
		qs = append(qs, weighted(d, 1, 999)...)
	}
	justBelow, exact, justAbove := []Score{2, 3}, []Score{3, 3}, []Score{4, 3}
	c := Customer{ID: "c1", Name: "Acme"}
	for _, d := range Dimensions {
		for _, tt := range []struct {
			name   string
			scores []Score
			value  float64
			high   bool
		}{
			{"2.999 is low", justBelow, 2.999, false},
			{"3.0 is low", exact, 3.0, false},
			{"3.001 is high", justAbove, 3.001, true},
		} {
			t.Run(string(d)+"/"+tt.name, func(t *testing.T) {
				// All other dimensions at 3.001 (high).
				a := answers{}
				for _, o := range Dimensions {
					a[o] = justAbove
				}
				a[d] = tt.scores
				got := Assess(DefaultThresholds(), qs, c, a.build())
				if v := got.Scores[d].Value; !near(v, tt.value) {
					t.Fatalf("%s value = %v, want %v", d, v, tt.value)
				}
				high := map[Dimension]bool{ProfitImpact: true, SupplyRisk: true, RelativeValue: true, Attractiveness: true}
				high[d] = tt.high
				wantK := ClassifyKraljic(high[ProfitImpact], high[SupplyRisk])
				wantP := ClassifyPreferencing(high[RelativeValue], high[Attractiveness])
				wantR := ClassifyRegime(high[SupplyRisk], high[RelativeValue])
				if got.Kraljic != wantK || got.Pref != wantP || got.Regime != wantR {
					t.Errorf("got %s/%s/%s, want %s/%s/%s", got.Kraljic, got.Pref, got.Regime, wantK, wantP, wantR)
				}
			})
		}
	}
}

// TestClassificationFloatingPointAtCutoff: a weighted mean that is exactly
// 3.0 in arithmetic must be low, whatever the weights, and on the line; the
// float error of the mean (2.9999999999999996 or 3.0000000000000004) must
// not decide.
func TestClassificationFloatingPointAtCutoff(t *testing.T) {

	tests := []struct {
		name    string
		weights []float64
		scores  []Score
	}{
		{"all 3 with weights 0.1, 0.2, 0.3", []float64{0.1, 0.2, 0.3}, []Score{3, 3, 3}},
		{"2 and 4 with weights 0.7, 0.7", []float64{0.7, 0.7}, []Score{2, 4}},
		{"1 and 5 with weights 0.1, 0.1", []float64{0.1, 0.1}, []Score{1, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var qs []Question
			a := answers{}
			for _, d := range Dimensions {
				qs = append(qs, weighted(d, tt.weights...)...)
				a[d] = tt.scores
			}
			got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, a.build())
			if got.Kraljic != NonCritical || got.Pref != Nuisance || got.Regime != Independence {
				t.Errorf("all dimensions at 3.0 (risk value %v): got %s/%s/%s, want noncritical/nuisance/independence",
					got.Scores[SupplyRisk].Value, got.Kraljic, got.Pref, got.Regime)
			}
			if len(got.OnLine) != 4 || !slices.Contains(got.Warnings, WarnOnLine) {
				t.Errorf("OnLine = %+v, warnings %v; want all four dimensions on the line", got.OnLine, got.Warnings)
			}
		})
	}
}

func TestCustomThresholds(t *testing.T) {
	qs := questionsN(4)
	c := Customer{ID: "c1", Name: "Acme"}
	// Every dimension at 3.25 (scores 3, 3, 3, 4).
	a := answers{}
	for _, d := range Dimensions {
		a[d] = []Score{3, 3, 3, 4}
	}
	// Every dimension at 2.5 and 3.5 for the fallback cases.
	low, high := answers{}, answers{}
	for _, d := range Dimensions {
		low[d] = []Score{2, 3, 2, 3}
		high[d] = []Score{3, 4, 3, 4}
	}
	tests := []struct {
		name    string
		th      Thresholds
		answers answers
		k       Kraljic
		p       Preferencing
		r       Regime
		pr      Priority
	}{
		{"default 3.0: 3.25 is high", DefaultThresholds(), a, Strategic, Core, Interdependence, P1},
		{"zero thresholds mean default", Thresholds{}, a, Strategic, Core, Interdependence, P1},
		{"3.5 everywhere: 3.25 is low", Thresholds{Impact: 3.5, Risk: 3.5, Value: 3.5, Attractiveness: 3.5}, a, NonCritical, Nuisance, Independence, P4},
		{"3.5 on risk only", Thresholds{Impact: 3, Risk: 3.5, Value: 3, Attractiveness: 3}, a, Leverage, Core, BuyerDominance, P1},
		{"3.5 on value only", Thresholds{Impact: 3, Risk: 3, Value: 3.5, Attractiveness: 3}, a, Strategic, Development, SupplierDominance, P2},
		{"3.25 exactly is low", Thresholds{Impact: 3.25, Risk: 3.25, Value: 3.25, Attractiveness: 3.25}, a, NonCritical, Nuisance, Independence, P4},
		{"3.2 everywhere: 3.25 is high", Thresholds{Impact: 3.2, Risk: 3.2, Value: 3.2, Attractiveness: 3.2}, a, Strategic, Core, Interdependence, P1},
		{"2.0 everywhere: 2.5 is high", Thresholds{Impact: 2, Risk: 2, Value: 2, Attractiveness: 2}, low, Strategic, Core, Interdependence, P1},
		{"0 falls back to 3.0: 2.5 is low", Thresholds{Impact: 0, Risk: 0, Value: 0, Attractiveness: 0}, low, NonCritical, Nuisance, Independence, P4},
		{"7 falls back to 3.0: 3.5 is high", Thresholds{Impact: 7, Risk: 7, Value: 7, Attractiveness: 7}, high, Strategic, Core, Interdependence, P1},
		{"-1 falls back to 3.0: 2.5 is low", Thresholds{Impact: -1, Risk: -1, Value: -1, Attractiveness: -1}, low, NonCritical, Nuisance, Independence, P4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(tt.th, qs, c, tt.answers.build())
			if got.Kraljic != tt.k || got.Pref != tt.p || got.Regime != tt.r || got.Priority != tt.pr {
				t.Errorf("got %s/%s/%s/%s, want %s/%s/%s/%s",
					got.Kraljic, got.Pref, got.Regime, got.Priority, tt.k, tt.p, tt.r, tt.pr)
			}
		})
	}
}

func TestNotPlaced(t *testing.T) {
	qs := questionsN(4)
	c := Customer{ID: "c1", Name: "Acme"}
	tests := []struct {
		name     string
		answers  answers
		k        Kraljic
		p        Preferencing
		r        Regime
		pr       Priority
		room     bool
		placed   bool
		cellOK   bool
		placedBy map[Dimension]bool
	}{
		{
			name:     "no answers at all",
			answers:  answers{},
			placedBy: map[Dimension]bool{},
		},
		{
			name:     "only set A answered",
			answers:  fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 5}),
			k:        Strategic,
			placedBy: map[Dimension]bool{ProfitImpact: true, SupplyRisk: true},
		},
		{
			name:     "only set B answered",
			answers:  fill(4, map[Dimension]Score{RelativeValue: 1, Attractiveness: 5}),
			p:        Development,
			placedBy: map[Dimension]bool{RelativeValue: true, Attractiveness: true},
		},
		{
			name:     "risk and value known, impact unknown",
			answers:  fill(4, map[Dimension]Score{SupplyRisk: 5, RelativeValue: 5, Attractiveness: 5}),
			p:        Core,
			r:        Interdependence,
			room:     true,
			placed:   true,
			placedBy: map[Dimension]bool{SupplyRisk: true, RelativeValue: true, Attractiveness: true},
		},
		{
			name:     "risk and value known, impact and attractiveness don't know",
			answers:  fill(4, map[Dimension]Score{SupplyRisk: 1, RelativeValue: 5, ProfitImpact: DontKnow, Attractiveness: DontKnow}),
			r:        BuyerDominance,
			room:     true,
			placed:   true,
			placedBy: map[Dimension]bool{SupplyRisk: true, RelativeValue: true},
		},
		{
			name:     "all but value known",
			answers:  fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 5, Attractiveness: 5}),
			k:        Strategic,
			placedBy: map[Dimension]bool{ProfitImpact: true, SupplyRisk: true, Attractiveness: true},
		},
		{
			name:     "everything don't know",
			answers:  fill(4, map[Dimension]Score{ProfitImpact: DontKnow, SupplyRisk: DontKnow, RelativeValue: DontKnow, Attractiveness: DontKnow}),
			placedBy: map[Dimension]bool{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(DefaultThresholds(), qs, c, tt.answers.build())
			if got.Kraljic != tt.k || got.Pref != tt.p || got.Regime != tt.r || got.Priority != tt.pr {
				t.Errorf("got %q/%q/%q/%v, want %q/%q/%q/%v",
					got.Kraljic, got.Pref, got.Regime, got.Priority, tt.k, tt.p, tt.r, tt.pr)
			}
			if got.Room.Placed != tt.room {
				t.Errorf("Room.Placed = %v, want %v", got.Room.Placed, tt.room)
			}
			if !tt.room && got.Room != (Room{}) {
				t.Errorf("Room = %+v, want zero", got.Room)
			}
			if got.Placed() != tt.placed {
				t.Errorf("Placed() = %v, want %v", got.Placed(), tt.placed)
			}
			if cell, ok := got.Cell(); ok || cell != (Cell{}) {
				t.Errorf("Cell() = %v, %v; want zero, false", cell, ok)
			}
			for _, d := range Dimensions {
				s := got.Scores[d]
				if s.Placed != tt.placedBy[d] {
					t.Errorf("%s placed = %v, want %v", d, s.Placed, tt.placedBy[d])
				}
				if !s.Placed && s.Value != 0 {
					t.Errorf("%s not placed but Value = %v (a default?)", d, s.Value)
				}
			}
		})
	}
}

func TestNegotiationRoom(t *testing.T) {
	placed := func(v float64) DimensionScore { return DimensionScore{Value: v, Placed: true, Known: 1, Questions: 1} }
	tests := []struct {
		name        string
		risk, value DimensionScore
		want        Room
	}{
		{"risk 1, value 5: -4", placed(1), placed(5), Room{Value: -4, Placed: true, Level: RoomLow, Stance: Exploit}},
		{"risk 5, value 1: +4", placed(5), placed(1), Room{Value: 4, Placed: true, Level: RoomHigh, Stance: Diversify}},
		{"equal: 0", placed(3), placed(3), Room{Value: 0, Placed: true, Level: RoomBalanced, Stance: Balance}},
		{"exactly -1.0 is low", placed(3), placed(4), Room{Value: -1, Placed: true, Level: RoomLow, Stance: Exploit}},
		{"exactly +1.0 is high", placed(4), placed(3), Room{Value: 1, Placed: true, Level: RoomHigh, Stance: Diversify}},
		{"-0.5 is balanced", placed(3), placed(3.5), Room{Value: -0.5, Placed: true, Level: RoomBalanced, Stance: Balance}},
		{"+0.75 is balanced", placed(3.75), placed(3), Room{Value: 0.75, Placed: true, Level: RoomBalanced, Stance: Balance}},
		{"just inside -1 is balanced", placed(2), placed(2.999), Room{Value: 2 - 2.999, Placed: true, Level: RoomBalanced, Stance: Balance}},
		{"just inside +1 is balanced", placed(3.999), placed(3), Room{Value: 3.999 - 3, Placed: true, Level: RoomBalanced, Stance: Balance}},
		{"-1.5 is low", placed(2), placed(3.5), Room{Value: -1.5, Placed: true, Level: RoomLow, Stance: Exploit}},
		{"+2.5 is high", placed(4.5), placed(2), Room{Value: 2.5, Placed: true, Level: RoomHigh, Stance: Diversify}},
		{"risk unknown", DimensionScore{DontKnows: 3, Questions: 3}, placed(5), Room{}},
		{"value unknown", placed(5), DimensionScore{Questions: 3}, Room{}},
		{"both unknown", DimensionScore{}, DimensionScore{}, Room{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NegotiationRoom(tt.risk, tt.value)
			if got.Placed != tt.want.Placed || got.Level != tt.want.Level || got.Stance != tt.want.Stance || !near(got.Value, tt.want.Value) {
				t.Errorf("NegotiationRoom = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNegotiationRoomViaAssess(t *testing.T) {
	qs := questionsN(4)
	c := Customer{ID: "c1"}
	tests := []struct {
		name string
		a    answers
		want Room
	}{
		{"risk 1, value 5", fill(4, map[Dimension]Score{SupplyRisk: 1, RelativeValue: 5}), Room{Value: -4, Placed: true, Level: RoomLow, Stance: Exploit}},
		{"risk 5, value 1", fill(4, map[Dimension]Score{SupplyRisk: 5, RelativeValue: 1}), Room{Value: 4, Placed: true, Level: RoomHigh, Stance: Diversify}},
		{"risk 3, value 3", fill(4, map[Dimension]Score{SupplyRisk: 3, RelativeValue: 3}), Room{Value: 0, Placed: true, Level: RoomBalanced, Stance: Balance}},
		{"risk 3.25, value 2.25: +1", answers{SupplyRisk: {3, 3, 3, 4}, RelativeValue: {2, 2, 2, 3}}, Room{Value: 1, Placed: true, Level: RoomHigh, Stance: Diversify}},
		{"risk 2.25, value 3.25: -1", answers{SupplyRisk: {2, 2, 2, 3}, RelativeValue: {3, 3, 3, 4}}, Room{Value: -1, Placed: true, Level: RoomLow, Stance: Exploit}},
		{"risk known, value don't know", fill(4, map[Dimension]Score{SupplyRisk: 5, RelativeValue: DontKnow}), Room{}},
		{"value known, risk unanswered", fill(4, map[Dimension]Score{RelativeValue: 5}), Room{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(DefaultThresholds(), qs, c, tt.a.build()).Room
			if got.Placed != tt.want.Placed || got.Level != tt.want.Level || got.Stance != tt.want.Stance || !near(got.Value, tt.want.Value) {
				t.Errorf("Room = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestNegotiationRoomFloatingPointAtBoundary: with equal weights and three
// questions per dimension, risk 5/3 and value 8/3 differ by exactly −1.0 in
// arithmetic, so the room is low (the boundary is inclusive).
func TestNegotiationRoomFloatingPointAtBoundary(t *testing.T) {

	qs := questionsN(3)
	tests := []struct {
		name  string
		a     answers
		level RoomLevel
	}{
		{"risk 1,2,2 value 2,3,3: -1", answers{SupplyRisk: {1, 2, 2}, RelativeValue: {2, 3, 3}}, RoomLow},
		{"risk 2,3,3 value 1,2,2: +1", answers{SupplyRisk: {2, 3, 3}, RelativeValue: {1, 2, 2}}, RoomHigh},
		{"risk 3,3,4 value 4,4,5: -1", answers{SupplyRisk: {3, 3, 4}, RelativeValue: {4, 4, 5}}, RoomLow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, tt.a.build()).Room
			if got.Level != tt.level {
				t.Errorf("Room = %+v, want level %s", got, tt.level)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	qs := questionsN(4)
	c := Customer{ID: "c1", Name: "Acme"}
	cell := func(impact, risk, value, attr Score) answers {
		return fill(4, map[Dimension]Score{ProfitImpact: impact, SupplyRisk: risk, RelativeValue: value, Attractiveness: attr})
	}
	tests := []struct {
		name     string
		a        answers
		warnings []WarningKind
		validate []string
	}{
		{"clean strategic × core", cell(5, 5, 5, 5), nil, nil},
		{"exposed: core + leverage", cell(5, 1, 5, 5), []WarningKind{WarnExposed}, nil},
		{"exposed: core + non-critical", cell(1, 1, 5, 5), []WarningKind{WarnExposed}, nil},
		{"exposed: exploitable + leverage", cell(5, 1, 5, 1), []WarningKind{WarnExposed}, nil},
		{"exposed: exploitable + non-critical", cell(1, 1, 5, 1), []WarningKind{WarnExposed}, nil},
		{"no exposed: development + leverage", cell(5, 1, 1, 5), nil, nil},
		{"no exposed: exploitable + strategic", cell(5, 5, 5, 1), nil, nil},
		{"replace: nuisance + strategic", cell(5, 5, 1, 1), []WarningKind{WarnReplace}, nil},
		{"replace and bottleneck: nuisance + bottleneck", cell(1, 5, 1, 1), []WarningKind{WarnReplace, WarnBottleneck}, nil},
		{"no replace: development + strategic", cell(5, 5, 1, 5), nil, nil},
		{"no replace: nuisance + non-critical", cell(1, 1, 1, 1), nil, nil},
		{"bottleneck: bottleneck + core", cell(1, 5, 5, 5), []WarningKind{WarnBottleneck}, nil},
		{"bottleneck: bottleneck + development", cell(1, 5, 1, 5), []WarningKind{WarnBottleneck}, nil},
		{
			"validate: set A don't know",
			answers{
				ProfitImpact:   {5, DontKnow, 5, 5},
				SupplyRisk:     {DontKnow, 5, 5, DontKnow},
				RelativeValue:  {5, 5, 5, 5},
				Attractiveness: {5, 5, 5, 5},
			},
			[]WarningKind{WarnValidate},
			[]string{"them.impact.2", "them.risk.1", "them.risk.4"},
		},
		{
			"no validate: set B don't know",
			answers{
				ProfitImpact:   {5, 5, 5, 5},
				SupplyRisk:     {5, 5, 5, 5},
				RelativeValue:  {DontKnow, 5, 5, 5},
				Attractiveness: {5, 5, DontKnow, 5},
			},
			nil, nil,
		},
		{
			"low coverage: set A 3 of 8 known",
			answers{
				ProfitImpact:   {5, 5},
				SupplyRisk:     {5},
				RelativeValue:  {5, 5, 5, 5},
				Attractiveness: {5, 5, 5, 5},
			},
			[]WarningKind{WarnLowCoverage}, nil,
		},
		{
			"no low coverage: set A 4 of 8 known (exactly half)",
			answers{
				ProfitImpact:   {5, 5},
				SupplyRisk:     {5, 5},
				RelativeValue:  {5, 5, 5, 5},
				Attractiveness: {5, 5, 5, 5},
			},
			nil, nil,
		},
		{
			"low coverage: set B 3 of 8 known",
			answers{
				ProfitImpact:   {5, 5, 5, 5},
				SupplyRisk:     {5, 5, 5, 5},
				RelativeValue:  {5, 5},
				Attractiveness: {5},
			},
			[]WarningKind{WarnLowCoverage}, nil,
		},
		{
			"low coverage per dimension: 1 impact and 4 risk known is 5 of 8 in set A, but impact is 1 of 4",
			answers{
				ProfitImpact:   {5},
				SupplyRisk:     {5, 5, 5, 5},
				RelativeValue:  {5, 5, 5, 5},
				Attractiveness: {5, 5, 5, 5},
			},
			[]WarningKind{WarnLowCoverage}, nil,
		},
		{
			"low coverage once for both sets",
			answers{
				ProfitImpact:   {5},
				SupplyRisk:     {5},
				RelativeValue:  {5},
				Attractiveness: {5},
			},
			[]WarningKind{WarnLowCoverage}, nil,
		},
		{
			"low coverage and validate: set A mostly don't know",
			answers{
				ProfitImpact:   {5, DontKnow, DontKnow, DontKnow},
				SupplyRisk:     {5, DontKnow, DontKnow, DontKnow},
				RelativeValue:  {5, 5, 5, 5},
				Attractiveness: {5, 5, 5, 5},
			},
			[]WarningKind{WarnValidate, WarnLowCoverage},
			[]string{"them.impact.2", "them.impact.3", "them.impact.4", "them.risk.2", "them.risk.3", "them.risk.4"},
		},
		{
			"set not started: no low coverage",
			fill(4, map[Dimension]Score{ProfitImpact: 5, SupplyRisk: 5}),
			nil, nil,
		},
		{
			"nothing answered: no warnings",
			answers{},
			nil, nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(DefaultThresholds(), qs, c, tt.a.build())
			assertWarnings(t, got.Warnings, tt.warnings)
			if !slices.Equal(got.Validate, tt.validate) {
				t.Errorf("Validate = %v, want %v", got.Validate, tt.validate)
			}
		})
	}
}

func TestLowCoverageNamesTheDimensions(t *testing.T) {
	qs := questionsN(4)
	got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, answers{
		ProfitImpact: {5}, SupplyRisk: {5, 5, 5, 5}, RelativeValue: {5, 5}, Attractiveness: {5},
	}.build())
	if want := []Dimension{ProfitImpact, Attractiveness}; !slices.Equal(got.LowCoverage, want) {
		t.Errorf("LowCoverage = %v, want %v", got.LowCoverage, want)
	}
}

// TestValidateWithoutEvidence: a set A score without an evidence note is as
// unvalidated as "don't know"; set B is our own books and is not listed.
func TestValidateWithoutEvidence(t *testing.T) {
	qs := questionsN(2)
	ans := answers{ProfitImpact: {4, DontKnow}, SupplyRisk: {4, 4}, RelativeValue: {4, 4}, Attractiveness: {4, 4}}.build()
	bare := func(id string) { a := ans[id]; a.Note = "  \n "; ans[id] = a }
	bare("them.risk.2")
	bare("us.value.1")
	got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, ans)
	if want := []string{"them.impact.2", "them.risk.2"}; !slices.Equal(got.Validate, want) {
		t.Errorf("Validate = %v, want %v", got.Validate, want)
	}
	if want := []string{"them.risk.2"}; !slices.Equal(got.NoEvidence, want) {
		t.Errorf("NoEvidence = %v, want %v", got.NoEvidence, want)
	}
	if !slices.Contains(got.Warnings, WarnValidate) {
		t.Errorf("Warnings = %v, want validate", got.Warnings)
	}
	// With every note given and no don't know, nothing is to validate.
	clean := answers{ProfitImpact: {4, 4}, SupplyRisk: {4, 4}, RelativeValue: {4, 4}, Attractiveness: {4, 4}}.build()
	if got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, clean); len(got.Validate) != 0 || slices.Contains(got.Warnings, WarnValidate) {
		t.Errorf("clean: Validate = %v, warnings %v", got.Validate, got.Warnings)
	}
}

// TestValidateQuestionOrder: Validate follows the order of the questions,
// not of dimensions or answers.
func TestValidateQuestionOrder(t *testing.T) {
	// Interleaved set A questions, then set B.
	qs := []Question{
		{ID: "them.risk.2", Set: SetThem, Dimension: SupplyRisk, Weight: 1},
		{ID: "them.impact.1", Set: SetThem, Dimension: ProfitImpact, Weight: 1},
		{ID: "them.risk.1", Set: SetThem, Dimension: SupplyRisk, Weight: 1},
		{ID: "them.impact.2", Set: SetThem, Dimension: ProfitImpact, Weight: 1},
		{ID: "us.value.1", Set: SetUs, Dimension: RelativeValue, Weight: 1},
		{ID: "us.attractiveness.1", Set: SetUs, Dimension: Attractiveness, Weight: 1},
	}
	ans := map[string]Answer{
		"them.impact.2":       {Score: DontKnow},
		"them.risk.1":         {Score: 4, Note: "their buyer, May"},
		"them.impact.1":       {Score: DontKnow},
		"them.risk.2":         {Score: DontKnow},
		"us.value.1":          {Score: DontKnow},
		"us.attractiveness.1": {Score: 2},
		"them.impact.9":       {Score: DontKnow}, // not a question
	}
	got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, ans)
	want := []string{"them.risk.2", "them.impact.1", "them.impact.2"}
	if !slices.Equal(got.Validate, want) {
		t.Errorf("Validate = %v, want %v", got.Validate, want)
	}
	if !slices.Contains(got.Warnings, WarnValidate) {
		t.Errorf("Warnings = %v, want validate", got.Warnings)
	}
}

func TestProgress(t *testing.T) {
	qs := questionsPer(map[Dimension]int{ProfitImpact: 5, SupplyRisk: 4, RelativeValue: 5, Attractiveness: 4})
	tests := []struct {
		name         string
		a            map[string]Answer
		them, us     Progress
		doneA, doneB bool
	}{
		{"nothing", nil, Progress{0, 9}, Progress{0, 9}, false, false},
		{
			"set A partly, don't know counts",
			answers{ProfitImpact: {5, DontKnow, 3}, SupplyRisk: {DontKnow, DontKnow}}.build(),
			Progress{5, 9}, Progress{0, 9}, false, false,
		},
		{
			"impact all don't know: answered but set not done",
			fill(5, map[Dimension]Score{ProfitImpact: DontKnow}).build(),
			Progress{5, 9}, Progress{0, 9}, false, false,
		},
		{
			"both sets complete with don't knows",
			answers{
				ProfitImpact:   {1, 2, 3, 4, 5},
				SupplyRisk:     {DontKnow, DontKnow, DontKnow, DontKnow},
				RelativeValue:  {DontKnow, 2, 3, 4, 5},
				Attractiveness: {1, 2, 3, DontKnow},
			}.build(),
			Progress{9, 9}, Progress{9, 9}, true, true,
		},
		{
			"unknown questions not counted",
			func() map[string]Answer {
				a := answers{RelativeValue: {3}}.build()
				a["them.impact.6"] = Answer{Score: 3}
				a["us.value.99"] = Answer{Score: DontKnow}
				return a
			}(),
			Progress{0, 9}, Progress{1, 9}, false, false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, tt.a)
			if got.Progress[SetThem] != tt.them {
				t.Errorf("Progress[them] = %+v, want %+v", got.Progress[SetThem], tt.them)
			}
			if got.Progress[SetUs] != tt.us {
				t.Errorf("Progress[us] = %+v, want %+v", got.Progress[SetUs], tt.us)
			}
			if got.Progress[SetThem].Done() != tt.doneA || got.Progress[SetUs].Done() != tt.doneB {
				t.Errorf("Done = %v/%v, want %v/%v", got.Progress[SetThem].Done(), got.Progress[SetUs].Done(), tt.doneA, tt.doneB)
			}
			for _, s := range Sets {
				var answered int
				for _, d := range DimensionsOf(s) {
					answered += got.Scores[d].Answered()
				}
				if answered != got.Progress[s].Answered {
					t.Errorf("set %s: Answered %d disagrees with scores %d", s, got.Progress[s].Answered, answered)
				}
			}
		})
	}
}

func TestAssessmentCoverage(t *testing.T) {
	qs := questionsN(4)
	tests := []struct {
		name string
		a    answers
		want float64
	}{
		{"none", answers{}, 0},
		{"all", fill(4, map[Dimension]Score{ProfitImpact: 1, SupplyRisk: 2, RelativeValue: 3, Attractiveness: 4}), 1},
		{"don't know is not coverage", fill(4, map[Dimension]Score{ProfitImpact: DontKnow, SupplyRisk: 2}), 0.25},
		{"6 of 16", answers{ProfitImpact: {1, 2, 3}, Attractiveness: {4, 5, 1}}, 6.0 / 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, tt.a.build()).Coverage()
			if !near(got, tt.want) {
				t.Errorf("Coverage = %v, want %v", got, tt.want)
			}
		})
	}
	if got := (Assessment{}).Coverage(); got != 0 {
		t.Errorf("zero Assessment Coverage = %v, want 0", got)
	}
	if got := Assess(DefaultThresholds(), nil, Customer{}, nil).Coverage(); got != 0 {
		t.Errorf("no questions Coverage = %v, want 0", got)
	}
}

func TestAssessAllAndDatasetMatchAssess(t *testing.T) {
	qs := questionsN(4)
	th := Thresholds{Impact: 3.5, Risk: 2.5, Value: 0, Attractiveness: 4}
	customers := []Customer{
		{ID: "a", Name: "Alfa", Revenue: rev(100)},
		{ID: "b", Name: "Beta"},
		{ID: "c", Name: "Gamma"},
		{ID: "d", Name: "Delta", Revenue: rev(5)},
	}
	ans := map[string]map[string]Answer{
		"a": fill(4, map[Dimension]Score{ProfitImpact: 4, SupplyRisk: 3, RelativeValue: 2, Attractiveness: 5}).build(),
		"b": answers{ProfitImpact: {DontKnow, 2}, RelativeValue: {5}}.build(),
		// "c" has no answers at all.
		"d":     fill(4, map[Dimension]Score{ProfitImpact: 1, SupplyRisk: 5, RelativeValue: 5, Attractiveness: 1}).build(),
		"other": fill(4, map[Dimension]Score{ProfitImpact: 5}).build(),
	}
	all := AssessAll(th, qs, customers, ans)
	ds := Dataset{Workshop: Workshop{ID: "w", Thresholds: th}, Customers: customers, Answers: ans}
	viaDataset := ds.Assess(qs)
	if len(all) != len(customers) || len(viaDataset) != len(customers) {
		t.Fatalf("len = %d, %d; want %d", len(all), len(viaDataset), len(customers))
	}
	for i, c := range customers {
		want := Assess(th, qs, c, ans[c.ID])
		if !reflect.DeepEqual(all[i], want) {
			t.Errorf("AssessAll[%d] = %+v, want %+v", i, all[i], want)
		}
		if !reflect.DeepEqual(viaDataset[i], want) {
			t.Errorf("Dataset.Assess[%d] = %+v, want %+v", i, viaDataset[i], want)
		}
		if all[i].Customer.ID != c.ID {
			t.Errorf("AssessAll[%d] is customer %q, want %q", i, all[i].Customer.ID, c.ID)
		}
	}
	if got := AssessAll(th, qs, nil, ans); len(got) != 0 {
		t.Errorf("AssessAll(no customers) = %v, want empty", got)
	}
}
