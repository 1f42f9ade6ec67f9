package store

import (
	"fmt"
	"strconv"

	"go.etcd.io/bbolt"
)

// SchemaVersion is the version of the database layout this styrka writes.
// It is recorded in the meta bucket.
const SchemaVersion = 3

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

	// allBuckets are the buckets of the current schema.
	allBuckets = [][]byte{bucketMeta, bucketWorkshops, bucketCustomers, bucketAnswers, bucketActions, bucketRounds,
		bucketParticipants, bucketSilentRounds, bucketVotes}

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
		return fmt.Errorf("backup before upgrading the database: %w", err)
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
		checkRecords(tx, func(p problem) {
			if p.damage && bad == nil {
				bad = fmt.Errorf("upgrade database from schema version %d: %s", from, p.msg)
			}
		})
		return bad
	})
}
