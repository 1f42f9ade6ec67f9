package storetest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// Run runs the conformance suite against the stores open makes, each test
// in a store of its own, in parallel.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"Workshops", testWorkshops},
		{"Customers", testCustomers},
		{"PutCustomers", testPutCustomers},
		{"Answers", testAnswers},
		{"DeleteCustomer", testDeleteCustomer},
		{"DeleteWorkshop", testDeleteWorkshop},
		{"LoadImport", testLoadImport},
		{"ImportInvalid", testImportInvalid},
		{"ImportReplace", testImportReplace},
		{"Restore", testRestore},
		{"AddWorkshop", testAddWorkshop},
		{"Actions", testActions},
		{"Rounds", testRounds},
		{"Team", testTeam},
		{"DeleteParticipant", testDeleteParticipant},
		{"Backup", testBackup},
		{"ConcurrentAnswers", testConcurrentAnswers},
		{"Stakeholders", testStakeholders},
		{"WorksheetAndTarget", testWorksheetAndTarget},
		{"ValidatedAnswers", testValidatedAnswers},
		{"PlanningGoesWithItsCustomer", testPlanningGoesWithItsCustomer},
		{"Closed", testClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open)
		})
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t testing.TB, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: got %v, want %v", what, err, want)
	}
}

// sound fails the test on any problem Check finds.
func sound(t testing.TB, s store.Store) {
	t.Helper()
	for _, err := range s.Check() {
		t.Errorf("Check: %v", err)
	}
}

func clock() *Clock { return &Clock{T: Day(0), Step: time.Minute} }

func testWorkshops(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := model.Workshop{Name: "b workshop", Date: "2026-11-27", OurCompany: "Styrka AB", HorizonMonths: 36,
		Thresholds: model.Thresholds{Impact: 3, Risk: 3.5, Value: 2.5, Attractiveness: 3}.WithBand(0)}
	must(t, s.PutWorkshop(w))
	list, err := s.Workshops()
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("Workshops() = %d, want 1", len(list))
	}
	got := list[0]
	if got.ID == "" || !got.Created.Equal(Day(0)) || !got.Updated.Equal(Day(0)) {
		t.Errorf("new workshop: ID %q, Created %v, Updated %v; want an ID and the clock's time", got.ID, got.Created, got.Updated)
	}
	want := w
	want.ID, want.Created, want.Updated = got.ID, got.Created, got.Updated
	Same(t, "stored workshop", got, want)
	if got.Thresholds.Band == nil || *got.Thresholds.Band != 0 {
		t.Errorf("band %v, want 0 kept apart from none", got.Thresholds.Band)
	}

	// An update keeps Created, moves Updated.
	got.Name, got.Created = "B workshop", time.Time{}
	got.Rates, got.Currency = map[string]float64{"EUR": 11.5}, "SEK"
	must(t, s.PutWorkshop(got))
	again, err := s.Workshop(got.ID)
	must(t, err)
	if again.Name != "B workshop" || !again.Created.Equal(Day(0)) || !again.Updated.After(again.Created) || again.Rates["EUR"] != 11.5 {
		t.Errorf("after update: %+v", again)
	}
	if again.Thresholds.Band == nil {
		t.Error("band lost")
	}

	// Order: newest date first, then by name regardless of case.
	for _, x := range []model.Workshop{{ID: "w-a", Name: "a", Date: "2026-11-27"}, {ID: "w-c", Name: "C", Date: "2026-11-27"},
		{ID: "w-old", Name: "A", Date: "2025-01-01"}, {ID: "w-new", Name: "z", Date: "2027-01-01"}} {
		must(t, s.PutWorkshop(x))
	}
	list, err = s.Workshops()
	must(t, err)
	var ids []string
	for _, x := range list {
		ids = append(ids, x.ID)
	}
	if want := []string{"w-new", "w-a", got.ID, "w-c", "w-old"}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}

	_, err = s.Workshop("nope")
	wantErr(t, "Workshop(missing)", err, store.ErrNotFound)
	_, err = s.Workshop("a/b")
	wantErr(t, "Workshop(a/b)", err, store.ErrInvalid)
	wantErr(t, "PutWorkshop(bad ID)", s.PutWorkshop(model.Workshop{ID: "a\nb"}), store.ErrInvalid)
	wantErr(t, "DeleteWorkshop(missing)", s.DeleteWorkshop("nope"), store.ErrNotFound)
	must(t, s.DeleteWorkshop("w-a"))
	_, err = s.Workshop("w-a")
	wantErr(t, "Workshop(deleted)", err, store.ErrNotFound)
	sound(t, s)
}

func newWorkshop(t testing.TB, s store.Store) model.Workshop {
	t.Helper()
	w := model.Workshop{ID: store.NewID(), Name: "Key accounts", Date: "2026-11-27", Thresholds: model.DefaultThresholds()}
	must(t, s.PutWorkshop(w))
	w, err := s.Workshop(w.ID)
	must(t, err)
	return w
}

