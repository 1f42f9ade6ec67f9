package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// maxProblems caps the problems Check reports.
const maxProblems = 100

// Check verifies the database: bbolt's own consistency check of the file
// (pages, freelist, key order) and styrka's (every record decodes and
// matches its key, every customer's workshop, every answer's and every
// action's customer and every round's workshop exists, every score and
// action is valid). It returns the problems found; none means
// the database is sound.
func (db *DB) Check() (errs []error) {
	more := 0
	add := func(err error) {
		if len(errs) < maxProblems {
			errs = append(errs, err)
		} else {
			more++
		}
	}
	defer func() {
		if more > 0 {
			errs = append(errs, fmt.Errorf("and %d more problems", more))
		}
	}()
	err := db.view(func(tx *bbolt.Tx) error {
		// Touch every page here first, where a fault is recovered: bbolt's
		// check runs in a goroutine of its own, where it would not be.
		keys := 0
		if err := walk(tx.Cursor(), 0, &keys); err != nil {
			return err
		}
		for err := range tx.Check() {
			add(fmt.Errorf("%w: %v", ErrDamaged, err))
		}
		switch v, err := readSchema(tx); {
		case err != nil:
			add(err)
		case v != SchemaVersion:
			add(fmt.Errorf("schema version %d, expected %d", v, SchemaVersion))
		}
		checkRecords(tx, func(p problem) {
			if p.damage {
				add(fmt.Errorf("%w: %s", ErrDamaged, p.msg))
			} else {
				add(errors.New(p.msg))
			}
		})
		return nil
	})
	if err != nil {
		add(err)
	}
	return errs
}

// problem is one finding of checkRecords. damage: a record that does not
// decode or does not match its key (the file is damaged); otherwise a
// broken reference or an invalid value.
type problem struct {
	msg    string
	damage bool
}

// checkRecords checks every styrka record in tx.
func checkRecords(tx *bbolt.Tx, report func(problem)) {
	damage := func(format string, args ...any) { report(problem{fmt.Sprintf(format, args...), true}) }
	broken := func(format string, args ...any) { report(problem{fmt.Sprintf(format, args...), false}) }

	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			damage("bucket %q is missing", name)
		}
	}

	workshops := map[string]bool{}
	if b := tx.Bucket(bucketWorkshops); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			var w model.Workshop
			switch {
			case v == nil:
				damage("workshops: unexpected bucket %q", k)
			case json.Unmarshal(v, &w) != nil:
				damage("workshop %q does not decode", k)
			case w.ID != string(k):
				damage("workshop %q has ID %q", k, w.ID)
			default:
				workshops[w.ID] = true
			}
			return nil
		})
	}

	customers := map[string]bool{}
	if b := tx.Bucket(bucketCustomers); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			parts := strings.Split(string(k), "/")
			var c model.Customer
			switch {
			case v == nil:
				damage("customers: unexpected bucket %q", k)
			case len(parts) != 2:
				damage("customers: invalid key %q", k)
			case json.Unmarshal(v, &c) != nil:
				damage("customer %q does not decode", k)
			case c.WorkshopID != parts[0] || c.ID != parts[1]:
				damage("customer %q has workshop %q and ID %q", k, c.WorkshopID, c.ID)
			default:
				customers[string(k)] = true
				if !workshops[c.WorkshopID] {
					broken("customer %q: workshop %q does not exist", c.ID, c.WorkshopID)
				}
			}
			return nil
		})
	}

	if b := tx.Bucket(bucketAnswers); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			wid, cid, _, ok := splitAnswerKey(k)
			var a answerRecord
			switch {
			case v == nil:
				damage("answers: unexpected bucket %q", k)
			case !ok:
				damage("answers: invalid key %q", k)
			case json.Unmarshal(v, &a) != nil:
				damage("answer %q does not decode", k)
			default:
				if !customers[string(wid)+sep+string(cid)] {
					broken("answer %q: customer %q of workshop %q does not exist", k, cid, wid)
				}
				if !a.Score.Valid() {
					broken("answer %q: invalid score %d", k, a.Score)
				}
			}
			return nil
		})
	}

	checkActions(tx, customers, damage, broken)
	checkRounds(tx, workshops, damage, broken)
	checkTeam(tx, workshops, customers, damage, broken)
}
