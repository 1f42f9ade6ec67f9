package model_test

import (
	"slices"
	"testing"

	. "styrka/model"
)

// gridWant is the full 4×4 grid: regimes from domain.md §4 (Y = supply risk
// = their dependence, X = relative value = our dependence), priorities as
// decided in model/classes.go.
var gridWant = []struct {
	k  Kraljic
	p  Preferencing
	r  Regime
	pr Priority
}{
	{Strategic, Core, Interdependence, P1},
	{Strategic, Exploitable, Interdependence, P2},
	{Strategic, Development, SupplierDominance, P2},
	{Strategic, Nuisance, SupplierDominance, P3},

	{Bottleneck, Core, Interdependence, P2},
	{Bottleneck, Exploitable, Interdependence, P2},
	{Bottleneck, Development, SupplierDominance, P2},
	{Bottleneck, Nuisance, SupplierDominance, P4},

	{Leverage, Core, BuyerDominance, P1},
	{Leverage, Exploitable, BuyerDominance, P2},
	{Leverage, Development, Independence, P3},
	{Leverage, Nuisance, Independence, P4},

	{NonCritical, Core, BuyerDominance, P2},
	{NonCritical, Exploitable, BuyerDominance, P3},
	{NonCritical, Development, Independence, P3},
	{NonCritical, Nuisance, Independence, P4},
}

// Domain §2: impact × risk per Kraljic class; §3: value × attractiveness
// per preferencing class.
var (
	kraljicAxes = map[Kraljic]struct{ impactHigh, riskHigh bool }{
		Strategic:   {true, true},
		Leverage:    {true, false},
		Bottleneck:  {false, true},
		NonCritical: {false, false},
	}
	prefAxes = map[Preferencing]struct{ valueHigh, attrHigh bool }{
		Core:        {true, true},
		Development: {false, true},
		Exploitable: {true, false},
		Nuisance:    {false, false},
	}
)

func TestClassifyKraljic(t *testing.T) {
	for k, ax := range kraljicAxes {
		if got := ClassifyKraljic(ax.impactHigh, ax.riskHigh); got != k {
			t.Errorf("ClassifyKraljic(impact %v, risk %v) = %s, want %s", ax.impactHigh, ax.riskHigh, got, k)
		}
	}
}

func TestClassifyPreferencing(t *testing.T) {
	for p, ax := range prefAxes {
		if got := ClassifyPreferencing(ax.valueHigh, ax.attrHigh); got != p {
			t.Errorf("ClassifyPreferencing(value %v, attractiveness %v) = %s, want %s", ax.valueHigh, ax.attrHigh, got, p)
		}
	}
}

func TestClassifyRegime(t *testing.T) {
	tests := []struct {
		theirs, ours bool
		want         Regime
	}{
		{true, true, Interdependence},
		{true, false, SupplierDominance},
		{false, true, BuyerDominance},
		{false, false, Independence},
	}
	for _, tt := range tests {
		if got := ClassifyRegime(tt.theirs, tt.ours); got != tt.want {
			t.Errorf("ClassifyRegime(theirs %v, ours %v) = %s, want %s", tt.theirs, tt.ours, got, tt.want)
		}
	}
}

// TestGridTable checks the expected table itself against domain.md §4.
func TestGridTable(t *testing.T) {
	if len(gridWant) != 16 {
		t.Fatalf("table has %d cells, want 16", len(gridWant))
	}
	seen := map[Cell]bool{}
	byPriority := map[Priority][]Cell{}
	for _, g := range gridWant {
		c := Cell{g.k, g.p}
		if seen[c] {
			t.Errorf("cell %s listed twice", c.Key())
		}
		seen[c] = true
		byPriority[g.pr] = append(byPriority[g.pr], c)

		theirs := g.k == Strategic || g.k == Bottleneck
		ours := g.p == Core || g.p == Exploitable
		var want Regime
		switch {
		case theirs && ours:
			want = Interdependence
		case theirs:
			want = SupplierDominance // "we dominate"
		case ours:
			want = BuyerDominance
		default:
			want = Independence
		}
		if g.r != want {
			t.Errorf("table: %s regime %s, domain says %s", c.Key(), g.r, want)
		}
		// Independence is the lowest priority (domain §4).
		if g.r == Independence && g.pr < P3 {
			t.Errorf("table: independence cell %s has %s, want P3 or P4", c.Key(), g.pr)
		}
	}
	// P1 = Strategic×Core and Leverage×Core; P4 = Non-critical×Nuisance,
	// Bottleneck×Nuisance, Leverage×Nuisance.
	sameCells := func(got, want []Cell) bool {
		return len(got) == len(want) && !slices.ContainsFunc(want, func(c Cell) bool { return !slices.Contains(got, c) })
	}
	if want := []Cell{{Strategic, Core}, {Leverage, Core}}; !sameCells(byPriority[P1], want) {
		t.Errorf("P1 cells = %v, want %v", byPriority[P1], want)
	}
	if want := []Cell{{NonCritical, Nuisance}, {Bottleneck, Nuisance}, {Leverage, Nuisance}}; !sameCells(byPriority[P4], want) {
		t.Errorf("P4 cells = %v, want %v", byPriority[P4], want)
	}
	for _, p := range []Priority{P1, P2, P3, P4} {
		if len(byPriority[p]) == 0 {
			t.Errorf("priority %s is not used", p)
		}
	}
	if len(byPriority[NoPriority]) != 0 {
		t.Errorf("cells without priority: %v", byPriority[NoPriority])
	}
}

