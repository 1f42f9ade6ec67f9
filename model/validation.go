package model

import (
	"fmt"
	"slices"
	"time"
)

// AnswerSource says where an answer's score comes from (domain.md §8).
type AnswerSource string

const (
	// FromEstimate: our own estimate; to validate with the customer.
	FromEstimate AnswerSource = "estimate"
	// FromData: from data, named in the answer's SourceRef.
	FromData AnswerSource = "data"
	// FromCustomer: said by the customer; SourceRef names who.
	FromCustomer AnswerSource = "customer"
)

// AnswerSources lists the sources in the order a picker shows them.
var AnswerSources = []AnswerSource{FromEstimate, FromData, FromCustomer}

// Valid reports whether s is one of the sources.
func (s AnswerSource) Valid() bool { return slices.Contains(AnswerSources, s) }

// MaxSourceRefLen is the longest SourceRef, in characters.
const MaxSourceRefLen = 120

// Confirmed reports whether the answer has been confirmed with the
// customer.
func (a Answer) Confirmed() bool { return a.ConfirmedBy != "" || !a.ConfirmedAt.IsZero() }

// ValidateSource checks an answer's source fields: a known source (or
// none), texts within their limits.
func (a Answer) ValidateSource() error {
	if a.Source != "" && !a.Source.Valid() {
		return fmt.Errorf("answer source %q (want estimate, data or customer)", a.Source)
	}
	return firstTooLong(lenCheck{"source_ref", a.SourceRef, MaxSourceRefLen}, lenCheck{"confirmed_by", a.ConfirmedBy, MaxAuthorLen})
}

// Confirm returns the answer confirmed by who at at.
func (a Answer) Confirm(by string, at time.Time) Answer {
	a.ConfirmedBy, a.ConfirmedAt = by, at
	return a
}

// Unconfirm returns the answer without its confirmation.
func (a Answer) Unconfirm() Answer {
	a.ConfirmedBy, a.ConfirmedAt = "", time.Time{}
	return a
}

// CheckReason is why an answer is on the checklist to validate.
type CheckReason string

const (
	CheckDontKnow   CheckReason = "dont_know"
	CheckEstimate   CheckReason = "estimate"
	CheckNoEvidence CheckReason = "no_evidence"
	// CheckConfirmed: ticked, confirmed with the customer.
	CheckConfirmed CheckReason = "confirmed"
)

// CheckItem is one line of "validate with the customer": a set A answer
// to confirm, or one already confirmed (Done).
type CheckItem struct {
	QuestionID string      `json:"question_id"`
	Reason     CheckReason `json:"reason"`
	Done       bool        `json:"done"`
	By         string      `json:"by,omitempty"`
	At         time.Time   `json:"at,omitzero"`
}

// Checklist is "validate with the customer" as a list that can be ticked
// (McDonald & Woodburn: "ask them"): every set A answer that needs
// validating (as Assessment.Validate lists them) and every one confirmed,
// in question order. Ticking an item confirms its answer (Answer.Confirm);
// a "don't know" stays on the list until it has a score.
func Checklist(questions []Question, answers map[string]Answer) []CheckItem {
	var out []CheckItem
	for _, q := range questions {
		a, ok := answers[q.ID]
		if !ok || q.Set != SetThem {
			continue
		}
		item := CheckItem{QuestionID: q.ID}
		switch validation(a) {
		case dontKnow:
			item.Reason = CheckDontKnow
		case estimated:
			item.Reason = CheckEstimate
		case noEvidence:
			item.Reason = CheckNoEvidence
		default:
			if !a.Confirmed() {
				continue
			}
			item.Reason, item.Done, item.By, item.At = CheckConfirmed, true, a.ConfirmedBy, a.ConfirmedAt
		}
		out = append(out, item)
	}
	return out
}
