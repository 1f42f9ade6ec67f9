package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// Account planning, since schema 5: a customer's buying centre by
// workshopID/customerID/stakeholderID, so a customer's stakeholders are a
// prefix range; its negotiation worksheet and its target position by
// workshopID/customerID, one each. All three are JSON records.

func stakeholderKey(wid, cid, sid string) []byte { return []byte(wid + sep + cid + sep + sid) }
func planKey(wid, cid string) []byte             { return []byte(wid + sep + cid) }

// customerExists checks in a transaction that a customer of a workshop
// exists.
func customerExists(tx *bbolt.Tx, workshopID, customerID string) error {
	cs, err := bucket(tx, bucketCustomers)
	if err != nil {
		return err
	}
	if cs.Get(customerKey(workshopID, customerID)) == nil {
		return fmt.Errorf("customer %s: %w", customerID, ErrNotFound)
	}
	return nil
}

// sortStakeholders puts stakeholders in the order they were added.
func sortStakeholders(ss []model.Stakeholder) {
	slices.SortFunc(ss, func(a, b model.Stakeholder) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// Stakeholders lists one customer's buying centre in the order the
// people were added (model.SortStakeholders orders it as a brief shows
// it). A missing customer is ErrNotFound.
func (db *DB) Stakeholders(workshopID, customerID string) ([]model.Stakeholder, error) {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID)); err != nil {
		return nil, fmt.Errorf("list stakeholders: %w", err)
	}
	var out []model.Stakeholder
	err := db.view(func(tx *bbolt.Tx) error {
		if err := customerExists(tx, workshopID, customerID); err != nil {
			return err
		}
		b, err := bucket(tx, bucketStakeholders)
		if err != nil {
			return err
		}
		out, err = decodePrefix[model.Stakeholder](b, []byte(workshopID+sep+customerID+sep), "stakeholder")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list stakeholders of customer %s: %w", customerID, err)
	}
	sortStakeholders(out)
	return out, nil
}

// checkStakeholder validates a stakeholder of a workshop and gives it an
// ID.
func checkStakeholder(s *model.Stakeholder, workshopID string) error {
	if s.WorkshopID == "" {
		s.WorkshopID = workshopID
	}
	if s.ID == "" {
		s.ID = NewID()
	}
	if err := cmp.Or(validID("stakeholder", s.ID), validID("customer", s.CustomerID)); err != nil {
		return err
	}
	if s.WorkshopID != workshopID {
		return fmt.Errorf("%w: stakeholder %s belongs to workshop %s, not %s", ErrInvalid, s.ID, s.WorkshopID, workshopID)
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// PutStakeholder inserts or updates one person of an existing customer's
// buying centre (ErrNotFound otherwise). An empty ID gets a new one
// (callers that need the ID set it with NewID first); a zero Created is
// kept from the stored record, or set to now; Updated is set to now. A
// stakeholder without a name, or with an unknown role, attitude or level,
// a last contact not written YYYY-MM-DD or a text over its limit, is
// ErrInvalid.
func (db *DB) PutStakeholder(s model.Stakeholder) error {
	if err := validID("workshop", s.WorkshopID); err != nil {
		return fmt.Errorf("save stakeholder: %w", err)
	}
	if err := checkStakeholder(&s, s.WorkshopID); err != nil {
		return fmt.Errorf("save stakeholder: %w", err)
	}
	now := db.stamp()
	err := db.update(func(tx *bbolt.Tx) error {
		if err := customerExists(tx, s.WorkshopID, s.CustomerID); err != nil {
			return err
		}
		b, err := bucket(tx, bucketStakeholders)
		if err != nil {
			return err
		}
		key := stakeholderKey(s.WorkshopID, s.CustomerID, s.ID)
		if s.Created.IsZero() {
			s.Created = now
			if old := b.Get(key); old != nil {
				var o model.Stakeholder
				if err := decode("stakeholder", key, old, &o); err != nil {
					return err
				}
				if !o.Created.IsZero() {
					s.Created = o.Created
				}
			}
		}
		s.Updated = now
		v, err := encode(key, s)
		if err != nil {
			return err
		}
		return b.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save stakeholder %s: %w", s.ID, err)
	}
	return nil
}

// DeleteStakeholder deletes one person of a customer's buying centre
// (ErrNotFound when there is none). Undo puts it back with Restore.
func (db *DB) DeleteStakeholder(workshopID, customerID, stakeholderID string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID), validID("stakeholder", stakeholderID)); err != nil {
		return fmt.Errorf("delete stakeholder: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketStakeholders)
		if err != nil {
			return err
		}
		key := stakeholderKey(workshopID, customerID, stakeholderID)
		if b.Get(key) == nil {
			return ErrNotFound
		}
		return b.Delete(key)
	})
	if err != nil {
		return fmt.Errorf("delete stakeholder %s: %w", stakeholderID, err)
	}
	return nil
}

// Worksheet returns a customer's negotiation worksheet: an empty one,
// with the IDs set, when none is stored. A missing customer is
// ErrNotFound.
func (db *DB) Worksheet(workshopID, customerID string) (model.Worksheet, error) {
	w := model.Worksheet{WorkshopID: workshopID, CustomerID: customerID}
	err := getPlan(db, bucketWorksheets, "worksheet", workshopID, customerID, &w)
	return w, err
}

// PutWorksheet stores a customer's negotiation worksheet, over the one
// stored (the customer must exist: ErrNotFound). Updated is set to now; a
// text over its limit, or too many tradables, is ErrInvalid.
func (db *DB) PutWorksheet(w model.Worksheet) error {
	if err := w.Validate(); err != nil {
		return fmt.Errorf("save worksheet: %w: %v", ErrInvalid, err)
	}
	w.Updated = db.stamp()
	return putPlan(db, bucketWorksheets, "worksheet", w.WorkshopID, w.CustomerID, w)
}

// DeleteWorksheet deletes a customer's worksheet (ErrNotFound when there
// is none).
func (db *DB) DeleteWorksheet(workshopID, customerID string) error {
	return deletePlan(db, bucketWorksheets, "worksheet", workshopID, customerID)
}

// Target returns a customer's target position: an empty one (no class
// set), with the IDs set, when none is stored. A missing customer is
// ErrNotFound.
func (db *DB) Target(workshopID, customerID string) (model.Target, error) {
	t := model.Target{WorkshopID: workshopID, CustomerID: customerID}
	err := getPlan(db, bucketTargets, "target", workshopID, customerID, &t)
	return t, err
}

// PutTarget stores a customer's target position, over the one stored
// (the customer must exist: ErrNotFound). Updated is set to now; an
// unknown class or a date not written YYYY-MM-DD is ErrInvalid.
func (db *DB) PutTarget(t model.Target) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("save target: %w: %v", ErrInvalid, err)
	}
	t.Updated = db.stamp()
	return putPlan(db, bucketTargets, "target", t.WorkshopID, t.CustomerID, t)
}

