package store

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// Actions are stored by workshopID/actionID, so a workshop's action plan
// is a prefix range; a customer's actions are found by their CustomerID.

func actionKey(wid, aid string) []byte { return []byte(wid + sep + aid) }

// sortActions puts actions in the order they were made.
func sortActions(as []model.Action) {
	slices.SortFunc(as, func(a, b model.Action) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// Actions lists a workshop's actions in the order they were made. A
// missing workshop is ErrNotFound.
func (db *DB) Actions(workshopID string) ([]model.Action, error) {
	if err := validID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	var out []model.Action
	err := db.view(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		if ws.Get([]byte(workshopID)) == nil {
			return ErrNotFound
		}
		out, err = loadActions(tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list actions of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

// loadActions reads a workshop's actions in a transaction.
func loadActions(tx *bbolt.Tx, workshopID string) ([]model.Action, error) {
	b, err := bucket(tx, bucketActions)
	if err != nil {
		return nil, err
	}
	out, err := decodePrefix[model.Action](b, []byte(workshopID+sep), "action")
	sortActions(out)
	return out, err
}

// PutAction inserts or updates one action of an existing customer
// (ErrNotFound otherwise). An empty ID gets a new one (callers that need
// the ID set it with NewID first); a zero Created is kept from the stored
// action, or set to now; Updated is set to now. An action without a valid
// kind, status, text or due date is ErrInvalid.
func (db *DB) PutAction(a model.Action) error {
	return db.PutActions(a.WorkshopID, []model.Action{a})
}

// PutActions inserts or updates actions of a workshop's customers in one
// transaction: all of them are stored, or none. An empty WorkshopID is
// filled in; IDs and times are set as by PutAction.
func (db *DB) PutActions(workshopID string, as []model.Action) error {
	if err := validID("workshop", workshopID); err != nil {
		return fmt.Errorf("save actions: %w", err)
	}
	now := db.stamp()
	recs := make([]model.Action, 0, len(as))
	for _, a := range as {
		if a.WorkshopID == "" {
			a.WorkshopID = workshopID
		}
		if err := checkAction(&a, workshopID); err != nil {
			return fmt.Errorf("save action: %w", err)
		}
		a.Updated = now
		recs = append(recs, a)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		cs, err := bucket(tx, bucketCustomers)
		if err != nil {
			return err
		}
		b, err := bucket(tx, bucketActions)
		if err != nil {
			return err
		}
		for _, a := range recs {
			if cs.Get(customerKey(workshopID, a.CustomerID)) == nil {
				return fmt.Errorf("customer %s: %w", a.CustomerID, ErrNotFound)
			}
			key := actionKey(workshopID, a.ID)
			if a.Created.IsZero() {
				a.Created = now
				if old := b.Get(key); old != nil {
					var o model.Action
					if err := decode("action", key, old, &o); err != nil {
						return err
					}
					if !o.Created.IsZero() {
						a.Created = o.Created
					}
				}
			}
			v, err := encode(key, a)
			if err != nil {
				return err
			}
			if err := b.Put(key, v); err != nil {
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

// checkAction validates an action of a workshop and gives it an ID.
func checkAction(a *model.Action, workshopID string) error {
	if a.ID == "" {
		a.ID = NewID()
	}
	if err := cmp.Or(validID("action", a.ID), validID("customer", a.CustomerID)); err != nil {
		return err
	}
	if a.WorkshopID != workshopID {
		return fmt.Errorf("%w: action %s belongs to workshop %s, not %s", ErrInvalid, a.ID, a.WorkshopID, workshopID)
	}
	if err := a.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// DeleteAction deletes one action (ErrNotFound when there is none).
func (db *DB) DeleteAction(workshopID, actionID string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("action", actionID)); err != nil {
		return fmt.Errorf("delete action: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketActions)
		if err != nil {
			return err
		}
		key := actionKey(workshopID, actionID)
		if b.Get(key) == nil {
			return ErrNotFound
		}
		return b.Delete(key)
	})
	if err != nil {
		return fmt.Errorf("delete action %s: %w", actionID, err)
	}
	return nil
}

// deleteCustomerActions deletes the actions of one customer in a write
// transaction.
func deleteCustomerActions(tx *bbolt.Tx, workshopID, customerID string) error {
	b, err := bucket(tx, bucketActions)
	if err != nil {
		return err
	}
	var keys [][]byte
	if err := scanPrefix(b, []byte(workshopID+sep), func(k, v []byte) error {
		var a model.Action
		if err := decode("action", k, v, &a); err != nil {
			return err
		}
		if a.CustomerID == customerID {
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

// deletePlans deletes the actions and rounds under a workshop's prefix.
func deletePlans(tx *bbolt.Tx, prefix []byte) error {
	for _, name := range [][]byte{bucketActions, bucketRounds} {
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

// checkActions is checkRecords for the actions: each decodes, matches its
// key, is valid and belongs to a customer that exists.
func checkActions(tx *bbolt.Tx, customers map[string]bool, bad func(kind string, k, v []byte, dst any) bool, damage, broken func(string, ...any)) {
	b := tx.Bucket(bucketActions)
	if b == nil {
		return
	}
	_ = b.ForEach(func(k, v []byte) error {
		parts := strings.Split(string(k), sep)
		var a model.Action
		switch {
		case v == nil:
			damage("actions: unexpected bucket %q", k)
		case len(parts) != 2:
			damage("actions: invalid key %q", k)
		case bad("action", k, v, &a):
		case a.WorkshopID != parts[0] || a.ID != parts[1]:
			damage("action %q has workshop %q and ID %q", k, a.WorkshopID, a.ID)
		default:
			if !customers[a.WorkshopID+sep+a.CustomerID] {
				broken("action %q: customer %q of workshop %q does not exist", k, a.CustomerID, a.WorkshopID)
			}
			if err := a.Validate(); err != nil {
				broken("action %q: invalid %v", k, err)
			}
		}
		return nil
	})
}
