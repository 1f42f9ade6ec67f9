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
	base := scoresFor(questions, answers)
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
	for _, q := range questions {
		a, ok := answers[q.ID]
		di := dimIndex(q.Dimension)
		if !ok || !a.Score.Known() || di < 0 || !(q.Weight > 0) {
			continue
		}
		for _, step := range []Score{-1, 1} {
			to := a.Score + step
			if !to.Known() {
				continue
			}
			changed := maps.Clone(answers)
			a2 := a
			a2.Score = to
			changed[q.ID] = a2
			try(Change{Kind: ChangeAnswer, QuestionID: q.ID, Dimension: q.Dimension, From: float64(a.Score), To: float64(to)},
				base.with(di, ScoreDimension(q.Dimension, questions, changed)), t)
		}
	}
	for i, q := range questions {
		a, ok := answers[q.ID]
		di := dimIndex(q.Dimension)
		if !ok || !a.Score.Known() || di < 0 || !(q.Weight > 0) {
			continue
		}
		for _, f := range []float64{WeightLow, WeightHigh} {
			qs := slices.Clone(questions)
			qs[i].Weight = q.Weight * f
			try(Change{Kind: ChangeWeight, QuestionID: q.ID, Dimension: q.Dimension, From: q.Weight, To: qs[i].Weight},
				base.with(di, ScoreDimension(q.Dimension, qs, answers)), t)
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

// scoresFor scores all four dimensions.
func scoresFor(questions []Question, answers map[string]Answer) scores {
	var s scores
	for i, d := range Dimensions {
		ds := ScoreDimension(d, questions, answers)
		s.v[i], s.ok[i] = ds.Value, ds.Placed
	}
	return s
}

// with returns s with dimension i replaced by ds.
func (s scores) with(i int, ds DimensionScore) scores {
	s.v[i], s.ok[i] = ds.Value, ds.Placed
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
	base := scoresFor(questions, answers)
	now := base.place(t)
	if now == (Placement{}) || draws <= 0 {
		return Stability{}, false
	}
	// Only known answers to positively weighted questions move a mean.
	type term struct {
		dim    int
		w, val float64
	}
	var terms []term
	for _, q := range questions {
		a, ok := answers[q.ID]
		di := dimIndex(q.Dimension)
		if ok && a.Score.Known() && di >= 0 && q.Weight > 0 {
			terms = append(terms, term{di, q.Weight, float64(a.Score)})
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	held := 0
	for range draws {
		var sum, wsum [4]float64
		for _, tm := range terms {
			w := tm.w * (WeightLow + rng.Float64()*(WeightHigh-WeightLow))
			sum[tm.dim] += w * tm.val
			wsum[tm.dim] += w
		}
		s := base
		for i := range s.v {
			if wsum[i] > 0 {
				s.v[i] = sum[i] / wsum[i]
			}
		}
		if !s.place(t).Moved(now) {
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
