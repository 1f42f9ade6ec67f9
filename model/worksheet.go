package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Worksheet is the seller's preparation of a negotiation with one
// customer (domain.md §8): our target, our walk-away point (the BATNA) and
// the cost-to-serve floor under it, what we can trade, and their
// alternatives to us. One per customer.
type Worksheet struct {
	WorkshopID string `json:"workshop_id"`
	CustomerID string `json:"customer_id"`
	Target     string `json:"target,omitempty"`
	WalkAway   string `json:"walk_away,omitempty"`
	// Floor is the cost-to-serve floor: below it a deal loses money.
	Floor string `json:"floor,omitempty"`
	// Give is what we can give cheaply that they value; Get what we want
	// back for it.
	Give []string `json:"give,omitempty"`
	Get  []string `json:"get,omitempty"`
	// Alternatives is the seller's own account of their alternatives to
	// us; empty, a brief offers what set A's answers say.
	Alternatives string    `json:"alternatives,omitempty"`
	Notes        string    `json:"notes,omitempty"`
	Updated      time.Time `json:"updated"`
}

// The longest texts of a worksheet, in characters, and the most
// tradables on either side.
const (
	MaxWorksheetLineLen = 200 // target, walk-away, floor, each tradable
	MaxWorksheetTextLen = 1000
	MaxTradables        = 12
)

// Empty reports whether nothing is filled in.
func (w Worksheet) Empty() bool {
	return strings.TrimSpace(w.Target+w.WalkAway+w.Floor+w.Alternatives+w.Notes) == "" && len(w.Give) == 0 && len(w.Get) == 0
}

// Validate checks the lengths of a worksheet's texts and the number of
// tradables.
func (w Worksheet) Validate() error {
	checks := []lenCheck{
		{"target", w.Target, MaxWorksheetLineLen},
		{"walk_away", w.WalkAway, MaxWorksheetLineLen},
		{"floor", w.Floor, MaxWorksheetLineLen},
		{"alternatives", w.Alternatives, MaxWorksheetTextLen},
		{"notes", w.Notes, MaxWorksheetTextLen},
	}
	for _, g := range w.Give {
		checks = append(checks, lenCheck{"give", g, MaxWorksheetLineLen})
	}
	for _, g := range w.Get {
		checks = append(checks, lenCheck{"get", g, MaxWorksheetLineLen})
	}
	if len(w.Give) > MaxTradables || len(w.Get) > MaxTradables {
		return errTooManyTradables
	}
	return firstTooLong(checks...)
}

var errTooManyTradables = fmt.Errorf("more than %d tradables on one side", MaxTradables)

// Clean returns the worksheet with its texts cleaned (CleanText for the
// lines, CleanNote for the longer texts) and empty tradables dropped.
func (w Worksheet) Clean() Worksheet {
	w.Target, w.WalkAway, w.Floor = CleanText(w.Target), CleanText(w.WalkAway), CleanText(w.Floor)
	w.Alternatives, w.Notes = CleanNote(w.Alternatives), CleanNote(w.Notes)
	clean := func(list []string) []string {
		var out []string
		for _, s := range list {
			if s = CleanText(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	w.Give, w.Get = clean(w.Give), clean(w.Get)
	return w
}

// AlternativeQuestions are the set A questions of the built-in content
// that speak of their alternatives to us and of switching: a worksheet's
// alternatives are pre-filled from their answers.
var AlternativeQuestions = []string{"them.risk.suppliers", "them.risk.switching_cost", "them.risk.equivalent"}

// AlternativeAnswer is one answer on their alternatives to us, with the
// anchor it chose.
type AlternativeAnswer struct {
	Question Question
	Answer   Answer
	// Anchor is the text of the level chosen; "" for don't know.
	Anchor string
}

// Alternatives lists the customer's answers to the questions on
// alternatives and switching, in question order: those of
// AlternativeQuestions that the content has, or, when it has none of
// them, every supply-risk question answered.
func Alternatives(questions []Question, answers map[string]Answer) []AlternativeAnswer {
	pick := func(q Question) bool { return slices.Contains(AlternativeQuestions, q.ID) }
	if !slices.ContainsFunc(questions, pick) {
		pick = func(q Question) bool { return q.Dimension == SupplyRisk }
	}
	var out []AlternativeAnswer
	for _, q := range questions {
		a, ok := answers[q.ID]
		if !ok || !pick(q) {
			continue
		}
		alt := AlternativeAnswer{Question: q, Answer: a}
		if a.Score.Known() {
			alt.Anchor = q.Anchors[a.Score-1]
		}
		out = append(out, alt)
	}
	return out
}
