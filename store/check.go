package store

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

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
		checkTx(tx, false, add)
		return nil
	})
	if err != nil {
		add(err)
	}
	return errs
}

// CheckFile checks the database file at path as Check does, read-only
// and without opening it for writing: `styrka check` uses it to list every
// problem of a file that Open refuses as damaged. It never writes. A file
// of an older schema is checked as it is (Open would upgrade it); one
// that is not a styrka database, or from a newer styrka, or that another
// process holds, is the error Open would give.
func CheckFile(path string) (errs []error, err error) {
	if err := preflight(path); err != nil {
		return nil, err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(&err)
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: lockTimeout, PreLoadFreelist: true})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, lockedError(path)
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
	}
	defer func() { _ = bdb.Close() }()
	more := 0
	add := func(err error) {
		if len(errs) < maxProblems {
			errs = append(errs, err)
		} else {
			more++
		}
	}
	err = bdb.View(func(tx *bbolt.Tx) error {
		if v, err := readSchema(tx); err == nil && v > SchemaVersion {
			return &SchemaError{Found: v, Supported: SchemaVersion}
		}
		checkTx(tx, true, add)
		return nil
	})
	if more > 0 {
		errs = append(errs, fmt.Errorf("and %d more problems", more))
	}
	return errs, err
}

// checkTx is the work of Check in a read transaction: bbolt's check of
// the pages, the schema, every record. olderOK: a file of an older schema
// (JSON records) is checked as such, not reported.
func checkTx(tx *bbolt.Tx, olderOK bool, add func(error)) {
	// Touch every page here first, where a fault is recovered: bbolt's
	// check runs in a goroutine of its own, where it would not be.
	keys := 0
	if err := walk(tx.Cursor(), 0, &keys); err != nil {
		add(err)
		return
	}
	for err := range tx.Check() {
		add(fmt.Errorf("%w: %v", ErrDamaged, err))
	}
	v, err := readSchema(tx)
	switch {
	case err != nil:
		add(err)
	case v < SchemaVersion && olderOK:
	case v != SchemaVersion:
		add(fmt.Errorf("schema version %d, expected %d", v, SchemaVersion))
	}
	checkRecords(tx, err == nil && v < sealedSince, err == nil && v < SchemaVersion, func(p problem) {
		switch {
		case p.err != nil:
			add(p.err)
		case p.damage:
			add(fmt.Errorf("%w: %s", ErrDamaged, p.msg))
		default:
			add(errors.New(p.msg))
		}
	})
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

// checkRecords checks every styrka record in tx; legacy: the file is of
// a schema before 4, with plain JSON records; older: of a schema before
// this one, which may lack the newer buckets.
func checkRecords(tx *bbolt.Tx, legacy, older bool, report func(problem)) {
	damage := func(format string, args ...any) { report(problem{msg: fmt.Sprintf(format, args...), damage: true}) }
	broken := func(format string, args ...any) { report(problem{msg: fmt.Sprintf(format, args...)}) }
	names := map[string]string{} // workshopID/customerID → name
	// record reports a record that fails its checksum or does not decode.
	record := func(err error) {
		var re *RecordError
		if errors.As(err, &re) && re.CustomerName == "" && re.CustomerID != "" {
			re.CustomerName = cleanName(names[re.WorkshopID+sep+re.CustomerID])
		}
		report(problem{msg: err.Error(), damage: true, err: err})
	}
	// bad decodes a record into dst, or reports it and returns true.
	bad := func(kind string, k, v []byte, dst any) bool {
		var err error
		if legacy {
			if e := decodeLegacy(v, dst); e != nil {
				err = recordError(kind, k, fmt.Sprintf("does not decode: %v", e))
			}
		} else {
			err = decode(kind, k, v, dst)
		}
		if err != nil {
			record(err)
		}
		return err != nil
	}

	for _, name := range allBuckets {
		if tx.Bucket(name) == nil && !legacy && !older { // older schemas have fewer
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
			case bad("workshop", k, v, &w):
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
				record(recordError("customer", k, "invalid key"))
			case bad("customer", k, v, &c):
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
				record(recordError("answer", k, "invalid key"))
			case bad("answer", k, v, &a):
			default:
				if !customers[string(wid)+sep+string(cid)] {
					broken("answer %q: customer %q of workshop %q does not exist", k, cid, wid)
				}
				if !a.Score.Valid() {
					broken("answer %q: invalid score %d", k, a.Score)
				}
				if err := a.ValidateSource(); err != nil {
					broken("answer %q: invalid %v", k, err)
				}
			}
			return nil
		})
	}

	checkActions(tx, customers, bad, damage, broken)
	checkRounds(tx, workshops, bad, damage, broken)
	checkTeam(tx, workshops, customers, bad, damage, broken)
	checkPlanning(tx, customers, bad, damage, broken)
}
