package model

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Round is a closed round of a workshop: a dated snapshot of every
// customer's scores, classes, regime and answers. The current state of a
// workshop is always the open round; closing it takes a snapshot, and
// answers given later count towards the next one.
type Round struct {
	ID         string `json:"id"`
	WorkshopID string `json:"workshop_id"`
	// Number counts the workshop's rounds from 1.
	Number    int          `json:"number"`
	Name      string       `json:"name,omitempty"`
	ClosedAt  time.Time    `json:"closed_at"`
	Customers []RoundEntry `json:"customers"`
}

// RoundScore is a dimension's score as a round keeps it.
type RoundScore struct {
	Value  float64 `json:"value"`
	Placed bool    `json:"placed"`
	Known  int     `json:"known"`
}

// RoundEntry is one customer as a round saw it. It keeps the name, so a
// round still reads well after the customer is renamed or deleted.
type RoundEntry struct {
	CustomerID string                   `json:"customer_id"`
	Name       string                   `json:"name"`
	Scores     map[Dimension]RoundScore `json:"scores"`
	Kraljic    Kraljic                  `json:"kraljic,omitempty"`
	Pref       Preferencing             `json:"preferencing,omitempty"`
	Regime     Regime                   `json:"regime,omitempty"`
	Priority   Priority                 `json:"priority"`
	// Answers are the scores given, keyed by question ID.
	Answers map[string]Score `json:"answers"`
}

// Entry finds a customer in the round.
func (r Round) Entry(customerID string) (RoundEntry, bool) {
	for _, e := range r.Customers {
		if e.CustomerID == customerID {
			return e, true
		}
	}
	return RoundEntry{}, false
}

// entryOf is an assessment with its answers as a round keeps them.
func entryOf(a Assessment, answers map[string]Answer) RoundEntry {
	e := RoundEntry{
		CustomerID: a.Customer.ID, Name: a.Customer.Name,
		Scores:  make(map[Dimension]RoundScore, len(a.Scores)),
		Kraljic: a.Kraljic, Pref: a.Pref, Regime: a.Regime, Priority: a.Priority,
		Answers: make(map[string]Score, len(answers)),
	}
	for d, s := range a.Scores {
		e.Scores[d] = RoundScore{Value: s.Value, Placed: s.Placed, Known: s.Known}
	}
	for id, ans := range answers {
		e.Answers[id] = ans.Score
	}
	return e
}

// Snapshot is the dataset's current state as the next round, closed at
// at: every customer in the workshop's order with all its answers, also
// those to questions the content no longer has. The store gives it its ID.
func Snapshot(ds Dataset, questions []Question, at time.Time) Round {
	r := Round{WorkshopID: ds.Workshop.ID, Number: NextRoundNumber(ds.Rounds), ClosedAt: at, Customers: []RoundEntry{}}
	for i, a := range ds.Assess(questions) {
		r.Customers = append(r.Customers, entryOf(a, ds.Answers[ds.Customers[i].ID]))
	}
	return r
}

// NextRoundNumber is the number the next round gets.
func NextRoundNumber(rounds []Round) int {
	n := 0
	for _, r := range rounds {
		n = max(n, r.Number)
	}
	return n + 1
}

// LastRound is the round with the highest number, the one the current
// state is compared with.
func LastRound(rounds []Round) (Round, bool) {
	var last Round
	for _, r := range rounds {
		if r.Number > last.Number {
			last = r
		}
	}
	return last, last.Number > 0
}

// FindRound finds a round by its number, its ID or its name (regardless
// of case).
func FindRound(rounds []Round, ref string) (Round, bool) {
	ref = strings.TrimSpace(ref)
	if n, err := strconv.Atoi(strings.TrimPrefix(ref, "#")); err == nil {
		for _, r := range rounds {
			if r.Number == n {
				return r, true
			}
		}
	}
	for _, r := range rounds {
		if r.ID == ref || (r.Name != "" && strings.EqualFold(r.Name, ref)) {
			return r, true
		}
	}
	return Round{}, false
}

// SortRounds puts rounds in the order they were closed.
func SortRounds(rounds []Round) {
	slices.SortFunc(rounds, func(a, b Round) int {
		return cmp.Or(cmp.Compare(a.Number, b.Number), a.ClosedAt.Compare(b.ClosedAt), cmp.Compare(a.ID, b.ID))
	})
}

// Move is a value before and after.
type Move[T comparable] struct {
	From T `json:"from"`
	To   T `json:"to"`
}

// Changed reports whether the value moved.
func (m Move[T]) Changed() bool { return m.From != m.To }

// ScoreDelta is a dimension's score in the round and now.
type ScoreDelta struct {
	Dimension Dimension  `json:"dimension"`
	From      RoundScore `json:"from"`
	To        RoundScore `json:"to"`
}

// Delta is the change of the score, 0 unless placed both times.
func (d ScoreDelta) Delta() float64 {
	if !d.From.Placed || !d.To.Placed {
		return 0
	}
	return d.To.Value - d.From.Value
}

