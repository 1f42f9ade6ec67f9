package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"styrka/store"
)

// SchemaVersion is the version of the table layout this styrka writes,
// recorded in styrka_schema. It counts on its own, as bbolt's
// store.SchemaVersion does for the file layout.
const SchemaVersion = 2

// lockKey is the advisory lock that serialises creating and migrating the
// schema between processes that open the database at once.
const lockKey = 0x5354_594B // "STYK"

// schemaV1 is the first layout: one table per record, readable columns
// (names, scores and classes as text) for BI tools, JSON only for the
// free-form maps. Deletes cascade as bbolt's do: a workshop takes
// everything with it, a customer its answers, actions, silent rounds and
// their votes (not the closed rounds' snapshots), a participant their
// votes.
const schemaV1 = `
CREATE TABLE styrka_schema (
	app text PRIMARY KEY CHECK (app = 'styrka'),
	version integer NOT NULL
);

CREATE TABLE workshops (
	id text PRIMARY KEY,
	name text NOT NULL,
	date text NOT NULL,
	our_company text NOT NULL,
	horizon_months integer NOT NULL,
	cutoff_impact double precision NOT NULL,
	cutoff_risk double precision NOT NULL,
	cutoff_value double precision NOT NULL,
	cutoff_attractiveness double precision NOT NULL,
	band double precision,
	currency text NOT NULL,
	rates jsonb,
	created timestamptz NOT NULL,
	updated timestamptz NOT NULL
);

CREATE TABLE customers (
	workshop_id text NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
	id text NOT NULL,
	name text NOT NULL,
	offering text NOT NULL,
	revenue double precision,
	currency text NOT NULL,
	notes text NOT NULL,
	tags text[],
	created timestamptz NOT NULL,
	updated timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, id)
);

CREATE TABLE answers (
	workshop_id text NOT NULL,
	customer_id text NOT NULL,
	question_id text NOT NULL,
	score smallint NOT NULL CHECK (score BETWEEN 0 AND 5),
	note text NOT NULL,
	author text NOT NULL,
	at timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, customer_id, question_id),
	FOREIGN KEY (workshop_id, customer_id) REFERENCES customers (workshop_id, id) ON DELETE CASCADE
);

CREATE TABLE actions (
	workshop_id text NOT NULL,
	id text NOT NULL,
	customer_id text NOT NULL,
	kind text NOT NULL,
	text text NOT NULL,
	owner text NOT NULL,
	due text NOT NULL,
	status text NOT NULL,
	source text NOT NULL,
	created timestamptz NOT NULL,
	updated timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, id),
	FOREIGN KEY (workshop_id, customer_id) REFERENCES customers (workshop_id, id) ON DELETE CASCADE
);
CREATE INDEX actions_customer ON actions (workshop_id, customer_id);

CREATE TABLE rounds (
	workshop_id text NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
	id text NOT NULL,
	number integer NOT NULL,
	name text NOT NULL,
	closed_at timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, id),
	UNIQUE (workshop_id, number)
);

-- A round's snapshot of its customers: no reference to customers, since
-- a round keeps what it saw of a customer deleted since.
CREATE TABLE round_entries (
	workshop_id text NOT NULL,
	round_id text NOT NULL,
	position integer NOT NULL,
	customer_id text NOT NULL,
	name text NOT NULL,
	kraljic text NOT NULL,
	preferencing text NOT NULL,
	regime text NOT NULL,
	priority integer NOT NULL,
	scores jsonb,
	answers jsonb,
	PRIMARY KEY (workshop_id, round_id, position),
	FOREIGN KEY (workshop_id, round_id) REFERENCES rounds (workshop_id, id) ON DELETE CASCADE
);

CREATE TABLE participants (
	workshop_id text NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
	id text NOT NULL,
	name text NOT NULL,
	role text NOT NULL,
	identity text NOT NULL,
	created timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, id)
);

CREATE TABLE silent_rounds (
	workshop_id text NOT NULL,
	id text NOT NULL,
	customer_id text NOT NULL,
	questions text[],
	participants text[],
	opened timestamptz NOT NULL,
	timebox_seconds integer NOT NULL,
	state text NOT NULL,
	revealed timestamptz,
	closed timestamptz,
	revotes jsonb,
	shown jsonb,
	agreed jsonb,
	PRIMARY KEY (workshop_id, id),
	FOREIGN KEY (workshop_id, customer_id) REFERENCES customers (workshop_id, id) ON DELETE CASCADE
);
CREATE INDEX silent_rounds_customer ON silent_rounds (workshop_id, customer_id);

CREATE TABLE votes (
	workshop_id text NOT NULL,
	round_id text NOT NULL,
	question_id text NOT NULL,
	revote integer NOT NULL CHECK (revote >= 0),
	participant_id text NOT NULL,
	score smallint NOT NULL CHECK (score BETWEEN 0 AND 5),
	note text NOT NULL,
	at timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, round_id, question_id, revote, participant_id),
	FOREIGN KEY (workshop_id, round_id) REFERENCES silent_rounds (workshop_id, id) ON DELETE CASCADE,
	FOREIGN KEY (workshop_id, participant_id) REFERENCES participants (workshop_id, id) ON DELETE CASCADE
);
CREATE INDEX votes_participant ON votes (workshop_id, participant_id);
`

