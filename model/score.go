package model

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// DimensionScore is one dimension's score for one customer.
type DimensionScore struct {
	Dimension Dimension `json:"dimension"`
	// Value is the weighted mean of the known answers on 1–5; meaningful
	// only when Placed.
	Value float64 `json:"value"`
	// Placed is true when at least one question with a positive weight has a
	// known (1–5) answer.
	Placed bool `json:"placed"`
	// Known counts answers on the 1–5 scale, DontKnows counts "don't know",
	// Questions counts the questions of the dimension.
	Known     int `json:"known"`
	DontKnows int `json:"dont_knows"`
	Questions int `json:"questions"`
}

// Answered is the number of questions answered, "don't know" included.
func (s DimensionScore) Answered() int { return s.Known + s.DontKnows }

// Coverage is the share of the dimension's questions with a known answer.
func (s DimensionScore) Coverage() float64 {
	if s.Questions == 0 {
		return 0
	}
	return float64(s.Known) / float64(s.Questions)
}

// ScoreDimension computes the weighted mean of the known answers to the
// questions of one dimension. Questions with a zero or negative weight do
// not count towards the mean. Answers to other questions are ignored.
func ScoreDimension(d Dimension, questions []Question, answers map[string]Answer) DimensionScore {
	s := DimensionScore{Dimension: d}
	var sum, weights float64
	for _, q := range questions {
		if q.Dimension != d {
			continue
		}
		s.Questions++
		a, ok := answers[q.ID]
		if !ok {
			continue
		}
		if !a.Score.Known() {
			s.DontKnows++
			continue
		}
		s.Known++
		if q.Weight > 0 {
			sum += q.Weight * float64(a.Score)
			weights += q.Weight
		}
	}
	if weights > 0 {
		s.Placed = true
		s.Value = sum / weights
	}
	return s
}

// Progress is how far one question set has come for one customer.
type Progress struct {
	Answered  int `json:"answered"`
	Questions int `json:"questions"`
}

// Done reports whether every question of the set has an answer.
func (p Progress) Done() bool { return p.Questions > 0 && p.Answered >= p.Questions }

// RoomLevel names the negotiation room on −4…+4.
type RoomLevel string

const (
	RoomLow      RoomLevel = "low"
	RoomBalanced RoomLevel = "balanced"
	RoomHigh     RoomLevel = "high"
)

// Stance is the buyer's expected stance in Kraljic's power matrix.
type Stance string

const (
	// Exploit: the buyer is strong and uses it.
	Exploit Stance = "exploit"
	// Balance: neither side dominates.
	Balance Stance = "balance"
	// Diversify: the supplier is strong; the buyer looks for alternatives.
	Diversify Stance = "diversify"
)

// epsilon absorbs the rounding of weighted means, so a mean that is 3.0
// on paper is 3.0 here too.
const epsilon = 1e-9

// AtLeast reports whether v is at or above the cut-off, tolerating the
// rounding error of a weighted mean.
func AtLeast(v, cut float64) bool { return v >= cut-epsilon }

// RoomThreshold is the distance from zero at which the room to move stops
// being balanced.
const RoomThreshold = 1.0

// Room is our room to move in a negotiation: their dependence on us minus
// our dependence on them, on −4…+4.
type Room struct {
	Value  float64   `json:"value"`
	Placed bool      `json:"placed"`
	Level  RoomLevel `json:"level,omitempty"`
	Stance Stance    `json:"stance,omitempty"`
}

// NegotiationRoom computes the room to move from their dependence on us
// (supply risk) and ours on them (relative value).
func NegotiationRoom(risk, value DimensionScore) Room {
	if !risk.Placed || !value.Placed {
		return Room{}
	}
	r := Room{Value: risk.Value - value.Value, Placed: true}
	switch {
	case AtLeast(-r.Value, RoomThreshold):
		r.Level, r.Stance = RoomLow, Exploit
	case AtLeast(r.Value, RoomThreshold):
		r.Level, r.Stance = RoomHigh, Diversify
	default:
		r.Level, r.Stance = RoomBalanced, Balance
	}
	return r
}

// WarningKind names a mismatch worth a warning.
type WarningKind string

const (
	// WarnExposed: we see them as Core, they see us as Leverage or
	// Non-critical: we are exposed.
	WarnExposed WarningKind = "exposed"
	// WarnReplace: they see us as Strategic or Bottleneck, we see them as
	// Nuisance: they will seek to replace us.
	WarnReplace WarningKind = "replace"
	// WarnBottleneck: they see us as Bottleneck and work to develop
	// alternatives to us.
	WarnBottleneck WarningKind = "bottleneck"
	// WarnValidate: set A has "don't know" answers; only the customer can
	// confirm how they see us.
	WarnValidate WarningKind = "validate"
	// WarnLowCoverage: fewer than half the questions of a set have a known
	// answer, so the placement rests on thin evidence.
	WarnLowCoverage WarningKind = "low_coverage"
)

// LowCoverage is the share of known answers below which a set's placement
// is flagged.
const LowCoverage = 0.5

// Assessment is everything the method says about one customer.
type Assessment struct {
	Customer Customer                     `json:"-"`
	Scores   map[Dimension]DimensionScore `json:"scores"`
	Progress map[SetID]Progress           `json:"progress"`
	Kraljic  Kraljic                      `json:"kraljic,omitempty"`
	Pref     Preferencing                 `json:"preferencing,omitempty"`
	Regime   Regime                       `json:"regime,omitempty"`
	Priority Priority                     `json:"priority"`
	Room     Room                         `json:"room"`
	Warnings []WarningKind                `json:"warnings,omitempty"`
	// Validate lists the set A questions answered "don't know", to be
	// validated with the customer.
	Validate []string `json:"validate,omitempty"`
}

