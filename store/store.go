// Package store persists styrka's workshops, customers and answers in a
// single bbolt file.
//
// Every write is its own transaction and is on disk (fsynced) when the
// method returns. Every record carries a CRC-32C (codec.go), verified
// whenever it is read. A file that is damaged, truncated or not a styrka
// database is refused with ErrDamaged or ErrNotStyrka and never written
// to: an existing file is first opened read-only and verified (in full
// when it changed since a styrka last closed it cleanly, see checked.go),
// and only then opened for writing. A second process on the same file
// gets a *LockedError within about a second instead of hanging.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// EnvDB is the environment variable that overrides the database path.
const EnvDB = "STYRKA_DB"

// lockTimeout is how long Open waits for the file lock.
const lockTimeout = time.Second

// Errors returned by the store. Errors are wrapped with details; test with
// errors.Is.
var (
	// ErrNotFound: the workshop, customer or answer does not exist.
	ErrNotFound = errors.New("not found")
	// ErrExists: an imported workshop already exists.
	ErrExists = errors.New("already exists")
	// ErrDamaged: the database file is damaged or truncated.
	ErrDamaged = errors.New("the database file is damaged")
	// ErrNotStyrka: the file is not a styrka database.
	ErrNotStyrka = errors.New("the file is not a styrka database")
	// ErrInvalid: an ID, reference or score given to the store is invalid.
	ErrInvalid = errors.New("invalid data")
	// ErrClosed: the database has been closed.
	ErrClosed = errors.New("the database is closed")
)

// LockedError is returned by Open when another process has the database
// open.
type LockedError struct {
	Path string
	// PID is the other process, 0 when unknown.
	PID int
	// Started is when the other process opened the database; zero when
	// unknown.
	Started time.Time
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("the database %s is in use by another process (another styrka?); close it and try again", e.Path)
	}
	return fmt.Sprintf("the database %s is open in another styrka (process %d, since %s); close it and try again",
		e.Path, e.PID, e.Started.Local().Format("2006-01-02 15:04:05"))
}

// SchemaError is returned by Open for a database written by a newer
// styrka.
type SchemaError struct {
	Found, Supported int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("the database has schema version %d, this styrka supports up to %d: upgrade styrka", e.Found, e.Supported)
}

// Options tune Open.
type Options struct {
	// Now is the clock for timestamps and backup names; nil means time.Now.
	Now func() time.Time
	// NoAutoBackup turns off the daily backup on open. The backup taken
	// before a schema migration is always made.
	NoAutoBackup bool
	// Existing opens only a database that is there: a missing or empty
	// file gives ErrNoDatabase and nothing is created.
	Existing bool
	// NoFolders creates a new database only in a folder that exists; a
	// missing folder gives ErrNoFolder instead of being made.
	NoFolders bool
	// ExpectedSize is how many bytes are about to be imported (the size
	// of the file read), 0 when unknown: bbolt's memory map starts large
	// enough for them.
	ExpectedSize int64
}

// DB is an open styrka database. It is safe for concurrent use.
type DB struct {
	bolt *bbolt.DB
	path string
	now  func() time.Time

	// warning is what went wrong without stopping Open (a daily backup
	// that could not be written).
	warning error

	// The clean-close marker (checked.go): trusted when the file matched
	// it at open; wrote once the first write of the session removed it;
	// suspect once damage was seen, so that Close does not bless the file.
	trusted  bool
	unmarked sync.Once
	wrote    atomic.Bool
	suspect  atomic.Bool

	mu     sync.Mutex
	closed bool
	// named is the timer that writes the lock side file (lock.go).
	named *time.Timer
}

// NewID returns a new unique ID (a version 7 UUID).
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// Open opens the database at path, creating it (and missing folders, with
// mode 0700) when the file is missing or empty, unless opts.Existing or
// opts.NoFolders forbid it. An existing file is
// verified read-only first and left untouched when it is damaged
// (ErrDamaged, a *RecordError when a record is), not a styrka database
// (ErrNotStyrka) or from a newer styrka (*SchemaError). Another process
// holding the database gives a *LockedError after about a second. A daily
// backup that cannot be written does not stop it: see Warning.
func Open(path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	path = abs
	now := opts.Now
	if now == nil {
		now = time.Now
	}

	fresh := false
	var size int64
	switch info, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
		fresh = true
		if err := prepareNew(path, opts); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	case info.IsDir():
		return nil, fmt.Errorf("open database %s: %w (it is a folder)", path, ErrNotStyrka)
	case info.Size() == 0:
		fresh = true
	default:
		size = info.Size()
	}

	var v verified
	if !fresh {
		if v, err = verify(path); err != nil {
			return nil, err
		}
		fresh = v.empty
	}
	if fresh && opts.Existing {
		return nil, fmt.Errorf("open database %s: %w", path, ErrNoDatabase)
	}

	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: lockTimeout, InitialMmapSize: mmapSize(size, opts.ExpectedSize)})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, lockedError(path)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{bolt: bdb, path: path, now: now, trusted: v.trusted}
	db.nameHolder()
	if err := db.setUp(fresh, opts); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// setUp initialises a new database, or migrates an existing one and takes
