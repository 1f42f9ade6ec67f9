package model_test

import (
	"slices"
	"testing"

	. "styrka/model"
)

// TestSensitivity: the flip search finds each single change that moves a
// customer, smallest kind first.
func TestSensitivity(t *testing.T) {
	qs := questionsN(2)
	clear := answers{ProfitImpact: {5, 5}, SupplyRisk: {5, 5}, RelativeValue: {5, 5}, Attractiveness: {5, 5}}
	tests := []struct {
		name string
		a    answers
		t    Thresholds
		// first is the expected first change; nil when none.
		first *Change
		// none lists kinds that must not appear.
		none []ChangeKind
	}{
		{
			name: "every score 5: no single change moves it",
			a:    clear, t: DefaultThresholds(),
		},
		{
			name: "risk 3 and 4 (3.5): one step down on risk.1 gives 3.0, low: Leverage",
			a:    answers{ProfitImpact: {5, 5}, SupplyRisk: {3, 4}, RelativeValue: {5, 5}, Attractiveness: {5, 5}},
			t:    DefaultThresholds(),
			first: &Change{Kind: ChangeAnswer, QuestionID: "them.risk.1", Dimension: SupplyRisk, From: 3, To: 2,
				Result: Placement{Kraljic: Leverage, Pref: Core, Regime: BuyerDominance, Priority: P1}},
		},
		{
			name: "value 4 and 2 (3.0, low): one step up on value.1 makes it Core",
			a:    answers{ProfitImpact: {5, 5}, SupplyRisk: {5, 5}, RelativeValue: {4, 2}, Attractiveness: {5, 5}},
			t:    DefaultThresholds(),
			first: &Change{Kind: ChangeAnswer, QuestionID: "us.value.1", Dimension: RelativeValue, From: 4, To: 5,
				Result: Placement{Kraljic: Strategic, Pref: Core, Regime: Interdependence, Priority: P1}},
		},
		{
			name: "value 4 and 3 (3.5): one step down on value.1 gives 3.0, low: Development",
			a:    answers{ProfitImpact: {5, 5}, SupplyRisk: {5, 5}, RelativeValue: {4, 3}, Attractiveness: {5, 5}},
			t:    DefaultThresholds().WithCutoff(RelativeValue, 3),
			first: &Change{Kind: ChangeAnswer, QuestionID: "us.value.1", Dimension: RelativeValue, From: 4, To: 3,
				Result: Placement{Kraljic: Strategic, Pref: Development, Regime: SupplierDominance, Priority: P2}},
		},
		{
			name: "impact 4 and 4 on a 3.5 cut-off: one step down gives 3.5, not above: Bottleneck",
			a:    answers{ProfitImpact: {4, 4}, SupplyRisk: {5, 5}, RelativeValue: {5, 5}, Attractiveness: {5, 5}},
			t:    DefaultThresholds().WithCutoff(ProfitImpact, 3.5),
			first: &Change{Kind: ChangeAnswer, QuestionID: "them.impact.1", Dimension: ProfitImpact, From: 4, To: 3,
				Result: Placement{Kraljic: Bottleneck, Pref: Core, Regime: Interdependence, Priority: P2}},
		},
		{
			name: "unplaced: no changes",
			a:    answers{}, t: DefaultThresholds(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans := tt.a.build()
			got := Sensitivity(tt.t, qs, ans)
			now := Assess(tt.t, qs, Customer{ID: "c"}, ans).Placement()
			if tt.first == nil {
				if len(got) != 0 {
					t.Fatalf("Sensitivity = %+v, want none", got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Sensitivity found nothing, want %+v", *tt.first)
			}
			if got[0] != *tt.first {
				t.Errorf("first = %+v\nwant    %+v", got[0], *tt.first)
			}
			kinds := map[ChangeKind]int{ChangeAnswer: 0, ChangeWeight: 1, ChangeCutoff: 2}
			for i, m := range got {
				if !m.Result.Moved(now) {
					t.Errorf("change %d %+v does not move the placement %+v", i, m, now)
				}
				if i > 0 && kinds[m.Kind] < kinds[got[i-1].Kind] {
					t.Errorf("change %d (%s) after %s: want answers, weights, cut-offs", i, m.Kind, got[i-1].Kind)
				}
			}
		})
	}
}

// TestSensitivityWeightAndCutoff: with unequal scores a weight change can
// move the mean across the cut-off, and a cut-off ±0.5 too.
func TestSensitivityWeightAndCutoff(t *testing.T) {
	qs := questionsN(2)
	// Risk 2 and 5 → 3.5. Weight of risk.2 × 0.5: (2 + 2.5)/1.5 = 3.0, low.
	// Cut-off 3.5: 3.5 is not above, low.
	ans := answers{ProfitImpact: {5, 5}, SupplyRisk: {2, 5}, RelativeValue: {5, 5}, Attractiveness: {5, 5}}.build()
	got := Sensitivity(DefaultThresholds(), qs, ans)
	leverage := Placement{Kraljic: Leverage, Pref: Core, Regime: BuyerDominance, Priority: P1}
	var weights, cuts []Change
	for _, m := range got {
		switch m.Kind {
		case ChangeWeight:
			weights = append(weights, m)
		case ChangeCutoff:
			cuts = append(cuts, m)
		}
	}
	wantW := []Change{{Kind: ChangeWeight, QuestionID: "them.risk.2", Dimension: SupplyRisk, From: 1, To: 0.5, Result: leverage}}
	if !slices.Equal(weights, wantW) {
		t.Errorf("weight changes = %+v\nwant %+v", weights, wantW)
	}
	wantC := []Change{{Kind: ChangeCutoff, Dimension: SupplyRisk, From: 3, To: 3.5, Result: leverage}}
	if !slices.Equal(cuts, wantC) {
		t.Errorf("cut-off changes = %+v\nwant %+v", cuts, wantC)
	}
}

func TestStability(t *testing.T) {
	qs := questionsN(3)
	firm := answers{ProfitImpact: {5, 5, 5}, SupplyRisk: {5, 5, 5}, RelativeValue: {5, 5, 5}, Attractiveness: {5, 5, 5}}.build()
	// Risk 1, 3, 5 → 3.0 (low); almost any weight draw moves it off 3.0,
	// to either side: about half the draws make it high.
	shaky := answers{ProfitImpact: {5, 5, 5}, SupplyRisk: {1, 3, 5}, RelativeValue: {5, 5, 5}, Attractiveness: {5, 5, 5}}.build()
	// Risk 2, 3, 5 → 3.33: high; moving below 3.0 needs the weights far apart.
	middling := answers{ProfitImpact: {5, 5, 5}, SupplyRisk: {2, 3, 5}, RelativeValue: {5, 5, 5}, Attractiveness: {5, 5, 5}}.build()

	s, ok := StabilityOf(DefaultThresholds(), qs, firm, 1000, 1)
	if !ok || s.Share != 1 || s.Held != 1000 || s.Draws != 1000 {
		t.Errorf("firm: %+v, %v; want all 1000 draws to hold", s, ok)
	}
	sh, _ := StabilityOf(DefaultThresholds(), qs, shaky, 1000, 1)
	if sh.Share < 0.3 || sh.Share > 0.7 {
		t.Errorf("shaky: share %v, want about a half", sh.Share)
	}
	mid, _ := StabilityOf(DefaultThresholds(), qs, middling, 1000, 1)
	if !(mid.Share > sh.Share && mid.Share < 1) {
		t.Errorf("middling: share %v, want between shaky %v and 1", mid.Share, sh.Share)
	}
	// A fixed seed gives the same figure; another seed may not.
	again, _ := StabilityOf(DefaultThresholds(), qs, shaky, 1000, 1)
	if again != sh {
		t.Errorf("same seed: %+v then %+v", sh, again)
	}
	c := Customer{ID: "0190aa00-0000-7000-8000-000000000001"}
	a1, _ := CustomerStability(DefaultThresholds(), qs, c, shaky)
	a2, _ := CustomerStability(DefaultThresholds(), qs, c, shaky)
	if a1 != a2 || a1.Draws != StabilityDraws {
		t.Errorf("CustomerStability not reproducible: %+v, %+v", a1, a2)
	}
	if Seed(c.ID) == Seed("another") {
		t.Error("two IDs give the same seed")
	}
	if _, ok := StabilityOf(DefaultThresholds(), qs, nil, 1000, 1); ok {
		t.Error("unplaced customer has a stability figure")
	}
}

func TestLeastStable(t *testing.T) {
	qs := questionsN(3)
	d := Dataset{Workshop: Workshop{Thresholds: DefaultThresholds()}, Answers: map[string]map[string]Answer{}}
	add := func(id string, a answers) {
		d.Customers = append(d.Customers, Customer{ID: id, Name: id})
		d.Answers[id] = a.build()
	}
	add("firm", answers{ProfitImpact: {5, 5, 5}, SupplyRisk: {5, 5, 5}, RelativeValue: {5, 5, 5}, Attractiveness: {5, 5, 5}})
	add("shaky", answers{ProfitImpact: {5, 5, 5}, SupplyRisk: {1, 3, 5}, RelativeValue: {5, 5, 5}, Attractiveness: {5, 5, 5}})
	add("middling", answers{ProfitImpact: {5, 5, 5}, SupplyRisk: {2, 3, 5}, RelativeValue: {5, 5, 5}, Attractiveness: {5, 5, 5}})
	add("unplaced", answers{})
	got := LeastStable(d, qs)
	var order []string
	for _, u := range got {
		order = append(order, u.Assessment.Customer.ID)
	}
	if want := []string{"shaky", "middling", "firm"}; !slices.Equal(order, want) {
		t.Errorf("LeastStable = %v, want %v", order, want)
	}
	if got[0].Smallest == nil || got[len(got)-1].Smallest != nil {
		t.Errorf("smallest changes: shaky %+v, firm %+v", got[0].Smallest, got[len(got)-1].Smallest)
	}
}

// TestWhatIf: changing one answer moves the placement and leaves the
// answers untouched.
func TestWhatIf(t *testing.T) {
	qs := questionsN(2)
	ans := answers{ProfitImpact: {5, 5}, SupplyRisk: {3, 4}, RelativeValue: {5, 5}, Attractiveness: {5, 5}}.build()
	before := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, ans)
	got := WhatIf(DefaultThresholds(), qs, Customer{ID: "c"}, ans, "them.risk.1", 2)
	if before.Kraljic != Strategic || got.Kraljic != Leverage || got.Regime != BuyerDominance {
		t.Errorf("what-if: %s → %s/%s, want strategic → leverage/buyer_dominance", before.Kraljic, got.Kraljic, got.Regime)
	}
	if ans["them.risk.1"].Score != 3 {
		t.Errorf("WhatIf changed the answers: %+v", ans["them.risk.1"])
	}
	// An unanswered question can be tried too; don't know takes it out.
	got = WhatIf(DefaultThresholds(), qs, Customer{ID: "c"}, ans, "them.risk.2", DontKnow)
	if got.Scores[SupplyRisk].Value != 3 || got.Kraljic != Leverage {
		t.Errorf("don't know on risk.2: %v %s", got.Scores[SupplyRisk].Value, got.Kraljic)
	}
	// An invalid score changes nothing.
	if got := WhatIf(DefaultThresholds(), qs, Customer{ID: "c"}, ans, "them.risk.1", 9); got.Kraljic != before.Kraljic {
		t.Errorf("score 9: %s", got.Kraljic)
	}
	if got := WhatIf(DefaultThresholds(), qs, Customer{ID: "c"}, nil, "them.risk.1", 4); !got.Scores[SupplyRisk].Placed {
		t.Error("what-if on no answers did not place risk")
	}
}

// TestHistory: answers to retired questions are listed, not scored.
func TestHistory(t *testing.T) {
	qs := questionsN(1)
	ans := answers{ProfitImpact: {4}, SupplyRisk: {4}, RelativeValue: {4}, Attractiveness: {4}}.build()
	ans["them.risk.alternatives"] = Answer{QuestionID: "them.risk.alternatives", Score: 1}
	ans["a.old"] = Answer{QuestionID: "a.old", Score: 2}
	got := History(qs, ans)
	var idsGot []string
	for _, a := range got {
		idsGot = append(idsGot, a.QuestionID)
	}
	if want := []string{"a.old", "them.risk.alternatives"}; !slices.Equal(idsGot, want) {
		t.Errorf("History = %v, want %v", idsGot, want)
	}
	if v := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, ans).Scores[SupplyRisk].Value; v != 4 {
		t.Errorf("a retired answer was scored: risk %v", v)
	}
}