// Placed reports whether the customer has a place on the power map.
func (a Assessment) Placed() bool { return a.Regime != "" }

// Cell is the 4×4 cell; ok is false unless both classes are known.
func (a Assessment) Cell() (c Cell, ok bool) {
	if a.Kraljic == "" || a.Pref == "" {
		return Cell{}, false
	}
	return Cell{a.Kraljic, a.Pref}, true
}

// Coverage is the share of all questions with a known answer.
func (a Assessment) Coverage() float64 {
	var known, total int
	for _, s := range a.Scores {
		known += s.Known
		total += s.Questions
	}
	if total == 0 {
		return 0
	}
	return float64(known) / float64(total)
}

// Assess scores one customer. answers are the customer's answers keyed by
// question ID; answers to questions not in questions are ignored. A
// dimension without a known answer is not placed, and neither is any class
// or regime that needs it: nothing is ever put at a default.
func Assess(t Thresholds, questions []Question, c Customer, answers map[string]Answer) Assessment {
	t = t.Normalized()
	a := Assessment{
		Customer: c,
		Scores:   make(map[Dimension]DimensionScore, len(Dimensions)),
		Progress: make(map[SetID]Progress, len(Sets)),
	}
	for _, d := range Dimensions {
		a.Scores[d] = ScoreDimension(d, questions, answers)
	}
	for _, q := range questions {
		p := a.Progress[q.Set]
		p.Questions++
		if ans, ok := answers[q.ID]; ok {
			p.Answered++
			if q.Set == SetThem && !ans.Score.Known() {
				a.Validate = append(a.Validate, q.ID)
			}
		}
		a.Progress[q.Set] = p
	}
	high := func(d Dimension) (bool, bool) {
		s := a.Scores[d]
		return s.Placed && AtLeast(s.Value, t.For(d)), s.Placed
	}
	impact, okI := high(ProfitImpact)
	risk, okR := high(SupplyRisk)
	value, okV := high(RelativeValue)
	attr, okA := high(Attractiveness)
	if okI && okR {
		a.Kraljic = ClassifyKraljic(impact, risk)
	}
	if okV && okA {
		a.Pref = ClassifyPreferencing(value, attr)
	}
	if okR && okV {
		a.Regime = ClassifyRegime(risk, value)
	}
	if cell, ok := a.Cell(); ok {
		a.Priority = cell.Priority()
	}
	a.Room = NegotiationRoom(a.Scores[SupplyRisk], a.Scores[RelativeValue])
	a.Warnings = warnings(a)
	return a
}

func warnings(a Assessment) []WarningKind {
	var w []WarningKind
	if a.Pref == Core && (a.Kraljic == Leverage || a.Kraljic == NonCritical) {
		w = append(w, WarnExposed)
	}
	if a.Pref == Nuisance && (a.Kraljic == Strategic || a.Kraljic == Bottleneck) {
		w = append(w, WarnReplace)
	}
	if a.Kraljic == Bottleneck {
		w = append(w, WarnBottleneck)
	}
	if len(a.Validate) > 0 {
		w = append(w, WarnValidate)
	}
	for _, s := range Sets {
		var known, total int
		for _, d := range DimensionsOf(s) {
			known += a.Scores[d].Known
			total += a.Scores[d].Questions
		}
		if a.Progress[s].Answered > 0 && total > 0 && float64(known)/float64(total) < LowCoverage {
			w = append(w, WarnLowCoverage)
			break
		}
	}
	return w
}

// Rank orders assessments for the question "which customers should we
// prioritise?": by priority (P1 first, customers not placed in the grid
// last), then by annual revenue where known (known before unknown), then by
// coverage of answers, then by name. It sorts a copy and is stable.
func Rank(as []Assessment) []Assessment {
	keys := make([]rankKey, len(as))
	for i, a := range as {
		keys[i] = newRankKey(a, i)
	}
	slices.SortStableFunc(keys, compareKeys)
	out := make([]Assessment, len(as))
	for i, k := range keys {
		out[i] = as[k.index]
	}
	return out
}

// CompareRank is the ordering Rank uses.
func CompareRank(a, b Assessment) int {
	return compareKeys(newRankKey(a, 0), newRankKey(b, 0))
}

// rankKey holds what ranking compares, worked out once per customer.
type rankKey struct {
	priority Priority
	revenue  *float64
	coverage float64
	name     string
	index    int
}

func newRankKey(a Assessment, i int) rankKey {
	p := a.Priority
	if p == NoPriority {
		p = math.MaxInt8
	}
	return rankKey{p, a.Customer.Revenue, a.Coverage(), strings.ToLower(a.Customer.Name), i}
}

func compareKeys(a, b rankKey) int {
	if c := cmp.Compare(a.priority, b.priority); c != 0 {
		return c
	}
	switch {
	case a.revenue != nil && b.revenue == nil:
		return -1
	case a.revenue == nil && b.revenue != nil:
		return 1
	case a.revenue != nil && b.revenue != nil:
		if c := cmp.Compare(*b.revenue, *a.revenue); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(b.coverage, a.coverage); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// AssessAll scores every customer of a workshop. answers maps a customer ID
// to that customer's answers keyed by question ID.
func AssessAll(t Thresholds, questions []Question, customers []Customer, answers map[string]map[string]Answer) []Assessment {
	out := make([]Assessment, len(customers))
	for i, c := range customers {
		out[i] = Assess(t, questions, c, answers[c.ID])
	}
	return out
}
