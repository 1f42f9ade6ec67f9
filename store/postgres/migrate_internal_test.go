package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store/storetest"
)

// A database of schema version 1 (before account planning) is migrated
// when it is opened: its answers keep what they had, with no source and
// no confirmation, and the new records can be stored.
func TestMigrateFromVersion1(t *testing.T) {
	url := storetest.FreshPostgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{schemaV1,
		"INSERT INTO styrka_schema (app, version) VALUES ('styrka', 1)",
		`INSERT INTO workshops VALUES ('w', 'Old', '2026-01-01', 'Us', 36, 3, 3, 3, 3, NULL, 'SEK', NULL, now(), now())`,
		`INSERT INTO customers VALUES ('w', 'c', 'C', '', NULL, 'SEK', '', NULL, now(), now())`,
		`INSERT INTO answers VALUES ('w', 'c', 'q1', 4, 'evidence', 'anna', now())`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	conn.Close(ctx)

	db, err := Open(url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("Check after the migration: %v", errs)
	}
	d, err := db.Load("w")
	if err != nil {
		t.Fatal(err)
	}
	if a := d.Answers["c"]["q1"]; a.Score != 4 || a.Note != "evidence" || a.Source != "" || a.Confirmed() {
		t.Errorf("the old answer: %+v", a)
	}
	if err := db.PutStakeholder(model.Stakeholder{WorkshopID: "w", CustomerID: "c", Name: "Eva"}); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmAnswer("w", "c", "q1", "bo"); err != nil {
		t.Fatal(err)
	}
	var version int
	if err := db.pool.QueryRow(ctx, "SELECT version FROM styrka_schema").Scan(&version); err != nil || version != SchemaVersion {
		t.Errorf("schema version %d, %v; want %d", version, err, SchemaVersion)
	}
	// Opening again migrates nothing more.
	again, err := Open(url, Options{Existing: true})
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}
