package serve

import (
	"os"
	"path/filepath"
	"testing"

	"styrka/store"
	"styrka/store/postgres"
	"styrka/store/storetest"
)

// The host key lives beside a database file, and in the user's data
// folder when the database is not a file (PostgreSQL): never in the
// working folder, never beside a URL.
func TestDefaultHostKeyPath(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "s.db"), store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, err := defaultHostKeyPath(db); err != nil || got != filepath.Join(dir, HostKeyName) {
		t.Errorf("beside a file: %q, %v", got, err)
	}
	var server struct{ store.Store } // a store that is not a file
	if got, err := defaultHostKeyPath(server); err != nil || got != filepath.Join(data, "styrka", HostKeyName) {
		t.Errorf("with a database on a server: %q, %v", got, err)
	}
}

// TestVotesOnPostgres: with the database on PostgreSQL, a participant's
// vote over SSH goes to the shared database, where another process reads
// it; the host key is in the data folder.
func TestVotesOnPostgres(t *testing.T) {
	url := storetest.FreshPostgres(t)
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	open := func() *postgres.DB {
		db, err := postgres.Open(url, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	f := newFixtureOn(t, open(), 1, 2, DefaultLimit)
	other := open()
	defer other.Close()
	en := questionsOf(t, "en", f.round.Questions)

	c := dialKey(t, f.srv.Addr().String(), newKey(t), "LANG", "en_US.UTF-8")
	c.join(f.srv.JoinCode(), f.people[0].Name)
	c.waitFor(head(en[0]))
	c.send("4")
	c.waitFor(head(en[1]))
	waitStored(t, f, f.people[0], en[0].ID, 4)
	vs, err := other.Votes(f.wid, f.round.ID)
	if err != nil || len(vs) != 1 || vs[0].Score != 4 || vs[0].ParticipantID != f.people[0].ID {
		t.Errorf("another process reads the votes %+v, %v", vs, err)
	}
	if _, err := os.Stat(filepath.Join(data, "styrka", HostKeyName)); err != nil {
		t.Errorf("the host key: %v", err)
	}
}
