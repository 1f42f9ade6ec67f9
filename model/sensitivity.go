package model

import (
	"cmp"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"slices"
)

// ChangeKind names the kind of single change that sensitivity tries.
type ChangeKind string

const (
	// ChangeAnswer is one known answer one step up or down (within 1–5).
	ChangeAnswer ChangeKind = "answer"
	// ChangeWeight is one question's weight times 0.5 or 1.5.
	ChangeWeight ChangeKind = "weight"
	// ChangeCutoff is one dimension's cut-off 0.5 up or down (within 1–5).
	ChangeCutoff ChangeKind = "cutoff"
)

// Sensitivity's step sizes (domain.md §7).
const (
	WeightLow  = 0.5
	WeightHigh = 1.5
	CutoffStep = 0.5
)

// Change is one single change that moves a customer to another class or
// regime, with the placement it leads to.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// QuestionID names the question of an answer or weight move.
	QuestionID string    `json:"question,omitempty"`
	Dimension  Dimension `json:"dimension"`
	// From and To are the answer, the weight or the cut-off before and
	// after the change.
	From   float64   `json:"from"`
	To     float64   `json:"to"`
	Result Placement `json:"result"`
}

// Sensitivity lists every single change that moves the customer to another
// Kraljic class, preferencing class or regime: one known answer ±1, one
// weight ×0.5 or ×1.5, one cut-off ±0.5. The smallest changes come first:
// answers (the rooms' own judgement) before weights before cut-offs, then
// in question and dimension order, down before up. An unplaced customer
// has no moves.
func Sensitivity(t Thresholds, questions []Question, answers map[string]Answer) []Change {
	t = t.Normalized()
	ts := termsOf(questions, answers)
	base := ts.scores()
	now := base.place(t)
	if now == (Placement{}) {
		return nil
	}
	var out []Change
	try := func(m Change, s scores, tt Thresholds) {
		if p := s.place(tt); p.Moved(now) {
			m.Result = p
			out = append(out, m)
		}
	}
	// Every change re-scores only its own dimension from the known
	// answers, without copying the answers or the questions.
	for i, tm := range ts {
		for _, step := range []float64{-1, 1} {
			to := tm.val + step
			if !Score(to).Known() {
				continue
			}
			v, ok := ts.mean(tm.dim, i, tm.w, to)
			try(Change{Kind: ChangeAnswer, QuestionID: tm.id, Dimension: Dimensions[tm.dim], From: tm.val, To: to}, base.withMean(tm.dim, v, ok), t)
		}
	}
	for i, tm := range ts {
		for _, f := range []float64{WeightLow, WeightHigh} {
			v, ok := ts.mean(tm.dim, i, tm.w*f, tm.val)
			try(Change{Kind: ChangeWeight, QuestionID: tm.id, Dimension: Dimensions[tm.dim], From: tm.w, To: tm.w * f}, base.withMean(tm.dim, v, ok), t)
		}
	}
	for di, d := range Dimensions {
		if !base.ok[di] {
			continue
		}
		cut := t.For(d)
		for _, step := range []float64{-CutoffStep, CutoffStep} {
			to := cut + step
			if to < 1 || to > 5 {
				continue
			}
			try(Change{Kind: ChangeCutoff, Dimension: d, From: cut, To: to}, base, t.WithCutoff(d, to))
		}
	}
	return out
}

// term is one known answer to a positively weighted question: all that
// moves a dimension's weighted mean.
type term struct {
	id     string
	dim    int
	w, val float64
}

type terms []term

// termsOf lists the known answers in question order.
func termsOf(questions []Question, answers map[string]Answer) terms {
	var out terms
	for _, q := range questions {
		a, ok := answers[q.ID]
		di := dimIndex(q.Dimension)
		if ok && a.Score.Known() && di >= 0 && q.Weight > 0 {
			out = append(out, term{q.ID, di, q.Weight, float64(a.Score)})
		}
	}
	return out
}

// scores is the weighted mean of each dimension, as ScoreDimension gives.
func (ts terms) scores() scores {
	var s scores
	for d := range s.v {
		s.v[d], s.ok[d] = ts.mean(d, -1, 0, 0)
	}
	return s
}

// mean is dimension d's weighted mean with term i (if i ≥ 0) given weight
// w and value v instead of its own.
func (ts terms) mean(d, i int, w, v float64) (float64, bool) {
	var sum, ws float64
	for j, tm := range ts {
		if tm.dim != d {
			continue
		}
		tw, tv := tm.w, tm.val
		if j == i {
			tw, tv = w, v
		}
		sum += tw * tv
		ws += tw
	}
	if ws <= 0 {
		return 0, false
	}
	return sum / ws, true
}

// withMean returns s with dimension i set to a mean.
func (s scores) withMean(i int, v float64, ok bool) scores {
	s.v[i], s.ok[i] = v, ok
	return s
}

func dimIndex(d Dimension) int { return slices.Index(Dimensions, d) }

// StabilityDraws is the number of random weight draws behind a stability
// figure.
const StabilityDraws = 1000

