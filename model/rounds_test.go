package model_test

import (
	"slices"
	"testing"
	"time"

	. "styrka/model"
)

// roundDataset is a workshop of three customers on two questions per
// dimension: Alfa placed high everywhere, Beta low everywhere, Gamma
// without answers.
func roundDataset() (Dataset, []Question) {
	qs := questionsN(2)
	ds := Dataset{
		Workshop: Workshop{ID: "w", Thresholds: DefaultThresholds()},
		Customers: []Customer{
			{ID: "a", WorkshopID: "w", Name: "Alfa"},
			{ID: "b", WorkshopID: "w", Name: "Beta"},
			{ID: "g", WorkshopID: "w", Name: "Gamma"},
		},
		Answers: map[string]map[string]Answer{
			"a": fill(2, map[Dimension]Score{ProfitImpact: 4, SupplyRisk: 4, RelativeValue: 4, Attractiveness: 4}).build(),
			"b": fill(2, map[Dimension]Score{ProfitImpact: 2, SupplyRisk: 2, RelativeValue: 2, Attractiveness: 2}).build(),
			"g": {},
		},
	}
	return ds, qs
}

func TestSnapshot(t *testing.T) {
	ds, qs := roundDataset()
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	ds.Rounds = []Round{{Number: 1}, {Number: 3}}
	r := Snapshot(ds, qs, at)
	if r.Number != 4 || r.WorkshopID != "w" || !r.ClosedAt.Equal(at) || r.ID != "" {
		t.Errorf("round = number %d, workshop %q, closed %v, ID %q", r.Number, r.WorkshopID, r.ClosedAt, r.ID)
	}
	if len(r.Customers) != 3 {
		t.Fatalf("%d entries, want 3", len(r.Customers))
	}
	a := r.Customers[0]
	if a.CustomerID != "a" || a.Name != "Alfa" || a.Kraljic != Strategic || a.Pref != Core || a.Regime != Interdependence || a.Priority != P1 {
		t.Errorf("Alfa's entry = %+v", a)
	}
	if s := a.Scores[SupplyRisk]; !s.Placed || s.Value != 4 || s.Known != 2 {
		t.Errorf("Alfa's supply risk = %+v", s)
	}
	if len(a.Answers) != 8 || a.Answers[qid(ProfitImpact, 1)] != 4 {
		t.Errorf("Alfa's answers = %v", a.Answers)
	}
	g := r.Customers[2]
	if g.Regime != "" || g.Scores[SupplyRisk].Placed || len(g.Answers) != 0 {
		t.Errorf("Gamma without answers = %+v", g)
	}
	// The snapshot does not share the dataset's maps.
	ds.Answers["a"][qid(ProfitImpact, 1)] = Answer{Score: 1}
	if r.Customers[0].Answers[qid(ProfitImpact, 1)] != 4 {
		t.Error("changing an answer changed the snapshot")
	}
	if NextRoundNumber(nil) != 1 {
		t.Error("the first round is not number 1")
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the dataset after the round was closed.
		edit func(ds *Dataset)
		// check looks at the change of the named customer.
		customer string
		check    func(t *testing.T, ch CustomerChange)
	}{
		{"nothing changed", func(*Dataset) {}, "a", func(t *testing.T, ch CustomerChange) {
			if ch.Changed() {
				t.Errorf("change = %+v, want none", ch)
			}
		}},
		{"moved regime and class", func(ds *Dataset) {
			for i := 1; i <= 2; i++ {
				ds.Answers["a"][qid(SupplyRisk, i)] = Answer{QuestionID: qid(SupplyRisk, i), Score: 1}
			}
		}, "a", func(t *testing.T, ch CustomerChange) {
			if !ch.Moved() || ch.Regime != (Move[Regime]{Interdependence, BuyerDominance}) {
				t.Errorf("regime = %+v, want interdependence → buyer dominance", ch.Regime)
			}
			if !ch.ClassChanged() || ch.Kraljic != (Move[Kraljic]{Strategic, Leverage}) || ch.Pref.Changed() {
				t.Errorf("classes = %+v, %+v", ch.Kraljic, ch.Pref)
			}
			if len(ch.Scores) != 1 || ch.Scores[0].Dimension != SupplyRisk || ch.Scores[0].Delta() != -3 {
				t.Errorf("scores = %+v, want supply risk −3", ch.Scores)
			}
			if len(ch.Answers) != 2 || ch.Answers[0] != (AnswerChange{QuestionID: qid(SupplyRisk, 1), From: 4, To: 1, Before: true, After: true}) {
				t.Errorf("answers = %+v", ch.Answers)
			}
		}},
		{"score moved within its class", func(ds *Dataset) {
			ds.Answers["a"][qid(Attractiveness, 1)] = Answer{QuestionID: qid(Attractiveness, 1), Score: 5}
		}, "a", func(t *testing.T, ch CustomerChange) {
			if ch.Moved() || ch.ClassChanged() || ch.Priority.Changed() {
				t.Errorf("classes moved: %+v", ch)
			}
			if len(ch.Scores) != 1 || ch.Scores[0].Delta() != 0.5 {
				t.Errorf("scores = %+v, want attractiveness +0.5", ch.Scores)
			}
			if !ch.Changed() {
				t.Error("a changed score is no change")
			}
		}},
		{"answer given and placed for the first time", func(ds *Dataset) {
			ds.Answers["g"][qid(SupplyRisk, 1)] = Answer{QuestionID: qid(SupplyRisk, 1), Score: DontKnow}
			ds.Answers["g"][qid(RelativeValue, 1)] = Answer{QuestionID: qid(RelativeValue, 1), Score: 2}
		}, "g", func(t *testing.T, ch CustomerChange) {
			want := []AnswerChange{
				{QuestionID: qid(SupplyRisk, 1), From: 0, To: DontKnow, Before: false, After: true},
				{QuestionID: qid(RelativeValue, 1), From: 0, To: 2, Before: false, After: true},
			}
			SortAnswerChanges(ch.Answers, questionsN(2))
			if !slices.Equal(ch.Answers, want) {
				t.Errorf("answers = %+v\nwant %+v", ch.Answers, want)
			}
			if len(ch.Scores) != 1 || ch.Scores[0].Dimension != RelativeValue || ch.Scores[0].From.Placed || !ch.Scores[0].To.Placed {
				t.Errorf("scores = %+v, want relative value placed now", ch.Scores)
			}
			if ch.Moved() {
				t.Errorf("regime = %+v: supply risk is still not placed", ch.Regime)
			}
		}},
		{"answer taken back", func(ds *Dataset) {
			delete(ds.Answers["b"], qid(ProfitImpact, 2))
		}, "b", func(t *testing.T, ch CustomerChange) {
			if len(ch.Answers) != 1 || ch.Answers[0] != (AnswerChange{QuestionID: qid(ProfitImpact, 2), From: 2, Before: true}) {
				t.Errorf("answers = %+v", ch.Answers)
			}
			if len(ch.Scores) != 0 {
				t.Errorf("scores = %+v: the mean is the same", ch.Scores)
			}
		}},
		{"new customer", func(ds *Dataset) {
			ds.Customers = append(ds.Customers, Customer{ID: "d", WorkshopID: "w", Name: "Delta"})
		}, "d", func(t *testing.T, ch CustomerChange) {
			if !ch.Added || ch.Removed || !ch.Changed() {
				t.Errorf("change = %+v, want added", ch)
			}
		}},
		{"deleted customer", func(ds *Dataset) {
			ds.Customers = ds.Customers[1:]
			delete(ds.Answers, "a")
		}, "a", func(t *testing.T, ch CustomerChange) {
			if !ch.Removed || ch.Name != "Alfa" || ch.Regime != (Move[Regime]{From: Interdependence}) {
				t.Errorf("change = %+v, want removed from interdependence", ch)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, qs := roundDataset()
			round := Snapshot(ds, qs, time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC))
			tt.edit(&ds)
			changes := Compare(round, ds.Assess(qs), ds.Answers)
			ch, ok := ChangeOf(changes, tt.customer)
			if !ok {
				t.Fatalf("no change listed for %s: %+v", tt.customer, changes)
			}
			tt.check(t, ch)
			// Customers that were not edited did not change.
			for _, c := range changes {
				if c.CustomerID != tt.customer && c.Changed() {
					t.Errorf("%s changed too: %+v", c.Name, c)
				}
			}
		})
	}
}

