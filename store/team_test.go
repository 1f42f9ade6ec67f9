package store_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// teamDB is a database with a workshop of two customers (three answers
// each) and three participants: Anna, Bo and Cia.
func teamDB(t *testing.T) (*store.DB, model.Dataset, []model.Participant) {
	t.Helper()
	clk := &clock{t: day(0), step: time.Second}
	db := openTest(t, dbPath(t), store.Options{Now: clk.Now, NoAutoBackup: true})
	d := dataset(2, 3)
	mustNoErr(t, db.Import(d, false))
	var ps []model.Participant
	for _, name := range []string{"Anna", "Bo", "Cia"} {
		p := model.Participant{ID: store.NewID(), WorkshopID: d.Workshop.ID, Name: name, Role: "KAM"}
		mustNoErr(t, db.PutParticipant(p))
		ps = append(ps, p)
	}
	return db, d, ps
}

// openRound opens a silent round on the workshop's first customer with
// questions q00–q02 and every participant.
func openRound(t *testing.T, db *store.DB, d model.Dataset, ps []model.Participant) model.SilentRound {
	t.Helper()
	r := model.SilentRound{ID: store.NewID(), WorkshopID: d.Workshop.ID, CustomerID: d.Customers[0].ID,
		Questions: []string{"q00", "q01", "q02"}, TimeboxSeconds: 600, State: model.SilentOpen}
	for _, p := range ps {
		r.Participants = append(r.Participants, p.ID)
	}
	mustNoErr(t, db.PutSilentRound(r))
	got, err := db.SilentRound(d.Workshop.ID, r.ID)
	mustNoErr(t, err)
	return got
}

func TestParticipants(t *testing.T) {
	db, d, ps := teamDB(t)
	wid := d.Workshop.ID
	got, err := db.Participants(wid)
	mustNoErr(t, err)
	if len(got) != 3 || got[0].Name != "Anna" || got[2].Name != "Cia" || got[0].Created.IsZero() {
		t.Fatalf("participants %+v", got)
	}
	// An edit keeps Created.
	p := got[1]
	p.Name, p.Role, p.Created = "Bo Ek", "Sales", time.Time{}
	mustNoErr(t, db.PutParticipant(p))
	again, err := db.Participants(wid)
	mustNoErr(t, err)
	if again[1].Name != "Bo Ek" || again[1].Role != "Sales" || !again[1].Created.Equal(got[1].Created) {
		t.Errorf("after the edit: %+v", again[1])
	}
	// Empty ID gets one.
	mustNoErr(t, db.PutParticipant(model.Participant{WorkshopID: wid, Name: "Dan"}))
	if all, _ := db.Participants(wid); len(all) != 4 || all[3].ID == "" {
		t.Errorf("after adding Dan: %+v", all)
	}
	for name, tc := range map[string]struct {
		p    model.Participant
		want error
	}{
		"no name":          {model.Participant{WorkshopID: wid, Name: "  "}, store.ErrInvalid},
		"no workshop":      {model.Participant{WorkshopID: "nope", Name: "X"}, store.ErrNotFound},
		"empty workshop":   {model.Participant{Name: "X"}, store.ErrInvalid},
		"slash in the ID":  {model.Participant{ID: "a/b", WorkshopID: wid, Name: "X"}, store.ErrInvalid},
		"another workshop": {model.Participant{ID: ps[0].ID, WorkshopID: store.NewID(), Name: "X"}, store.ErrNotFound},
	} {
		if err := db.PutParticipant(tc.p); !errors.Is(err, tc.want) {
			t.Errorf("%s: PutParticipant = %v, want %v", name, err, tc.want)
		}
	}
	if _, err := db.Participants("nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Participants of no workshop = %v", err)
	}
	mustNoErr(t, db.DeleteParticipant(wid, ps[0].ID))
	if err := db.DeleteParticipant(wid, ps[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice = %v", err)
	}
}