// the daily backup.
func (db *DB) setUp(fresh bool, opts Options) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(&err)

	if fresh {
		// The file was missing or empty a moment ago, but another process
		// may have created it since: only initialise a file without buckets.
		empty := true
		if err := db.bolt.View(func(tx *bbolt.Tx) error {
			return tx.ForEach(func([]byte, *bbolt.Bucket) error { empty = false; return nil })
		}); err != nil {
			return err
		}
		if empty {
			if err := db.bolt.Update(initialise); err != nil {
				return fmt.Errorf("initialise database: %w", err)
			}
			if err := db.bolt.Sync(); err != nil {
				return fmt.Errorf("initialise database: %w", err)
			}
			_ = os.Chmod(db.path, 0o600)
			return nil
		}
	}

	// Read the schema again under the write lock: the file may have changed
	// between the read-only verification and now.
	var version int
	var workshops bool
	if err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		if version, err = readSchema(tx); err != nil {
			return err
		}
		if b := tx.Bucket(bucketWorkshops); b != nil {
			k, _ := b.Cursor().First()
			workshops = k != nil
		}
		return nil
	}); err != nil {
		return err
	}
	switch {
	case version > SchemaVersion:
		return &SchemaError{Found: version, Supported: SchemaVersion}
	case version < SchemaVersion:
		return db.migrate(version)
	}
	if !opts.NoAutoBackup && workshops {
		// A backup that cannot be written must not keep anyone from their
		// work (nor from `check`, or a backup to another disk): it is a
		// warning.
		if err := db.dailyBackup(); err != nil {
			db.warning = newBackupError(db.BackupDir(), err)
		}
	}
	return nil
}

// Warning is a problem Open found that did not stop it, or nil: a
// *BackupError when the daily backup could not be written.
func (db *DB) Warning() error { return db.warning }

// Close closes the database and releases the lock. Closing twice is fine.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	// Mark the file as checked while still holding the lock (no one else
	// writes it now), unless it was seen damaged.
	switch {
	case db.suspect.Load():
		removeMarker(db.path)
	case db.wrote.Load() || !db.trusted:
		writeMarker(db.path)
	}
	// Remove the side file while still holding the lock, so that a process
	// that takes the lock next never loses its own (one left by a styrka
	// that was killed goes too). A timer that has not written it yet never
	// will: it finds the database closed.
	db.named.Stop()
	removeLockInfo(db.path)
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Path is the database file's absolute path.
func (db *DB) Path() string { return db.path }

// BackupDir is the folder of the automatic backups: "backups" next to the
// database file.
func (db *DB) BackupDir() string { return filepath.Join(filepath.Dir(db.path), "backups") }

// view runs fn in a read transaction; a panic or memory fault (bbolt on a
// corrupted page) becomes ErrDamaged.
func (db *DB) view(fn func(tx *bbolt.Tx) error) (err error) {
	defer db.noteDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(&err)
	return closedErr(db.bolt.View(fn))
}

// update runs fn in a write transaction, like view. The first write of a
// session removes the clean-close marker: from now on only Close can say
// the file is sound.
func (db *DB) update(fn func(tx *bbolt.Tx) error) (err error) {
	defer db.noteDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(&err)
	db.unmarked.Do(func() {
		removeMarker(db.path)
		db.wrote.Store(true)
	})
	return closedErr(db.bolt.Update(fn))
}

// noteDamage remembers that the file was seen damaged.
func (db *DB) noteDamage(err *error) {
	if *err != nil && errors.Is(*err, ErrDamaged) {
		db.suspect.Store(true)
		removeMarker(db.path)
	}
}

// mmapSize is bbolt's initial memory map for a database of size bytes
// about to receive an input of n bytes: with it, one big import
// transaction does not remap the file again and again as it grows (each
// remap copies every page the transaction holds; bbolt rounds the map up
// to a power of two). The records take about as much room as a JSON
// export of them, up to twice a CSV file. bbolt grows the file to the map
// while it is at most 16 MiB, and on Windows always, so the map is sized
// from the input, not generously, and capped at 1 GiB. 0 (an input under
// 1 MiB, whose remaps cost little) leaves bbolt's default.
func mmapSize(size, n int64) int {
	if n < 1<<20 {
		return 0
	}
	return int(min(size+n, 1<<30))
}

func closedErr(err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

// recoverDamage turns a panic into ErrDamaged. With SetPanicOnFault, a
// memory fault reading the mapped file (a page past its end, say) is such a
// panic too.
func recoverDamage(err *error) {
	if r := recover(); r != nil {
		if _, fault := r.(interface{ Addr() uintptr }); fault {
			*err = fmt.Errorf("%w: the file could not be read (truncated or changed by another program?): %v", ErrDamaged, r)
			return
		}
		*err = fmt.Errorf("%w: %v", ErrDamaged, r)
	}
}
