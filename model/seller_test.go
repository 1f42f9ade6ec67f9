package model_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	. "styrka/model"
)

func kinds(ws []CentreWarning) []CentreWarningKind {
	var out []CentreWarningKind
	for _, w := range ws {
		out = append(out, w.Kind)
	}
	return out
}

func TestCheckBuyingCentre(t *testing.T) {
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	buyer := Stakeholder{Name: "Anna", Role: Gatekeeper, Level: Operational, LastContact: "2026-11-20"}
	econ := Stakeholder{Name: "Bo", Role: EconomicBuyer, Level: Executive, Attitude: Champion, Owner: "Eva", LastContact: "2026-10-01"}
	mgr := Stakeholder{Name: "Cia", Role: UserBuyer, Level: Manager}
	cases := []struct {
		name   string
		regime Regime
		ss     []Stakeholder
		today  time.Time
		want   []CentreWarningKind
	}{
		{"nobody", Interdependence, nil, today, []CentreWarningKind{CentreEmpty}},
		{"only purchasing where they dominate", BuyerDominance, []Stakeholder{buyer}, today, []CentreWarningKind{CentreNoEconomicBuyer, CentreOnlyPurchasing}},
		{"only purchasing elsewhere", Independence, []Stakeholder{buyer}, today, []CentreWarningKind{CentreNoEconomicBuyer}},
		{"interdependence met", Interdependence, []Stakeholder{buyer, econ, mgr}, today, nil},
		{"interdependence two levels", Interdependence, []Stakeholder{buyer, econ}, today, []CentreWarningKind{CentreFewLevels}},
		{"sponsor needs our owner", Interdependence, []Stakeholder{buyer, mgr, {Name: "D", Role: EconomicBuyer, Level: Executive, Attitude: Supportive}}, today, []CentreWarningKind{CentreNoSponsor}},
		{"stale", SupplierDominance, []Stakeholder{{Name: "E", Role: EconomicBuyer, LastContact: "2026-05-31"}}, today, []CentreWarningKind{CentreStale}},
		{"six months to the day is not stale", SupplierDominance, []Stakeholder{{Name: "E", Role: EconomicBuyer, LastContact: "2026-06-01"}}, today, nil},
		{"no date is stale", SupplierDominance, []Stakeholder{{Name: "E", Role: EconomicBuyer}}, today, []CentreWarningKind{CentreStale}},
		{"no today skips staleness", SupplierDominance, []Stakeholder{{Name: "E", Role: EconomicBuyer}}, time.Time{}, nil},
		{"a bad date is no date", SupplierDominance, []Stakeholder{{Name: "E", Role: EconomicBuyer, LastContact: "2099-13-45"}}, today, []CentreWarningKind{CentreStale}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := kinds(CheckBuyingCentre(c.regime, c.ss, c.today)); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestStakeholderValidate(t *testing.T) {
	ok := Stakeholder{Name: "Anna", Role: Coach, Attitude: Neutral, Level: Manager, LastContact: "2026-01-02"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Stakeholder{
		{Name: " "},
		{Name: "A", Role: "boss"},
		{Name: "A", Attitude: "angry"},
		{Name: "A", Level: "ceo"},
		{Name: "A", LastContact: "yesterday"},
		{Name: strings.Repeat("å", MaxStakeholderNameLen+1)},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if (Stakeholder{Name: strings.Repeat("å", MaxStakeholderNameLen)}).Validate() != nil {
		t.Error("a name at the limit is refused")
	}
}

func TestSortStakeholders(t *testing.T) {
	ss := []Stakeholder{{Name: "x"}, {Name: "g", Role: Gatekeeper}, {Name: "u2", Role: UserBuyer, Level: Operational}, {Name: "u1", Role: UserBuyer, Level: Executive}, {Name: "e", Role: EconomicBuyer}}
	SortStakeholders(ss)
	var names []string
	for _, s := range ss {
		names = append(names, s.Name)
	}
	if want := []string{"e", "u1", "u2", "g", "x"}; !slices.Equal(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
}

func TestGapOf(t *testing.T) {
	qs := questionsN(1)
	a := Assess(DefaultThresholds(), qs, Customer{ID: "c"}, answers{ProfitImpact: {4}, SupplyRisk: {2}, RelativeValue: {4}, Attractiveness: {4}}.build())
	if a.Kraljic != Leverage || a.Pref != Core {
		t.Fatalf("placed %s × %s", a.Kraljic, a.Pref)
	}
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	g := GapOf(a, Target{Kraljic: Strategic, Pref: Core, By: "2026-06-30"}, DefaultThresholds(), today)
	if g.Met || len(g.Dimensions) != 1 || g.Dimensions[0].Dimension != SupplyRisk || !g.Dimensions[0].High || math.Abs(g.Dimensions[0].Change-1) > 1e-9 || !g.Overdue {
		t.Errorf("gap to strategic: %+v", g)
	}
	g = GapOf(a, Target{Pref: Core}, DefaultThresholds(), today)
	if !g.Met || g.Overdue {
		t.Errorf("met target: %+v", g)
	}
	g = GapOf(a, Target{Kraljic: NonCritical}, DefaultThresholds(), today)
	if len(g.Dimensions) != 1 || g.Dimensions[0].Dimension != ProfitImpact || g.Dimensions[0].High || math.Abs(g.Dimensions[0].Change+1) > 1e-9 {
		t.Errorf("gap down: %+v", g)
	}
	// Not placed: the dimension is listed with no change.
	b := Assess(DefaultThresholds(), qs, Customer{ID: "d"}, answers{ProfitImpact: {4}}.build())
	g = GapOf(b, Target{Kraljic: Strategic}, DefaultThresholds(), time.Time{})
	if len(g.Dimensions) != 1 || g.Dimensions[0].Placed || g.Dimensions[0].Change != 0 {
		t.Errorf("unplaced gap: %+v", g)
	}
	if g := GapOf(a, Target{}, DefaultThresholds(), today); g.Met || len(g.Dimensions) != 0 {
		t.Errorf("empty target: %+v", g)
	}
}

func TestTargetProgressAndActions(t *testing.T) {
	qs := questionsN(1)
	th := DefaultThresholds()
	c := Customer{ID: "c", Name: "C"}
	now := Assess(th, qs, c, answers{ProfitImpact: {4}, SupplyRisk: {4}, RelativeValue: {4}, Attractiveness: {4}}.build())
	ds := Dataset{Workshop: Workshop{ID: "w", Thresholds: th}, Customers: []Customer{c}, Answers: map[string]map[string]Answer{"c": answers{ProfitImpact: {4}, SupplyRisk: {1}, RelativeValue: {4}, Attractiveness: {4}}.build()}}
	r := Snapshot(ds, qs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	tg := Target{CustomerID: "c", Kraljic: Strategic, Pref: Core}
	steps := TargetProgress([]Round{r}, now, tg, th)
	if len(steps) != 2 || steps[0].Round != 1 || math.Abs(steps[0].Distance-2) > 1e-9 || steps[0].Met || steps[1].Round != 0 || !steps[1].Met {
		t.Errorf("steps: %+v", steps)
	}
	acts := []Action{
		{ID: "1", CustomerID: "c", Source: SourceGap(SupplyRisk)},
		{ID: "2", CustomerID: "c", Source: SourceCell(Cell{Strategic, Core})},
		{ID: "3", CustomerID: "c", Source: SourceCell(Cell{Leverage, Core})},
		{ID: "4", CustomerID: "other", Source: SourceTarget},
		{ID: "5", CustomerID: "c", Source: SourceTarget},
	}
	var ids []string
	for _, a := range GapActions(acts, "c", tg) {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"1", "2", "5"}) {
		t.Errorf("gap actions %v", ids)
	}
	if (Target{Kraljic: "x"}).Validate() == nil || (Target{By: "soon"}).Validate() == nil || tg.Validate() != nil {
		t.Error("target validation")
	}
}

func TestPortfolio(t *testing.T) {
	as := []Assessment{
		{Customer: Customer{ID: "a", Name: "A"}, Regime: BuyerDominance, Kraljic: Leverage, Pref: Core, Priority: P1, BaseRevenue: rev(60)},
		{Customer: Customer{ID: "b", Name: "B"}, Regime: Interdependence, Kraljic: Strategic, Pref: Core, Priority: P1, BaseRevenue: rev(30)},
		{Customer: Customer{ID: "c", Name: "C"}, Regime: Independence, Kraljic: NonCritical, Pref: Nuisance, Priority: P4, BaseRevenue: rev(10)},
		{Customer: Customer{ID: "d", Name: "D"}},
	}
	acts := []Action{
		{CustomerID: "c", Status: StatusOpen}, {CustomerID: "c", Status: StatusOpen}, {CustomerID: "c", Status: StatusOpen},
		{CustomerID: "a", Status: StatusOpen}, {CustomerID: "a", Status: StatusDone}, {CustomerID: "d", Status: StatusOpen},
		{CustomerID: "gone", Status: StatusOpen},
	}
	p := NewPortfolio(as, acts)
	if p.Customers != 4 || p.Revenue != 100 || p.WithRevenue != 3 || p.NoRevenue != 1 {
		t.Fatalf("totals %+v", p)
	}
	share := func(gs []Group[Regime], r Regime) Group[Regime] {
		for _, g := range gs {
			if g.Key == r {
				return g
			}
		}
		return Group[Regime]{}
	}
	if g := share(p.Regimes, BuyerDominance); math.Abs(g.RevenueShare-0.6) > 1e-9 || g.CustomerShare != 0.25 {
		t.Errorf("buyer dominance %+v", g)
	}
	if g := share(p.Regimes, ""); g.Customers != 1 {
		t.Errorf("unplaced %+v", g)
	}
	if math.Abs(p.HHI-(3600+900+100)) > 1e-6 || p.Concentration() != Concentrated || math.Abs(p.TopShare-1) > 1e-9 || len(p.Top) != 3 || p.Top[0].Name != "A" {
		t.Errorf("concentration %v %v %+v", p.HHI, p.TopShare, p.Top)
	}
	if p.OpenActions != 5 || p.Unplaced != 1 || len(p.Effort) != 4 {
		t.Fatalf("effort %+v", p)
	}
	p1, p4 := p.Effort[0], p.Effort[3]
	if p1.Open != 1 || math.Abs(p1.Share-0.2) > 1e-9 || math.Abs(p1.RevenueShare-0.9) > 1e-9 || p1.Follows() {
		t.Errorf("P1 %+v", p1)
	}
	if p4.Open != 3 || p4.Follows() || p4.Diff() <= 0 {
		t.Errorf("P4 %+v", p4)
	}
	empty := NewPortfolio(nil, nil)
	if empty.HHI != 0 || empty.Concentration() != Unconcentrated || len(empty.Effort) != 4 {
		t.Errorf("empty %+v", empty)
	}
}

func TestChecklistAndSources(t *testing.T) {
	qs := questionsN(2)
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ans := map[string]Answer{
		qid(ProfitImpact, 1):   {Score: 3},                                      // no evidence
		qid(ProfitImpact, 2):   {Score: 3, Note: "plan", Source: FromEstimate},  // estimate
		qid(SupplyRisk, 1):     {Score: DontKnow},                               // don't know
		qid(SupplyRisk, 2):     {Score: 4, ConfirmedBy: "Eva", ConfirmedAt: at}, // confirmed
		qid(RelativeValue, 1):  {Score: 4, ConfirmedBy: "Eva", ConfirmedAt: at}, // set B: never listed
		qid(RelativeValue, 2):  {Score: 4, Source: FromData, SourceRef: "ERP"},  // set B
		qid(Attractiveness, 1): {Score: 4},
	}
	list := Checklist(qs, ans)
	var got []string
	for _, it := range list {
		got = append(got, it.QuestionID+":"+string(it.Reason))
	}
	want := []string{qid(ProfitImpact, 1) + ":no_evidence", qid(ProfitImpact, 2) + ":estimate", qid(SupplyRisk, 1) + ":dont_know", qid(SupplyRisk, 2) + ":confirmed"}
	if !slices.Equal(got, want) {
		t.Errorf("checklist %v, want %v", got, want)
	}
	if !list[3].Done || list[3].By != "Eva" || !list[3].At.Equal(at) {
		t.Errorf("ticked %+v", list[3])
	}
	a := Assess(DefaultThresholds(), qs, Customer{}, ans)
	if !slices.Equal(a.Validate, []string{qid(ProfitImpact, 1), qid(ProfitImpact, 2), qid(SupplyRisk, 1)}) || !slices.Equal(a.NoEvidence, []string{qid(ProfitImpact, 1)}) {
		t.Errorf("validate %v, no evidence %v", a.Validate, a.NoEvidence)
	}
	// Said by the customer, or from named data, counts as evidence.
	for _, x := range []Answer{{Score: 2, Source: FromCustomer}, {Score: 2, Source: FromData, SourceRef: "CRM"}} {
		a := Assess(DefaultThresholds(), qs[:1], Customer{}, map[string]Answer{qid(ProfitImpact, 1): x})
		if len(a.Validate) != 0 {
			t.Errorf("%+v: validate %v", x, a.Validate)
		}
	}
	c := ans[qid(ProfitImpact, 1)].Confirm("Bo", at)
	if !c.Confirmed() || c.Unconfirm().Confirmed() {
		t.Error("confirm and unconfirm")
	}
	if (Answer{Source: "rumour"}).ValidateSource() == nil || (Answer{SourceRef: strings.Repeat("x", MaxSourceRefLen+1)}).ValidateSource() == nil {
		t.Error("source validation")
	}
}

func TestWorksheet(t *testing.T) {
	w := Worksheet{Target: " 3 years\x1b[31m ", Give: []string{"", " faster delivery "}, Get: []string{"volume"}}.Clean()
	if w.Target != "3 years" || !slices.Equal(w.Give, []string{"faster delivery"}) || w.Empty() {
		t.Errorf("clean %+v", w)
	}
	if !(Worksheet{CustomerID: "c"}).Empty() {
		t.Error("empty worksheet not empty")
	}
	if (Worksheet{Give: make([]string, MaxTradables+1)}).Validate() == nil || (Worksheet{Floor: strings.Repeat("x", MaxWorksheetLineLen+1)}).Validate() == nil {
		t.Error("worksheet limits")
	}
	qs := []Question{
		{ID: "them.risk.suppliers", Set: SetThem, Dimension: SupplyRisk, Anchors: [5]string{"a1", "a2", "a3", "a4", "a5"}},
		{ID: "them.risk.failure", Set: SetThem, Dimension: SupplyRisk},
		{ID: "them.risk.switching_cost", Set: SetThem, Dimension: SupplyRisk},
	}
	alts := Alternatives(qs, map[string]Answer{"them.risk.suppliers": {Score: 2}, "them.risk.failure": {Score: 5}, "them.risk.switching_cost": {Score: DontKnow}})
	if len(alts) != 2 || alts[0].Anchor != "a2" || alts[1].Anchor != "" {
		t.Errorf("alternatives %+v", alts)
	}
	// Content without those questions: every supply-risk answer.
	other := []Question{{ID: "x", Dimension: SupplyRisk}, {ID: "y", Dimension: ProfitImpact}}
	if alts := Alternatives(other, map[string]Answer{"x": {Score: 1}, "y": {Score: 1}}); len(alts) != 1 || alts[0].Question.ID != "x" {
		t.Errorf("fallback %+v", alts)
	}
}
