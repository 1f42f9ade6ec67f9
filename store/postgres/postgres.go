// Package postgres is styrka's store on PostgreSQL, for an organisation
// whose facilitators share one set of workshops: it implements
// store.Store with the semantics of the bbolt store (the same orderings,
// timestamps, validation and sentinel errors; storetest.Run checks both),
// with readable tables a BI tool can query, and store.Watcher: every
// write notifies the other processes on the database (LISTEN/NOTIFY).
//
// Every write is one transaction, committed when the method returns.
// There is no whole-database lock: several processes work at once, and
// the latest write of a record wins. Timestamps are kept to the
// microsecond, PostgreSQL's resolution (bbolt keeps nanoseconds), and in
// UTC.
package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"styrka/store"
)

// Errors of connecting and of a lost connection. Each comes as an *Error
// that names the server (never the password); test with errors.Is.
var (
	// ErrBadURL: the URL cannot be parsed.
	ErrBadURL = errors.New("the PostgreSQL URL is invalid")
	// ErrUnreachable: no server answered at the address within the
	// connect timeout (it is down, or the host or port is wrong).
	ErrUnreachable = errors.New("the PostgreSQL server cannot be reached")
	// ErrAuth: the server refused the user name or password.
	ErrAuth = errors.New("the PostgreSQL server refused the user name or password")
	// ErrUnknownDatabase: the server has no database of that name.
	ErrUnknownDatabase = errors.New("the PostgreSQL database does not exist")
	// ErrConnLost: the connection broke, or the server did not answer in
	// time, during an operation. A write that gives it may or may not have
	// been committed; one that returned nil is.
	ErrConnLost = errors.New("the connection to the PostgreSQL server was lost")
)

// Error is a connection problem: Kind is one of the errors above, Server
// the database as Location names it.
type Error struct {
	Kind   error
	Server string
	Err    error // the cause, for logs; not in the message
}

func (e *Error) Error() string { return fmt.Sprintf("%v (%s)", e.Kind, e.Server) }

// Unwrap gives the kind and the cause.
func (e *Error) Unwrap() []error { return []error{e.Kind, e.Err} }

// DefaultConnectTimeout is how long Open waits for the server when the URL
// sets no connect_timeout.
const DefaultConnectTimeout = 5 * time.Second

// DefaultTimeout bounds one operation, so that a server that stops
// answering gives ErrConnLost instead of a hang; bulk operations (Import,
// Backup, Check) get twenty times as long.
const DefaultTimeout = 15 * time.Second

// channel is the LISTEN/NOTIFY channel of every change.
const channel = "styrka_changes"

// Options tune Open.
type Options struct {
	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
	// Existing refuses a database without the styrka schema
	// (store.ErrNoDatabase) instead of creating the schema.
	Existing bool
	// ConnectTimeout overrides the URL's connect_timeout and the default.
	ConnectTimeout time.Duration
	// Timeout bounds one operation; 0 means DefaultTimeout.
	Timeout time.Duration
}

// DB is an open styrka database on PostgreSQL. It is safe for concurrent
// use, and by several processes at once.
type DB struct {
	pool     *pgxpool.Pool
	conn     *pgx.ConnConfig // for the listening connections of Watch
	now      func() time.Time
	location string
	timeout  time.Duration
	// origin names this DB in notifications, so that Watch leaves out
	// its own writes.
	origin string

	life   context.Context // cancelled by Close: ends the watchers
	cancel context.CancelFunc
	closed atomic.Bool
	mu     sync.Mutex
}

