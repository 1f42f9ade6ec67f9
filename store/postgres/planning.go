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

// Account planning (schema version 2): a customer's buying centre, its
// negotiation worksheet and target position, with the rules of the bbolt
// store (store/planning.go), and an answer's source and confirmation.

// customerExists is ErrNotFound for a missing customer.
func customerExists(ctx ctxT, tx pgx.Tx, workshopID, customerID string) error {
	var ok bool
	err := tx.QueryRow(ctx, "SELECT true FROM customers WHERE workshop_id = $1 AND id = $2", workshopID, customerID).Scan(&ok)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("customer %s: %w", customerID, store.ErrNotFound)
	}
	return err
}

// notFoundCustomer names the customer when a write broke the foreign key
// to it.
func (db *DB) notFoundCustomer(err error, customerID string) error {
	if err = db.fail(err); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("customer %s: %w", customerID, store.ErrNotFound)
	}
	return err
}

func scanStakeholder(r pgx.CollectableRow) (model.Stakeholder, error) {
	var s model.Stakeholder
	var role, attitude, level string
	err := r.Scan(&s.WorkshopID, &s.CustomerID, &s.ID, &s.Name, &s.Title, &role, &attitude, &level,
		&s.Owner, &s.LastContact, &s.Notes, &s.Created, &s.Updated)
	s.Role, s.Attitude, s.Level = model.BuyingRole(role), model.Attitude(attitude), model.ContactLevel(level)
	s.Created, s.Updated = s.Created.UTC(), s.Updated.UTC()
	return s, err
}

// sortStakeholders puts stakeholders in the order they were added.
func sortStakeholders(ss []model.Stakeholder) {
	slices.SortFunc(ss, func(a, b model.Stakeholder) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// Stakeholders lists one customer's buying centre in the order the
// people were added. A missing customer is ErrNotFound.
func (db *DB) Stakeholders(workshopID, customerID string) ([]model.Stakeholder, error) {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID)); err != nil {
		return nil, fmt.Errorf("list stakeholders: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Stakeholder
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := customerExists(ctx, tx, workshopID, customerID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT "+stakeholderCols+" FROM stakeholders WHERE workshop_id = $1 AND customer_id = $2",
			workshopID, customerID)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, scanStakeholder)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list stakeholders of customer %s: %w", customerID, err)
	}
	sortStakeholders(out)
	return out, nil
}

// PutStakeholder inserts or updates one person of an existing customer's
// buying centre (ErrNotFound otherwise). An empty ID gets a new one; a
// zero Created is kept from the stored record, or set to now; Updated is
// set to now. An invalid stakeholder is ErrInvalid.
func (db *DB) PutStakeholder(s model.Stakeholder) error {
	if err := store.ValidID("workshop", s.WorkshopID); err != nil {
		return fmt.Errorf("save stakeholder: %w", err)
	}
	if err := store.CheckStakeholder(&s, s.WorkshopID); err != nil {
		return fmt.Errorf("save stakeholder: %w", err)
	}
	now := db.stamp()
	keep := s.Created.IsZero()
	if keep {
		s.Created = now
	}
	s.Updated = now
	sql := `INSERT INTO stakeholders (` + stakeholderCols + `) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (workshop_id, customer_id, id) DO UPDATE SET name = excluded.name, title = excluded.title,
		role = excluded.role, attitude = excluded.attitude, level = excluded.level, owner = excluded.owner,
		last_contact = excluded.last_contact, notes = excluded.notes,
		created = CASE WHEN $14 THEN stakeholders.created ELSE excluded.created END, updated = excluded.updated`
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, s.WorkshopID, "stakeholder", s.CustomerID+"/"+s.ID, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, sql, append(stakeholderRow(s), keep)...)
		if err != nil {
			return db.notFoundCustomer(err, s.CustomerID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save stakeholder %s: %w", s.ID, err)
	}
	return nil
}

// DeleteStakeholder deletes one person of a customer's buying centre
// (ErrNotFound when there is none).
func (db *DB) DeleteStakeholder(workshopID, customerID, stakeholderID string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID), store.ValidID("stakeholder", stakeholderID)); err != nil {
		return fmt.Errorf("delete stakeholder: %w", err)
	}
	err := db.deleteRow(workshopID, "stakeholder", customerID+"/"+stakeholderID,
		"DELETE FROM stakeholders WHERE workshop_id = $1 AND customer_id = $2 AND id = $3", workshopID, customerID, stakeholderID)
	if err != nil {
		return fmt.Errorf("delete stakeholder %s: %w", stakeholderID, err)
	}
	return nil
}