// accountPlanning is version 2: the customers' buying centres, their
// negotiation worksheets and target positions, one table each with
// readable columns, deleted with their customer; and an answer's source
// and confirmation with the customer ("" and NULL for an answer without).
const accountPlanning = `
ALTER TABLE answers
	ADD COLUMN source text NOT NULL DEFAULT '',
	ADD COLUMN source_ref text NOT NULL DEFAULT '',
	ADD COLUMN confirmed_by text NOT NULL DEFAULT '',
	ADD COLUMN confirmed_at timestamptz;

CREATE TABLE stakeholders (
	workshop_id text NOT NULL,
	customer_id text NOT NULL,
	id text NOT NULL,
	name text NOT NULL,
	title text NOT NULL,
	role text NOT NULL,
	attitude text NOT NULL,
	level text NOT NULL,
	owner text NOT NULL,
	last_contact text NOT NULL,
	notes text NOT NULL,
	created timestamptz NOT NULL,
	updated timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, customer_id, id),
	FOREIGN KEY (workshop_id, customer_id) REFERENCES customers (workshop_id, id) ON DELETE CASCADE
);

CREATE TABLE worksheets (
	workshop_id text NOT NULL,
	customer_id text NOT NULL,
	target text NOT NULL,
	walk_away text NOT NULL,
	floor text NOT NULL,
	give text[],
	get text[],
	alternatives text NOT NULL,
	notes text NOT NULL,
	updated timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, customer_id),
	FOREIGN KEY (workshop_id, customer_id) REFERENCES customers (workshop_id, id) ON DELETE CASCADE
);

CREATE TABLE targets (
	workshop_id text NOT NULL,
	customer_id text NOT NULL,
	kraljic text NOT NULL,
	preferencing text NOT NULL,
	by_date text NOT NULL,
	note text NOT NULL,
	updated timestamptz NOT NULL,
	PRIMARY KEY (workshop_id, customer_id),
	FOREIGN KEY (workshop_id, customer_id) REFERENCES customers (workshop_id, id) ON DELETE CASCADE
);
`

// migrations[v] upgrades the schema from version v to v+1, in the
// transaction that records the new version. A new database gets version
// 1 and every migration after it, so that there is one way to each
// version.
var migrations = map[int]string{
	1: accountPlanning,
}

// tables are styrka's tables, for telling a styrka database from one of
// another application.
var tables = []string{"styrka_schema", "workshops", "customers", "answers", "actions", "rounds", "round_entries",
	"participants", "silent_rounds", "votes", "stakeholders", "worksheets", "targets"}

// ForeignError is a database with tables but no styrka schema: another
// application's. It is store.ErrNotStyrka (errors.Is).
type ForeignError struct {
	// Table is one of its tables.
	Table string
}

func (e *ForeignError) Error() string {
	return fmt.Sprintf("the database holds another application's tables (%s, ...) and no styrka schema: give styrka a database of its own", e.Table)
}

// Is makes a ForeignError store.ErrNotStyrka.
func (e *ForeignError) Is(target error) bool { return target == store.ErrNotStyrka }

// setUp creates the schema in an empty database, or checks and migrates
// an existing one, under an advisory lock so that two processes opening
// the database at once do not both create it.
func setUp(ctx context.Context, conn *pgx.Conn, existing bool) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockKey)); err != nil {
		return err
	}
	var found bool
	if err := tx.QueryRow(ctx, "SELECT to_regclass('styrka_schema') IS NOT NULL").Scan(&found); err != nil {
		return err
	}
	if !found {
		var others []string
		rows, err := tx.Query(ctx, `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() ORDER BY table_name LIMIT 5`)
		if err != nil {
			return err
		}
		if others, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			return err
		}
		switch {
		case len(others) > 0:
			return &ForeignError{Table: others[0]}
		case existing:
			return fmt.Errorf("%w: the database has no styrka schema yet", store.ErrNoDatabase)
		}
		if _, err := tx.Exec(ctx, schemaV1); err != nil {
			return fmt.Errorf("create the schema: %w", err)
		}
		for v := 1; v < SchemaVersion; v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("create the schema (version %d): %w", v+1, err)
			}
		}
		if _, err := tx.Exec(ctx, "INSERT INTO styrka_schema (app, version) VALUES ('styrka', $1)", SchemaVersion); err != nil {
			return fmt.Errorf("create the schema: %w", err)
		}
		return tx.Commit(ctx)
	}
	var app string
	var version int
	if err := tx.QueryRow(ctx, "SELECT app, version FROM styrka_schema").Scan(&app, &version); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: the styrka_schema table is empty", store.ErrDamaged)
		}
		return fmt.Errorf("%w: the styrka_schema table cannot be read: %v", store.ErrNotStyrka, err)
	}
	switch {
	case version > SchemaVersion:
		return &store.SchemaError{Found: version, Supported: SchemaVersion}
	case version == SchemaVersion:
		return nil
	}
	for v := version; v < SchemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("upgrade the schema: no migration from version %d", v)
		}
		if _, err := tx.Exec(ctx, m); err != nil {
			return fmt.Errorf("upgrade the schema from version %d: %w", v, err)
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE styrka_schema SET version = $1", SchemaVersion); err != nil {
		return fmt.Errorf("upgrade the schema: %w", err)
	}
	return tx.Commit(ctx)
}