// DeleteTarget deletes a customer's target (ErrNotFound when there is
// none).
func (db *DB) DeleteTarget(workshopID, customerID string) error {
	return deletePlan(db, bucketTargets, "target", workshopID, customerID)
}

func getPlan[T any](db *DB, name []byte, kind, workshopID, customerID string, dst *T) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID)); err != nil {
		return fmt.Errorf("get %s: %w", kind, err)
	}
	err := db.view(func(tx *bbolt.Tx) error {
		if err := customerExists(tx, workshopID, customerID); err != nil {
			return err
		}
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		key := planKey(workshopID, customerID)
		if v := b.Get(key); v != nil {
			return decode(kind, key, v, dst)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("get %s of customer %s: %w", kind, customerID, err)
	}
	return nil
}

func putPlan(db *DB, name []byte, kind, workshopID, customerID string, rec any) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID)); err != nil {
		return fmt.Errorf("save %s: %w", kind, err)
	}
	key := planKey(workshopID, customerID)
	v, err := encode(key, rec)
	if err != nil {
		return fmt.Errorf("save %s: %w", kind, err)
	}
	err = db.update(func(tx *bbolt.Tx) error {
		if err := customerExists(tx, workshopID, customerID); err != nil {
			return err
		}
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		return b.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save %s of customer %s: %w", kind, customerID, err)
	}
	return nil
}

func deletePlan(db *DB, name []byte, kind, workshopID, customerID string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID)); err != nil {
		return fmt.Errorf("delete %s: %w", kind, err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		key := planKey(workshopID, customerID)
		if b.Get(key) == nil {
			return ErrNotFound
		}
		return b.Delete(key)
	})
	if err != nil {
		return fmt.Errorf("delete %s of customer %s: %w", kind, customerID, err)
	}
	return nil
}

// ConfirmAnswer ticks an answer off "validate with the customer": it
// records who confirmed it, and now as when, in one transaction.
// ErrNotFound when there is no such answer; an empty by is ErrInvalid.
func (db *DB) ConfirmAnswer(workshopID, customerID, questionID, by string) error {
	by, err := CheckConfirmation(by)
	if err != nil {
		return fmt.Errorf("confirm answer: %w", err)
	}
	now := db.stamp()
	return db.updateAnswer(workshopID, customerID, questionID, func(a model.Answer) model.Answer { return a.Confirm(by, now) })
}

