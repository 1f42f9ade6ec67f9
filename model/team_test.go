package model_test

import (
	"slices"
	"testing"
	"time"

	. "styrka/model"
)

var teamT0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// teamRound is a round on customer c of three questions with three
// participants, in the given state.
func teamRound(state SilentState) SilentRound {
	return SilentRound{ID: "r", WorkshopID: "w", CustomerID: "c", Questions: []string{"q1", "q2", "q3"},
		Participants: []string{"anna", "bo", "cia"}, Opened: teamT0, State: state}
}

// vote is participant p's score s on question q in round r at the n-th
// re-vote.
func vote(r, p, q string, n int, s Score) Vote {
	return Vote{RoundID: r, ParticipantID: p, QuestionID: q, Revote: n, Score: s, At: teamT0.Add(time.Duration(n) * time.Minute)}
}

func TestTally(t *testing.T) {
	tests := []struct {
		name    string
		revotes map[string]int
		votes   []Vote
		q       string // the question looked at
		counts  [Levels + 1]int
		known   int
		spread  int
		flagged bool
		median  float64
		voters  []string
	}{
		{"no votes", nil, nil, "q1", [6]int{}, 0, 0, false, 0, nil},
		{"one vote", nil, []Vote{vote("r", "anna", "q1", 0, 4)}, "q1", [6]int{0, 0, 0, 0, 1, 0}, 1, 0, false, 4, []string{"anna"}},
		{"agreement", nil, []Vote{vote("r", "anna", "q1", 0, 3), vote("r", "bo", "q1", 0, 3), vote("r", "cia", "q1", 0, 3)},
			"q1", [6]int{0, 0, 0, 3, 0, 0}, 3, 0, false, 3, []string{"anna", "bo", "cia"}},
		{"spread of 1 is not flagged", nil, []Vote{vote("r", "anna", "q1", 0, 3), vote("r", "bo", "q1", 0, 4)},
			"q1", [6]int{0, 0, 0, 1, 1, 0}, 2, 1, false, 3.5, []string{"anna", "bo"}},
		{"spread of 2 is flagged", nil, []Vote{vote("r", "cia", "q1", 0, 4), vote("r", "anna", "q1", 0, 2), vote("r", "bo", "q1", 0, 3)},
			"q1", [6]int{0, 0, 1, 1, 1, 0}, 3, 2, true, 3, []string{"anna", "bo", "cia"}},
		{"don't know is left out of the spread", nil, []Vote{vote("r", "anna", "q1", 0, DontKnow), vote("r", "bo", "q1", 0, 5), vote("r", "cia", "q1", 0, 4)},
			"q1", [6]int{1, 0, 0, 0, 1, 1}, 2, 1, false, 4.5, []string{"anna", "bo", "cia"}},
		{"only don't know", nil, []Vote{vote("r", "anna", "q1", 0, DontKnow), vote("r", "bo", "q1", 0, DontKnow)},
			"q1", [6]int{2, 0, 0, 0, 0, 0}, 0, 0, false, 0, []string{"anna", "bo"}},
		{"votes of other questions and rounds do not count", nil, []Vote{vote("r", "anna", "q2", 0, 1), vote("other", "bo", "q1", 0, 5), vote("r", "cia", "q1", 0, 2)},
			"q1", [6]int{0, 0, 1, 0, 0, 0}, 1, 0, false, 2, []string{"cia"}},
		{"only the latest re-vote counts", map[string]int{"q1": 1},
			[]Vote{vote("r", "anna", "q1", 0, 1), vote("r", "bo", "q1", 0, 5), vote("r", "anna", "q1", 1, 4), vote("r", "bo", "q1", 1, 4)},
			"q1", [6]int{0, 0, 0, 0, 2, 0}, 2, 0, false, 4, []string{"anna", "bo"}},
		{"a re-vote just opened has no votes yet", map[string]int{"q1": 2},
			[]Vote{vote("r", "anna", "q1", 0, 1), vote("r", "bo", "q1", 1, 5)},
			"q1", [6]int{}, 0, 0, false, 0, nil},
		{"a re-vote elsewhere leaves this question alone", map[string]int{"q2": 1},
			[]Vote{vote("r", "anna", "q1", 0, 1), vote("r", "bo", "q1", 0, 5)},
			"q1", [6]int{0, 1, 0, 0, 0, 1}, 2, 4, true, 3, []string{"anna", "bo"}},
		{"a participant's later vote replaces the earlier", nil,
			[]Vote{{RoundID: "r", ParticipantID: "anna", QuestionID: "q1", Score: 1, At: teamT0}, {RoundID: "r", ParticipantID: "anna", QuestionID: "q1", Score: 3, At: teamT0.Add(time.Second)}},
			"q1", [6]int{0, 0, 0, 1, 0, 0}, 1, 0, false, 3, []string{"anna"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := teamRound(SilentRevealed)
			r.Revotes = tt.revotes
			all := Tally(r, tt.votes)
			if len(all) != 3 || all[0].QuestionID != "q1" || all[1].QuestionID != "q2" || all[2].QuestionID != "q3" {
				t.Fatalf("Tally gives %d questions in the order %v, want q1 q2 q3", len(all), all)
			}
			i := slices.IndexFunc(all, func(x QuestionTally) bool { return x.QuestionID == tt.q })
			got := all[i]
			if got.Counts != tt.counts || got.Known != tt.known || got.Spread != tt.spread || got.Flagged != tt.flagged || got.Median != tt.median {
				t.Errorf("tally = counts %v known %d spread %d flagged %v median %v\nwant  counts %v known %d spread %d flagged %v median %v",
					got.Counts, got.Known, got.Spread, got.Flagged, got.Median, tt.counts, tt.known, tt.spread, tt.flagged, tt.median)
			}
			var voters []string
			for _, v := range got.Votes {
				voters = append(voters, v.ParticipantID)
			}
			if !slices.Equal(voters, tt.voters) {
				t.Errorf("voters %v, want %v (in the round's order)", voters, tt.voters)
			}
		})
	}
}