func testCustomers(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	wantErr(t, "PutCustomer(no workshop)", s.PutCustomer(model.Customer{WorkshopID: "nope", Name: "x"}), store.ErrNotFound)
	wantErr(t, "PutCustomer(bad ID)", s.PutCustomer(model.Customer{WorkshopID: w.ID, ID: "a/b"}), store.ErrInvalid)
	_, err := s.Customers("nope")
	wantErr(t, "Customers(missing)", err, store.ErrNotFound)

	b := model.Customer{ID: "c-b", WorkshopID: w.ID, Name: "Beta", Revenue: ptr(12.5), Currency: "EUR", Tags: []string{"x", "y"}, Notes: "n"}
	a := model.Customer{ID: "c-a", WorkshopID: w.ID, Name: "Alfa", Offering: "Pumps"}
	must(t, s.PutCustomer(b)) // earlier: first, although its ID sorts after
	must(t, s.PutCustomer(a))
	list, err := s.Customers(w.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != "c-b" || list[1].ID != "c-a" {
		t.Fatalf("Customers = %+v, want c-b then c-a", list)
	}
	wb := b
	wb.Created, wb.Updated = list[0].Created, list[0].Updated
	Same(t, "customer", list[0], wb)
	if list[0].Revenue == nil || *list[0].Revenue != 12.5 || list[1].Revenue != nil {
		t.Errorf("revenue %v and %v, want 12.5 and none", list[0].Revenue, list[1].Revenue)
	}
	// An update keeps Created.
	first := list[0]
	first.Name, first.Created = "Beta AB", time.Time{}
	must(t, s.PutCustomer(first))
	list, err = s.Customers(w.ID)
	must(t, err)
	if list[0].Name != "Beta AB" || !list[0].Created.Equal(wb.Created) || !list[0].Updated.After(wb.Updated) {
		t.Errorf("after update: %+v", list[0])
	}
	// Equal Created: by ID.
	same := clk.Now()
	must(t, s.PutCustomer(model.Customer{ID: "c-z", WorkshopID: w.ID, Name: "Z", Created: same}))
	must(t, s.PutCustomer(model.Customer{ID: "c-y", WorkshopID: w.ID, Name: "Y", Created: same}))
	list, err = s.Customers(w.ID)
	must(t, err)
	if len(list) != 4 || list[2].ID != "c-y" || list[3].ID != "c-z" {
		t.Errorf("ties: %v", list)
	}
	wantErr(t, "DeleteCustomer(missing)", s.DeleteCustomer(w.ID, "nope"), store.ErrNotFound)
	sound(t, s)
}

func testPutCustomers(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	cs := []model.Customer{{ID: "c-3", Name: "Three"}, {ID: "c-1", Name: "One"}, {Name: "New"}}
	wantErr(t, "PutCustomers(no workshop)", s.PutCustomers("nope", cs), store.ErrNotFound)
	must(t, s.PutCustomers(w.ID, cs))
	list, err := s.Customers(w.ID)
	must(t, err)
	if len(list) != 3 || list[0].ID != "c-3" || list[1].ID != "c-1" || list[2].ID == "" || list[2].Name != "New" {
		t.Fatalf("PutCustomers kept the order given? %+v", list)
	}
	created := list[0].Created
	// Again, with a change: the stored Created stays, the order too.
	cs[0].Name = "Three AB"
	must(t, s.PutCustomers(w.ID, cs[:2]))
	list, err = s.Customers(w.ID)
	must(t, err)
	if list[0].Name != "Three AB" || !list[0].Created.Equal(created) {
		t.Errorf("after PutCustomers again: %+v", list[0])
	}
	wantErr(t, "twice", s.PutCustomers(w.ID, []model.Customer{{ID: "x"}, {ID: "x"}}), store.ErrInvalid)
	wantErr(t, "other workshop", s.PutCustomers(w.ID, []model.Customer{{ID: "x", WorkshopID: "other"}}), store.ErrInvalid)
	// All or nothing.
	err = s.PutCustomers(w.ID, []model.Customer{{ID: "ok"}, {ID: "bad/id"}})
	wantErr(t, "bad ID", err, store.ErrInvalid)
	if list, _ := s.Customers(w.ID); len(list) != 3 {
		t.Errorf("a failed PutCustomers stored %d customers", len(list)-3)
	}
	sound(t, s)
}

func testAnswers(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))
	wantErr(t, "SaveAnswer(no customer)", s.SaveAnswer(w.ID, model.Answer{CustomerID: "nope", QuestionID: "q", Score: 3}), store.ErrNotFound)
	wantErr(t, "SaveAnswer(no workshop)", s.SaveAnswer("nope", model.Answer{CustomerID: "c", QuestionID: "q", Score: 3}), store.ErrNotFound)
	wantErr(t, "SaveAnswer(score 6)", s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q", Score: 6}), store.ErrInvalid)
	wantErr(t, "SaveAnswer(score -1)", s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q", Score: -1}), store.ErrInvalid)
	wantErr(t, "SaveAnswer(no question)", s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", Score: 1}), store.ErrInvalid)

	must(t, s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q1", Score: 4, Note: "said so", Author: "anna"}))
	must(t, s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q2", Score: model.DontKnow, At: Day(3)}))
	d, err := s.Load(w.ID)
	must(t, err)
	a := d.Answers["c"]["q1"]
	if a.Score != 4 || a.Note != "said so" || a.Author != "anna" || a.At.IsZero() || a.CustomerID != "c" || a.QuestionID != "q1" {
		t.Errorf("answer %+v", a)
	}
	if b := d.Answers["c"]["q2"]; b.Score != model.DontKnow || !b.At.Equal(Day(3)) {
		t.Errorf("don't know %+v", b)
	}
	// The latest write wins.
	must(t, s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q1", Score: 2}))
	d, err = s.Load(w.ID)
	must(t, err)
	if a := d.Answers["c"]["q1"]; a.Score != 2 || a.Note != "" {
		t.Errorf("overwritten answer %+v", a)
	}
	wantErr(t, "DeleteAnswer(missing)", s.DeleteAnswer(w.ID, "c", "nope"), store.ErrNotFound)
	must(t, s.DeleteAnswer(w.ID, "c", "q1"))
	d, err = s.Load(w.ID)
	must(t, err)
	if _, ok := d.Answers["c"]["q1"]; ok || len(d.Answers["c"]) != 1 {
		t.Errorf("after delete: %v", d.Answers)
	}
	sound(t, s)
}

// team adds two participants, and a silent round on customer c open to
// both, to workshop w.
func team(t testing.TB, s store.Store, w, c string) (model.Participant, model.Participant, model.SilentRound) {
	t.Helper()
	p1 := model.Participant{ID: store.NewID(), WorkshopID: w, Name: "Anna", Role: "KAM"}
	p2 := model.Participant{ID: store.NewID(), WorkshopID: w, Name: "Bo"}
	must(t, s.PutParticipant(p1))
	must(t, s.PutParticipant(p2))
	r := model.SilentRound{ID: store.NewID(), WorkshopID: w, CustomerID: c, Questions: []string{"q1", "q2"},
		Participants: []string{p1.ID, p2.ID}, State: model.SilentOpen}
	must(t, s.PutSilentRound(r))
	r, err := s.SilentRound(w, r.ID)
	must(t, err)
	return p1, p2, r
}

func testDeleteCustomer(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomers(w.ID, []model.Customer{{ID: "gone", Name: "Gone"}, {ID: "kept", Name: "Kept"}}))
	for _, c := range []string{"gone", "kept"} {
		must(t, s.SaveAnswer(w.ID, model.Answer{CustomerID: c, QuestionID: "q1", Score: 3}))
		must(t, s.PutAction(model.Action{WorkshopID: w.ID, CustomerID: c, Kind: model.Stop, Text: "x", Status: model.StatusOpen}))
	}
	p1, _, r := team(t, s, w.ID, "gone")
	must(t, s.SaveVote(w.ID, model.Vote{RoundID: r.ID, ParticipantID: p1.ID, QuestionID: "q1", Score: 4}))
	_, err := s.AddRound(model.Round{WorkshopID: w.ID, Customers: []model.RoundEntry{{CustomerID: "gone", Name: "Gone"}}})
	must(t, err)

	must(t, s.DeleteCustomer(w.ID, "gone"))
	d, err := s.Load(w.ID)
	must(t, err)
	if len(d.Customers) != 1 || d.Customers[0].ID != "kept" {
		t.Errorf("customers %v", d.Customers)
	}
	if _, ok := d.Answers["gone"]; ok || len(d.Answers["kept"]) != 1 {
		t.Errorf("answers %v", d.Answers)
	}
	if len(d.Actions) != 1 || d.Actions[0].CustomerID != "kept" {
		t.Errorf("actions %v", d.Actions)
	}
	if len(d.SilentRounds) != 0 || len(d.Votes) != 0 || len(d.Participants) != 2 {
		t.Errorf("team: %d silent rounds, %d votes, %d participants; want 0, 0, 2", len(d.SilentRounds), len(d.Votes), len(d.Participants))
	}
	if len(d.Rounds) != 1 || len(d.Rounds[0].Customers) != 1 || d.Rounds[0].Customers[0].Name != "Gone" {
		t.Errorf("the closed round forgot the customer: %+v", d.Rounds)
	}
	sound(t, s)
}

func testDeleteWorkshop(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	d := Dataset(3, 4)
	other := Dataset(2, 2)
	must(t, s.Import(d, false))
	must(t, s.Import(other, false))
	must(t, s.DeleteWorkshop(d.Workshop.ID))
	_, err := s.Load(d.Workshop.ID)
	wantErr(t, "Load(deleted)", err, store.ErrNotFound)
	for name, f := range map[string]func(string) error{
		"Customers":    func(id string) error { _, err := s.Customers(id); return err },
		"Actions":      func(id string) error { _, err := s.Actions(id); return err },
		"Rounds":       func(id string) error { _, err := s.Rounds(id); return err },
		"Participants": func(id string) error { _, err := s.Participants(id); return err },
		"SilentRounds": func(id string) error { _, err := s.SilentRounds(id); return err },
		"LoadTeam":     func(id string) error { _, _, _, err := s.LoadTeam(id); return err },
	} {
		wantErr(t, name+"(deleted)", f(d.Workshop.ID), store.ErrNotFound)
	}
	got, err := s.Load(other.Workshop.ID)
	must(t, err)
	Same(t, "the other workshop", got, other)
	// Its records are gone, not hidden: the same IDs import again.
	must(t, s.Import(d, false))
	sound(t, s)
}

func testLoadImport(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	d := Dataset(12, 20)
	must(t, s.Import(d, false))
	got, err := s.Load(d.Workshop.ID)
	must(t, err)
	Same(t, "Load after Import", got, d)
	if len(got.Answers) != 12 {
		t.Errorf("Answers for %d customers, want 12", len(got.Answers))
	}
	wantErr(t, "Import again", s.Import(d, false), store.ErrExists)
	_, err = s.Load("nope")
	wantErr(t, "Load(missing)", err, store.ErrNotFound)

	// A customer without answers has an empty entry.
	e := Dataset(2, 0)
	must(t, s.Import(e, false))
	got, err = s.Load(e.Workshop.ID)
	must(t, err)
	for _, c := range e.Customers {
		if m, ok := got.Answers[c.ID]; !ok || m == nil {
			t.Errorf("customer %s without answers has no entry", c.ID)
		}
	}

	// Zero fields are filled in.
	bare := model.Dataset{Workshop: model.Workshop{Name: "Bare"},
		Customers: []model.Customer{{ID: "c", Name: "C"}},
		Answers:   map[string]map[string]model.Answer{"c": {"q1": {Score: 5}}},
		Rounds:    []model.Round{{Name: "r"}, {Number: 5}}}
	must(t, s.Import(bare, false))
	list, err := s.Workshops()
	must(t, err)
	var id string
	for _, w := range list {
		if w.Name == "Bare" {
			id = w.ID
		}
	}
	got, err = s.Load(id)
	must(t, err)
	if got.Workshop.Created.IsZero() || got.Customers[0].WorkshopID != id || got.Customers[0].Created.IsZero() {
		t.Errorf("zero fields left: %+v", got)
	}
	if a := got.Answers["c"]["q1"]; a.CustomerID != "c" || a.QuestionID != "q1" || a.At.IsZero() {
		t.Errorf("answer %+v", a)
	}
	if len(got.Rounds) != 2 || got.Rounds[0].Number != 5 || got.Rounds[1].Number != 6 || got.Rounds[1].ID == "" {
		t.Errorf("rounds %+v", got.Rounds)
	}
	sound(t, s)
}

func testImportInvalid(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	for name, change := range map[string]func(d *model.Dataset){
		"answer of a stranger": func(d *model.Dataset) {
			d.Answers["stranger"] = map[string]model.Answer{"q": {Score: 1}}
		},
		"bad score":         func(d *model.Dataset) { d.Answers[d.Customers[0].ID]["q00"] = model.Answer{Score: 9} },
		"customer twice":    func(d *model.Dataset) { d.Customers = append(d.Customers, d.Customers[0]) },
		"action stranger":   func(d *model.Dataset) { d.Actions[0].CustomerID = "stranger" },
		"action invalid":    func(d *model.Dataset) { d.Actions[0].Kind = "dance" },
		"round twice":       func(d *model.Dataset) { d.Rounds = append(d.Rounds, d.Rounds[0]) },
		"vote of stranger":  func(d *model.Dataset) { d.Votes[0].ParticipantID = "stranger" },
		"silent round lost": func(d *model.Dataset) { d.SilentRounds[0].CustomerID = "stranger" },
		"bad workshop ID":   func(d *model.Dataset) { d.Workshop.ID = "a/b" },
		"misfiled answer": func(d *model.Dataset) {
			c := d.Customers[0].ID
			a := d.Answers[c]["q00"]
			a.QuestionID = "q01"
			d.Answers[c]["q00"] = a
		},
	} {
		d := Dataset(2, 2)
		change(&d)
		wantErr(t, name, s.Import(d, false), store.ErrInvalid)
	}
	if list, err := s.Workshops(); err != nil || len(list) != 0 {
		t.Errorf("a failed import left %d workshops (%v)", len(list), err)
	}
}

func testImportReplace(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	d := Dataset(4, 3)
	must(t, s.Import(d, false))
	must(t, s.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: d.Customers[3].ID, QuestionID: "extra", Score: 1}))
	e := Dataset(2, 2)
	e.Workshop.ID, e.Workshop.Name = d.Workshop.ID, "Replaced"
	for i := range e.Customers {
		e.Customers[i].WorkshopID = d.Workshop.ID
	}
	for i := range e.Actions {
		e.Actions[i].WorkshopID = d.Workshop.ID
	}
	e.Rounds[0].WorkshopID = d.Workshop.ID
	for i := range e.Participants {
		e.Participants[i].WorkshopID = d.Workshop.ID
	}
	e.SilentRounds[0].WorkshopID = d.Workshop.ID
	for i := range e.Stakeholders {
		e.Stakeholders[i].WorkshopID = d.Workshop.ID
	}
	for i := range e.Worksheets {
		e.Worksheets[i].WorkshopID = d.Workshop.ID
	}
	for i := range e.Targets {
		e.Targets[i].WorkshopID = d.Workshop.ID
	}
	wantErr(t, "Import over", s.Import(e, false), store.ErrExists)
	must(t, s.Import(e, true))
	got, err := s.Load(d.Workshop.ID)
	must(t, err)
	Same(t, "after replace", got, e)
	sound(t, s)
}

func testRestore(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	d := Dataset(3, 2)
	wantErr(t, "Restore(no workshop)", s.Restore(d), store.ErrNotFound)
	must(t, s.Import(d, false))
	// Undo a delete: put the customer back with everything it had.
	gone := d.Customers[0]
	must(t, s.DeleteCustomer(d.Workshop.ID, gone.ID))
	undo := d.CustomerPart(gone.ID)
	// Something else changed meanwhile: Restore leaves it.
	must(t, s.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: d.Customers[1].ID, QuestionID: "q00", Score: 5, At: Day(1)}))
	must(t, s.Restore(undo))
	got, err := s.Load(d.Workshop.ID)
	must(t, err)
	want := d
	want.Answers = map[string]map[string]model.Answer{}
	for c, m := range d.Answers {
		want.Answers[c] = m
	}
	changed := map[string]model.Answer{}
	for q, a := range d.Answers[d.Customers[1].ID] {
		changed[q] = a
	}
	changed["q00"] = model.Answer{CustomerID: d.Customers[1].ID, QuestionID: "q00", Score: 5, At: Day(1)}
	want.Answers[d.Customers[1].ID] = changed
	Same(t, "after restore", got, want)
	// Restoring a round replaces its snapshot.
	r := d.Rounds[0]
	r.Name, r.Customers = "Renamed", nil
	must(t, s.Restore(model.Dataset{Workshop: d.Workshop, Rounds: []model.Round{r}}))
	rounds, err := s.Rounds(d.Workshop.ID)
	must(t, err)
	if len(rounds) != 1 || rounds[0].Name != "Renamed" || len(rounds[0].Customers) != 0 {
		t.Errorf("restored round %+v", rounds)
	}
	sound(t, s)
}

