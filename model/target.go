package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Target is where we want to be with a customer, and by when: the
// Kraljic class we want in their eyes and the preferencing class we want
// them to be for us. Either class may be empty: no target there. One per
// customer.
type Target struct {
	WorkshopID string       `json:"workshop_id"`
	CustomerID string       `json:"customer_id"`
	Kraljic    Kraljic      `json:"kraljic,omitempty"`
	Pref       Preferencing `json:"preferencing,omitempty"`
	// By is the date to be there, YYYY-MM-DD, or empty.
	By      string    `json:"by,omitempty"`
	Note    string    `json:"note,omitempty"`
	Updated time.Time `json:"updated"`
}

// MaxTargetNoteLen is the longest note of a target, in characters.
const MaxTargetNoteLen = 500

// Set reports whether the target names a class.
func (t Target) Set() bool { return t.Kraljic != "" || t.Pref != "" }

// Validate checks a target: known classes (or none), a date that is
// empty or YYYY-MM-DD, a note within its limit.
func (t Target) Validate() error {
	switch {
	case t.Kraljic != "" && !slices.Contains(KraljicClasses, t.Kraljic):
		return fmt.Errorf("target Kraljic class %q (want strategic, leverage, bottleneck or noncritical)", t.Kraljic)
	case t.Pref != "" && !slices.Contains(PreferencingClasses, t.Pref):
		return fmt.Errorf("target preferencing class %q (want core, development, exploitable or nuisance)", t.Pref)
	case !ValidDue(t.By):
		return fmt.Errorf("target date %q (want YYYY-MM-DD)", t.By)
	}
	return firstTooLong(lenCheck{"note", t.Note, MaxTargetNoteLen})
}

// Cell is the target cell; ok is false unless both classes are set.
func (t Target) Cell() (Cell, bool) {
	if t.Kraljic == "" || t.Pref == "" {
		return Cell{}, false
	}
	return Cell{t.Kraljic, t.Pref}, true
}

// highs says which dimensions a class wants high: the first two of
// Kraljic's (impact, risk), or of preferencing's (value,
// attractiveness).
func kraljicHighs(k Kraljic) (impact, risk bool) {
	return k == Strategic || k == Leverage, k == Strategic || k == Bottleneck
}

func prefHighs(p Preferencing) (value, attr bool) {
	return p == Core || p == Exploitable, p == Core || p == Development
}

// DimensionGap is what must change in one dimension to reach a target.
type DimensionGap struct {
	Dimension Dimension `json:"dimension"`
	// Value is the score now; meaningful only when Placed.
	Value  float64 `json:"value"`
	Placed bool    `json:"placed"`
	Cutoff float64 `json:"cutoff"`
	// High is the side the target wants: strictly above the cut-off, or at
	// or below it.
	High bool `json:"high"`
	// Change is the cut-off minus the score: how far the score must move,
	// up (to above the cut-off) when positive, down (to the cut-off or
	// below) when negative; 0 when not placed.
	Change float64 `json:"change"`
}

// Gap is the distance from where a customer is to its target.
type Gap struct {
	Target Target `json:"target"`
	// Met is true when the customer is in every class the target names.
	Met bool `json:"met"`
	// Dimensions lists, in Dimensions order, the dimensions that are on
	// the wrong side of their cut-off for the target, or not placed.
	Dimensions []DimensionGap `json:"dimensions,omitempty"`
	// Overdue is true when the target's date lies before today and the
	// target is not met.
	Overdue bool `json:"overdue,omitempty"`
}

// wants lists the side the target wants of each dimension it constrains.
func (t Target) wants() map[Dimension]bool {
	m := map[Dimension]bool{}
	if t.Kraljic != "" {
		m[ProfitImpact], m[SupplyRisk] = kraljicHighs(t.Kraljic)
	}
	if t.Pref != "" {
		m[RelativeValue], m[Attractiveness] = prefHighs(t.Pref)
	}
	return m
}