// Open connects to the database at url (postgres://USER[:PASSWORD]@HOST:PORT/DB?...)
// and makes sure it holds styrka's schema: an empty database gets it, an
// older one is migrated. A server that does not answer within the connect
// timeout is ErrUnreachable, a refused login ErrAuth, a missing database
// ErrUnknownDatabase (each an *Error); a database with other tables but
// no styrka schema is store.ErrNotStyrka, one with a newer schema a
// *store.SchemaError.
func Open(url string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &Error{Kind: ErrBadURL, Server: redact(url), Err: errors.New(cleanParseError(err))}
	}
	cc := cfg.ConnConfig
	if opts.ConnectTimeout > 0 {
		cc.ConnectTimeout = opts.ConnectTimeout
	} else if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = DefaultConnectTimeout
	}
	if cc.RuntimeParams == nil {
		cc.RuntimeParams = map[string]string{}
	}
	cc.RuntimeParams["application_name"] = "styrka"
	cc.RuntimeParams["timezone"] = "UTC"
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	db := &DB{conn: cc.Copy(), now: now, location: location(cc), timeout: timeout, origin: store.NewID()}

	ctx, cancel := context.WithTimeout(context.Background(), cc.ConnectTimeout+timeout)
	defer cancel()
	// One connection first, for a clear error and the schema; the pool
	// connects lazily after it.
	conn, err := connect(ctx, cc)
	if err != nil {
		return nil, db.connectError(err)
	}
	err = setUp(ctx, conn, opts.Existing)
	_ = conn.Close(context.Background())
	if err != nil {
		var se *store.SchemaError
		if errors.As(err, &se) || errors.Is(err, store.ErrNotStyrka) || errors.Is(err, store.ErrNoDatabase) || errors.Is(err, store.ErrDamaged) {
			return nil, fmt.Errorf("open %s: %w", db.location, err)
		}
		return nil, fmt.Errorf("open %s: %w", db.location, db.fail(err))
	}
	if db.pool, err = pgxpool.NewWithConfig(context.Background(), cfg); err != nil {
		return nil, db.connectError(err)
	}
	db.life, db.cancel = context.WithCancel(context.Background())
	return db, nil
}

// connect opens one connection, bounded by the config's connect timeout.
func connect(ctx context.Context, cc *pgx.ConnConfig) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, cc.ConnectTimeout)
	defer cancel()
	return pgx.ConnectConfig(ctx, cc)
}

// SafeURL is url as it is safe to show: the database it names without
// its password (as Location names an open DB), or, when it does not
// parse, url with the password blotted out.
func SafeURL(url string) string {
	cc, err := pgx.ParseConfig(url)
	if err != nil {
		return redact(url)
	}
	return location(cc)
}

// location names the database without its password.
func location(cc *pgx.ConnConfig) string {
	host := cc.Host
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "/") {
		host = "[" + host + "]"
	}
	if strings.HasPrefix(cc.Host, "/") {
		return fmt.Sprintf("postgres://%s@/%s?host=%s", cc.User, cc.Database, cc.Host)
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cc.User, host, cc.Port, cc.Database)
}

// redact takes a password out of a URL that did not parse.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return url
	}
	cred := url[scheme+3 : at]
	if i := strings.Index(cred, ":"); i >= 0 {
		cred = cred[:i] + ":xxxxx"
	}
	return url[:scheme+3] + cred + url[at:]
}

// cleanParseError keeps pgx's reason for a bad URL without the URL
// itself, which may hold a password.
func cleanParseError(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// connectError classifies a failure to connect.
func (db *DB) connectError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return &Error{Kind: ErrAuth, Server: db.location, Err: err}
		case "3D000":
			return &Error{Kind: ErrUnknownDatabase, Server: db.location, Err: err}
		case "57P03", "53300":
			return &Error{Kind: ErrUnreachable, Server: db.location, Err: err}
		}
		return fmt.Errorf("open %s: PostgreSQL: %s (%s)", db.location, pe.Message, pe.Code)
	}
	return &Error{Kind: ErrUnreachable, Server: db.location, Err: err}
}