func testAddWorkshop(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := model.Workshop{ID: store.NewID(), Name: "New"}
	must(t, s.AddWorkshop(w, []model.Customer{{ID: "b", Name: "B"}, {ID: "a", Name: "A"}}))
	wantErr(t, "AddWorkshop again", s.AddWorkshop(w, nil), store.ErrExists)
	wantErr(t, "AddWorkshop(bad customer)", s.AddWorkshop(model.Workshop{}, []model.Customer{{ID: "x/y"}}), store.ErrInvalid)
	cs, err := s.Customers(w.ID)
	must(t, err)
	if len(cs) != 2 || cs[0].ID != "b" || cs[1].ID != "a" {
		t.Errorf("customers %+v, want b, a", cs)
	}
	got, err := s.Workshop(w.ID)
	must(t, err)
	if !got.Created.Equal(Day(0)) {
		t.Errorf("Created %v", got.Created)
	}
	if list, _ := s.Workshops(); len(list) != 1 {
		t.Errorf("%d workshops, want 1", len(list))
	}
	sound(t, s)
}

func testActions(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))
	_, err := s.Actions("nope")
	wantErr(t, "Actions(missing)", err, store.ErrNotFound)
	ok := model.Action{WorkshopID: w.ID, CustomerID: "c", Kind: model.Develop, Text: "Call", Status: model.StatusOpen, Due: "2027-01-01"}
	wantErr(t, "PutAction(no customer)", s.PutAction(model.Action{WorkshopID: w.ID, CustomerID: "nope", Kind: model.Develop, Text: "x", Status: model.StatusOpen}), store.ErrNotFound)
	bad := ok
	bad.Due = "soon"
	wantErr(t, "PutAction(bad due)", s.PutAction(bad), store.ErrInvalid)
	bad = ok
	bad.WorkshopID = "other"
	wantErr(t, "PutActions(other workshop)", s.PutActions(w.ID, []model.Action{bad}), store.ErrInvalid)
	// All or nothing.
	err = s.PutActions(w.ID, []model.Action{ok, {CustomerID: "nope", Kind: model.Stop, Text: "x", Status: model.StatusOpen}})
	wantErr(t, "PutActions(one bad)", err, store.ErrNotFound)
	if as, _ := s.Actions(w.ID); len(as) != 0 {
		t.Errorf("a failed PutActions stored %d", len(as))
	}
	second := ok
	second.ID, second.Text, second.Kind, second.Owner, second.Source = "a-0", "Stop discounts", model.Stop, "bo", "cell:x"
	must(t, s.PutActions(w.ID, []model.Action{{CustomerID: "c", Kind: model.Start, Text: "First", Status: model.StatusOpen}}))
	must(t, s.PutAction(second))
	as, err := s.Actions(w.ID)
	must(t, err)
	if len(as) != 2 || as[0].Text != "First" || as[1].ID != "a-0" || as[1].Owner != "bo" || as[1].Source != "cell:x" || as[1].Due != "2027-01-01" {
		t.Fatalf("actions %+v", as)
	}
	created := as[1].Created
	second.Status = model.StatusDone
	must(t, s.PutAction(second))
	as, err = s.Actions(w.ID)
	must(t, err)
	if as[1].Status != model.StatusDone || !as[1].Created.Equal(created) || !as[1].Updated.After(created) {
		t.Errorf("after update %+v", as[1])
	}
	wantErr(t, "DeleteAction(missing)", s.DeleteAction(w.ID, "nope"), store.ErrNotFound)
	must(t, s.DeleteAction(w.ID, "a-0"))
	if as, _ := s.Actions(w.ID); len(as) != 1 {
		t.Errorf("after delete: %d actions", len(as))
	}
	sound(t, s)
}