func TestSilentRoundVotes(t *testing.T) {
	db, d, ps := teamDB(t)
	wid := d.Workshop.ID
	r := openRound(t, db, d, ps)
	if r.Opened.IsZero() || r.State != model.SilentOpen || len(r.Participants) != 3 {
		t.Fatalf("stored round %+v", r)
	}
	anna, bo, cia := ps[0].ID, ps[1].ID, ps[2].ID
	v := func(p, q string, n int, s model.Score) model.Vote {
		return model.Vote{RoundID: r.ID, ParticipantID: p, QuestionID: q, Revote: n, Score: s, Note: "from " + p}
	}
	mustNoErr(t, db.SaveVote(wid, v(anna, "q00", 0, 2)))
	mustNoErr(t, db.SaveVote(wid, v(anna, "q00", 0, 1))) // replaces
	mustNoErr(t, db.SaveVote(wid, v(bo, "q00", 0, 4)))
	mustNoErr(t, db.SaveVote(wid, v(cia, "q00", 0, model.DontKnow)))
	for _, p := range []string{anna, bo, cia} {
		mustNoErr(t, db.SaveVote(wid, v(p, "q01", 0, 3)))
		mustNoErr(t, db.SaveVote(wid, v(p, "q02", 0, 4)))
	}
	votes, err := db.Votes(wid, r.ID)
	mustNoErr(t, err)
	if len(votes) != 9 {
		t.Fatalf("%d votes, want 9 (the second of Anna's replaces the first)", len(votes))
	}
	if fin := model.Finished(r, votes); !fin[anna] || !fin[bo] || !fin[cia] {
		t.Errorf("Finished = %v", fin)
	}
	tally := model.Tally(r, votes)
	if q := tally[0]; q.Counts != [6]int{1, 1, 0, 0, 1, 0} || q.Spread != 3 || !q.Flagged {
		t.Errorf("tally of q00: %+v", q)
	}

	// Refused: a stranger, a question not asked, a bad score, no round.
	stranger := model.Participant{ID: store.NewID(), WorkshopID: wid, Name: "Dan"}
	mustNoErr(t, db.PutParticipant(stranger))
	for name, tc := range map[string]struct {
		v    model.Vote
		want error
	}{
		"not in the round":   {v(stranger.ID, "q00", 0, 3), store.ErrInvalid},
		"question not asked": {v(anna, "q09", 0, 3), store.ErrInvalid},
		"bad score":          {v(anna, "q00", 0, 6), store.ErrInvalid},
		"no round":           {model.Vote{RoundID: "nope", ParticipantID: anna, QuestionID: "q00", Score: 3}, store.ErrNotFound},
		"re-vote not open":   {v(anna, "q00", 1, 3), store.ErrNotOpen},
	} {
		if err := db.SaveVote(wid, tc.v); !errors.Is(err, tc.want) {
			t.Errorf("%s: SaveVote = %v, want %v", name, err, tc.want)
		}
	}

	// Revealed: no more votes, until a re-vote is opened on q00.
	r, err = db.UpdateSilentRound(wid, r.ID, func(r *model.SilentRound) error { r.Reveal(day(1)); return nil })
	mustNoErr(t, err)
	if err := db.SaveVote(wid, v(anna, "q01", 0, 5)); !errors.Is(err, store.ErrNotOpen) {
		t.Errorf("a vote after the reveal = %v, want ErrNotOpen", err)
	}
	r, err = db.UpdateSilentRound(wid, r.ID, func(r *model.SilentRound) error { r.OpenRevote("q00"); return nil })
	mustNoErr(t, err)
	if err := db.SaveVote(wid, v(anna, "q00", 0, 5)); !errors.Is(err, store.ErrNotOpen) {
		t.Errorf("a vote on the old count = %v, want ErrNotOpen", err)
	}
	if err := db.SaveVote(wid, v(anna, "q01", 0, 5)); !errors.Is(err, store.ErrNotOpen) {
		t.Errorf("a vote on a question without a re-vote = %v, want ErrNotOpen", err)
	}
	mustNoErr(t, db.SaveVote(wid, v(anna, "q00", 1, 3)))
	mustNoErr(t, db.SaveVote(wid, v(bo, "q00", 1, 4)))
	votes, err = db.Votes(wid, r.ID)
	mustNoErr(t, err)
	if len(votes) != 11 {
		t.Errorf("%d votes, want 11: the first votes are kept", len(votes))
	}
	if fin := model.Finished(r, votes); !fin[anna] || !fin[bo] || fin[cia] {
		t.Errorf("Finished during the re-vote = %v", fin)
	}
	r, err = db.UpdateSilentRound(wid, r.ID, func(r *model.SilentRound) error { r.Reveal(day(2)); return nil })
	mustNoErr(t, err)
	if q := model.Tally(r, votes)[0]; q.Counts != [6]int{0, 0, 0, 1, 1, 0} || q.Flagged {
		t.Errorf("tally of the re-vote: %+v", q)
	}
	if err := db.SaveVote(wid, v(cia, "q00", 1, 3)); !errors.Is(err, store.ErrNotOpen) {
		t.Errorf("a vote after the re-vote's reveal = %v, want ErrNotOpen", err)
	}

	// The agreed score is the team's answer.
	a := model.Answer{CustomerID: r.CustomerID, QuestionID: "q00", Score: 4, Note: "agreed", Author: "Facilitator"}
	mustNoErr(t, db.RecordAgreed(wid, r.ID, a))
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	if got := ds.Answers[r.CustomerID]["q00"]; got.Score != 4 || got.Author != "Facilitator" || got.At.IsZero() {
		t.Errorf("the customer's answer = %+v", got)
	}
	if len(ds.Participants) != 4 || len(ds.SilentRounds) != 1 || len(ds.Votes) != 11 || ds.SilentRounds[0].Agreed["q00"] != 4 {
		t.Errorf("loaded team: %d participants, %d rounds, %d votes, agreed %v", len(ds.Participants), len(ds.SilentRounds), len(ds.Votes), ds.SilentRounds[0].Agreed)
	}
	if div := model.Divergence(ds.SilentRounds, ds.Votes); len(div) != 0 {
		t.Errorf("divergence after agreeing: %v", div)
	}
	if err := db.RecordAgreed(wid, r.ID, model.Answer{CustomerID: d.Customers[1].ID, QuestionID: "q00", Score: 2}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("agreeing on another customer = %v", err)
	}

	// Closed: nothing more.
	_, err = db.UpdateSilentRound(wid, r.ID, func(r *model.SilentRound) error { r.Close(day(3)); return nil })
	mustNoErr(t, err)
	if err := db.RecordAgreed(wid, r.ID, a); !errors.Is(err, store.ErrNotOpen) {
		t.Errorf("agreeing in a closed round = %v, want ErrNotOpen", err)
	}
	if _, err := db.UpdateSilentRound(wid, r.ID, func(r *model.SilentRound) error { r.State = "lost"; return nil }); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an invalid state = %v", err)
	}
	boom := errors.New("boom")
	if _, err := db.UpdateSilentRound(wid, r.ID, func(*model.SilentRound) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("UpdateSilentRound passes fn's error on: %v", err)
	}
}