// GapOf is what must change for a customer to reach its target: which
// dimensions must cross their cut-off, and by how much. A zero today
// never marks the target overdue.
func GapOf(a Assessment, t Target, th Thresholds, today time.Time) Gap {
	th = th.Normalized()
	g := Gap{Target: t}
	if !t.Set() {
		return g
	}
	want := t.wants()
	for _, d := range Dimensions {
		high, ok := want[d]
		if !ok {
			continue
		}
		s := a.Scores[d]
		cut := th.For(d)
		if s.Placed && Above(s.Value, cut) == high {
			continue
		}
		dg := DimensionGap{Dimension: d, Value: s.Value, Placed: s.Placed, Cutoff: cut, High: high}
		if s.Placed {
			dg.Change = cut - s.Value
		}
		g.Dimensions = append(g.Dimensions, dg)
	}
	g.Met = len(g.Dimensions) == 0
	if !g.Met && t.By != "" && !today.IsZero() && t.By < today.Format(time.DateOnly) {
		g.Overdue = true
	}
	return g
}

// SourceGap is the Source of an action taken to close the gap to the
// target in dimension d.
func SourceGap(d Dimension) string { return "gap:" + string(d) }

// SourceTarget is the Source of an action taken towards the target as a
// whole.
const SourceTarget = "target"

// GapActions lists the customer's actions tied to its target, in their
// order: those made for the gap or the target (SourceGap, SourceTarget)
// and those adopted from the target cell's advice.
func GapActions(actions []Action, customerID string, t Target) []Action {
	cell, hasCell := t.Cell()
	var out []Action
	for _, a := range actions {
		if a.CustomerID != customerID {
			continue
		}
		if a.Source == SourceTarget || strings.HasPrefix(a.Source, "gap:") || (hasCell && a.Source == SourceCell(cell)) {
			out = append(out, a)
		}
	}
	return out
}

// GapStep is a customer's distance to its target as one round saw it,
// or now.
type GapStep struct {
	// Round is the round's number, 0 for now.
	Round    int          `json:"round"`
	Name     string       `json:"name,omitempty"`
	ClosedAt time.Time    `json:"closed_at,omitzero"`
	Kraljic  Kraljic      `json:"kraljic,omitempty"`
	Pref     Preferencing `json:"preferencing,omitempty"`
	// Distance sums how far each dimension the target names lies on the
	// wrong side of its cut-off; a dimension not placed counts as the
	// whole scale (4), so an unanswered one never looks close.
	Distance float64 `json:"distance"`
	Met      bool    `json:"met"`
}

// distance is the sum of how far each constrained dimension is from the
// side the target wants.
func distance(want map[Dimension]bool, th Thresholds, value func(Dimension) (float64, bool)) (float64, bool) {
	total, met := 0.0, true
	for _, d := range Dimensions {
		high, ok := want[d]
		if !ok {
			continue
		}
		v, placed := value(d)
		if !placed {
			total += Levels - 1
			met = false
			continue
		}
		cut := th.For(d)
		if Above(v, cut) == high {
			continue
		}
		met = false
		total += math.Abs(cut - v)
	}
	return total, met
}

// TargetProgress is the customer's distance to the target in every
// closed round it was in, the first first, and now last (Round 0). The
// rounds are measured against today's cut-offs, so the steps compare.
func TargetProgress(rounds []Round, now Assessment, t Target, th Thresholds) []GapStep {
	if !t.Set() {
		return nil
	}
	th = th.Normalized()
	want := t.wants()
	sorted := slices.Clone(rounds)
	SortRounds(sorted)
	var out []GapStep
	for _, r := range sorted {
		e, ok := r.Entry(now.Customer.ID)
		if !ok {
			continue
		}
		dist, met := distance(want, th, func(d Dimension) (float64, bool) {
			s := e.Scores[d]
			return s.Value, s.Placed
		})
		out = append(out, GapStep{Round: r.Number, Name: r.Name, ClosedAt: r.ClosedAt, Kraljic: e.Kraljic, Pref: e.Pref, Distance: dist, Met: met})
	}
	dist, met := distance(want, th, func(d Dimension) (float64, bool) {
		s := now.Scores[d]
		return s.Value, s.Placed
	})
	return append(out, GapStep{Kraljic: now.Kraljic, Pref: now.Pref, Distance: dist, Met: met})
}
