package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// PutCustomers inserts or updates many customers of an existing workshop
// (ErrNotFound otherwise) in one transaction: all of them are on disk
// when it returns, or none is. It is what an import of a customer list
// uses, since a transaction per customer would wait for the disk once per
// customer. Empty IDs get new ones; an empty WorkshopID is filled in and
// any other one is ErrInvalid, as is an ID given twice. A zero Created is
// kept from a stored customer or set to now plus the customer's place in
// cs in nanoseconds, so the workshop lists them in the order given;
// Updated is set to now.
func (db *DB) PutCustomers(workshopID string, cs []model.Customer) error {
	if err := validID("workshop", workshopID); err != nil {
		return fmt.Errorf("save customers: %w", err)
	}
	recs, err := db.customerRecords(workshopID, cs)
	if err != nil {
		return fmt.Errorf("save customers: %w", err)
	}
	err = db.update(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		if ws.Get([]byte(workshopID)) == nil {
			return fmt.Errorf("workshop %s: %w", workshopID, ErrNotFound)
		}
		return putCustomerRecords(tx, recs)
	})
	if err != nil {
		return fmt.Errorf("save %d customers: %w", len(cs), err)
	}
	return nil
}

// AddWorkshop creates a workshop with its customers in one transaction;
// a workshop with the same ID is ErrExists. The workshop's ID, Created and
// Updated are set as by PutWorkshop, the customers' as by PutCustomers.
func (db *DB) AddWorkshop(w model.Workshop, cs []model.Customer) error {
	if w.ID == "" {
		w.ID = NewID()
	}
	if err := validID("workshop", w.ID); err != nil {
		return fmt.Errorf("add workshop: %w", err)
	}
	now := db.stamp()
	if w.Created.IsZero() {
		w.Created = now
	}
	w.Updated = now
	wv, err := encode([]byte(w.ID), w)
	if err != nil {
		return fmt.Errorf("add workshop: %w", err)
	}
	recs, err := db.customerRecords(w.ID, cs)
	if err != nil {
		return fmt.Errorf("add workshop: %w", err)
	}
	err = db.update(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		if ws.Get([]byte(w.ID)) != nil {
			return fmt.Errorf("workshop %s: %w", w.ID, ErrExists)
		}
		if err := ws.Put([]byte(w.ID), wv); err != nil {
			return err
		}
		return putCustomerRecords(tx, recs)
	})
	if err != nil {
		return fmt.Errorf("add workshop %s: %w", w.ID, err)
	}
	return nil
}

// customerRec is a customer ready to store; stamped is true when its
// Created was set here, to give way to that of a stored customer with the
// same ID.
type customerRec struct {
	key     []byte
	c       model.Customer
	stamped bool
}

// customerRecords checks customers and gives them IDs and times, sorted
// by key: bbolt writes fastest, and fills pages best, in key order.
func (db *DB) customerRecords(workshopID string, cs []model.Customer) ([]customerRec, error) {
	now := db.stamp()
	recs := make([]customerRec, 0, len(cs))
	seen := make(map[string]bool, len(cs))
	for i, c := range cs {
		if c.ID == "" {
			c.ID = NewID()
		}
		if err := validID("customer", c.ID); err != nil {
			return nil, err
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("%w: customer %s twice", ErrInvalid, c.ID)
		}
		seen[c.ID] = true
		if c.WorkshopID == "" {
			c.WorkshopID = workshopID
		}
		if c.WorkshopID != workshopID {
			return nil, fmt.Errorf("%w: customer %s belongs to workshop %s, not %s", ErrInvalid, c.ID, c.WorkshopID, workshopID)
		}
		stamped := c.Created.IsZero()
		if stamped {
			c.Created = now.Add(time.Duration(i))
		}
		c.Updated = now
		recs = append(recs, customerRec{customerKey(workshopID, c.ID), c, stamped})
	}
	slices.SortFunc(recs, func(a, b customerRec) int { return bytes.Compare(a.key, b.key) })
	return recs, nil
}

// putCustomerRecords writes customers in a write transaction, keeping the
// Created of customers that are stored already.
func putCustomerRecords(tx *bbolt.Tx, recs []customerRec) error {
	b, err := bucket(tx, bucketCustomers)
	if err != nil {
		return err
	}
	if len(recs) > 1 {
		b.FillPercent = 1 // sorted bulk inserts: full pages
	}
	for _, r := range recs {
		if r.stamped {
			if old := b.Get(r.key); old != nil {
				var o model.Customer
				if err := decode("customer", r.key, old, &o); err != nil {
					return err
				}
				if !o.Created.IsZero() {
					r.c.Created = o.Created
				}
			}
		}
		v, err := encode(r.key, r.c)
		if err != nil {
			return err
		}
		if err := b.Put(r.key, v); err != nil {
			return err
		}
	}
	return nil
}
