package backend_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"styrka/store"
	"styrka/store/backend"
	"styrka/store/postgres"
	"styrka/store/storetest"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want backend.Kind
		err  bool
	}{
		{"styrka.db", backend.Bolt, false},
		{"/home/anna/styrka.db", backend.Bolt, false},
		{`C:\Users\anna\styrka.db`, backend.Bolt, false},
		{"./postgres/styrka.db", backend.Bolt, false},
		{"postgres://styrka@localhost:5432/styrka", backend.Postgres, false},
		{"postgresql://styrka:secret@db.example.com/styrka?sslmode=require", backend.Postgres, false},
		{"PostgreSQL://x@y/z", backend.Postgres, false},
		{"postgres:styrka", 0, true},
		{"mysql://root@localhost/styrka", 0, true},
		{"file:///tmp/styrka.db", 0, true},
	} {
		got, err := backend.Classify(tc.in)
		if (err != nil) != tc.err || (err == nil && got != tc.want) {
			t.Errorf("Classify(%q) = %v, %v", tc.in, got, err)
		}
		if err != nil && !errors.Is(err, backend.ErrScheme) {
			t.Errorf("Classify(%q): %v is not ErrScheme", tc.in, err)
		}
	}
}

// A URL is never taken for a file name: nothing is created for it.
func TestURLIsNoFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, target := range []string{"mysql://root:pw@localhost/styrka", "postgres:styrka"} {
		if _, err := backend.Open(target, store.Options{}); !errors.Is(err, backend.ErrScheme) {
			t.Errorf("Open(%q) = %v, want ErrScheme", target, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("Open left %v behind", entries)
	}
}

func TestOpenBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	s, err := backend.Open(path, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*store.DB); !ok || s.Location() != path {
		t.Errorf("Open(%s) = %T at %s", path, s, s.Location())
	}
	if _, ok := s.(store.Watcher); ok {
		t.Error("bbolt watches")
	}
}

func TestOpenPostgres(t *testing.T) {
	url := storetest.FreshPostgres(t)
	s, err := backend.Open(url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.DB); !ok {
		t.Errorf("Open(%s) = %T", url, s)
	}
	if _, ok := s.(store.Watcher); !ok {
		t.Error("PostgreSQL does not watch")
	}
}

func TestLocation(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"styrka.db", "styrka.db"},
		{"postgres://anna:secret@db.example.com:5433/styrka?sslmode=disable", "postgres://anna@db.example.com:5433/styrka"},
		{"postgres://anna:secret@db.example.com:5433/styrka?sslmode=bogus", "postgres://anna:xxxxx@db.example.com:5433/styrka?sslmode=bogus"},
		{"mysql://root:secret@localhost/styrka", "mysql://..."},
		{"postgres:anna:secret@host", "postgres:..."},
	} {
		if got := backend.Location(tc.in); got != tc.want {
			t.Errorf("Location(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