func TestCompareOrder(t *testing.T) {
	ds, qs := roundDataset()
	round := Snapshot(ds, qs, time.Now())
	ds.Customers = []Customer{ds.Customers[2], {ID: "d", Name: "Delta"}, ds.Customers[1]}
	var ids []string
	for _, c := range Compare(round, ds.Assess(qs), ds.Answers) {
		ids = append(ids, c.CustomerID)
	}
	if want := []string{"g", "d", "b", "a"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want the current customers, then the removed: %v", ids, want)
	}
}

func TestFindRound(t *testing.T) {
	rounds := []Round{
		{ID: "r1", Number: 1, Name: "Autumn review"},
		{ID: "r2", Number: 2},
		{ID: "r3", Number: 3, Name: "12"},
	}
	tests := []struct {
		ref  string
		want string
	}{
		{"1", "r1"}, {"#2", "r2"}, {" 3 ", "r3"}, {"autumn REVIEW", "r1"}, {"r2", "r2"}, {"12", "r3"}, {"4", ""}, {"spring", ""},
	}
	for _, tt := range tests {
		r, ok := FindRound(rounds, tt.ref)
		if ok != (tt.want != "") || r.ID != tt.want {
			t.Errorf("FindRound(%q) = %q, %v, want %q", tt.ref, r.ID, ok, tt.want)
		}
	}
	last, ok := LastRound(rounds)
	if !ok || last.ID != "r3" {
		t.Errorf("LastRound = %q, %v", last.ID, ok)
	}
	if _, ok := LastRound(nil); ok {
		t.Error("LastRound(nil) found a round")
	}
	shuffled := []Round{rounds[2], rounds[0], rounds[1]}
	SortRounds(shuffled)
	if shuffled[0].ID != "r1" || shuffled[2].ID != "r3" {
		t.Errorf("SortRounds = %v", shuffled)
	}
}

