package store

import (
	"cmp"
	"fmt"
	"strings"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// Rounds are stored by workshopID/roundID. A round is a snapshot: it
// keeps the customers it saw, also after they are deleted.

func roundKey(wid, rid string) []byte { return []byte(wid + sep + rid) }

// Rounds lists a workshop's closed rounds, the first one first. A missing
// workshop is ErrNotFound.
func (db *DB) Rounds(workshopID string) ([]model.Round, error) {
	if err := validID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	var out []model.Round
	err := db.view(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		if ws.Get([]byte(workshopID)) == nil {
			return ErrNotFound
		}
		out, err = loadRounds(tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list rounds of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

// loadRounds reads a workshop's rounds in a transaction.
func loadRounds(tx *bbolt.Tx, workshopID string) ([]model.Round, error) {
	b, err := bucket(tx, bucketRounds)
	if err != nil {
		return nil, err
	}
	out, err := decodePrefix[model.Round](b, []byte(workshopID+sep), "round")
	model.SortRounds(out)
	return out, err
}

// checkRound validates a round of a workshop and gives it an ID.
func checkRound(r *model.Round, workshopID string) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	if err := validID("round", r.ID); err != nil {
		return err
	}
	if r.WorkshopID != workshopID {
		return fmt.Errorf("%w: round %s belongs to workshop %s, not %s", ErrInvalid, r.ID, r.WorkshopID, workshopID)
	}
	if r.Number < 0 {
		return fmt.Errorf("%w: round %s has number %d", ErrInvalid, r.ID, r.Number)
	}
	for _, e := range r.Customers {
		if err := validID("customer", e.CustomerID); err != nil {
			return fmt.Errorf("round %s: %w", r.ID, err)
		}
	}
	if r.Customers == nil {
		r.Customers = []model.RoundEntry{}
	}
	return nil
}

// AddRound stores a closed round of an existing workshop (ErrNotFound
// otherwise) and returns it as stored: an empty ID gets a new one, a zero
// Number the next free one, a zero ClosedAt now. A number that another
// round of the workshop has is ErrExists.
func (db *DB) AddRound(r model.Round) (model.Round, error) {
	if err := validID("workshop", r.WorkshopID); err != nil {
		return r, fmt.Errorf("save round: %w", err)
	}
	if err := checkRound(&r, r.WorkshopID); err != nil {
		return r, fmt.Errorf("save round: %w", err)
	}
	if r.ClosedAt.IsZero() {
		r.ClosedAt = db.stamp()
	}
	err := db.update(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		if ws.Get([]byte(r.WorkshopID)) == nil {
			return fmt.Errorf("workshop %s: %w", r.WorkshopID, ErrNotFound)
		}
		rounds, err := loadRounds(tx, r.WorkshopID)
		if err != nil {
			return err
		}
		if r.Number == 0 {
			r.Number = model.NextRoundNumber(rounds)
		}
		for _, o := range rounds {
			if o.ID == r.ID {
				return fmt.Errorf("round %s: %w", r.ID, ErrExists)
			}
			if o.Number == r.Number {
				return fmt.Errorf("round number %d: %w", r.Number, ErrExists)
			}
		}
		key := roundKey(r.WorkshopID, r.ID)
		v, err := encode(key, r)
		if err != nil {
			return err
		}
		b, err := bucket(tx, bucketRounds)
		if err != nil {
			return err
		}
		return b.Put(key, v)
	})
	if err != nil {
		return r, fmt.Errorf("save round: %w", err)
	}
	return r, nil
}

// DeleteRound deletes one round (ErrNotFound when there is none).
func (db *DB) DeleteRound(workshopID, roundID string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("round", roundID)); err != nil {
		return fmt.Errorf("delete round: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketRounds)
		if err != nil {
			return err
		}
		key := roundKey(workshopID, roundID)
		if b.Get(key) == nil {
			return ErrNotFound
		}
		return b.Delete(key)
	})
	if err != nil {
		return fmt.Errorf("delete round %s: %w", roundID, err)
	}
	return nil
}

// checkRounds is checkRecords for the rounds: each decodes, matches its
// key and belongs to a workshop that exists, and no two rounds of a
// workshop share a number. The customers a round saw may have been
// deleted since: a round is history.
func checkRounds(tx *bbolt.Tx, workshops map[string]bool, bad func(kind string, k, v []byte, dst any) bool, damage, broken func(string, ...any)) {
	b := tx.Bucket(bucketRounds)
	if b == nil {
		return
	}
	numbers := map[string]bool{}
	_ = b.ForEach(func(k, v []byte) error {
		parts := strings.Split(string(k), sep)
		var r model.Round
		switch {
		case v == nil:
			damage("rounds: unexpected bucket %q", k)
		case len(parts) != 2:
			damage("rounds: invalid key %q", k)
		case bad("round", k, v, &r):
		case r.WorkshopID != parts[0] || r.ID != parts[1]:
			damage("round %q has workshop %q and ID %q", k, r.WorkshopID, r.ID)
		default:
			if !workshops[r.WorkshopID] {
				broken("round %q: workshop %q does not exist", k, r.WorkshopID)
			}
			n := fmt.Sprintf("%s/%d", r.WorkshopID, r.Number)
			if r.Number < 1 || numbers[n] {
				broken("round %q: number %d is invalid or used twice", k, r.Number)
			}
			numbers[n] = true
		}
		return nil
	})
}