func TestPutSilentRoundRefuses(t *testing.T) {
	db, d, ps := teamDB(t)
	wid := d.Workshop.ID
	base := func() model.SilentRound {
		return model.SilentRound{WorkshopID: wid, CustomerID: d.Customers[0].ID, Questions: []string{"q00"},
			Participants: []string{ps[0].ID}, State: model.SilentOpen}
	}
	for name, tc := range map[string]struct {
		edit func(*model.SilentRound)
		want error
	}{
		"no customer":         {func(r *model.SilentRound) { r.CustomerID = "nope" }, store.ErrNotFound},
		"no question":         {func(r *model.SilentRound) { r.Questions = nil }, store.ErrInvalid},
		"unknown participant": {func(r *model.SilentRound) { r.Participants = append(r.Participants, "nobody") }, store.ErrInvalid},
		"bad state":           {func(r *model.SilentRound) { r.State = "" }, store.ErrInvalid},
		"negative timebox":    {func(r *model.SilentRound) { r.TimeboxSeconds = -1 }, store.ErrInvalid},
		"bad agreed score":    {func(r *model.SilentRound) { r.Agree("q00", 9) }, store.ErrInvalid},
	} {
		r := base()
		tc.edit(&r)
		if err := db.PutSilentRound(r); !errors.Is(err, tc.want) {
			t.Errorf("%s: PutSilentRound = %v, want %v", name, err, tc.want)
		}
	}
	// Without participants, a round is allowed (no one votes in it).
	r := base()
	r.Participants = nil
	mustNoErr(t, db.PutSilentRound(r))
	if rs, err := db.SilentRounds(wid); err != nil || len(rs) != 1 || rs[0].ID == "" {
		t.Errorf("SilentRounds = %+v, %v", rs, err)
	}
	if _, err := db.SilentRound(wid, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SilentRound of nothing = %v", err)
	}
	if _, err := db.Votes(wid, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Votes of no round = %v", err)
	}
}