func TestCompareRounds(t *testing.T) {
	ds, qs := roundDataset()
	first := Snapshot(ds, qs, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	ds.Answers["b"][qid(RelativeValue, 1)] = Answer{QuestionID: qid(RelativeValue, 1), Score: 5}
	ds.Answers["b"][qid(RelativeValue, 2)] = Answer{QuestionID: qid(RelativeValue, 2), Score: 5}
	ds.Rounds = []Round{first}
	second := Snapshot(ds, qs, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))
	if second.Number != 2 {
		t.Fatalf("second round is number %d", second.Number)
	}
	changes := CompareRounds(first, second)
	var moved []string
	for _, ch := range changes {
		if ch.Moved() {
			moved = append(moved, ch.Name+": "+string(ch.Regime.From)+" → "+string(ch.Regime.To))
		}
	}
	if want := []string{"Beta: independence → buyer_dominance"}; !slices.Equal(moved, want) {
		t.Errorf("moved between the rounds: %v, want %v", moved, want)
	}
	// Compare with the current state gives the same as with its snapshot.
	now := Compare(first, ds.Assess(qs), ds.Answers)
	if !slices.EqualFunc(now, changes, func(a, b CustomerChange) bool {
		return a.CustomerID == b.CustomerID && a.Regime == b.Regime && len(a.Answers) == len(b.Answers) && len(a.Scores) == len(b.Scores)
	}) {
		t.Errorf("Compare and CompareRounds differ:\n%+v\n%+v", now, changes)
	}
}
