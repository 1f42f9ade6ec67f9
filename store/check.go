package store

import (
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
	defer func() {
		if len(errs) > 0 && !(len(errs) == 1 && errors.Is(errs[0], ErrClosed)) {
			db.suspect.Store(true)
			removeMarker(db.path)
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
			switch {
			case p.err != nil:
				add(p.err)
			case p.damage:
				add(fmt.Errorf("%w: %s", ErrDamaged, p.msg))
			default:
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
// broken reference or an invalid value. err is the *RecordError of a
// record that fails its checksum or does not decode.
type problem struct {
	msg    string
	damage bool
	err    error
}

// checkRecords checks every styrka record in tx.
func checkRecords(tx *bbolt.Tx, report func(problem)) {
	damage := func(format string, args ...any) { report(problem{msg: fmt.Sprintf(format, args...), damage: true}) }
	broken := func(format string, args ...any) { report(problem{msg: fmt.Sprintf(format, args...)}) }
	// bad reports a record that fails its checksum or does not decode.
	names := map[string]string{} // workshopID/customerID → name
	bad := func(err error) bool {
		if err == nil {
			return false
		}
		var re *RecordError
		if errors.As(err, &re) && re.CustomerName == "" && re.CustomerID != "" {
			re.CustomerName = cleanName(names[re.WorkshopID+sep+re.CustomerID])
		}
		report(problem{msg: err.Error(), damage: true, err: err})
		return true
	}

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
			case bad(decode("workshop", k, v, &w)):
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
				bad(recordError("customer", k, "invalid key"))
			case bad(decode("customer", k, v, &c)):
			case c.WorkshopID != parts[0] || c.ID != parts[1]:
				damage("customer %q has workshop %q and ID %q", k, c.WorkshopID, c.ID)
			default:
				customers[string(k)] = true
				names[string(k)] = c.Name
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
			var a model.Answer
			switch {
			case v == nil:
				damage("answers: unexpected bucket %q", k)
			case !ok:
				bad(recordError("answer", k, "invalid key"))
			case bad(decode("answer", k, v, &a)):
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

	checkActions(tx, customers, bad, damage, broken)
	checkRounds(tx, workshops, bad, damage, broken)
	checkTeam(tx, workshops, customers, bad, damage, broken)
}
