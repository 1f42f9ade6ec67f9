package store

import (
	"bytes"
	"fmt"
	"strconv"

	"go.etcd.io/bbolt"

	"styrka/model"
)

// SchemaVersion is the version of the database layout this styrka writes.
// It is recorded in the meta bucket. Version 4 stores every record in the
// checksummed envelope of codec.go; before it, records were plain JSON.
// Version 5 adds the buckets of account planning (stakeholders,
// worksheets, targets); an answer's source and confirmation are binary
// fields that a version 4 answer simply lacks.
const SchemaVersion = 5

// sealedSince is the first schema whose records are sealed (codec.go);
// older files hold plain JSON.
const sealedSince = 4

var (
	bucketMeta      = []byte("meta")
	bucketWorkshops = []byte("workshops")
	bucketCustomers = []byte("customers")
	bucketAnswers   = []byte("answers")
	bucketActions   = []byte("actions") // since schema 2
	bucketRounds    = []byte("rounds")  // since schema 2
	// Team scoring, since schema 3.
	bucketParticipants = []byte("participants")
	bucketSilentRounds = []byte("silent_rounds")
	bucketVotes        = []byte("votes")
	// Account planning, since schema 5.
	bucketStakeholders = []byte("stakeholders")
	bucketWorksheets   = []byte("worksheets")
	bucketTargets      = []byte("targets")

	// allBuckets are the buckets of the current schema.
	allBuckets = [][]byte{bucketMeta, bucketWorkshops, bucketCustomers, bucketAnswers, bucketActions, bucketRounds,
		bucketParticipants, bucketSilentRounds, bucketVotes, bucketStakeholders, bucketWorksheets, bucketTargets}

	keyApp    = []byte("app")
	keySchema = []byte("schema")
)

// appName in meta/app marks a styrka database.
const appName = "styrka"

// migrations[v] upgrades a database from schema version v to v+1, inside
// the transaction that records the new version. Open takes a backup before
// running them.
var migrations = map[int]func(tx *bbolt.Tx) error{
	1: addActionsAndRounds,
	2: addTeam,
	3: sealRecords,
	4: addAccountPlanning,
}

// addAccountPlanning is the migration from schema 4 to 5: the buckets of
// the buying centres, the negotiation worksheets and the targets.
func addAccountPlanning(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketStakeholders, bucketWorksheets, bucketTargets} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// addActionsAndRounds is the migration from schema 1 to 2: the buckets of
// the action plans and the closed rounds.
func addActionsAndRounds(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketActions, bucketRounds} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// addTeam is the migration from schema 2 to 3: the buckets of team
// scoring.
func addTeam(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketParticipants, bucketSilentRounds, bucketVotes} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// sealRecords is the migration from schema 3 to 4: every JSON record is
// rewritten in the checksummed envelope (binary for workshops, customers
// and answers). A record that does not decode stops the migration: the
// file is damaged, and stays as it was.
func sealRecords(tx *bbolt.Tx) error {
	steps := []struct {
		name []byte
		fn   func(tx *bbolt.Tx, name []byte) error
	}{
		{bucketWorkshops, reseal[model.Workshop]("workshop")},
		{bucketCustomers, reseal[model.Customer]("customer")},
		{bucketAnswers, reseal[model.Answer]("answer")},
		{bucketActions, reseal[model.Action]("action")},
		{bucketRounds, reseal[model.Round]("round")},
		{bucketParticipants, reseal[model.Participant]("participant")},
		{bucketSilentRounds, reseal[model.SilentRound]("silent round")},
		{bucketVotes, reseal[model.Vote]("vote")},
	}
	for _, s := range steps {
		if err := s.fn(tx, s.name); err != nil {
			return err
		}
	}
	return nil
}

// reseal rewrites the JSON records of one bucket as T.
func reseal[T any](kind string) func(tx *bbolt.Tx, name []byte) error {
	return func(tx *bbolt.Tx, name []byte) error {
		b := tx.Bucket(name)
		if b == nil {
			return nil // initialise creates it
		}
		var recs []kv
		err := b.ForEach(func(k, v []byte) error {
			if v == nil {
				return recordError(kind, k, "a bucket where a record belongs")
			}
			var x T
			if err := decodeLegacy(v, &x); err != nil {
				return recordError(kind, k, fmt.Sprintf("does not decode: %v", err))
			}
			if err := legacyKeyMatches(k, &x); err != nil {
				return recordError(kind, k, err.Error())
			}
			sealed, err := encode(k, x)
			if err != nil {
				return recordError(kind, k, err.Error())
			}
			recs = append(recs, kv{bytes.Clone(k), sealed})
			return nil
		})
		if err != nil {
			return err
		}
		// Put after the walk: a bucket must not change under its cursor.
		b.FillPercent = 1 // every key is rewritten in order
		for _, r := range recs {
			if err := b.Put(r.k, r.v); err != nil {
				return err
			}
		}
		return nil
	}
}

// legacyKeyMatches checks that a JSON workshop or customer is stored
// under its own IDs: the binary format keeps those only in the key.
func legacyKeyMatches(k []byte, x any) error {
	switch r := x.(type) {
	case *model.Workshop:
		if r.ID != string(k) {
			return fmt.Errorf("has ID %q", r.ID)
		}
	case *model.Customer:
		if r.WorkshopID+sep+r.ID != string(k) {
			return fmt.Errorf("has workshop %q and ID %q", r.WorkshopID, r.ID)
		}
	}
	return nil
}

// initialise creates every bucket and records the schema version.
func initialise(tx *bbolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if err := meta.Put(keyApp, []byte(appName)); err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}

// readSchema checks that tx is a styrka database and returns its schema
// version.
func readSchema(tx *bbolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, fmt.Errorf("%w: %s (no styrka meta bucket)", ErrNotStyrka, tx.DB().Path())
	}
	if app := meta.Get(keyApp); string(app) != appName {
		return 0, fmt.Errorf("%w: %s (meta bucket of another application)", ErrNotStyrka, tx.DB().Path())
	}
	raw := meta.Get(keySchema)
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%w: %s: invalid schema version %q", ErrDamaged, tx.DB().Path(), raw)
	}
	return v, nil
}

// migrate backs the database up, then upgrades it from schema version
// from to SchemaVersion in one transaction.
func (db *DB) migrate(from int) error {
	if err := db.autoBackup(); err != nil {
		return fmt.Errorf("backup before upgrading the database: %w", newBackupError(db.BackupDir(), err))
	}
	return db.update(func(tx *bbolt.Tx) error {
		for v := from; v < SchemaVersion; v++ {
			m := migrations[v]
			if m == nil {
				return fmt.Errorf("upgrade database: no migration from schema version %d", v)
			}
			if err := m(tx); err != nil {
				return fmt.Errorf("upgrade database from schema version %d: %w", v, err)
			}
		}
		if err := initialise(tx); err != nil {
			return fmt.Errorf("upgrade database: %w", err)
		}
		var bad error
		checkRecords(tx, false, false, func(p problem) {
			if p.damage && bad == nil {
				bad = fmt.Errorf("upgrade database from schema version %d: %s", from, p.msg)
			}
		})
		return bad
	})
}