// deleteRow runs a delete of one record in a transaction that notifies
// the others; no row deleted is ErrNotFound.
func (db *DB) deleteRow(workshopID, kind, key, sql string, args ...any) error {
	ctx, cancel := db.op()
	defer cancel()
	return db.write(ctx, workshopID, kind, key, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, sql, args...)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
}

func scanWorksheet(r pgx.CollectableRow) (model.Worksheet, error) {
	var w model.Worksheet
	err := r.Scan(&w.WorkshopID, &w.CustomerID, &w.Target, &w.WalkAway, &w.Floor, &w.Give, &w.Get,
		&w.Alternatives, &w.Notes, &w.Updated)
	w.Updated = w.Updated.UTC()
	return w, err
}

func scanTarget(r pgx.CollectableRow) (model.Target, error) {
	var t model.Target
	var kraljic, pref string
	err := r.Scan(&t.WorkshopID, &t.CustomerID, &kraljic, &pref, &t.By, &t.Note, &t.Updated)
	t.Kraljic, t.Pref, t.Updated = model.Kraljic(kraljic), model.Preferencing(pref), t.Updated.UTC()
	return t, err
}

// getPlan reads a customer's worksheet or target into dst, which keeps
// what it holds (the IDs) when none is stored. A missing customer is
// ErrNotFound.
func getPlan[T any](db *DB, kind, cols, tableName, workshopID, customerID string, scan func(pgx.CollectableRow) (T, error), dst *T) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID)); err != nil {
		return fmt.Errorf("get %s: %w", kind, err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := customerExists(ctx, tx, workshopID, customerID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT "+cols+" FROM "+tableName+" WHERE workshop_id = $1 AND customer_id = $2", workshopID, customerID)
		if err != nil {
			return err
		}
		got, err := pgx.CollectRows(rows, scan)
		if err == nil && len(got) > 0 {
			*dst = got[0]
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("get %s of customer %s: %w", kind, customerID, err)
	}
	return nil
}

// putPlan writes a customer's worksheet or target over the one stored.
func (db *DB) putPlan(kind string, t table, workshopID, customerID string, row []any) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID)); err != nil {
		return fmt.Errorf("save %s: %w", kind, err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, kind, customerID, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, t.upsert(), row...); err != nil {
			return db.notFoundCustomer(err, customerID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save %s of customer %s: %w", kind, customerID, err)
	}
	return nil
}

// deletePlan deletes a customer's worksheet or target (ErrNotFound when
// there is none).
func (db *DB) deletePlan(kind, tableName, workshopID, customerID string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID)); err != nil {
		return fmt.Errorf("delete %s: %w", kind, err)
	}
	err := db.deleteRow(workshopID, kind, customerID,
		"DELETE FROM "+tableName+" WHERE workshop_id = $1 AND customer_id = $2", workshopID, customerID)
	if err != nil {
		return fmt.Errorf("delete %s of customer %s: %w", kind, customerID, err)
	}
	return nil
}

// Worksheet returns a customer's negotiation worksheet: an empty one,
// with the IDs set, when none is stored. A missing customer is
// ErrNotFound.
func (db *DB) Worksheet(workshopID, customerID string) (model.Worksheet, error) {
	w := model.Worksheet{WorkshopID: workshopID, CustomerID: customerID}
	err := getPlan(db, "worksheet", worksheetCols, tWorksheets.name, workshopID, customerID, scanWorksheet, &w)
	return w, err
}

// PutWorksheet stores a customer's negotiation worksheet over the one
// stored (the customer must exist: ErrNotFound). Updated is set to now;
// a text over its limit, or too many tradables, is ErrInvalid.
func (db *DB) PutWorksheet(w model.Worksheet) error {
	if err := w.Validate(); err != nil {
		return fmt.Errorf("save worksheet: %w: %v", store.ErrInvalid, err)
	}
	w.Updated = db.stamp()
	return db.putPlan("worksheet", tWorksheets, w.WorkshopID, w.CustomerID, worksheetRow(w))
}

// DeleteWorksheet deletes a customer's worksheet (ErrNotFound when there
// is none).
func (db *DB) DeleteWorksheet(workshopID, customerID string) error {
	return db.deletePlan("worksheet", tWorksheets.name, workshopID, customerID)
}

// Target returns a customer's target position: an empty one, with the
// IDs set, when none is stored. A missing customer is ErrNotFound.
func (db *DB) Target(workshopID, customerID string) (model.Target, error) {
	t := model.Target{WorkshopID: workshopID, CustomerID: customerID}
	err := getPlan(db, "target", targetCols, tTargets.name, workshopID, customerID, scanTarget, &t)
	return t, err
}

