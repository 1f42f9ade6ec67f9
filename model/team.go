package model

import (
	"cmp"
	"maps"
	"slices"
	"time"
)

// Team scoring: the participants of a workshop score a customer each on
// their own in a silent round; the facilitator sees who has finished but
// not what they chose, reveals the scores all at once, discusses the
// questions where they diverge and records the agreed score, which is the
// team's answer. The individual votes and the dissent are kept.

// Participant is one person scoring in a workshop's silent rounds.
type Participant struct {
	ID         string    `json:"id"`
	WorkshopID string    `json:"workshop_id"`
	Name       string    `json:"name"`
	Role       string    `json:"role,omitempty"`
	Created    time.Time `json:"created"`
	// Identity is what binds the name to one person on the SSH server,
	// recorded at their first join: "ssh:" and their key's fingerprint,
	// or "code:" and a salted hash of a personal code. Empty until then.
	Identity string `json:"identity,omitempty"`
}

// SilentState is where a silent round is: open for votes, revealed, or
// closed.
type SilentState string

const (
	// SilentOpen: participants vote; nobody sees a score.
	SilentOpen SilentState = "open"
	// SilentRevealed: the scores are shown; the facilitator records the
	// agreed scores and may open a re-vote on a question.
	SilentRevealed SilentState = "revealed"
	// SilentClosed: the round is history.
	SilentClosed SilentState = "closed"
)

// Valid reports whether s is one of the three states.
func (s SilentState) Valid() bool {
	return s == SilentOpen || s == SilentRevealed || s == SilentClosed
}

// SilentRound is one customer scored independently by the participants.
type SilentRound struct {
	ID         string `json:"id"`
	WorkshopID string `json:"workshop_id"`
	CustomerID string `json:"customer_id"`
	// Questions are the question IDs asked, in order (set A and/or B).
	Questions []string `json:"questions"`
	// Participants are the IDs of the participants taking part.
	Participants []string  `json:"participants"`
	Opened       time.Time `json:"opened"`
	// TimeboxSeconds is the time the facilitator gives the round; 0 is
	// none.
	TimeboxSeconds int         `json:"timebox_seconds"`
	State          SilentState `json:"state"`
	Revealed       time.Time   `json:"revealed"`
	Closed         time.Time   `json:"closed"`
	// Revotes counts the re-votes opened per question ID; votes carry the
	// number they belong to.
	Revotes map[string]int `json:"revotes"`
	// Shown is, per question ID, the re-vote whose votes the facilitator
	// has revealed; a question whose Revotes is higher is being voted on
	// again and its new votes stay hidden.
	Shown map[string]int `json:"shown"`
	// Agreed holds the scores the team agreed on, per question ID; the
	// same score is saved as the customer's answer.
	Agreed map[string]Score `json:"agreed"`
}

// Vote is one participant's score on one question of a silent round.
type Vote struct {
	RoundID       string `json:"round_id"`
	ParticipantID string `json:"participant_id"`
	QuestionID    string `json:"question_id"`
	// Revote is 0 for the first vote, n for the n-th re-vote on that
	// question.
	Revote int `json:"revote"`
	// Score is 1–5 or DontKnow.
	Score Score     `json:"score"`
	Note  string    `json:"note,omitempty"`
	At    time.Time `json:"at"`
}

// DivergenceSpread is the spread of known scores (highest minus lowest,
// on 1–5) from which a question is flagged for discussion.
const DivergenceSpread = 2

// QuestionTally is how the participants voted on one question.
type QuestionTally struct {
	QuestionID string
	// Counts has the number of votes per score: index 0 is don't know,
	// 1–5 the levels.
	Counts [Levels + 1]int
	// Known counts the votes on the 1–5 scale.
	Known int
	// Spread is the highest known score minus the lowest; "don't know"
	// is left out.
	Spread int
	// Flagged is true when Spread is at least DivergenceSpread.
	Flagged bool
	// Median is the median of the known scores; 0 when there is none.
	Median float64
	// Votes are the current (latest re-vote) votes on this question, in
	// the order of the round's participants.
	Votes []Vote
}

// Revote is the number of the question's current vote: 0 until a
// re-vote is opened on it.
func (r SilentRound) Revote(questionID string) int { return r.Revotes[questionID] }

// Takes reports whether the participant takes part in the round.
func (r SilentRound) Takes(participantID string) bool {
	return slices.Contains(r.Participants, participantID)
}