func testRounds(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	_, err := s.AddRound(model.Round{WorkshopID: "nope"})
	wantErr(t, "AddRound(no workshop)", err, store.ErrNotFound)
	_, err = s.Rounds("nope")
	wantErr(t, "Rounds(missing)", err, store.ErrNotFound)
	r1, err := s.AddRound(model.Round{WorkshopID: w.ID, Name: "first", Customers: []model.RoundEntry{
		{CustomerID: "c1", Name: "One", Kraljic: model.Leverage, Pref: model.Nuisance, Regime: model.BuyerDominance, Priority: model.P3,
			Scores: map[model.Dimension]model.RoundScore{model.SupplyRisk: {Value: 2.25, Placed: true, Known: 3}}, Answers: map[string]model.Score{"q": 2}},
		{CustomerID: "c0", Name: "Zero"}}})
	must(t, err)
	if r1.Number != 1 || r1.ID == "" || r1.ClosedAt.IsZero() {
		t.Errorf("AddRound = %+v", r1)
	}
	r2, err := s.AddRound(model.Round{WorkshopID: w.ID})
	must(t, err)
	if r2.Number != 2 {
		t.Errorf("second round number %d", r2.Number)
	}
	_, err = s.AddRound(model.Round{WorkshopID: w.ID, Number: 2})
	wantErr(t, "AddRound(number taken)", err, store.ErrExists)
	_, err = s.AddRound(model.Round{WorkshopID: w.ID, ID: r1.ID, Number: 9})
	wantErr(t, "AddRound(ID taken)", err, store.ErrExists)
	_, err = s.AddRound(model.Round{WorkshopID: w.ID, Number: -1})
	wantErr(t, "AddRound(-1)", err, store.ErrInvalid)
	rounds, err := s.Rounds(w.ID)
	must(t, err)
	if len(rounds) != 2 {
		t.Fatalf("%d rounds", len(rounds))
	}
	Same(t, "first round", rounds[0], r1)
	if rounds[0].Customers[0].CustomerID != "c1" || rounds[1].Customers == nil {
		t.Errorf("snapshot order or empty list: %+v", rounds)
	}
	wantErr(t, "DeleteRound(missing)", s.DeleteRound(w.ID, "nope"), store.ErrNotFound)
	must(t, s.DeleteRound(w.ID, r1.ID))
	rounds, err = s.Rounds(w.ID)
	must(t, err)
	if len(rounds) != 1 || rounds[0].ID != r2.ID {
		t.Errorf("after delete %+v", rounds)
	}
	sound(t, s)
}