func TestDiscussionQueue(t *testing.T) {
	in := []QuestionTally{
		{QuestionID: "a", Spread: 2, Flagged: true},
		{QuestionID: "b", Spread: 1},
		{QuestionID: "c", Spread: 4, Flagged: true},
		{QuestionID: "d", Spread: 2, Flagged: true},
		{QuestionID: "e", Spread: 3, Flagged: true},
		{QuestionID: "f"},
	}
	var ids []string
	for _, q := range DiscussionQueue(in) {
		ids = append(ids, q.QuestionID)
	}
	if want := []string{"c", "e", "a", "d"}; !slices.Equal(ids, want) {
		t.Errorf("queue %v, want %v (largest spread first, stable)", ids, want)
	}
	if q := DiscussionQueue(nil); len(q) != 0 {
		t.Errorf("queue of nothing: %v", q)
	}
}

func TestFinished(t *testing.T) {
	all := func(p string, n int) []Vote {
		return []Vote{vote("r", p, "q1", n, 3), vote("r", p, "q2", 0, DontKnow), vote("r", p, "q3", 0, 5)}
	}
	tests := []struct {
		name    string
		revotes map[string]int
		votes   []Vote
		want    map[string]bool
	}{
		{"nobody yet", nil, nil, map[string]bool{"anna": false, "bo": false, "cia": false}},
		{"don't know counts as an answer", nil, append(all("anna", 0), vote("r", "bo", "q1", 0, 2)),
			map[string]bool{"anna": true, "bo": false, "cia": false}},
		{"votes of someone not in the round are ignored", nil, all("dan", 0), map[string]bool{"anna": false, "bo": false, "cia": false}},
		{"a re-vote needs a new vote", map[string]int{"q1": 1}, append(all("anna", 0), all("bo", 1)...),
			map[string]bool{"anna": false, "bo": true, "cia": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := teamRound(SilentOpen)
			r.Revotes = tt.revotes
			got := Finished(r, tt.votes)
			if len(got) != len(tt.want) {
				t.Fatalf("Finished = %v, want %v", got, tt.want)
			}
			for p, w := range tt.want {
				if got[p] != w {
					t.Errorf("Finished[%s] = %v, want %v", p, got[p], w)
				}
			}
		})
	}
	r := teamRound(SilentOpen)
	if n := Answered(r, append(all("anna", 0), vote("r", "bo", "q3", 0, 1))); n["anna"] != 3 || n["bo"] != 1 || n["cia"] != 0 {
		t.Errorf("Answered = %v", n)
	}
}

func TestAcceptsAndHidden(t *testing.T) {
	open := teamRound(SilentOpen)
	if rev, ok := open.Accepts("q2"); !ok || rev != 0 || !open.Hidden("q2") {
		t.Errorf("an open round: Accepts = %d, %v; Hidden %v", rev, ok, open.Hidden("q2"))
	}
	if _, ok := open.Accepts("q9"); ok {
		t.Error("an open round takes a question it does not ask")
	}
	r := open
	r.Reveal(teamT0.Add(time.Hour))
	if r.State != SilentRevealed || !r.Revealed.Equal(teamT0.Add(time.Hour)) {
		t.Fatalf("revealed: %+v", r)
	}
	if _, ok := r.Accepts("q1"); ok || r.Hidden("q1") || len(r.Voting()) != 0 {
		t.Errorf("a revealed round takes votes or hides them: voting %v", r.Voting())
	}
	r.Agree("q1", 4)
	before := r
	r.OpenRevote("q1")
	if before.Revotes != nil || before.Agreed["q1"] != 4 {
		t.Errorf("OpenRevote changed the round it was copied from: %+v", before)
	}
	if rev, ok := r.Accepts("q1"); !ok || rev != 1 || !r.Hidden("q1") || r.Hidden("q2") {
		t.Errorf("re-vote on q1: Accepts = %d, %v; hidden q1 %v, q2 %v", rev, ok, r.Hidden("q1"), r.Hidden("q2"))
	}
	if _, agreed := r.Agreed["q1"]; agreed {
		t.Error("a re-vote keeps the agreed score")
	}
	if got := r.Voting(); !slices.Equal(got, []string{"q1"}) {
		t.Errorf("Voting = %v, want [q1]", got)
	}
	r.Reveal(teamT0.Add(2 * time.Hour))
	if _, ok := r.Accepts("q1"); ok || r.Hidden("q1") || !r.Revealed.Equal(teamT0.Add(time.Hour)) {
		t.Errorf("the re-vote revealed: %+v", r)
	}
	r.Close(teamT0.Add(3 * time.Hour))
	if _, ok := r.Accepts("q1"); ok || r.State != SilentClosed {
		t.Errorf("a closed round takes votes: %+v", r)
	}
	r.OpenRevote("q2")
	if _, ok := r.Accepts("q2"); ok {
		t.Error("a closed round takes a re-vote")
	}
}

