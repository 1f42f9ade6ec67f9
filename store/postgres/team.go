package postgres

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// PutParticipant inserts or updates a participant of an existing workshop
// (ErrNotFound otherwise). An empty ID gets a new one; a zero Created is
// kept from the stored participant, or set to now. A participant without
// a name is ErrInvalid.
func (db *DB) PutParticipant(p model.Participant) error {
	if err := store.ValidID("workshop", p.WorkshopID); err != nil {
		return fmt.Errorf("save participant: %w", err)
	}
	if err := store.CheckParticipant(&p, p.WorkshopID); err != nil {
		return fmt.Errorf("save participant: %w", err)
	}
	keep := p.Created.IsZero()
	if keep {
		p.Created = db.stamp()
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, p.WorkshopID, "participant", p.ID, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, p.WorkshopID, true); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO participants (`+participantCols+`) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (workshop_id, id) DO UPDATE SET name = excluded.name, role = excluded.role,
			identity = excluded.identity, created = CASE WHEN $7 THEN participants.created ELSE excluded.created END`,
			append(participantRow(p), keep)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("save participant %s: %w", p.ID, err)
	}
	return nil
}

// Participants lists a workshop's participants in the order they were
// added. A missing workshop is ErrNotFound.
func (db *DB) Participants(workshopID string) ([]model.Participant, error) {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list participants: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Participant
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, false); err != nil {
			return err
		}
		var err error
		out, err = loadParticipants(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list participants of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

func loadParticipants(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.Participant, error) {
	rows, err := tx.Query(ctx, "SELECT "+participantCols+" FROM participants WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, scanParticipant)
	model.SortParticipants(out)
	return out, err
}

// DeleteParticipant deletes a participant (ErrNotFound when there is
// none) with their votes, and takes them off the silent rounds, in one
// transaction.
func (db *DB) DeleteParticipant(workshopID, id string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("participant", id)); err != nil {
		return fmt.Errorf("delete participant: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "participant", id, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM participants WHERE workshop_id = $1 AND id = $2", workshopID, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		_, err = tx.Exec(ctx, `UPDATE silent_rounds SET participants = array_remove(participants, $2)
			WHERE workshop_id = $1 AND $2 = ANY (participants)`, workshopID, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete participant %s: %w", id, err)
	}
	return nil
}

func scanSilentRound(row pgx.Row) (model.SilentRound, error) {
	var r model.SilentRound
	var state string
	var revealed, closed *timeT
	var revotes, shown, agreed []byte
	if err := row.Scan(&r.WorkshopID, &r.ID, &r.CustomerID, &r.Questions, &r.Participants, &r.Opened, &r.TimeboxSeconds,
		&state, &revealed, &closed, &revotes, &shown, &agreed); err != nil {
		return r, err
	}
	r.State = model.SilentState(state)
	r.Opened, r.Revealed, r.Closed = r.Opened.UTC(), fromNull(revealed), fromNull(closed)
	return r, errors.Join(fromJSON(revotes, &r.Revotes), fromJSON(shown, &r.Shown), fromJSON(agreed, &r.Agreed))
}

// PutSilentRound creates or updates a silent round of an existing
// customer (ErrNotFound otherwise). An empty ID gets a new one; a zero
// Opened is set to now. Its participants must be participants of the
// workshop (ErrInvalid).
func (db *DB) PutSilentRound(r model.SilentRound) error {
	if err := store.ValidID("workshop", r.WorkshopID); err != nil {
		return fmt.Errorf("save silent round: %w", err)
	}
	if err := store.CheckSilentRound(&r, r.WorkshopID); err != nil {
		return fmt.Errorf("save silent round: %w", err)
	}
	if r.Opened.IsZero() {
		r.Opened = db.stamp()
	}
	row, err := silentRow(r)
	if err != nil {
		return fmt.Errorf("save silent round %s: %w", r.ID, err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err = db.write(ctx, r.WorkshopID, "silent round", r.ID, func(tx pgx.Tx) error {
		var ok bool
		err := tx.QueryRow(ctx, "SELECT true FROM customers WHERE workshop_id = $1 AND id = $2 FOR SHARE", r.WorkshopID, r.CustomerID).Scan(&ok)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("customer %s: %w", r.CustomerID, store.ErrNotFound)
		} else if err != nil {
			return err
		}
		if err := participantsExist(ctx, tx, r.WorkshopID, r.Participants); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, tSilentRounds.upsert(), row...)
		return err
	})
	if err != nil {
		return fmt.Errorf("save silent round %s: %w", r.ID, err)
	}
	return nil
}

// participantsExist is ErrInvalid unless every ID is a participant of
// the workshop; it locks them against a delete until the transaction
// ends.
func participantsExist(ctx ctxT, tx pgx.Tx, workshopID string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, "SELECT id FROM participants WHERE workshop_id = $1 AND id = ANY ($2) FOR SHARE", workshopID, ids)
	if err != nil {
		return err
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, p := range ids {
		if !slices.Contains(found, p) {
			return fmt.Errorf("%w: participant %s is not in the workshop", store.ErrInvalid, p)
		}
	}
	return nil
}

// SilentRounds lists a workshop's silent rounds in the order they were
// opened. A missing workshop is ErrNotFound.
func (db *DB) SilentRounds(workshopID string) ([]model.SilentRound, error) {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list silent rounds: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.SilentRound
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, false); err != nil {
			return err
		}
		var err error
		out, err = loadSilentRounds(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list silent rounds of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

func loadSilentRounds(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.SilentRound, error) {
	rows, err := tx.Query(ctx, "SELECT "+silentCols+" FROM silent_rounds WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.SilentRound, error) { return scanSilentRound(r) })
	model.SortSilentRounds(out)
	return out, err
}

// getSilentRound reads one silent round; lock is "", "FOR SHARE" or "FOR
// UPDATE".
func getSilentRound(ctx ctxT, q querier, workshopID, id, lock string) (model.SilentRound, error) {
	r, err := scanSilentRound(q.QueryRow(ctx, "SELECT "+silentCols+" FROM silent_rounds WHERE workshop_id = $1 AND id = $2 "+lock, workshopID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("silent round %s: %w", id, store.ErrNotFound)
	}
	return r, err
}

// SilentRound returns one silent round, or ErrNotFound.
func (db *DB) SilentRound(workshopID, id string) (model.SilentRound, error) {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("silent round", id)); err != nil {
		return model.SilentRound{}, fmt.Errorf("get silent round: %w", err)
	}
	if db.closed.Load() {
		return model.SilentRound{}, fmt.Errorf("get silent round: %w", store.ErrClosed)
	}
	ctx, cancel := db.op()
	defer cancel()
	r, err := getSilentRound(ctx, db.pool, workshopID, id, "")
	if err != nil {
		return model.SilentRound{}, fmt.Errorf("get silent round: %w", db.fail(err))
	}
	return r, nil
}

// SaveVote stores one vote in its own transaction, with the rules of the
// bbolt store: the round must exist (ErrNotFound), the participant take
// part in it and the question be one of it (ErrInvalid), and the round
// take the vote now (ErrNotOpen). A vote on the same question and re-vote
// by the same participant replaces the one before. A zero At is set to
// now.
func (db *DB) SaveVote(workshopID string, v model.Vote) error {
	if err := store.CheckVote(workshopID, &v, db.stamp()); err != nil {
		return fmt.Errorf("save vote: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "vote", v.RoundID, func(tx pgx.Tx) error {
		// A share lock: votes go in side by side, while a reveal or close
		// (UpdateSilentRound, FOR UPDATE) waits for them, and they for it.
		r, err := getSilentRound(ctx, tx, workshopID, v.RoundID, "FOR SHARE")
		if err != nil {
			return err
		}
		if !r.Takes(v.ParticipantID) {
			return fmt.Errorf("%w: participant %s does not take part in the round", store.ErrInvalid, v.ParticipantID)
		}
		if !slices.Contains(r.Questions, v.QuestionID) {
			return fmt.Errorf("%w: the round does not ask %s", store.ErrInvalid, v.QuestionID)
		}
		if rev, ok := r.Accepts(v.QuestionID); !ok || rev != v.Revote {
			return store.ErrNotOpen
		}
		_, err = tx.Exec(ctx, tVotes.upsert(), voteRow(workshopID, v)...)
		if errors.Is(db.fail(err), store.ErrNotFound) {
			return fmt.Errorf("%w: participant %s does not take part in the round", store.ErrInvalid, v.ParticipantID)
		}
		return err
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
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("silent round", roundID)); err != nil {
		return nil, fmt.Errorf("list votes: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Vote
	err := db.read(ctx, func(tx pgx.Tx) error {
		if _, err := getSilentRound(ctx, tx, workshopID, roundID, ""); err != nil {
			return err
		}
		var err error
		out, err = loadVotes(ctx, tx, workshopID, roundID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list votes of round %s: %w", roundID, err)
	}
	return out, nil
}

// loadVotes reads the votes of a workshop, or of one of its rounds.
func loadVotes(ctx ctxT, tx pgx.Tx, workshopID, roundID string) ([]model.Vote, error) {
	sql := voteQuery
	args := []any{workshopID}
	if roundID != "" {
		sql += " AND round_id = $2"
		args = append(args, roundID)
	}
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, scanVote)
	model.SortVotes(out)
	return out, err
}

func loadTeam(ctx ctxT, tx pgx.Tx, workshopID string) (ps []model.Participant, rs []model.SilentRound, vs []model.Vote, err error) {
	if ps, err = loadParticipants(ctx, tx, workshopID); err != nil {
		return
	}
	if rs, err = loadSilentRounds(ctx, tx, workshopID); err != nil {
		return
	}
	vs, err = loadVotes(ctx, tx, workshopID, "")
	return
}

// LoadTeam reads a workshop's participants, silent rounds and votes in
// one snapshot. A missing workshop is ErrNotFound.
func (db *DB) LoadTeam(workshopID string) ([]model.Participant, []model.SilentRound, []model.Vote, error) {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return nil, nil, nil, fmt.Errorf("load team: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var ps []model.Participant
	var rs []model.SilentRound
	var vs []model.Vote
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, false); err != nil {
			return err
		}
		var err error
		ps, rs, vs, err = loadTeam(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load team of workshop %s: %w", workshopID, err)
	}
	return ps, rs, vs, nil
}

// RecordAgreed stores the score a team agreed on in a revealed silent
// round, in one transaction: as the customer's answer and in the round's
// Agreed. The round must exist (ErrNotFound), be revealed (ErrNotOpen)
// and ask the question (ErrInvalid). A zero At is set to now.
func (db *DB) RecordAgreed(workshopID, roundID string, a model.Answer) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("silent round", roundID)); err != nil {
		return fmt.Errorf("record agreed score: %w", err)
	}
	if err := store.CheckAnswer(&a, db.stamp()); err != nil {
		return fmt.Errorf("record agreed score: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "answer", a.CustomerID+"/"+a.QuestionID, func(tx pgx.Tx) error {
		r, err := getSilentRound(ctx, tx, workshopID, roundID, "FOR UPDATE")
		if err != nil {
			return err
		}
		switch {
		case r.CustomerID != a.CustomerID:
			return fmt.Errorf("%w: the round is about customer %s, not %s", store.ErrInvalid, r.CustomerID, a.CustomerID)
		case !slices.Contains(r.Questions, a.QuestionID):
			return fmt.Errorf("%w: the round does not ask %s", store.ErrInvalid, a.QuestionID)
		case r.State != model.SilentRevealed:
			return fmt.Errorf("%w: the round is %s", store.ErrNotOpen, r.State)
		}
		r.Agree(a.QuestionID, a.Score)
		row, err := silentRow(r)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, tAnswers.upsert(), answerRow(workshopID, a)...); err != nil {
			if errors.Is(db.fail(err), store.ErrNotFound) {
				return fmt.Errorf("customer %s: %w", a.CustomerID, store.ErrNotFound)
			}
			return err
		}
		_, err = tx.Exec(ctx, tSilentRounds.upsert(), row...)
		return err
	})
	if err != nil {
		return fmt.Errorf("record agreed score on %s: %w", a.QuestionID, err)
	}
	return nil
}

// UpdateSilentRound changes a stored silent round in one transaction:
// fn gets the round as stored and changes it; the result is checked,
// saved and returned. An error from fn is returned as it is and nothing
// is saved. The round is locked meanwhile: votes wait for it.
func (db *DB) UpdateSilentRound(workshopID, id string, fn func(r *model.SilentRound) error) (model.SilentRound, error) {
	var out model.SilentRound
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("silent round", id)); err != nil {
		return out, fmt.Errorf("update silent round: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var fnErr error
	err := db.write(ctx, workshopID, "silent round", id, func(tx pgx.Tx) error {
		r, err := getSilentRound(ctx, tx, workshopID, id, "FOR UPDATE")
		if err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			fnErr = err
			return err
		}
		if r.ID != id || r.WorkshopID != workshopID {
			return fmt.Errorf("%w: the round's ID or workshop changed", store.ErrInvalid)
		}
		if err := store.CheckSilentRound(&r, workshopID); err != nil {
			return err
		}
		row, err := silentRow(r)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, tSilentRounds.upsert(), row...); err != nil {
			return err
		}
		out = r
		return nil
	})
	if fnErr != nil {
		return model.SilentRound{}, fmt.Errorf("update silent round %s: %w", id, fnErr)
	}
	if err != nil {
		return model.SilentRound{}, fmt.Errorf("update silent round %s: %w", id, err)
	}
	out.Opened, out.Revealed, out.Closed = micro(out.Opened), micro(out.Revealed), micro(out.Closed)
	return out, nil
}