func testTeam(t *testing.T, open Opener) {
	clk := clock()
	s := open(t, clk.Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))
	wantErr(t, "PutParticipant(no name)", s.PutParticipant(model.Participant{WorkshopID: w.ID, Name: " "}), store.ErrInvalid)
	wantErr(t, "PutParticipant(no workshop)", s.PutParticipant(model.Participant{WorkshopID: "nope", Name: "x"}), store.ErrNotFound)
	p1, p2, r := team(t, s, w.ID, "c")
	ps, err := s.Participants(w.ID)
	must(t, err)
	if len(ps) != 2 || ps[0].ID != p1.ID || ps[0].Role != "KAM" || ps[0].Created.IsZero() {
		t.Fatalf("participants %+v", ps)
	}
	// An update keeps Created.
	p1.Identity = "ssh:abc"
	must(t, s.PutParticipant(p1))
	ps, _ = s.Participants(w.ID)
	if ps[0].Identity != "ssh:abc" || ps[0].ID != p1.ID {
		t.Errorf("after update %+v", ps)
	}

	wantErr(t, "PutSilentRound(no customer)", s.PutSilentRound(model.SilentRound{WorkshopID: w.ID, CustomerID: "nope", Questions: []string{"q"}, State: model.SilentOpen}), store.ErrNotFound)
	wantErr(t, "PutSilentRound(stranger)", s.PutSilentRound(model.SilentRound{WorkshopID: w.ID, CustomerID: "c", Questions: []string{"q"}, State: model.SilentOpen, Participants: []string{"stranger"}}), store.ErrInvalid)
	wantErr(t, "PutSilentRound(no question)", s.PutSilentRound(model.SilentRound{WorkshopID: w.ID, CustomerID: "c", State: model.SilentOpen}), store.ErrInvalid)
	if r.Opened.IsZero() || r.State != model.SilentOpen {
		t.Errorf("silent round %+v", r)
	}
	_, err = s.SilentRound(w.ID, "nope")
	wantErr(t, "SilentRound(missing)", err, store.ErrNotFound)
	_, err = s.Votes(w.ID, "nope")
	wantErr(t, "Votes(missing)", err, store.ErrNotFound)

	vote := func(p model.Participant, q string, score model.Score, revote int) error {
		return s.SaveVote(w.ID, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: q, Score: score, Revote: revote})
	}
	must(t, vote(p1, "q1", 4, 0))
	must(t, vote(p1, "q1", 5, 0)) // replaces
	must(t, vote(p2, "q1", 2, 0))
	must(t, vote(p2, "q2", model.DontKnow, 0))
	wantErr(t, "vote on another question", vote(p1, "q9", 3, 0), store.ErrInvalid)
	wantErr(t, "vote by a stranger", s.SaveVote(w.ID, model.Vote{RoundID: r.ID, ParticipantID: "stranger", QuestionID: "q1", Score: 3}), store.ErrInvalid)
	wantErr(t, "vote score 7", vote(p1, "q1", 7, 0), store.ErrInvalid)
	wantErr(t, "vote for a future re-vote", vote(p1, "q1", 3, 1), store.ErrNotOpen)
	wantErr(t, "vote in no round", s.SaveVote(w.ID, model.Vote{RoundID: "nope", ParticipantID: p1.ID, QuestionID: "q1", Score: 3}), store.ErrNotFound)
	votes, err := s.Votes(w.ID, r.ID)
	must(t, err)
	if len(votes) != 3 || votes[0].QuestionID != "q1" || votes[2].QuestionID != "q2" {
		t.Fatalf("votes %+v", votes)
	}
	for _, v := range votes {
		if v.ParticipantID == p1.ID && v.QuestionID == "q1" && v.Score != 5 {
			t.Errorf("the second vote did not replace the first: %+v", v)
		}
	}

	a := model.Answer{CustomerID: "c", QuestionID: "q1", Score: 4, Author: "team"}
	wantErr(t, "RecordAgreed(open)", s.RecordAgreed(w.ID, r.ID, a), store.ErrNotOpen)
	sentinel := errors.New("no")
	_, err = s.UpdateSilentRound(w.ID, r.ID, func(r *model.SilentRound) error { r.State = model.SilentRevealed; return sentinel })
	wantErr(t, "UpdateSilentRound(fn fails)", err, sentinel)
	_, err = s.UpdateSilentRound(w.ID, r.ID, func(r *model.SilentRound) error { r.ID = "other"; return nil })
	wantErr(t, "UpdateSilentRound(new ID)", err, store.ErrInvalid)
	_, err = s.UpdateSilentRound(w.ID, "nope", func(r *model.SilentRound) error { return nil })
	wantErr(t, "UpdateSilentRound(missing)", err, store.ErrNotFound)
	revealed, err := s.UpdateSilentRound(w.ID, r.ID, func(r *model.SilentRound) error { r.Reveal(Day(1)); return nil })
	must(t, err)
	if revealed.State != model.SilentRevealed || !revealed.Revealed.Equal(Day(1)) {
		t.Errorf("revealed %+v", revealed)
	}
	wantErr(t, "vote after reveal", vote(p1, "q1", 1, 0), store.ErrNotOpen)
	wantErr(t, "RecordAgreed(other customer)", s.RecordAgreed(w.ID, r.ID, model.Answer{CustomerID: "x", QuestionID: "q1", Score: 4}), store.ErrInvalid)
	wantErr(t, "RecordAgreed(other question)", s.RecordAgreed(w.ID, r.ID, model.Answer{CustomerID: "c", QuestionID: "q9", Score: 4}), store.ErrInvalid)
	must(t, s.RecordAgreed(w.ID, r.ID, a))
	// A re-vote takes votes for its number again.
	_, err = s.UpdateSilentRound(w.ID, r.ID, func(r *model.SilentRound) error { r.OpenRevote("q2"); return nil })
	must(t, err)
	must(t, vote(p2, "q2", 3, 1))
	wantErr(t, "vote for the old re-vote", vote(p2, "q2", 3, 0), store.ErrNotOpen)

	d, err := s.Load(w.ID)
	must(t, err)
	if got := d.Answers["c"]["q1"]; got.Score != 4 || got.Author != "team" {
		t.Errorf("agreed answer %+v", got)
	}
	ps2, rs, vs, err := s.LoadTeam(w.ID)
	must(t, err)
	Same(t, "LoadTeam participants", ps2, d.Participants)
	Same(t, "LoadTeam rounds", rs, d.SilentRounds)
	Same(t, "LoadTeam votes", vs, d.Votes)
	if len(rs) != 1 || rs[0].Agreed["q1"] != 4 || rs[0].Revotes["q2"] != 1 || len(vs) != 4 {
		t.Errorf("team %+v %+v", rs, vs)
	}
	list, err := s.SilentRounds(w.ID)
	must(t, err)
	Same(t, "SilentRounds", list, rs)
	closed, err := s.UpdateSilentRound(w.ID, r.ID, func(r *model.SilentRound) error { r.Close(Day(2)); return nil })
	must(t, err)
	got, err := s.SilentRound(w.ID, r.ID)
	must(t, err)
	Same(t, "closed round", got, closed)
	_, _, _, err = s.LoadTeam("nope")
	wantErr(t, "LoadTeam(missing)", err, store.ErrNotFound)
	sound(t, s)
}

