package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// Team scoring is stored in three buckets (since schema 3): participants
// by workshopID/participantID, silent rounds by workshopID/roundID, and
// votes by workshopID/roundID/questionID/revote/participantID, so that a
// participant who submits again replaces their vote, and a workshop's or
// a round's votes are a prefix range.

// ErrNotOpen: the silent round does not take this vote now (it is
// revealed or closed, or the vote is for another re-vote than the
// question's current one).
var ErrNotOpen = errors.New("the round does not take votes now")

func participantKey(wid, pid string) []byte  { return []byte(wid + sep + pid) }
func silentRoundKey(wid, rid string) []byte  { return []byte(wid + sep + rid) }
func voteRoundPrefix(wid, rid string) []byte { return []byte(wid + sep + rid + sep) }
func voteKey(wid string, v model.Vote) []byte {
	return []byte(wid + sep + v.RoundID + sep + v.QuestionID + sep + strconv.Itoa(v.Revote) + sep + v.ParticipantID)
}

// checkParticipant validates a participant of a workshop and gives it an
// ID.
func checkParticipant(p *model.Participant, workshopID string) error {
	if p.ID == "" {
		p.ID = NewID()
	}
	if err := validID("participant", p.ID); err != nil {
		return err
	}
	if p.WorkshopID != workshopID {
		return fmt.Errorf("%w: participant %s belongs to workshop %s, not %s", ErrInvalid, p.ID, p.WorkshopID, workshopID)
	}
	if model.CleanText(p.Name) == "" {
		return fmt.Errorf("%w: participant %s has no name", ErrInvalid, p.ID)
	}
	return nil
}

