package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ActionKind places an action in the develop / stop / start frame.
type ActionKind string

const (
	// Develop: something we do today and should do more of.
	Develop ActionKind = "develop"
	// Stop: something that does not match the customer's needs.
	Stop ActionKind = "stop"
	// Start: something new.
	Start ActionKind = "start"
)

// ActionKinds lists the kinds in the order the method names them.
var ActionKinds = []ActionKind{Develop, Stop, Start}

// Valid reports whether k is one of the three kinds.
func (k ActionKind) Valid() bool { return slices.Contains(ActionKinds, k) }

// ActionStatus is where an action stands.
type ActionStatus string

const (
	StatusOpen    ActionStatus = "open"
	StatusDone    ActionStatus = "done"
	StatusDropped ActionStatus = "dropped"
)

// ActionStatuses lists the statuses in the order a list cycles them.
var ActionStatuses = []ActionStatus{StatusOpen, StatusDone, StatusDropped}

// Valid reports whether s is one of the three statuses.
func (s ActionStatus) Valid() bool { return slices.Contains(ActionStatuses, s) }

// Action is one step of a customer's account plan: what to develop, stop
// or start, who does it and by when.
type Action struct {
	ID         string     `json:"id"`
	WorkshopID string     `json:"workshop_id"`
	CustomerID string     `json:"customer_id"`
	Kind       ActionKind `json:"kind"`
	Text       string     `json:"text"`
	Owner      string     `json:"owner,omitempty"`
	// Due is the due date as YYYY-MM-DD, or empty.
	Due    string       `json:"due,omitempty"`
	Status ActionStatus `json:"status"`
	// Source names the advice the action was adopted from (SourceCell,
	// SourceRegime), or is empty for an action written from scratch.
	Source  string    `json:"source,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// SourceCell is the Source of an action adopted from a cell's advice.
func SourceCell(c Cell) string { return "cell:" + c.Key() }

// SourceRegime is the Source of an action adopted from a regime's advice.
func SourceRegime(r Regime) string { return "regime:" + string(r) }

// ValidDue reports whether s is empty or a date written YYYY-MM-DD.
func ValidDue(s string) bool {
	if s == "" {
		return true
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// Validate checks what an action must have: a kind, a status, a text and
// a due date that is empty or YYYY-MM-DD.
func (a Action) Validate() error {
	switch {
	case !a.Kind.Valid():
		return fmt.Errorf("action kind %q (want develop, stop or start)", a.Kind)
	case !a.Status.Valid():
		return fmt.Errorf("action status %q (want open, done or dropped)", a.Status)
	case strings.TrimSpace(a.Text) == "":
		return errors.New("action without text")
	case !ValidDue(a.Due):
		return fmt.Errorf("due date %q (want YYYY-MM-DD)", a.Due)
	}
	return nil
}

// Overdue reports whether the action is open and its due date lies before
// today (as a date in today's location).
func (a Action) Overdue(today time.Time) bool {
	return a.Status == StatusOpen && a.Due != "" && a.Due < today.Format(time.DateOnly)
}

// CompareDue orders actions by due date, those without one last, then by
// when they were made.
func CompareDue(a, b Action) int {
	switch {
	case a.Due == "" && b.Due != "":
		return 1
	case a.Due != "" && b.Due == "":
		return -1
	}
	return cmp.Or(
		cmp.Compare(a.Due, b.Due),
		a.Created.Compare(b.Created),
		cmp.Compare(a.ID, b.ID),
	)
}

// SortByDue returns the actions sorted by due date, those without one
// last; the input is left as it is.
func SortByDue(as []Action) []Action {
	out := slices.Clone(as)
	slices.SortStableFunc(out, CompareDue)
	return out
}

// ActionFilter selects actions; an empty field selects all.
type ActionFilter struct {
	// Owner matches regardless of case; NoOwner selects actions without one.
	Owner      string
	Status     ActionStatus
	CustomerID string
}

// NoOwner is the ActionFilter.Owner that selects actions without an owner.
const NoOwner = "\x00"

// Match reports whether an action passes the filter.
func (f ActionFilter) Match(a Action) bool {
	switch {
	case f.Owner == NoOwner && a.Owner != "":
		return false
	case f.Owner != "" && f.Owner != NoOwner && !strings.EqualFold(strings.TrimSpace(a.Owner), strings.TrimSpace(f.Owner)):
		return false
	case f.Status != "" && a.Status != f.Status:
		return false
	case f.CustomerID != "" && a.CustomerID != f.CustomerID:
		return false
	}
	return true
}

// FilterActions keeps the actions that pass the filter, in their order.
func FilterActions(as []Action, f ActionFilter) []Action {
	var out []Action
	for _, a := range as {
		if f.Match(a) {
			out = append(out, a)
		}
	}
	return out
}

// Owners lists the owners of the actions once each (the first spelling
// met), sorted regardless of case; actions without an owner add nothing.
func Owners(as []Action) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range as {
		o := strings.TrimSpace(a.Owner)
		if o == "" || seen[strings.ToLower(o)] {
			continue
		}
		seen[strings.ToLower(o)] = true
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
	})
	return out
}

// LastOwner is the owner of the action changed last, or "" when no
// action has one: the owner a new action most likely has too.
func LastOwner(as []Action) string {
	var last Action
	for _, a := range as {
		if a.Owner != "" && (last.Owner == "" || a.Updated.After(last.Updated)) {
			last = a
		}
	}
	return last.Owner
}