func testDeleteParticipant(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	w := newWorkshop(t, s)
	must(t, s.PutCustomer(model.Customer{ID: "c", WorkshopID: w.ID, Name: "C"}))
	p1, p2, r := team(t, s, w.ID, "c")
	for _, p := range []model.Participant{p1, p2} {
		must(t, s.SaveVote(w.ID, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "q1", Score: 3}))
	}
	wantErr(t, "DeleteParticipant(missing)", s.DeleteParticipant(w.ID, "nope"), store.ErrNotFound)
	must(t, s.DeleteParticipant(w.ID, p1.ID))
	ps, rs, vs, err := s.LoadTeam(w.ID)
	must(t, err)
	if len(ps) != 1 || ps[0].ID != p2.ID {
		t.Errorf("participants %+v", ps)
	}
	if len(rs) != 1 || !slices.Equal(rs[0].Participants, []string{p2.ID}) {
		t.Errorf("the round still takes them: %+v", rs)
	}
	if len(vs) != 1 || vs[0].ParticipantID != p2.ID {
		t.Errorf("votes %+v", vs)
	}
	sound(t, s)
}

func testBackup(t *testing.T, open Opener) {
	s := open(t, clock().Now)
	d, e := Dataset(5, 4), Dataset(0, 0)
	must(t, s.Import(d, false))
	must(t, s.Import(e, false))
	path := filepath.Join(t.TempDir(), "copy.db")
	must(t, s.Backup(path))
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v", info, err)
	}
	b, err := store.Open(path, store.Options{Existing: true, NoAutoBackup: true})
	must(t, err)
	defer b.Close()
	for _, x := range []model.Dataset{d, e} {
		want, err := s.Load(x.Workshop.ID)
		must(t, err)
		got, err := b.Load(x.Workshop.ID)
		must(t, err)
		Same(t, "backup of "+x.Workshop.Name, got, want)
	}
	if errs := b.Check(); len(errs) > 0 {
		t.Errorf("the backup file: %v", errs)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		if e.Name() != "copy.db" && !isSideFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) > 0 {
		t.Errorf("the backup left %v behind", names)
	}
}