// PutTarget stores a customer's target position over the one stored (the
// customer must exist: ErrNotFound). Updated is set to now; an unknown
// class or a date not written YYYY-MM-DD is ErrInvalid.
func (db *DB) PutTarget(t model.Target) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("save target: %w: %v", store.ErrInvalid, err)
	}
	t.Updated = db.stamp()
	return db.putPlan("target", tTargets, t.WorkshopID, t.CustomerID, targetRow(t))
}

// DeleteTarget deletes a customer's target (ErrNotFound when there is
// none).
func (db *DB) DeleteTarget(workshopID, customerID string) error {
	return db.deletePlan("target", tTargets.name, workshopID, customerID)
}

// ConfirmAnswer records who confirmed an answer with the customer, and
// now as when, in one transaction. ErrNotFound when there is no such
// answer; an empty by is ErrInvalid.
func (db *DB) ConfirmAnswer(workshopID, customerID, questionID, by string) error {
	by, err := store.CheckConfirmation(by)
	if err != nil {
		return fmt.Errorf("confirm answer: %w", err)
	}
	return db.updateAnswer(workshopID, customerID, questionID, by,
		"confirmed_by = $4, confirmed_at = $5", by, db.stamp())
}

// UnconfirmAnswer takes the confirmation back. ErrNotFound when there is
// no such answer.
func (db *DB) UnconfirmAnswer(workshopID, customerID, questionID string) error {
	return db.updateAnswer(workshopID, customerID, questionID, "", "confirmed_by = '', confirmed_at = NULL")
}

// SetAnswerSource records where an answer comes from (empty: not said)
// and the data or person it names, leaving the rest of it as it is.
// ErrNotFound when there is no such answer; an unknown source or a ref
// over its limit is ErrInvalid.
func (db *DB) SetAnswerSource(workshopID, customerID, questionID string, src model.AnswerSource, ref string) error {
	ref, err := store.CheckSource(src, ref)
	if err != nil {
		return fmt.Errorf("update answer to %s: %w", questionID, err)
	}
	return db.updateAnswer(workshopID, customerID, questionID, "", "source = $4, source_ref = $5", string(src), ref)
}

// updateAnswer sets columns of one stored answer (set names them, from
// $4 on) in a transaction that notifies the others, naming by.
func (db *DB) updateAnswer(workshopID, customerID, questionID, by, set string, args ...any) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID), store.ValidID("question", questionID)); err != nil {
		return fmt.Errorf("update answer: %w", err)
	}
	if db.closed.Load() {
		return fmt.Errorf("update answer to %s: %w", questionID, store.ErrClosed)
	}
	ctx, cancel := db.op()
	defer cancel()
	key := customerID + "/" + questionID
	err := db.writeBy(ctx, workshopID, "answer", key, by, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "UPDATE answers SET "+set+" WHERE workshop_id = $1 AND customer_id = $2 AND question_id = $3",
			append([]any{workshopID, customerID, questionID}, args...)...)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("update answer to %s: %w", questionID, err)
	}
	return nil
}

// queuePlanning queues the queries that read a workshop's account
// planning into b, for queueDataset.
func queuePlanning(b *pgx.Batch, workshopID string, d *model.Dataset) {
	b.Queue("SELECT "+stakeholderCols+" FROM stakeholders WHERE workshop_id = $1", workshopID).Query(func(rows pgx.Rows) error {
		var err error
		d.Stakeholders, err = pgx.CollectRows(rows, scanStakeholder)
		return err
	})
	b.Queue("SELECT "+worksheetCols+" FROM worksheets WHERE workshop_id = $1", workshopID).Query(func(rows pgx.Rows) error {
		var err error
		d.Worksheets, err = pgx.CollectRows(rows, scanWorksheet)
		return err
	})
	b.Queue("SELECT "+targetCols+" FROM targets WHERE workshop_id = $1", workshopID).Query(func(rows pgx.Rows) error {
		var err error
		d.Targets, err = pgx.CollectRows(rows, scanTarget)
		return err
	})
}

// sortPlanning orders a loaded workshop's account planning as the bbolt
// store's Load does: stakeholders in the order they were added,
// worksheets and targets in the customers' order (which is sorted).
func sortPlanning(d *model.Dataset) {
	sortStakeholders(d.Stakeholders)
	order := make(map[string]int, len(d.Customers))
	for i, c := range d.Customers {
		order[c.ID] = i
	}
	slices.SortStableFunc(d.Worksheets, func(x, y model.Worksheet) int { return cmp.Compare(order[x.CustomerID], order[y.CustomerID]) })
	slices.SortStableFunc(d.Targets, func(x, y model.Target) int { return cmp.Compare(order[x.CustomerID], order[y.CustomerID]) })
}