// Accepts reports whether the round takes a vote on the question now, and
// for which re-vote: every question while the round is open, a question
// with a re-vote not yet revealed once the round is revealed, nothing once
// it is closed.
func (r SilentRound) Accepts(questionID string) (revote int, ok bool) {
	if !slices.Contains(r.Questions, questionID) {
		return 0, false
	}
	n := r.Revotes[questionID]
	switch r.State {
	case SilentOpen:
		return n, true
	case SilentRevealed:
		return n, n > r.Shown[questionID]
	}
	return 0, false
}

// Voting lists the questions that take votes now, in the round's order.
func (r SilentRound) Voting() []string {
	var out []string
	for _, q := range r.Questions {
		if _, ok := r.Accepts(q); ok {
			out = append(out, q)
		}
	}
	return out
}

// Hidden reports whether the current votes on a question must not be
// shown yet: the round is open, or a re-vote on it is under way.
func (r SilentRound) Hidden(questionID string) bool {
	if r.State == SilentOpen {
		return true
	}
	_, voting := r.Accepts(questionID)
	return voting
}

// Reveal shows every vote given so far, re-votes included. The first
// reveal is dated at.
func (r *SilentRound) Reveal(at time.Time) {
	if r.State == SilentOpen {
		r.State = SilentRevealed
	}
	if r.Revealed.IsZero() {
		r.Revealed = at
	}
	r.Shown = maps.Clone(r.Shown)
	for _, q := range r.Questions {
		if n := r.Revotes[q]; n > 0 {
			if r.Shown == nil {
				r.Shown = map[string]int{}
			}
			r.Shown[q] = n
		}
	}
}

// OpenRevote asks the participants to vote on a question again: its
// re-vote count goes up, and an agreed score recorded for it is dropped.
func (r *SilentRound) OpenRevote(questionID string) {
	r.Revotes = maps.Clone(r.Revotes)
	if r.Revotes == nil {
		r.Revotes = map[string]int{}
	}
	r.Revotes[questionID]++
	if _, ok := r.Agreed[questionID]; ok {
		r.Agreed = maps.Clone(r.Agreed)
		delete(r.Agreed, questionID)
	}
}

// Agree records the score the team agreed on for a question.
func (r *SilentRound) Agree(questionID string, s Score) {
	r.Agreed = maps.Clone(r.Agreed)
	if r.Agreed == nil {
		r.Agreed = map[string]Score{}
	}
	r.Agreed[questionID] = s
}

// Close ends the round at at.
func (r *SilentRound) Close(at time.Time) {
	r.State = SilentClosed
	r.Closed = at
}

// current is the latest vote of each participant on each question at
// the question's current re-vote, keyed by question then participant.
func current(r SilentRound, votes []Vote) map[string]map[string]Vote {
	out := map[string]map[string]Vote{}
	for _, v := range votes {
		if v.RoundID != r.ID || v.Revote != r.Revotes[v.QuestionID] {
			continue
		}
		m := out[v.QuestionID]
		if m == nil {
			m = map[string]Vote{}
			out[v.QuestionID] = m
		}
		if old, ok := m[v.ParticipantID]; !ok || !v.At.Before(old.At) {
			m[v.ParticipantID] = v
		}
	}
	return out
}

// Tally counts the current votes (the latest re-vote only) on each of
// the round's questions, in the round's order. Votes of other rounds are
// ignored.
func Tally(r SilentRound, votes []Vote) []QuestionTally {
	cur := current(r, votes)
	order := make(map[string]int, len(r.Participants))
	for i, p := range r.Participants {
		order[p] = i
	}
	out := make([]QuestionTally, 0, len(r.Questions))
	for _, q := range r.Questions {
		t := QuestionTally{QuestionID: q}
		var known []int
		for _, v := range cur[q] {
			t.Votes = append(t.Votes, v)
			if v.Score.Valid() {
				t.Counts[v.Score]++
			}
			if v.Score.Known() {
				known = append(known, int(v.Score))
			}
		}
		slices.SortFunc(t.Votes, func(a, b Vote) int {
			oa, okA := order[a.ParticipantID]
			ob, okB := order[b.ParticipantID]
			if !okA {
				oa = len(order)
			}
			if !okB {
				ob = len(order)
			}
			return cmp.Or(cmp.Compare(oa, ob), cmp.Compare(a.ParticipantID, b.ParticipantID))
		})
		t.Known = len(known)
		if t.Known > 0 {
			slices.Sort(known)
			t.Spread = known[len(known)-1] - known[0]
			mid := len(known) / 2
			if len(known)%2 == 1 {
				t.Median = float64(known[mid])
			} else {
				t.Median = float64(known[mid-1]+known[mid]) / 2
			}
		}
		t.Flagged = t.Spread >= DivergenceSpread
		out = append(out, t)
	}
	return out
}

