package postgres

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// maxProblems caps the problems Check reports, as the bbolt store's does.
const maxProblems = 100

// orphans are the references the foreign keys keep, checked again in case
// someone loaded data around them (with triggers off, say): each query
// lists the records whose reference is broken.
var orphans = []struct{ sql, format string }{
	{`SELECT c.id, c.workshop_id FROM customers c LEFT JOIN workshops w ON w.id = c.workshop_id WHERE w.id IS NULL`,
		"customer %q: workshop %q does not exist"},
	{`SELECT a.workshop_id || '/' || a.customer_id || '/' || a.question_id, a.customer_id, a.workshop_id FROM answers a
		LEFT JOIN customers c ON c.workshop_id = a.workshop_id AND c.id = a.customer_id WHERE c.id IS NULL`,
		"answer %q: customer %q of workshop %q does not exist"},
	{`SELECT a.workshop_id || '/' || a.id, a.customer_id, a.workshop_id FROM actions a
		LEFT JOIN customers c ON c.workshop_id = a.workshop_id AND c.id = a.customer_id WHERE c.id IS NULL`,
		"action %q: customer %q of workshop %q does not exist"},
	{`SELECT r.workshop_id || '/' || r.id, r.workshop_id FROM rounds r LEFT JOIN workshops w ON w.id = r.workshop_id WHERE w.id IS NULL`,
		"round %q: workshop %q does not exist"},
	{`SELECT p.workshop_id || '/' || p.id, p.workshop_id FROM participants p LEFT JOIN workshops w ON w.id = p.workshop_id WHERE w.id IS NULL`,
		"participant %q: workshop %q does not exist"},
	{`SELECT s.workshop_id || '/' || s.id, s.customer_id, s.workshop_id FROM silent_rounds s
		LEFT JOIN customers c ON c.workshop_id = s.workshop_id AND c.id = s.customer_id WHERE c.id IS NULL`,
		"silent round %q: customer %q of workshop %q does not exist"},
	{`SELECT s.workshop_id || '/' || s.id, p FROM silent_rounds s CROSS JOIN unnest(s.participants) AS p
		LEFT JOIN participants x ON x.workshop_id = s.workshop_id AND x.id = p WHERE x.id IS NULL`,
		"silent round %q: participant %q does not exist"},
	{`SELECT v.workshop_id || '/' || v.round_id || '/' || v.question_id || '/' || v.revote || '/' || v.participant_id, v.round_id
		FROM votes v LEFT JOIN silent_rounds s ON s.workshop_id = v.workshop_id AND s.id = v.round_id WHERE s.id IS NULL`,
		"vote %q: silent round %q does not exist"},
	{`SELECT v.workshop_id || '/' || v.round_id || '/' || v.question_id || '/' || v.revote || '/' || v.participant_id, v.participant_id
		FROM votes v LEFT JOIN participants p ON p.workshop_id = v.workshop_id AND p.id = v.participant_id WHERE p.id IS NULL`,
		"vote %q: participant %q does not exist"},
	{`SELECT workshop_id || '/' || customer_id || '/' || question_id, score::text FROM answers WHERE score NOT BETWEEN 0 AND 5`,
		"answer %q: invalid score %s"},
	{`SELECT s.workshop_id || '/' || s.customer_id || '/' || s.id, s.customer_id, s.workshop_id FROM stakeholders s
		LEFT JOIN customers c ON c.workshop_id = s.workshop_id AND c.id = s.customer_id WHERE c.id IS NULL`,
		"stakeholder %q: customer %q of workshop %q does not exist"},
	{`SELECT p.workshop_id || '/' || p.customer_id, p.customer_id, p.workshop_id FROM worksheets p
		LEFT JOIN customers c ON c.workshop_id = p.workshop_id AND c.id = p.customer_id WHERE c.id IS NULL`,
		"worksheet %q: customer %q of workshop %q does not exist"},
	{`SELECT p.workshop_id || '/' || p.customer_id, p.customer_id, p.workshop_id FROM targets p
		LEFT JOIN customers c ON c.workshop_id = p.workshop_id AND c.id = p.customer_id WHERE c.id IS NULL`,
		"target %q: customer %q of workshop %q does not exist"},
	{`SELECT workshop_id || '/' || round_id || '/' || question_id || '/' || revote || '/' || participant_id, score::text
		FROM votes WHERE score NOT BETWEEN 0 AND 5`,
		"vote %q: invalid score %s"},
	{`SELECT workshop_id || '/' || id, number::text FROM rounds r WHERE number < 1
		OR EXISTS (SELECT 1 FROM rounds o WHERE o.workshop_id = r.workshop_id AND o.number = r.number AND o.id <> r.id)`,
		"round %q: number %s is invalid or used twice"},
}