func TestDivergence(t *testing.T) {
	wide := []Vote{vote("r", "anna", "q1", 0, 1), vote("r", "bo", "q1", 0, 4), vote("r", "anna", "q2", 0, 3), vote("r", "bo", "q2", 0, 3),
		vote("r", "anna", "q3", 0, 5), vote("r", "bo", "q3", 0, 2)}
	tests := []struct {
		name   string
		rounds func() []SilentRound
		votes  []Vote
		want   map[string][]string
	}{
		{"no rounds", func() []SilentRound { return nil }, nil, map[string][]string{}},
		{"an open round shows nothing yet", func() []SilentRound { return []SilentRound{teamRound(SilentOpen)} }, wide, map[string][]string{}},
		{"flagged questions of a revealed round", func() []SilentRound { return []SilentRound{teamRound(SilentRevealed)} }, wide,
			map[string][]string{"c": {"q1", "q3"}}},
		{"an agreed question no longer diverges", func() []SilentRound {
			r := teamRound(SilentRevealed)
			r.Agree("q3", 4)
			return []SilentRound{r}
		}, wide, map[string][]string{"c": {"q1"}}},
		{"a closed round with every flagged question agreed", func() []SilentRound {
			r := teamRound(SilentClosed)
			r.Agree("q1", 2)
			r.Agree("q3", 4)
			return []SilentRound{r}
		}, wide, map[string][]string{}},
		{"a re-vote under way diverges until agreed", func() []SilentRound {
			r := teamRound(SilentRevealed)
			r.Agree("q1", 2)
			r.Agree("q3", 4)
			r.OpenRevote("q2")
			return []SilentRound{r}
		}, wide, map[string][]string{"c": {"q2"}}},
		{"a later round of the customer counts", func() []SilentRound {
			r := teamRound(SilentClosed)
			later := teamRound(SilentRevealed)
			later.ID, later.Opened, later.Questions = "r2", teamT0.Add(time.Hour), []string{"q1"}
			later.Agree("q1", 3)
			return []SilentRound{later, r}
		}, wide, map[string][]string{"c": {"q3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Divergence(tt.rounds(), tt.votes)
			if len(got) != len(tt.want) {
				t.Fatalf("Divergence = %v, want %v", got, tt.want)
			}
			for c, qs := range tt.want {
				if !slices.Equal(got[c], qs) {
					t.Errorf("Divergence[%s] = %v, want %v", c, got[c], qs)
				}
			}
		})
	}
}

func TestOpenSilentRound(t *testing.T) {
	a := teamRound(SilentClosed)
	b := teamRound(SilentRevealed)
	b.ID, b.Opened = "b", teamT0.Add(time.Hour)
	c := teamRound(SilentOpen)
	c.ID, c.CustomerID = "c", "other"
	if r, ok := OpenSilentRound([]SilentRound{a, b, c}, "c"); !ok || r.ID != "b" {
		t.Errorf("OpenSilentRound = %s, %v; want b", r.ID, ok)
	}
	if _, ok := OpenSilentRound([]SilentRound{a}, "c"); ok {
		t.Error("a closed round is open")
	}
}

func TestSortTeam(t *testing.T) {
	ps := []Participant{{ID: "b", Created: teamT0}, {ID: "c", Created: teamT0.Add(-time.Hour)}, {ID: "a", Created: teamT0}}
	SortParticipants(ps)
	if ps[0].ID != "c" || ps[1].ID != "a" || ps[2].ID != "b" {
		t.Errorf("participants in order %v", ps)
	}
	vs := []Vote{vote("r2", "a", "q1", 0, 1), vote("r1", "b", "q2", 0, 1), vote("r1", "a", "q2", 1, 1), vote("r1", "b", "q1", 0, 1), vote("r1", "a", "q2", 0, 1)}
	SortVotes(vs)
	var keys []string
	for _, v := range vs {
		keys = append(keys, v.RoundID+v.QuestionID+string(rune('0'+v.Revote))+v.ParticipantID)
	}
	if want := []string{"r1q10b", "r1q20a", "r1q20b", "r1q21a", "r2q10a"}; !slices.Equal(keys, want) {
		t.Errorf("votes in order %v, want %v", keys, want)
	}
}
