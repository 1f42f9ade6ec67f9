// Package storetest is the conformance suite of store.Store: one set of
// tests that every backend passes (bbolt in store's tests, PostgreSQL in
// store/postgres's), so that the program cannot tell them apart.
package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// Opener opens a new, empty store for one test, closed at its cleanup;
// now is its clock (nil: the real one).
type Opener func(t testing.TB, now func() time.Time) store.Store

// Clock is a fake time that advances by Step at every call; it is safe
// for concurrent use.
type Clock struct {
	mu   sync.Mutex
	T    time.Time
	Step time.Duration
}

// Now returns the time and advances it.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.T
	c.T = c.T.Add(c.Step)
	return now
}

// Day is a date of the tests, at a whole second in UTC.
func Day(n int) time.Time { return time.Date(2026, 11, 27+n, 3, 15, 0, 0, time.UTC) }

func ptr[T any](v T) *T { return &v }

// Dataset builds a workshop of n customers with q answers each, an action
// per customer, one closed round and a silent round with two
// participants and their votes (when n > 0). Times are whole seconds in
// UTC, as both backends keep them.
func Dataset(n, q int) model.Dataset {
	w := model.Workshop{
		ID: store.NewID(), Name: "Q4 key accounts", Date: "2026-11-27", OurCompany: "Styrka AB",
		HorizonMonths: model.DefaultHorizonMonths, Thresholds: model.DefaultThresholds().WithBand(0.5),
		Currency: "SEK", Rates: map[string]float64{"EUR": 11.5},
		Created: Day(0), Updated: Day(0),
	}
	d := model.Dataset{Workshop: w, Answers: map[string]map[string]model.Answer{}}
	for i := range n {
		c := model.Customer{
			ID: store.NewID(), WorkshopID: w.ID, Name: fmt.Sprintf("Customer %05d AB", i),
			Offering: "Hydraulic components", Revenue: ptr(float64(1000 * i)), Currency: "SEK",
			Notes: "Met their purchasing manager at the fair.", Tags: []string{"nordic", "oem"},
			Created: Day(0).Add(time.Duration(i) * time.Second), Updated: Day(0),
		}
		if i%3 == 1 {
			c.Revenue, c.Tags, c.Offering = nil, nil, ""
		}
		d.Customers = append(d.Customers, c)
		m := map[string]model.Answer{}
		for j := range q {
			qid := fmt.Sprintf("q%02d", j)
			m[qid] = model.Answer{CustomerID: c.ID, QuestionID: qid, Score: model.Score(j % 6),
				Note: "From the account plan", Author: "anna", At: Day(0)}
		}
		d.Answers[c.ID] = m
		d.Actions = append(d.Actions, model.Action{ID: store.NewID(), WorkshopID: w.ID, CustomerID: c.ID,
			Kind: model.Develop, Text: "Meet the buyer", Owner: "anna", Due: "2027-01-15", Status: model.StatusOpen,
			Created: Day(0).Add(time.Duration(i) * time.Second), Updated: Day(0)})
		if i%4 == 0 {
			addPlanning(&d, c, i)
		}
	}
	// In the order they were added, as Load gives them.
	slices.SortFunc(d.Stakeholders, func(a, b model.Stakeholder) int { return a.Created.Compare(b.Created) })
	if n == 0 {
		return d
	}
	d.Rounds = []model.Round{{ID: store.NewID(), WorkshopID: w.ID, Number: 1, Name: "Before", ClosedAt: Day(0),
		Customers: []model.RoundEntry{{CustomerID: d.Customers[0].ID, Name: d.Customers[0].Name,
			Scores:  map[model.Dimension]model.RoundScore{model.ProfitImpact: {Value: 3.5, Placed: true, Known: 2}},
			Kraljic: model.Strategic, Pref: model.Core, Regime: model.Interdependence, Priority: model.P1,
			Answers: map[string]model.Score{"q00": 4}}}}}
	p1 := model.Participant{ID: store.NewID(), WorkshopID: w.ID, Name: "Anna", Role: "KAM", Created: Day(0)}
	p2 := model.Participant{ID: store.NewID(), WorkshopID: w.ID, Name: "Bo", Created: Day(0).Add(time.Second), Identity: "code:x"}
	d.Participants = []model.Participant{p1, p2}
	sr := model.SilentRound{ID: store.NewID(), WorkshopID: w.ID, CustomerID: d.Customers[0].ID,
		Questions: []string{"q00", "q01"}, Participants: []string{p1.ID, p2.ID}, Opened: Day(0),
		TimeboxSeconds: 120, State: model.SilentRevealed, Revealed: Day(0).Add(time.Minute),
		Revotes: map[string]int{"q01": 1}, Shown: map[string]int{}, Agreed: map[string]model.Score{"q00": 4}}
	d.SilentRounds = []model.SilentRound{sr}
	d.Votes = []model.Vote{
		{RoundID: sr.ID, ParticipantID: p1.ID, QuestionID: "q00", Score: 4, Note: "seen", At: Day(0)},
		{RoundID: sr.ID, ParticipantID: p2.ID, QuestionID: "q00", Score: 3, At: Day(0)},
		{RoundID: sr.ID, ParticipantID: p1.ID, QuestionID: "q01", Revote: 1, Score: 2, At: Day(0)},
	}
	model.SortVotes(d.Votes)
	return d
}