// isSideFile is a file bbolt's store keeps beside a database it has open
// (the lock's note, the clean-close marker).
func isSideFile(name string) bool {
	return filepath.Ext(name) == ".lock" || filepath.Ext(name) == ".checked"
}

func testConcurrentAnswers(t *testing.T, open Opener) {
	s := open(t, nil)
	d := Dataset(4, 0)
	must(t, s.Import(d, false))
	const writers, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				c := d.Customers[(g+i)%len(d.Customers)]
				errs <- s.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: c.ID, QuestionID: fmt.Sprintf("g%d-q%d", g, i), Score: model.Score(i % 6)})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Load(d.Workshop.ID)
	must(t, err)
	n := 0
	for _, m := range got.Answers {
		n += len(m)
	}
	if n != writers*each {
		t.Errorf("%d answers stored, want %d", n, writers*each)
	}
	sound(t, s)
}

func testClosed(t *testing.T, open Opener) {
	s := open(t, nil)
	w := newWorkshop(t, s)
	if s.Location() == "" {
		t.Error("no Location")
	}
	must(t, s.Close())
	must(t, s.Close())
	_, err := s.Workshops()
	wantErr(t, "Workshops after Close", err, store.ErrClosed)
	wantErr(t, "SaveAnswer after Close", s.SaveAnswer(w.ID, model.Answer{CustomerID: "c", QuestionID: "q", Score: 1}), store.ErrClosed)
}