// AnswerChange is an answer given, changed or taken back since a round.
type AnswerChange struct {
	QuestionID string `json:"question_id"`
	From       Score  `json:"from"`
	To         Score  `json:"to"`
	// Before and After say whether there was an answer in the round and
	// whether there is one now.
	Before bool `json:"before"`
	After  bool `json:"after"`
}

// CustomerChange is how one customer's position changed since a round.
type CustomerChange struct {
	CustomerID string `json:"customer_id"`
	Name       string `json:"name"`
	// Added: the customer was not in the round; Removed: it is no longer
	// in the workshop.
	Added    bool               `json:"added,omitempty"`
	Removed  bool               `json:"removed,omitempty"`
	Regime   Move[Regime]       `json:"regime"`
	Kraljic  Move[Kraljic]      `json:"kraljic"`
	Pref     Move[Preferencing] `json:"preferencing"`
	Priority Move[Priority]     `json:"priority"`
	Scores   []ScoreDelta       `json:"scores,omitempty"`
	Answers  []AnswerChange     `json:"answers,omitempty"`
}

// Moved reports whether the customer changed power regime.
func (c CustomerChange) Moved() bool { return c.Regime.Changed() }

// ClassChanged reports whether either class changed.
func (c CustomerChange) ClassChanged() bool { return c.Kraljic.Changed() || c.Pref.Changed() }

// Changed reports whether anything changed.
func (c CustomerChange) Changed() bool {
	return c.Added || c.Removed || c.Moved() || c.ClassChanged() || c.Priority.Changed() || len(c.Scores) > 0 || len(c.Answers) > 0
}

// scoreEpsilon is the smallest change of a score that counts.
const scoreEpsilon = 1e-9

// Compare tells how each customer changed since the round prev: now are
// the current assessments, answers the current answers by customer and
// question. The result has one entry per customer of now, in that order,
// then one per customer of the round no longer in the workshop; answers
// are ordered by question ID (SortAnswerChanges orders them as the
// questions are).
func Compare(prev Round, now []Assessment, answers map[string]map[string]Answer) []CustomerChange {
	cur := Round{Customers: make([]RoundEntry, len(now))}
	for i, a := range now {
		cur.Customers[i] = entryOf(a, answers[a.Customer.ID])
	}
	return CompareRounds(prev, cur)
}

// CompareRounds tells how each customer changed from the round prev to
// the round next, as Compare does.
func CompareRounds(prev, next Round) []CustomerChange {
	out := make([]CustomerChange, 0, len(next.Customers))
	present := make(map[string]bool, len(next.Customers))
	for _, cur := range next.Customers {
		present[cur.CustomerID] = true
		old, ok := prev.Entry(cur.CustomerID)
		ch := compareEntries(old, cur)
		ch.Added = !ok
		out = append(out, ch)
	}
	for _, old := range prev.Customers {
		if present[old.CustomerID] {
			continue
		}
		ch := compareEntries(old, RoundEntry{CustomerID: old.CustomerID, Name: old.Name})
		ch.Removed = true
		out = append(out, ch)
	}
	return out
}

func compareEntries(old, cur RoundEntry) CustomerChange {
	ch := CustomerChange{
		CustomerID: cur.CustomerID, Name: cur.Name,
		Regime:   Move[Regime]{old.Regime, cur.Regime},
		Kraljic:  Move[Kraljic]{old.Kraljic, cur.Kraljic},
		Pref:     Move[Preferencing]{old.Pref, cur.Pref},
		Priority: Move[Priority]{old.Priority, cur.Priority},
	}
	for _, d := range Dimensions {
		from, to := old.Scores[d], cur.Scores[d]
		if from.Placed != to.Placed || (to.Placed && math.Abs(to.Value-from.Value) > scoreEpsilon) {
			ch.Scores = append(ch.Scores, ScoreDelta{Dimension: d, From: from, To: to})
		}
	}
	ids := make([]string, 0, len(cur.Answers))
	for id := range cur.Answers {
		ids = append(ids, id)
	}
	for id := range old.Answers {
		if _, ok := cur.Answers[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		from, before := old.Answers[id]
		to, after := cur.Answers[id]
		if before != after || from != to {
			ch.Answers = append(ch.Answers, AnswerChange{QuestionID: id, From: from, To: to, Before: before, After: after})
		}
	}
	return ch
}

// ChangeOf finds one customer's change.
func ChangeOf(changes []CustomerChange, customerID string) (CustomerChange, bool) {
	for _, c := range changes {
		if c.CustomerID == customerID {
			return c, true
		}
	}
	return CustomerChange{}, false
}

// SortAnswerChanges orders answer changes as the questions are, those to
// questions not in the list last, by ID.
func SortAnswerChanges(changes []AnswerChange, questions []Question) {
	order := make(map[string]int, len(questions))
	for i, q := range questions {
		order[q.ID] = i
	}
	slices.SortStableFunc(changes, func(a, b AnswerChange) int {
		oa, okA := order[a.QuestionID]
		ob, okB := order[b.QuestionID]
		switch {
		case okA && okB:
			return cmp.Compare(oa, ob)
		case okA:
			return -1
		case okB:
			return 1
		}
		return cmp.Compare(a.QuestionID, b.QuestionID)
	})
}