// TestTeamCascades deletes a participant, a customer and a workshop; the
// Check at cleanup finds nothing left behind.
func TestTeamCascades(t *testing.T) {
	db, d, ps := teamDB(t)
	wid := d.Workshop.ID
	r := openRound(t, db, d, ps)
	other := model.SilentRound{ID: store.NewID(), WorkshopID: wid, CustomerID: d.Customers[1].ID, Questions: []string{"q00"},
		Participants: []string{ps[0].ID, ps[1].ID}, State: model.SilentOpen}
	mustNoErr(t, db.PutSilentRound(other))
	for _, p := range ps {
		mustNoErr(t, db.SaveVote(wid, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "q00", Score: 3}))
	}
	mustNoErr(t, db.SaveVote(wid, model.Vote{RoundID: other.ID, ParticipantID: ps[0].ID, QuestionID: "q00", Score: 2}))

	// A participant goes with their votes and off the rounds.
	mustNoErr(t, db.DeleteParticipant(wid, ps[0].ID))
	ds, err := db.Load(wid)
	mustNoErr(t, err)
	if len(ds.Votes) != 2 || slices.ContainsFunc(ds.Votes, func(v model.Vote) bool { return v.ParticipantID == ps[0].ID }) {
		t.Errorf("votes after deleting Anna: %+v", ds.Votes)
	}
	for _, sr := range ds.SilentRounds {
		if sr.Takes(ps[0].ID) {
			t.Errorf("round %s still has Anna", sr.ID)
		}
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check after deleting a participant: %v", errs)
	}

	// A customer goes with its rounds and their votes.
	mustNoErr(t, db.DeleteCustomer(wid, d.Customers[0].ID))
	ds, err = db.Load(wid)
	mustNoErr(t, err)
	if len(ds.SilentRounds) != 1 || ds.SilentRounds[0].ID != other.ID || len(ds.Votes) != 0 || len(ds.Participants) != 2 {
		t.Errorf("after deleting the customer: %d rounds, %d votes, %d participants", len(ds.SilentRounds), len(ds.Votes), len(ds.Participants))
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check after deleting a customer: %v", errs)
	}

	// A workshop goes with everything.
	keep := dataset(1, 1)
	mustNoErr(t, db.Import(keep, false))
	mustNoErr(t, db.PutParticipant(model.Participant{WorkshopID: keep.Workshop.ID, Name: "Kvar"}))
	mustNoErr(t, db.DeleteWorkshop(wid))
	if _, err := db.Participants(wid); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("participants of a deleted workshop = %v", err)
	}
	if ps, err := db.Participants(keep.Workshop.ID); err != nil || len(ps) != 1 {
		t.Errorf("the other workshop's participants: %v, %v", ps, err)
	}
}

func TestImportTeam(t *testing.T) {
	db, d, ps := teamDB(t)
	wid := d.Workshop.ID
	r := openRound(t, db, d, ps)
	for i, p := range ps {
		mustNoErr(t, db.SaveVote(wid, model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: "q01", Score: model.Score(i + 1), Note: "n"}))
	}
	_, err := db.UpdateSilentRound(wid, r.ID, func(r *model.SilentRound) error { r.Reveal(day(1)); r.OpenRevote("q01"); return nil })
	mustNoErr(t, err)
	mustNoErr(t, db.SaveVote(wid, model.Vote{RoundID: r.ID, ParticipantID: ps[0].ID, QuestionID: "q01", Revote: 1, Score: 2}))
	want, err := db.Load(wid)
	mustNoErr(t, err)

	// Into a new database: the same dataset comes back.
	db2 := openTest(t, dbPath(t), store.Options{NoAutoBackup: true})
	mustNoErr(t, db2.Import(want, false))
	got, err := db2.Load(wid)
	mustNoErr(t, err)
	if !reflect.DeepEqual(got.Participants, want.Participants) || !reflect.DeepEqual(got.SilentRounds, want.SilentRounds) || !reflect.DeepEqual(got.Votes, want.Votes) {
		t.Errorf("imported team differs:\n%+v\nwant\n%+v", got, want)
	}
	// Replacing drops what the file does not have.
	bare := want
	bare.Participants, bare.SilentRounds, bare.Votes = nil, nil, nil
	mustNoErr(t, db2.Import(bare, true))
	if got, _ := db2.Load(wid); got.Participants != nil || got.SilentRounds != nil || got.Votes != nil {
		t.Errorf("after replacing: %+v", got)
	}

	for name, edit := range map[string]func(*model.Dataset){
		"vote of an unknown round":       func(d *model.Dataset) { d.Votes[0].RoundID = "nope" },
		"vote of an unknown participant": func(d *model.Dataset) { d.Votes[0].ParticipantID = "nope" },
		"vote twice":                     func(d *model.Dataset) { d.Votes = append(d.Votes, d.Votes[0]) },
		"bad vote score":                 func(d *model.Dataset) { d.Votes[0].Score = -1 },
		"round of an unknown customer":   func(d *model.Dataset) { d.SilentRounds[0].CustomerID = "nope" },
		"round of an unknown participant": func(d *model.Dataset) {
			d.SilentRounds[0].Participants = append(slices.Clone(d.SilentRounds[0].Participants), "nope")
		},
		"participant twice":      func(d *model.Dataset) { d.Participants = append(d.Participants, d.Participants[0]) },
		"participant of no name": func(d *model.Dataset) { d.Participants[0].Name = "" },
		"participant of another": func(d *model.Dataset) { d.Participants[0].WorkshopID = "other" },
		"round of another":       func(d *model.Dataset) { d.SilentRounds[0].WorkshopID = "other" },
	} {
		x := want
		x.Participants = slices.Clone(want.Participants)
		x.SilentRounds = slices.Clone(want.SilentRounds)
		x.Votes = slices.Clone(want.Votes)
		edit(&x)
		if err := db2.Import(x, true); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: Import = %v, want ErrInvalid", name, err)
		}
	}
}
