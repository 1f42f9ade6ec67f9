package postgres

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// Actions lists a workshop's actions in the order they were made. A
// missing workshop is ErrNotFound.
func (db *DB) Actions(workshopID string) ([]model.Action, error) {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Action
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, false); err != nil {
			return err
		}
		var err error
		out, err = loadActions(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list actions of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

// PutAction inserts or updates one action of an existing customer
// (ErrNotFound otherwise), as PutActions does.
func (db *DB) PutAction(a model.Action) error {
	return db.PutActions(a.WorkshopID, []model.Action{a})
}

// PutActions inserts or updates actions of a workshop's customers in one
// transaction: all of them are stored, or none. An empty ID gets a new
// one; a zero Created is kept from the stored action, or set to now;
// Updated is set to now. An invalid action is ErrInvalid.
func (db *DB) PutActions(workshopID string, as []model.Action) error {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return fmt.Errorf("save actions: %w", err)
	}
	now := db.stamp()
	recs := make([]model.Action, 0, len(as))
	keep := make([]bool, 0, len(as))
	for _, a := range as {
		if a.WorkshopID == "" {
			a.WorkshopID = workshopID
		}
		if err := store.CheckAction(&a, workshopID); err != nil {
			return fmt.Errorf("save action: %w", err)
		}
		a.Updated = now
		keep = append(keep, a.Created.IsZero())
		if a.Created.IsZero() {
			a.Created = now
		}
		recs = append(recs, a)
	}
	sql := `INSERT INTO actions (` + actionCols + `) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (workshop_id, id) DO UPDATE SET customer_id = excluded.customer_id, kind = excluded.kind,
		text = excluded.text, owner = excluded.owner, due = excluded.due, status = excluded.status,
		source = excluded.source, created = CASE WHEN $12 THEN actions.created ELSE excluded.created END,
		updated = excluded.updated`
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "action", "", func(tx pgx.Tx) error {
		for i, a := range recs {
			if _, err := tx.Exec(ctx, sql, append(actionRow(a), keep[i])...); err != nil {
				if errors.Is(db.fail(err), store.ErrNotFound) {
					return fmt.Errorf("customer %s: %w", a.CustomerID, store.ErrNotFound)
				}
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save %d actions: %w", len(as), err)
	}
	return nil
}

// DeleteAction deletes one action (ErrNotFound when there is none).
func (db *DB) DeleteAction(workshopID, actionID string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("action", actionID)); err != nil {
		return fmt.Errorf("delete action: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "action", actionID, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM actions WHERE workshop_id = $1 AND id = $2", workshopID, actionID)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("delete action %s: %w", actionID, err)
	}
	return nil
}

// Rounds lists a workshop's closed rounds, the first one first. A missing
// workshop is ErrNotFound.
func (db *DB) Rounds(workshopID string) ([]model.Round, error) {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Round
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, false); err != nil {
			return err
		}
		var err error
		out, err = loadRounds(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list rounds of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

// AddRound stores a closed round of an existing workshop (ErrNotFound
// otherwise) and returns it as stored: an empty ID gets a new one, a zero
// Number the next free one, a zero ClosedAt now. A number or ID that
// another round of the workshop has is ErrExists.
func (db *DB) AddRound(r model.Round) (model.Round, error) {
	if err := store.ValidID("workshop", r.WorkshopID); err != nil {
		return r, fmt.Errorf("save round: %w", err)
	}
	if err := store.CheckRound(&r, r.WorkshopID); err != nil {
		return r, fmt.Errorf("save round: %w", err)
	}
	if r.ClosedAt.IsZero() {
		r.ClosedAt = db.stamp()
	}
	r.ClosedAt = micro(r.ClosedAt)
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, r.WorkshopID, "round", r.ID, func(tx pgx.Tx) error {
		// The workshop's row lock orders two processes that close a round
		// at once: the second sees the first one's number.
		var ok bool
		err := tx.QueryRow(ctx, "SELECT true FROM workshops WHERE id = $1 FOR UPDATE", r.WorkshopID).Scan(&ok)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("workshop %s: %w", r.WorkshopID, store.ErrNotFound)
		} else if err != nil {
			return err
		}
		if r.Number == 0 {
			if err := tx.QueryRow(ctx, "SELECT coalesce(max(number), 0) + 1 FROM rounds WHERE workshop_id = $1", r.WorkshopID).Scan(&r.Number); err != nil {
				return err
			}
		}
		var id string
		var number int
		err = tx.QueryRow(ctx, "SELECT id, number FROM rounds WHERE workshop_id = $1 AND (id = $2 OR number = $3) LIMIT 1",
			r.WorkshopID, r.ID, r.Number).Scan(&id, &number)
		switch {
		case err == nil && id == r.ID:
			return fmt.Errorf("round %s: %w", r.ID, store.ErrExists)
		case err == nil:
			return fmt.Errorf("round number %d: %w", r.Number, store.ErrExists)
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO rounds ("+roundCols+") VALUES ($1, $2, $3, $4, $5)", roundRow(r)...); err != nil {
			return err
		}
		entries, err := entryRows(r)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			_, err = tx.CopyFrom(ctx, pgx.Identifier{tEntries.name}, tEntries.cols, pgx.CopyFromRows(entries))
		}
		return err
	})
	if err != nil {
		return r, fmt.Errorf("save round: %w", err)
	}
	return r, nil
}

// DeleteRound deletes one round (ErrNotFound when there is none).
func (db *DB) DeleteRound(workshopID, roundID string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("round", roundID)); err != nil {
		return fmt.Errorf("delete round: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "round", roundID, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM rounds WHERE workshop_id = $1 AND id = $2", workshopID, roundID)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("delete round %s: %w", roundID, err)
	}
	return nil
}