// DiscussionQueue lists the flagged questions, the largest spread first;
// questions with the same spread keep their order.
func DiscussionQueue(t []QuestionTally) []QuestionTally {
	var out []QuestionTally
	for _, q := range t {
		if q.Flagged {
			out = append(out, q)
		}
	}
	slices.SortStableFunc(out, func(a, b QuestionTally) int { return cmp.Compare(b.Spread, a.Spread) })
	return out
}

// Finished tells, for each participant of the round, whether they have a
// current vote on every question of it.
func Finished(r SilentRound, votes []Vote) map[string]bool {
	cur := current(r, votes)
	out := make(map[string]bool, len(r.Participants))
	for _, p := range r.Participants {
		done := len(r.Questions) > 0
		for _, q := range r.Questions {
			if _, ok := cur[q][p]; !ok {
				done = false
				break
			}
		}
		out[p] = done
	}
	return out
}

// Answered counts, for each participant of the round, the questions with
// a current vote from them.
func Answered(r SilentRound, votes []Vote) map[string]int {
	cur := current(r, votes)
	out := make(map[string]int, len(r.Participants))
	for _, p := range r.Participants {
		out[p] = 0
	}
	for _, q := range r.Questions {
		for p := range cur[q] {
			if _, ok := out[p]; ok {
				out[p]++
			}
		}
	}
	return out
}

// Divergence finds the customers whose team scores diverged: for each
// customer, the questions flagged in a revealed or closed silent round
// with no agreed score. When a question was asked in several rounds of a
// customer, the latest round counts. Questions come in the order they
// were asked; customers without such questions are left out.
func Divergence(rounds []SilentRound, votes []Vote) map[string][]string {
	rs := slices.Clone(rounds)
	SortSilentRounds(rs)
	type state struct {
		order []string
		open  map[string]bool
	}
	per := map[string]*state{}
	for _, r := range rs {
		if r.State == SilentOpen {
			continue
		}
		st := per[r.CustomerID]
		if st == nil {
			st = &state{open: map[string]bool{}}
			per[r.CustomerID] = st
		}
		for _, t := range Tally(r, votes) {
			_, agreed := r.Agreed[t.QuestionID]
			diverged := !agreed && (t.Flagged || r.Hidden(t.QuestionID))
			if _, seen := st.open[t.QuestionID]; !seen {
				st.order = append(st.order, t.QuestionID)
			}
			st.open[t.QuestionID] = diverged
		}
	}
	out := map[string][]string{}
	for cid, st := range per {
		for _, q := range st.order {
			if st.open[q] {
				out[cid] = append(out[cid], q)
			}
		}
	}
	return out
}

// OpenSilentRound is the customer's round that is not closed yet, the
// latest one when there are several.
func OpenSilentRound(rounds []SilentRound, customerID string) (SilentRound, bool) {
	var found SilentRound
	ok := false
	for _, r := range rounds {
		if r.CustomerID == customerID && r.State != SilentClosed && (!ok || r.Opened.After(found.Opened)) {
			found, ok = r, true
		}
	}
	return found, ok
}

// SortParticipants puts participants in the order they were added.
func SortParticipants(ps []Participant) {
	slices.SortFunc(ps, func(a, b Participant) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// SortSilentRounds puts silent rounds in the order they were opened.
func SortSilentRounds(rs []SilentRound) {
	slices.SortFunc(rs, func(a, b SilentRound) int {
		return cmp.Or(a.Opened.Compare(b.Opened), cmp.Compare(a.ID, b.ID))
	})
}

// SortVotes puts votes in a stable order: by round, question, re-vote
// and participant.
func SortVotes(vs []Vote) {
	slices.SortFunc(vs, func(a, b Vote) int {
		return cmp.Or(cmp.Compare(a.RoundID, b.RoundID), cmp.Compare(a.QuestionID, b.QuestionID),
			cmp.Compare(a.Revote, b.Revote), cmp.Compare(a.ParticipantID, b.ParticipantID))
	})
}