// SetAnswerSource records where an answer comes from (empty: not said)
// and the data or person it names, leaving the score, the evidence and
// the confirmation as they are. ErrNotFound when there is no such answer;
// an unknown source or a ref over its limit is ErrInvalid.
func (db *DB) SetAnswerSource(workshopID, customerID, questionID string, src model.AnswerSource, ref string) error {
	ref, err := CheckSource(src, ref)
	if err != nil {
		return fmt.Errorf("set answer source: %w", err)
	}
	return db.updateAnswer(workshopID, customerID, questionID, func(a model.Answer) model.Answer {
		a.Source, a.SourceRef = src, ref
		return a
	})
}

// UnconfirmAnswer takes the tick back: the answer is no longer confirmed.
// ErrNotFound when there is no such answer.
func (db *DB) UnconfirmAnswer(workshopID, customerID, questionID string) error {
	return db.updateAnswer(workshopID, customerID, questionID, model.Answer.Unconfirm)
}

// updateAnswer changes one stored answer in one transaction.
func (db *DB) updateAnswer(workshopID, customerID, questionID string, fn func(model.Answer) model.Answer) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID), validID("question", questionID)); err != nil {
		return fmt.Errorf("update answer: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		as, err := bucket(tx, bucketAnswers)
		if err != nil {
			return err
		}
		key := answerKey(workshopID, customerID, questionID)
		v := as.Get(key)
		if v == nil {
			return ErrNotFound
		}
		var a model.Answer
		if err := decode("answer", key, v, &a); err != nil {
			return err
		}
		a = fn(a)
		if err := a.ValidateSource(); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		nv, err := encode(key, a)
		if err != nil {
			return err
		}
		return as.Put(key, nv)
	})
	if err != nil {
		return fmt.Errorf("update answer to %s: %w", questionID, err)
	}
	return nil
}

// loadPlanning reads a workshop's stakeholders, worksheets and targets
// into d, whose customers are read and sorted: the worksheets and targets
// follow the customers' order.
func loadPlanning(tx *bbolt.Tx, d *model.Dataset) error {
	prefix := []byte(d.Workshop.ID + sep)
	b, err := bucket(tx, bucketStakeholders)
	if err != nil {
		return err
	}
	if d.Stakeholders, err = decodePrefix[model.Stakeholder](b, prefix, "stakeholder"); err != nil {
		return err
	}
	sortStakeholders(d.Stakeholders)
	order := make(map[string]int, len(d.Customers))
	for i, c := range d.Customers {
		order[c.ID] = i
	}
	byCustomer := func(a, b string) int { return cmp.Compare(order[a], order[b]) }
	if b, err = bucket(tx, bucketWorksheets); err != nil {
		return err
	}
	if d.Worksheets, err = decodePrefix[model.Worksheet](b, prefix, "worksheet"); err != nil {
		return err
	}
	slices.SortStableFunc(d.Worksheets, func(x, y model.Worksheet) int { return byCustomer(x.CustomerID, y.CustomerID) })
	if b, err = bucket(tx, bucketTargets); err != nil {
		return err
	}
	if d.Targets, err = decodePrefix[model.Target](b, prefix, "target"); err != nil {
		return err
	}
	slices.SortStableFunc(d.Targets, func(x, y model.Target) int { return byCustomer(x.CustomerID, y.CustomerID) })
	return nil
}

// deletePlanning deletes the account planning under a prefix: a
// workshop's (workshopID/) or a customer's (workshopID/customerID/; the
// worksheet and target keys are the customer's key itself).
func deletePlanning(tx *bbolt.Tx, workshopID, customerID string) error {
	for _, name := range [][]byte{bucketStakeholders, bucketWorksheets, bucketTargets} {
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		if customerID == "" {
			if err := deletePrefix(b, []byte(workshopID+sep)); err != nil {
				return err
			}
			continue
		}
		if err := deletePrefix(b, []byte(workshopID+sep+customerID+sep)); err != nil {
			return err
		}
		if err := b.Delete(planKey(workshopID, customerID)); err != nil {
			return err
		}
	}
	return nil
}

