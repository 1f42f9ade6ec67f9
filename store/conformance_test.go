package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"styrka/store"
	"styrka/store/storetest"
)

func openBolt(t testing.TB, now func() time.Time) store.Store {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "styrka.db"), store.Options{Now: now, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// TestConformance runs the store contract's suite against bbolt.
func TestConformance(t *testing.T) { storetest.Run(t, openBolt) }

// BenchmarkStore measures bbolt on the contract's benchmarks (compare
// with store/postgres's BenchmarkStore).
func BenchmarkStore(b *testing.B) { storetest.Bench(b, openBolt) }