func TestCellRegimeAndPriority(t *testing.T) {
	for _, g := range gridWant {
		c := Cell{g.k, g.p}
		if got := c.Regime(); got != g.r {
			t.Errorf("%s.Regime() = %s, want %s", c.Key(), got, g.r)
		}
		ka, pa := kraljicAxes[g.k], prefAxes[g.p]
		if got, want := c.Regime(), ClassifyRegime(ka.riskHigh, pa.valueHigh); got != want {
			t.Errorf("%s.Regime() = %s, ClassifyRegime = %s", c.Key(), got, want)
		}
		if got := c.Priority(); got != g.pr {
			t.Errorf("%s.Priority() = %s, want %s", c.Key(), got, g.pr)
		}
	}
	if got := (Cell{}).Priority(); got != NoPriority {
		t.Errorf("zero Cell priority = %s, want none", got)
	}
}

// TestAssessAllSixteenCells lands one customer in every cell through Assess.
func TestAssessAllSixteenCells(t *testing.T) {
	qs := questionsN(4)
	score := func(high bool, hi, lo Score) Score {
		if high {
			return hi
		}
		return lo
	}
	// Two ways of being high and low: clear (5/1) and near the cut-off
	// (4: above it, 3: exactly at it, which is low).
	levels := []struct {
		name   string
		hi, lo Score
	}{{"clear", 5, 1}, {"near cut-off", 4, 3}}
	for _, lv := range levels {
		for _, g := range gridWant {
			c := Cell{g.k, g.p}
			t.Run(lv.name+"/"+c.Key(), func(t *testing.T) {
				ka, pa := kraljicAxes[g.k], prefAxes[g.p]
				a := fill(4, map[Dimension]Score{
					ProfitImpact:   score(ka.impactHigh, lv.hi, lv.lo),
					SupplyRisk:     score(ka.riskHigh, lv.hi, lv.lo),
					RelativeValue:  score(pa.valueHigh, lv.hi, lv.lo),
					Attractiveness: score(pa.attrHigh, lv.hi, lv.lo),
				})
				got := Assess(DefaultThresholds(), qs, Customer{ID: c.Key(), Name: c.Key()}, a.build())
				if got.Kraljic != g.k || got.Pref != g.p || got.Regime != g.r || got.Priority != g.pr {
					t.Errorf("got %s/%s/%s/%s, want %s/%s/%s/%s",
						got.Kraljic, got.Pref, got.Regime, got.Priority, g.k, g.p, g.r, g.pr)
				}
				cell, ok := got.Cell()
				if !ok || cell != c {
					t.Errorf("Cell() = %v, %v; want %v, true", cell, ok, c)
				}
				if !got.Placed() {
					t.Error("Placed() = false")
				}
				if cell.Regime() != got.Regime {
					t.Errorf("Cell().Regime() = %s, Assess regime %s", cell.Regime(), got.Regime)
				}
				if !got.Room.Placed {
					t.Error("Room not placed")
				}
			})
		}
	}
}

func TestCells(t *testing.T) {
	cells := Cells()
	if len(cells) != 16 {
		t.Fatalf("Cells() has %d cells, want 16", len(cells))
	}
	i := 0
	seen := map[string]bool{}
	for _, k := range KraljicClasses {
		for _, p := range PreferencingClasses {
			if cells[i] != (Cell{k, p}) {
				t.Errorf("Cells()[%d] = %v, want %v", i, cells[i], Cell{k, p})
			}
			i++
		}
	}
	for _, c := range cells {
		if seen[c.Key()] {
			t.Errorf("duplicate cell %s", c.Key())
		}
		seen[c.Key()] = true
		if c.Priority() == NoPriority {
			t.Errorf("%s has no priority", c.Key())
		}
	}
	for _, g := range gridWant {
		if !seen[Cell{g.k, g.p}.Key()] {
			t.Errorf("Cells() lacks %s", Cell{g.k, g.p}.Key())
		}
	}
}

func TestCellKey(t *testing.T) {
	tests := []struct {
		c    Cell
		want string
	}{
		{Cell{Strategic, Core}, "strategic-core"},
		{Cell{NonCritical, Nuisance}, "noncritical-nuisance"},
		{Cell{Bottleneck, Exploitable}, "bottleneck-exploitable"},
		{Cell{Leverage, Development}, "leverage-development"},
	}
	for _, tt := range tests {
		if got := tt.c.Key(); got != tt.want {
			t.Errorf("Key() = %q, want %q", got, tt.want)
		}
	}
}

// TestRegimesOrder: the map's quadrants top left, top right, bottom left,
// bottom right (domain §4 table: their dependence high on top, our
// dependence high on the right).
func TestRegimesOrder(t *testing.T) {
	want := []Regime{SupplierDominance, Interdependence, Independence, BuyerDominance}
	if !slices.Equal(Regimes, want) {
		t.Errorf("Regimes = %v, want %v", Regimes, want)
	}
}