// Check verifies the database with the consistency rules of the bbolt
// store: the schema version, every reference (customer to workshop,
// answer, action, silent round, stakeholder, worksheet and target to
// customer, round and participant to workshop, vote to round and
// participant), every score, answer source, action, silent round,
// stakeholder, worksheet and target valid, no two rounds of a workshop
// with one number. It
// returns the problems found; none means the database is sound.
func (db *DB) Check() (errs []error) {
	more := 0
	add := func(err error) {
		if len(errs) < maxProblems {
			errs = append(errs, err)
		} else {
			more++
		}
	}
	ctx, cancel := db.bulk()
	defer cancel()
	err := db.read(ctx, func(tx pgx.Tx) error {
		var version int
		if err := tx.QueryRow(ctx, "SELECT version FROM styrka_schema WHERE app = 'styrka'").Scan(&version); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				add(fmt.Errorf("%w: the styrka_schema table is empty", store.ErrDamaged))
			} else {
				return err
			}
		} else if version != SchemaVersion {
			add(fmt.Errorf("schema version %d, expected %d", version, SchemaVersion))
		}
		for _, o := range orphans {
			rows, err := tx.Query(ctx, o.sql)
			if err != nil {
				return err
			}
			n := len(rows.FieldDescriptions())
			for rows.Next() {
				vals := make([]string, n)
				ptrs := make([]any, n)
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				args := make([]any, n)
				for i, v := range vals {
					args[i] = v
				}
				add(fmt.Errorf(o.format, args...))
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		// The rules of the model, record by record.
		rows, err := tx.Query(ctx, "SELECT "+actionCols+" FROM actions")
		if err != nil {
			return err
		}
		for rows.Next() {
			var a model.Action
			var kind, status string
			if err := rows.Scan(&a.WorkshopID, &a.ID, &a.CustomerID, &kind, &a.Text, &a.Owner, &a.Due, &status, &a.Source, &a.Created, &a.Updated); err != nil {
				rows.Close()
				return err
			}
			a.Kind, a.Status = model.ActionKind(kind), model.ActionStatus(status)
			if err := a.Validate(); err != nil {
				add(fmt.Errorf("action %q: invalid %v", a.WorkshopID+"/"+a.ID, err))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := checkPlanning(ctx, tx, add); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, "SELECT "+silentCols+" FROM silent_rounds")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanSilentRound(rows)
			if err != nil {
				add(fmt.Errorf("silent round %q: %w", r.WorkshopID+"/"+r.ID, err))
				continue
			}
			if err := store.CheckSilentRound(&r, r.WorkshopID); err != nil {
				add(fmt.Errorf("silent round %q: %v", r.WorkshopID+"/"+r.ID, err))
			}
		}
		return rows.Err()
	})
	if err != nil {
		add(err)
	}
	if more > 0 {
		errs = append(errs, fmt.Errorf("and %d more problems", more))
	}
	return errs
}

// checkPlanning applies the model's rules to every answer's source and
// confirmation, stakeholder, worksheet and target.
func checkPlanning(ctx ctxT, tx pgx.Tx, add func(error)) error {
	rows, err := tx.Query(ctx, `SELECT workshop_id || '/' || customer_id || '/' || question_id, source, source_ref, confirmed_by
		FROM answers WHERE source <> '' OR source_ref <> '' OR confirmed_by <> ''`)
	if err != nil {
		return err
	}
	if err := eachRow(rows, func(r pgx.CollectableRow) error {
		var key, src string
		var a model.Answer
		if err := r.Scan(&key, &src, &a.SourceRef, &a.ConfirmedBy); err != nil {
			return err
		}
		a.Source = model.AnswerSource(src)
		if err := a.ValidateSource(); err != nil {
			add(fmt.Errorf("answer %q: invalid %v", key, err))
		}
		return nil
	}); err != nil {
		return err
	}
	checks := []struct {
		kind, sql string
		check     func(r pgx.CollectableRow) (key string, err error)
	}{
		{"stakeholder", "SELECT " + stakeholderCols + " FROM stakeholders", func(r pgx.CollectableRow) (string, error) {
			s, err := scanStakeholder(r)
			if err != nil {
				return "", err
			}
			return s.WorkshopID + "/" + s.CustomerID + "/" + s.ID, s.Validate()
		}},
		{"worksheet", "SELECT " + worksheetCols + " FROM worksheets", func(r pgx.CollectableRow) (string, error) {
			w, err := scanWorksheet(r)
			if err != nil {
				return "", err
			}
			return w.WorkshopID + "/" + w.CustomerID, w.Validate()
		}},
		{"target", "SELECT " + targetCols + " FROM targets", func(r pgx.CollectableRow) (string, error) {
			t, err := scanTarget(r)
			if err != nil {
				return "", err
			}
			return t.WorkshopID + "/" + t.CustomerID, t.Validate()
		}},
	}
	for _, c := range checks {
		rows, err := tx.Query(ctx, c.sql)
		if err != nil {
			return err
		}
		if err := eachRow(rows, func(r pgx.CollectableRow) error {
			key, invalid := c.check(r)
			if key == "" {
				return invalid // the row could not be read
			}
			if invalid != nil {
				add(fmt.Errorf("%s %q: invalid %v", c.kind, key, invalid))
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// eachRow calls fn for every row and closes rows.
func eachRow(rows pgx.Rows, fn func(r pgx.CollectableRow) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
