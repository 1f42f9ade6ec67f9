package postgres_test

import (
	"testing"
	"time"

	"styrka/store"
	"styrka/store/postgres"
	"styrka/store/storetest"
)

func openPG(t testing.TB, now func() time.Time) store.Store {
	t.Helper()
	return openDB(t, storetest.FreshPostgres(t), postgres.Options{Now: now})
}

func openDB(t testing.TB, url string, opts postgres.Options) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(url, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// TestConformance runs the store contract's suite against PostgreSQL.
func TestConformance(t *testing.T) { storetest.Run(t, openPG) }

// BenchmarkStore measures PostgreSQL on the contract's benchmarks
// (compare with store's BenchmarkStore, bbolt).
func BenchmarkStore(b *testing.B) { storetest.Bench(b, openPG) }