// fail turns an error of an operation into the contract's: the store's
// sentinels pass as they are, a constraint the data breaks becomes the
// sentinel it means, a broken connection ErrConnLost.
func (db *DB) fail(err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{store.ErrNotFound, store.ErrExists, store.ErrInvalid, store.ErrNotOpen, store.ErrClosed, store.ErrDamaged, store.ErrNotStyrka} {
		if errors.Is(err, s) {
			return err
		}
	}
	if db.closed.Load() {
		return store.ErrClosed
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23503": // foreign_key_violation: a record referred to is gone
			return fmt.Errorf("%w: %s", store.ErrNotFound, pe.Detail)
		case "23505": // unique_violation
			return fmt.Errorf("%w: %s", store.ErrExists, pe.Detail)
		case "23514", "22P02", "22021", "22003": // check, text, encoding, range
			return fmt.Errorf("%w: %s", store.ErrInvalid, pe.Message)
		case "57P01", "57P02", "57P03", "08000", "08003", "08006":
			return &Error{Kind: ErrConnLost, Server: db.location, Err: err}
		}
		return fmt.Errorf("PostgreSQL: %s (%s)", pe.Message, pe.Code)
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) ||
		errors.As(err, &ne) || pgconn.Timeout(err) || pgconn.SafeToRetry(err) {
		return &Error{Kind: ErrConnLost, Server: db.location, Err: err}
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return db.connectError(err)
	}
	if strings.Contains(err.Error(), "closed pool") {
		return store.ErrClosed
	}
	return &Error{Kind: ErrConnLost, Server: db.location, Err: err}
}

// Location is the database's URL without the password.
func (db *DB) Location() string { return db.location }

// Warning is always nil: PostgreSQL takes its own backups.
func (db *DB) Warning() error { return nil }

// Close closes the connections and ends the watchers. Closing twice is
// fine.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed.Swap(true) {
		return nil
	}
	db.cancel()
	db.pool.Close()
	return nil
}

// stamp is the store's clock for Created, Updated and At, at the
// database's resolution.
func (db *DB) stamp() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// op is the context of one operation.
func (db *DB) op() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), db.timeout)
}

// bulk is the context of an import, a backup or a check.
func (db *DB) bulk() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 20*db.timeout)
}

// read runs fn in a read-only transaction that sees one snapshot.
func (db *DB) read(ctx context.Context, fn func(tx pgx.Tx) error) error {
	if db.closed.Load() {
		return store.ErrClosed
	}
	return db.fail(pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn))
}

// write runs fn in a transaction that notifies the other processes of a
// change in workshop wid when it commits.
func (db *DB) write(ctx context.Context, wid, kind, key string, fn func(tx pgx.Tx) error) error {
	return db.writeBy(ctx, wid, kind, key, "", fn)
}

// writeBy is write with a notification that names who wrote the record
// ("" for nobody named).
func (db *DB) writeBy(ctx context.Context, wid, kind, key, by string, fn func(tx pgx.Tx) error) error {
	if db.closed.Load() {
		return store.ErrClosed
	}
	for attempt := 1; ; attempt++ {
		err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", channel, db.payloadBy(wid, kind, key, by))
			return err
		})
		// Two writers that lock the same rows in opposite orders (a vote
		// and a participant's delete, say): the server cancels one, and
		// it runs again, as nothing of it was committed.
		var pe *pgconn.PgError
		if attempt < 4 && errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001") {
			continue
		}
		return db.fail(err)
	}
}

// note is the payload of a notification.
type note struct {
	Workshop string `json:"w"`
	Kind     string `json:"k,omitempty"`
	Key      string `json:"r,omitempty"`
	By       string `json:"b,omitempty"`
	Origin   string `json:"o"`
}

// payloadBy is a notification that names who wrote the record. A payload
// must stay under 8000 bytes: the author is cut short.
func (db *DB) payloadBy(wid, kind, key, by string) string {
	if len(by) > 200 {
		by = strings.ToValidUTF8(by[:200], "")
	}
	b, _ := json.Marshal(note{Workshop: wid, Kind: kind, Key: key, By: by, Origin: db.origin})
	return string(b)
}

var _ store.Store = (*DB)(nil)
var _ store.Watcher = (*DB)(nil)

type ctxT = context.Context

type timeT = time.Time