// addPlanning gives customer c of d (its i-th) the account planning:
// two stakeholders, a worksheet, a target, and a first answer from the
// customer, confirmed.
func addPlanning(d *model.Dataset, c model.Customer, i int) {
	at := Day(0).Add(time.Duration(i) * time.Second)
	d.Stakeholders = append(d.Stakeholders,
		model.Stakeholder{ID: store.NewID(), WorkshopID: c.WorkshopID, CustomerID: c.ID, Name: "Eva Lind", Title: "CFO",
			Role: model.EconomicBuyer, Attitude: model.Supportive, Level: model.Executive, Owner: "anna",
			LastContact: "2026-10-01", Notes: "Signs above 1 MSEK", Created: at, Updated: at},
		model.Stakeholder{ID: store.NewID(), WorkshopID: c.WorkshopID, CustomerID: c.ID, Name: "Per Ek",
			Role: model.UserBuyer, Created: at.Add(time.Minute), Updated: at.Add(time.Minute)})
	d.Worksheets = append(d.Worksheets, model.Worksheet{WorkshopID: c.WorkshopID, CustomerID: c.ID,
		Target: "3 % up", WalkAway: "flat", Floor: "-2 %", Give: []string{"faster delivery", "training"},
		Get: []string{"three years"}, Alternatives: "Two Asian suppliers", Updated: at})
	d.Targets = append(d.Targets, model.Target{WorkshopID: c.WorkshopID, CustomerID: c.ID, Kraljic: model.Strategic,
		Pref: model.Core, By: "2027-06-30", Note: "Become their partner", Updated: at})
	for qid, a := range d.Answers[c.ID] {
		if qid == "q00" {
			a.Source, a.SourceRef = model.FromCustomer, "Eva Lind"
			a.ConfirmedBy, a.ConfirmedAt = "bo", at
			d.Answers[c.ID][qid] = a
		}
	}
}

// canonical is x as JSON values with empty and null values left out and
// times as instants, so that nil and empty, and a zone, do not count.
func canonical(t testing.TB, x any) any {
	t.Helper()
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return prune(v)
}

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if e = prune(e); e != nil {
				out[k] = e
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i := range x {
			x[i] = prune(x[i])
		}
		return x
	case string:
		if tm, err := time.Parse(time.RFC3339Nano, x); err == nil {
			if tm.IsZero() {
				return nil
			}
			return tm.UTC().Format(time.RFC3339Nano)
		}
		if x == "" {
			return nil
		}
	}
	return v
}

// Same fails the test unless got and want are equal but for nil and
// empty and time zones.
func Same(t testing.TB, what string, got, want any) {
	t.Helper()
	g, w := canonical(t, got), canonical(t, want)
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", " ")
		wb, _ := json.MarshalIndent(w, "", " ")
		t.Errorf("%s:\ngot  %s\nwant %s", what, gb, wb)
	}
}