// preparePlanning checks a dataset's account planning as Import does:
// every record belongs to a customer of the dataset, a customer has at
// most one worksheet and one target, every record is valid. IDs are given
// where empty and zero times set to now. Every error is ErrInvalid.
func preparePlanning(d model.Dataset, workshopID string, customers map[string]bool, now time.Time) (ss []model.Stakeholder, ws []model.Worksheet, ts []model.Target, err error) {
	ids := map[string]bool{}
	for _, s := range d.Stakeholders {
		if err := checkStakeholder(&s, workshopID); err != nil {
			return nil, nil, nil, err
		}
		if ids[s.ID] {
			return nil, nil, nil, fmt.Errorf("%w: stakeholder %s twice", ErrInvalid, s.ID)
		}
		ids[s.ID] = true
		if !customers[s.CustomerID] {
			return nil, nil, nil, fmt.Errorf("%w: stakeholder %s of customer %s, who is not in the dataset", ErrInvalid, s.ID, s.CustomerID)
		}
		if s.Created.IsZero() {
			s.Created = now
		}
		if s.Updated.IsZero() {
			s.Updated = now
		}
		ss = append(ss, s)
	}
	plan := func(kind, wid, cid string, seen map[string]bool) error {
		if wid != workshopID {
			return fmt.Errorf("%w: %s of customer %s belongs to workshop %s, not %s", ErrInvalid, kind, cid, wid, workshopID)
		}
		if err := validID("customer", cid); err != nil {
			return err
		}
		if !customers[cid] {
			return fmt.Errorf("%w: %s of customer %s, who is not in the dataset", ErrInvalid, kind, cid)
		}
		if seen[cid] {
			return fmt.Errorf("%w: two %ss of customer %s", ErrInvalid, kind, cid)
		}
		seen[cid] = true
		return nil
	}
	seen := map[string]bool{}
	for _, w := range d.Worksheets {
		if w.WorkshopID == "" {
			w.WorkshopID = workshopID
		}
		if err := plan("worksheet", w.WorkshopID, w.CustomerID, seen); err != nil {
			return nil, nil, nil, err
		}
		if err := w.Validate(); err != nil {
			return nil, nil, nil, fmt.Errorf("%w: worksheet of customer %s: %v", ErrInvalid, w.CustomerID, err)
		}
		if w.Updated.IsZero() {
			w.Updated = now
		}
		ws = append(ws, w)
	}
	seen = map[string]bool{}
	for _, t := range d.Targets {
		if t.WorkshopID == "" {
			t.WorkshopID = workshopID
		}
		if err := plan("target", t.WorkshopID, t.CustomerID, seen); err != nil {
			return nil, nil, nil, err
		}
		if err := t.Validate(); err != nil {
			return nil, nil, nil, fmt.Errorf("%w: target of customer %s: %v", ErrInvalid, t.CustomerID, err)
		}
		if t.Updated.IsZero() {
			t.Updated = now
		}
		ts = append(ts, t)
	}
	return ss, ws, ts, nil
}

// checkPlanning is checkRecords for the account planning: each record
// decodes, matches its key, is valid and belongs to a customer that
// exists.
func checkPlanning(tx *bbolt.Tx, customers map[string]bool, bad func(kind string, k, v []byte, dst any) bool, damage, broken func(string, ...any)) {
	if b := tx.Bucket(bucketStakeholders); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			parts := strings.Split(string(k), sep)
			var s model.Stakeholder
			switch {
			case v == nil:
				damage("stakeholders: unexpected bucket %q", k)
			case len(parts) != 3:
				damage("stakeholders: invalid key %q", k)
			case bad("stakeholder", k, v, &s):
			case s.WorkshopID != parts[0] || s.CustomerID != parts[1] || s.ID != parts[2]:
				damage("stakeholder %q has workshop %q, customer %q and ID %q", k, s.WorkshopID, s.CustomerID, s.ID)
			default:
				if !customers[s.WorkshopID+sep+s.CustomerID] {
					broken("stakeholder %q: customer %q of workshop %q does not exist", k, s.CustomerID, s.WorkshopID)
				}
				if err := s.Validate(); err != nil {
					broken("stakeholder %q: invalid %v", k, err)
				}
			}
			return nil
		})
	}
	type plan interface{ Validate() error }
	for _, p := range []struct {
		name []byte
		kind string
		dst  func() (plan, *string, *string)
	}{
		{bucketWorksheets, "worksheet", func() (plan, *string, *string) {
			w := &model.Worksheet{}
			return w, &w.WorkshopID, &w.CustomerID
		}},
		{bucketTargets, "target", func() (plan, *string, *string) {
			t := &model.Target{}
			return t, &t.WorkshopID, &t.CustomerID
		}},
	} {
		b := tx.Bucket(p.name)
		if b == nil {
			continue
		}
		_ = b.ForEach(func(k, v []byte) error {
			parts := strings.Split(string(k), sep)
			rec, wid, cid := p.dst()
			switch {
			case v == nil:
				damage("%ss: unexpected bucket %q", p.kind, k)
			case len(parts) != 2:
				damage("%ss: invalid key %q", p.kind, k)
			case bad(p.kind, k, v, rec):
			case *wid != parts[0] || *cid != parts[1]:
				damage("%s %q has workshop %q and customer %q", p.kind, k, *wid, *cid)
			default:
				if !customers[string(k)] {
					broken("%s %q: customer %q of workshop %q does not exist", p.kind, k, *cid, *wid)
				}
				if err := rec.Validate(); err != nil {
					broken("%s %q: invalid %v", p.kind, k, err)
				}
			}
			return nil
		})
	}
}