// PutParticipant inserts or updates a participant of an existing workshop
// (ErrNotFound otherwise). An empty ID gets a new one (callers that need
// the ID set it with NewID first); a zero Created is kept from the stored
// participant, or set to now. A participant without a name is ErrInvalid.
func (db *DB) PutParticipant(p model.Participant) error {
	if err := validID("workshop", p.WorkshopID); err != nil {
		return fmt.Errorf("save participant: %w", err)
	}
	if err := checkParticipant(&p, p.WorkshopID); err != nil {
		return fmt.Errorf("save participant: %w", err)
	}
	now := db.stamp()
	err := db.update(func(tx *bbolt.Tx) error {
		if err := workshopExists(tx, p.WorkshopID); err != nil {
			return err
		}
		b, err := bucket(tx, bucketParticipants)
		if err != nil {
			return err
		}
		key := participantKey(p.WorkshopID, p.ID)
		if p.Created.IsZero() {
			p.Created = now
			if old := b.Get(key); old != nil {
				var o model.Participant
				if err := decode("participant", key, old, &o); err != nil {
					return err
				}
				if !o.Created.IsZero() {
					p.Created = o.Created
				}
			}
		}
		v, err := encode(key, p)
		if err != nil {
			return err
		}
		return b.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save participant %s: %w", p.ID, err)
	}
	return nil
}

func workshopExists(tx *bbolt.Tx, workshopID string) error {
	ws, err := bucket(tx, bucketWorkshops)
	if err != nil {
		return err
	}
	if ws.Get([]byte(workshopID)) == nil {
		return fmt.Errorf("workshop %s: %w", workshopID, ErrNotFound)
	}
	return nil
}

// Participants lists a workshop's participants in the order they were
// added. A missing workshop is ErrNotFound.
func (db *DB) Participants(workshopID string) ([]model.Participant, error) {
	if err := validID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list participants: %w", err)
	}
	var out []model.Participant
	err := db.view(func(tx *bbolt.Tx) error {
		if err := workshopExists(tx, workshopID); err != nil {
			return err
		}
		var err error
		out, err = loadParticipants(tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list participants of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

func loadParticipants(tx *bbolt.Tx, workshopID string) ([]model.Participant, error) {
	b, err := bucket(tx, bucketParticipants)
	if err != nil {
		return nil, err
	}
	out, err := decodePrefix[model.Participant](b, []byte(workshopID+sep), "participant")
	model.SortParticipants(out)
	return out, err
}

// DeleteParticipant deletes a participant (ErrNotFound when there is
// none) with their votes, and takes them off the silent rounds, in one
// transaction.
func (db *DB) DeleteParticipant(workshopID, id string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("participant", id)); err != nil {
		return fmt.Errorf("delete participant: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketParticipants)
		if err != nil {
			return err
		}
		key := participantKey(workshopID, id)
		if b.Get(key) == nil {
			return ErrNotFound
		}
		if err := b.Delete(key); err != nil {
			return err
		}
		vs, err := bucket(tx, bucketVotes)
		if err != nil {
			return err
		}
		if err := deleteWhere(vs, []byte(workshopID+sep), func(k, _ []byte) bool {
			return bytes.HasSuffix(k, []byte(sep+id))
		}); err != nil {
			return err
		}
		rounds, err := loadSilentRounds(tx, workshopID)
		if err != nil {
			return err
		}
		rs, err := bucket(tx, bucketSilentRounds)
		if err != nil {
			return err
		}
		for _, r := range rounds {
			if !r.Takes(id) {
				continue
			}
			r.Participants = slices.DeleteFunc(slices.Clone(r.Participants), func(p string) bool { return p == id })
			key := silentRoundKey(workshopID, r.ID)
			v, err := encode(key, r)
			if err != nil {
				return err
			}
			if err := rs.Put(key, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete participant %s: %w", id, err)
	}
	return nil
}

// deleteWhere deletes the keys with the prefix for which del is true;
// the keys are collected first, since deleting under a cursor can skip
// keys.
func deleteWhere(b *bbolt.Bucket, prefix []byte, del func(k, v []byte) bool) error {
	var keys [][]byte
	if err := scanPrefix(b, prefix, func(k, v []byte) error {
		if del(k, v) {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// checkSilentRound validates a silent round of a workshop and gives it an
// ID. It does not look at the database.
func checkSilentRound(r *model.SilentRound, workshopID string) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	if err := cmp.Or(validID("silent round", r.ID), validID("customer", r.CustomerID)); err != nil {
		return err
	}
	if r.WorkshopID != workshopID {
		return fmt.Errorf("%w: silent round %s belongs to workshop %s, not %s", ErrInvalid, r.ID, r.WorkshopID, workshopID)
	}
	if !r.State.Valid() {
		return fmt.Errorf("%w: silent round %s has state %q", ErrInvalid, r.ID, r.State)
	}
	if len(r.Questions) == 0 {
		return fmt.Errorf("%w: silent round %s asks no question", ErrInvalid, r.ID)
	}
	if r.TimeboxSeconds < 0 {
		return fmt.Errorf("%w: silent round %s has a timebox of %d seconds", ErrInvalid, r.ID, r.TimeboxSeconds)
	}
	for _, q := range r.Questions {
		if err := validID("question", q); err != nil {
			return fmt.Errorf("silent round %s: %w", r.ID, err)
		}
	}
	for _, p := range r.Participants {
		if err := validID("participant", p); err != nil {
			return fmt.Errorf("silent round %s: %w", r.ID, err)
		}
	}
	for q, s := range r.Agreed {
		if !s.Valid() {
			return fmt.Errorf("%w: silent round %s: agreed score %d on %s", ErrInvalid, r.ID, s, q)
		}
	}
	return nil
}

// PutSilentRound creates or updates a silent round of an existing
// customer (ErrNotFound otherwise): opening it, revealing it, closing it,
// a re-vote. An empty ID gets a new one (callers that need the ID set it
// with NewID first); a zero Opened is set to now. Its participants must
// be participants of the workshop (ErrInvalid).
func (db *DB) PutSilentRound(r model.SilentRound) error {
	if err := validID("workshop", r.WorkshopID); err != nil {
		return fmt.Errorf("save silent round: %w", err)
	}
	if err := checkSilentRound(&r, r.WorkshopID); err != nil {
		return fmt.Errorf("save silent round: %w", err)
	}
	if r.Opened.IsZero() {
		r.Opened = db.stamp()
	}
	err := db.update(func(tx *bbolt.Tx) error {
		cs, err := bucket(tx, bucketCustomers)
		if err != nil {
			return err
		}
		if cs.Get(customerKey(r.WorkshopID, r.CustomerID)) == nil {
			return fmt.Errorf("customer %s: %w", r.CustomerID, ErrNotFound)
		}
		ps, err := bucket(tx, bucketParticipants)
		if err != nil {
			return err
		}
		for _, p := range r.Participants {
			if ps.Get(participantKey(r.WorkshopID, p)) == nil {
				return fmt.Errorf("%w: participant %s is not in the workshop", ErrInvalid, p)
			}
		}
		key := silentRoundKey(r.WorkshopID, r.ID)
		v, err := encode(key, r)
		if err != nil {
			return err
		}
		b, err := bucket(tx, bucketSilentRounds)
		if err != nil {
			return err
		}
		return b.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save silent round %s: %w", r.ID, err)
	}
	return nil
}

// SilentRounds lists a workshop's silent rounds in the order they were
// opened. A missing workshop is ErrNotFound.
func (db *DB) SilentRounds(workshopID string) ([]model.SilentRound, error) {
	if err := validID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list silent rounds: %w", err)
	}
	var out []model.SilentRound
	err := db.view(func(tx *bbolt.Tx) error {
		if err := workshopExists(tx, workshopID); err != nil {
			return err
		}
		var err error
		out, err = loadSilentRounds(tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list silent rounds of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

func loadSilentRounds(tx *bbolt.Tx, workshopID string) ([]model.SilentRound, error) {
	b, err := bucket(tx, bucketSilentRounds)
	if err != nil {
		return nil, err
	}
	out, err := decodePrefix[model.SilentRound](b, []byte(workshopID+sep), "silent round")
	model.SortSilentRounds(out)
	return out, err
}

// SilentRound returns one silent round, or ErrNotFound.
func (db *DB) SilentRound(workshopID, id string) (model.SilentRound, error) {
	var r model.SilentRound
	if err := cmp.Or(validID("workshop", workshopID), validID("silent round", id)); err != nil {
		return r, fmt.Errorf("get silent round: %w", err)
	}
	err := db.view(func(tx *bbolt.Tx) error {
		var err error
		r, err = getSilentRound(tx, workshopID, id)
		return err
	})
	if err != nil {
		return model.SilentRound{}, fmt.Errorf("get silent round: %w", err)
	}
	return r, nil
}

func getSilentRound(tx *bbolt.Tx, workshopID, id string) (model.SilentRound, error) {
	var r model.SilentRound
	b, err := bucket(tx, bucketSilentRounds)
	if err != nil {
		return r, err
	}
	key := silentRoundKey(workshopID, id)
	v := b.Get(key)
	if v == nil {
		return r, fmt.Errorf("silent round %s: %w", id, ErrNotFound)
	}
	err = decode("silent round", key, v, &r)
	return r, err
}

// SaveVote stores one vote in its own transaction; it is on disk when
// SaveVote returns. The round must exist (ErrNotFound), the participant
// must take part in it and the question be one of it (ErrInvalid), and
// the round must take the vote now: it is open, or the vote is for the
// question's current re-vote, not revealed yet (model.SilentRound.Accepts;
// ErrNotOpen otherwise). A vote on the same question and re-vote by the
// same participant replaces the one before. A zero At is set to now.
func (db *DB) SaveVote(workshopID string, v model.Vote) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("silent round", v.RoundID),
		validID("participant", v.ParticipantID), validID("question", v.QuestionID)); err != nil {
		return fmt.Errorf("save vote: %w", err)
	}
	if !v.Score.Valid() {
		return fmt.Errorf("save vote: %w: score %d (want %d for don't know, or 1–%d)", ErrInvalid, v.Score, model.DontKnow, model.Levels)
	}
	if v.Revote < 0 {
		return fmt.Errorf("save vote: %w: re-vote %d", ErrInvalid, v.Revote)
	}
	if v.At.IsZero() {
		v.At = db.stamp()
	}
	vkey := voteKey(workshopID, v)
	data, err := encode(vkey, v)
	if err != nil {
		return fmt.Errorf("save vote: %w", err)
	}
	err = db.update(func(tx *bbolt.Tx) error {
		r, err := getSilentRound(tx, workshopID, v.RoundID)
		if err != nil {
			return err
		}
		ps, err := bucket(tx, bucketParticipants)
		if err != nil {
			return err
		}
		if !r.Takes(v.ParticipantID) || ps.Get(participantKey(workshopID, v.ParticipantID)) == nil {
			return fmt.Errorf("%w: participant %s does not take part in the round", ErrInvalid, v.ParticipantID)
		}
		if !slices.Contains(r.Questions, v.QuestionID) {
			return fmt.Errorf("%w: the round does not ask %s", ErrInvalid, v.QuestionID)
		}
		if rev, ok := r.Accepts(v.QuestionID); !ok || rev != v.Revote {
			return ErrNotOpen
		}
		b, err := bucket(tx, bucketVotes)
		if err != nil {
			return err
		}
		return b.Put(vkey, data)
	})
	if err != nil {
		return fmt.Errorf("save vote on %s: %w", v.QuestionID, err)
	}
	return nil
}

// Votes lists the votes of a silent round (ErrNotFound when there is no
// such round), every re-vote included, ordered by question, re-vote and
// participant.
func (db *DB) Votes(workshopID, roundID string) ([]model.Vote, error) {
	if err := cmp.Or(validID("workshop", workshopID), validID("silent round", roundID)); err != nil {
		return nil, fmt.Errorf("list votes: %w", err)
	}
	var out []model.Vote
	err := db.view(func(tx *bbolt.Tx) error {
		if _, err := getSilentRound(tx, workshopID, roundID); err != nil {
			return err
		}
		var err error
		out, err = loadVotes(tx, voteRoundPrefix(workshopID, roundID))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list votes of round %s: %w", roundID, err)
	}
	return out, nil
}

func loadVotes(tx *bbolt.Tx, prefix []byte) ([]model.Vote, error) {
	b, err := bucket(tx, bucketVotes)
	if err != nil {
		return nil, err
	}
	out, err := decodePrefix[model.Vote](b, prefix, "vote")
	model.SortVotes(out)
	return out, err
}

// loadTeam reads a workshop's participants, silent rounds and votes in a
// transaction.
func loadTeam(tx *bbolt.Tx, d *model.Dataset) (err error) {
	wid := d.Workshop.ID
	if d.Participants, err = loadParticipants(tx, wid); err != nil {
		return err
	}
	if d.SilentRounds, err = loadSilentRounds(tx, wid); err != nil {
		return err
	}
	d.Votes, err = loadVotes(tx, []byte(wid+sep))
	return err
}

// deleteTeam deletes the participants, silent rounds and votes under a
// workshop's prefix.
func deleteTeam(tx *bbolt.Tx, prefix []byte) error {
	for _, name := range [][]byte{bucketParticipants, bucketSilentRounds, bucketVotes} {
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		if err := deletePrefix(b, prefix); err != nil {
			return err
		}
	}
	return nil
}

// deleteCustomerTeam deletes a customer's silent rounds with their votes.
func deleteCustomerTeam(tx *bbolt.Tx, workshopID, customerID string) error {
	rounds, err := loadSilentRounds(tx, workshopID)
	if err != nil {
		return err
	}
	rs, err := bucket(tx, bucketSilentRounds)
	if err != nil {
		return err
	}
	vs, err := bucket(tx, bucketVotes)
	if err != nil {
		return err
	}
	for _, r := range rounds {
		if r.CustomerID != customerID {
			continue
		}
		if err := deletePrefix(vs, voteRoundPrefix(workshopID, r.ID)); err != nil {
			return err
		}
		if err := rs.Delete(silentRoundKey(workshopID, r.ID)); err != nil {
			return err
		}
	}
	return nil
}

// checkTeam is checkRecords for team scoring: every participant, silent
// round and vote decodes and matches its key; participants belong to a
// workshop that exists, rounds to a customer that exists and take
// participants of their workshop, votes to a round and a participant
// that exist, with a valid score.
func checkTeam(tx *bbolt.Tx, workshops, customers map[string]bool, bad func(kind string, k, v []byte, dst any) bool, damage, broken func(string, ...any)) {
	participants := map[string]bool{}
	if b := tx.Bucket(bucketParticipants); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			parts := strings.Split(string(k), sep)
			var p model.Participant
			switch {
			case v == nil:
				damage("participants: unexpected bucket %q", k)
			case len(parts) != 2:
				damage("participants: invalid key %q", k)
			case bad("participant", k, v, &p):
			case p.WorkshopID != parts[0] || p.ID != parts[1]:
				damage("participant %q has workshop %q and ID %q", k, p.WorkshopID, p.ID)
			default:
				participants[string(k)] = true
				if !workshops[p.WorkshopID] {
					broken("participant %q: workshop %q does not exist", k, p.WorkshopID)
				}
			}
			return nil
		})
	}
	rounds := map[string]bool{}
	if b := tx.Bucket(bucketSilentRounds); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			parts := strings.Split(string(k), sep)
			var r model.SilentRound
			switch {
			case v == nil:
				damage("silent rounds: unexpected bucket %q", k)
			case len(parts) != 2:
				damage("silent rounds: invalid key %q", k)
			case bad("silent round", k, v, &r):
			case r.WorkshopID != parts[0] || r.ID != parts[1]:
				damage("silent round %q has workshop %q and ID %q", k, r.WorkshopID, r.ID)
			default:
				rounds[string(k)] = true
				if !customers[r.WorkshopID+sep+r.CustomerID] {
					broken("silent round %q: customer %q of workshop %q does not exist", k, r.CustomerID, r.WorkshopID)
				}
				for _, p := range r.Participants {
					if !participants[r.WorkshopID+sep+p] {
						broken("silent round %q: participant %q does not exist", k, p)
					}
				}
				if err := checkSilentRound(&r, r.WorkshopID); err != nil {
					broken("silent round %q: %v", k, err)
				}
			}
			return nil
		})
	}
	if b := tx.Bucket(bucketVotes); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			parts := strings.Split(string(k), sep)
			var x model.Vote
			switch {
			case v == nil:
				damage("votes: unexpected bucket %q", k)
			case len(parts) != 5:
				damage("votes: invalid key %q", k)
			case bad("vote", k, v, &x):
			case !bytes.Equal(k, voteKey(parts[0], x)):
				damage("vote %q has round %q, question %q, re-vote %d and participant %q", k, x.RoundID, x.QuestionID, x.Revote, x.ParticipantID)
			default:
				if !rounds[parts[0]+sep+x.RoundID] {
					broken("vote %q: silent round %q does not exist", k, x.RoundID)
				}
				if !participants[parts[0]+sep+x.ParticipantID] {
					broken("vote %q: participant %q does not exist", k, x.ParticipantID)
				}
				if !x.Score.Valid() {
					broken("vote %q: invalid score %d", k, x.Score)
				}
			}
			return nil
		})
	}
}

// RecordAgreed stores the score a team agreed on in a revealed silent
// round, in one transaction: as the customer's answer (the team's
// answer, which the map and every report use) and in the round's Agreed.
// The round must exist (ErrNotFound), be revealed (ErrNotOpen otherwise)
// and ask the question (ErrInvalid). A zero At is set to now.
func (db *DB) RecordAgreed(workshopID, roundID string, a model.Answer) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("silent round", roundID)); err != nil {
		return fmt.Errorf("record agreed score: %w", err)
	}
	if err := db.checkAnswer(&a); err != nil {
		return fmt.Errorf("record agreed score: %w", err)
	}
	akey := answerKey(workshopID, a.CustomerID, a.QuestionID)
	av, err := encode(akey, a)
	if err != nil {
		return fmt.Errorf("record agreed score: %w", err)
	}
	err = db.update(func(tx *bbolt.Tx) error {
		r, err := getSilentRound(tx, workshopID, roundID)
		if err != nil {
			return err
		}
		switch {
		case r.CustomerID != a.CustomerID:
			return fmt.Errorf("%w: the round is about customer %s, not %s", ErrInvalid, r.CustomerID, a.CustomerID)
		case !slices.Contains(r.Questions, a.QuestionID):
			return fmt.Errorf("%w: the round does not ask %s", ErrInvalid, a.QuestionID)
		case r.State != model.SilentRevealed:
			return fmt.Errorf("%w: the round is %s", ErrNotOpen, r.State)
		}
		cs, err := bucket(tx, bucketCustomers)
		if err != nil {
			return err
		}
		if cs.Get(customerKey(workshopID, a.CustomerID)) == nil {
			return fmt.Errorf("customer %s: %w", a.CustomerID, ErrNotFound)
		}
		r.Agree(a.QuestionID, a.Score)
		rkey := silentRoundKey(workshopID, r.ID)
		rv, err := encode(rkey, r)
		if err != nil {
			return err
		}
		as, err := bucket(tx, bucketAnswers)
		if err != nil {
			return err
		}
		if err := as.Put(akey, av); err != nil {
			return err
		}
		rs, err := bucket(tx, bucketSilentRounds)
		if err != nil {
			return err
		}
		return rs.Put(rkey, rv)
	})
	if err != nil {
		return fmt.Errorf("record agreed score on %s: %w", a.QuestionID, err)
	}
	return nil
}

// UpdateSilentRound changes a stored silent round in one transaction:
// fn gets the round as stored and changes it (reveal, re-vote, close);
// the result is checked and saved, and returned. An error from fn is
// returned as it is and nothing is saved.
func (db *DB) UpdateSilentRound(workshopID, id string, fn func(r *model.SilentRound) error) (model.SilentRound, error) {
	var out model.SilentRound
	if err := cmp.Or(validID("workshop", workshopID), validID("silent round", id)); err != nil {
		return out, fmt.Errorf("update silent round: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		r, err := getSilentRound(tx, workshopID, id)
		if err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
		if r.ID != id || r.WorkshopID != workshopID {
			return fmt.Errorf("%w: the round's ID or workshop changed", ErrInvalid)
		}
		if err := checkSilentRound(&r, workshopID); err != nil {
			return err
		}
		key := silentRoundKey(workshopID, id)
		v, err := encode(key, r)
		if err != nil {
			return err
		}
		b, err := bucket(tx, bucketSilentRounds)
		if err != nil {
			return err
		}
		out = r
		return b.Put(key, v)
	})
	if err != nil {
		return model.SilentRound{}, fmt.Errorf("update silent round %s: %w", id, err)
	}
	return out, nil
}

// LoadTeam reads a workshop's participants (in the order they were
// added), silent rounds (in the order they were opened) and votes
// (ordered by model.SortVotes) in one read transaction. A missing
// workshop is ErrNotFound.
func (db *DB) LoadTeam(workshopID string) ([]model.Participant, []model.SilentRound, []model.Vote, error) {
	if err := validID("workshop", workshopID); err != nil {
		return nil, nil, nil, fmt.Errorf("load team: %w", err)
	}
	d := model.Dataset{Workshop: model.Workshop{ID: workshopID}}
	err := db.view(func(tx *bbolt.Tx) error {
		if err := workshopExists(tx, workshopID); err != nil {
			return err
		}
		return loadTeam(tx, &d)
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load team of workshop %s: %w", workshopID, err)
	}
	return d.Participants, d.SilentRounds, d.Votes, nil
}