// Stability is how firmly a customer sits in its cell when the weights are
// uncertain: the share of draws, each weight drawn uniformly in
// [0.5 w, 1.5 w], in which the placement (both classes and the regime)
// holds. KraljicMatrix's MAVF_sensitivity offers buyers the same.
type Stability struct {
	Share float64 `json:"share"`
	Held  int     `json:"held"`
	Draws int     `json:"draws"`
}

// Seed is the stability seed of a customer: derived from its ID, so the
// figure is the same on every run and every machine.
func Seed(customerID string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(customerID))
	return h.Sum64()
}

// StabilityOf draws the weights draws times from a generator seeded with
// seed. ok is false for a customer without any placement.
func StabilityOf(t Thresholds, questions []Question, answers map[string]Answer, draws int, seed uint64) (Stability, bool) {
	t = t.Normalized()
	ts := termsOf(questions, answers)
	base := ts.scores()
	now := base.place(t)
	if now == (Placement{}) || draws <= 0 {
		return Stability{}, false
	}
	var cuts [4]float64
	var high [4]bool
	for i, d := range Dimensions {
		cuts[i] = t.For(d)
		high[i] = base.ok[i] && Above(base.v[i], cuts[i])
	}
	// The generator is used directly, not through rand.Rand, which saves
	// an interface call per weight; the uniform draw is rand.Float64's.
	pcg := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	held := 0
	for range draws {
		var sum, wsum [4]float64
		for _, tm := range ts {
			u := float64(pcg.Uint64()<<11>>11) / (1 << 53)
			w := tm.w * (WeightLow + u*(WeightHigh-WeightLow))
			sum[tm.dim] += w * tm.val
			wsum[tm.dim] += w
		}
		// The placement follows from which dimensions are high: when none
		// crosses its cut-off the cell holds, and only a crossing needs
		// the placement worked out again.
		s, same := base, true
		for i := range s.v {
			if wsum[i] > 0 {
				s.v[i] = sum[i] / wsum[i]
				if Above(s.v[i], cuts[i]) != high[i] {
					same = false
				}
			}
		}
		if same || !s.place(t).Moved(now) {
			held++
		}
	}
	return Stability{Share: float64(held) / float64(draws), Held: held, Draws: draws}, true
}

// CustomerStability is StabilityOf with the customer's own seed and the
// standard number of draws.
func CustomerStability(t Thresholds, questions []Question, c Customer, answers map[string]Answer) (Stability, bool) {
	return StabilityOf(t, questions, answers, StabilityDraws, Seed(c.ID))
}

// Unstable is one customer with its stability figure and the smallest
// change that moves it.
type Unstable struct {
	Assessment Assessment `json:"-"`
	Stability  Stability  `json:"stability"`
	// Smallest is the first of the customer's moves; nil when no single
	// change moves it.
	Smallest *Change `json:"smallest,omitempty"`
}

// LeastStable lists a dataset's placed customers least stable first, the
// order in which a room should spend its discussion time; equally stable
// customers keep the ranking order. Customers without a placement are left
// out.
func LeastStable(d Dataset, questions []Question) []Unstable {
	ranked := Rank(d.Assess(questions))
	var out []Unstable
	for _, a := range ranked {
		ans := d.Answers[a.Customer.ID]
		st, ok := CustomerStability(d.Workshop.Thresholds, questions, a.Customer, ans)
		if !ok {
			continue
		}
		u := Unstable{Assessment: a, Stability: st}
		if moves := Sensitivity(d.Workshop.Thresholds, questions, ans); len(moves) > 0 {
			u.Smallest = &moves[0]
		}
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b Unstable) int { return cmp.Compare(a.Stability.Share, b.Stability.Share) })
	return out
}

// WhatIf assesses the customer as if question questionID had been answered
// score, without changing answers: the seller sees the placement move and
// nothing is saved. A score outside 0–5 leaves the answers as they are;
// DontKnow tries "don't know".
func WhatIf(t Thresholds, questions []Question, c Customer, answers map[string]Answer, questionID string, score Score) Assessment {
	if !score.Valid() {
		return Assess(t, questions, c, answers)
	}
	changed := maps.Clone(answers)
	if changed == nil {
		changed = map[string]Answer{}
	}
	a, ok := changed[questionID]
	if !ok {
		a = Answer{CustomerID: c.ID, QuestionID: questionID}
	}
	a.Score = score
	changed[questionID] = a
	return Assess(t, questions, c, changed)
}

// History lists the answers to questions that are not among questions, in
// question ID order: answers to a retired question, or to one whose meaning
// changed and so got a new ID. They are kept and shown as history, never
// re-read as answers to today's questions.
func History(questions []Question, answers map[string]Answer) []Answer {
	current := make(map[string]bool, len(questions))
	for _, q := range questions {
		current[q.ID] = true
	}
	var out []Answer
	for _, id := range slices.Sorted(maps.Keys(answers)) {
		if !current[id] {
			out = append(out, answers[id])
		}
	}
	return out
}
