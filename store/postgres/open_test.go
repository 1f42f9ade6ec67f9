package postgres_test

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
	"styrka/store/postgres"
	"styrka/store/storetest"
)

// exec runs SQL on the database at url.
func exec(t testing.TB, url, sql string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatal(err)
	}
}

func withPath(t testing.TB, base, user, db string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		u.User = url.UserPassword(user, "secret")
	}
	if db != "" {
		u.Path = "/" + db
	}
	return u.String()
}

func TestOpenErrors(t *testing.T) {
	base := storetest.FreshPostgres(t)
	// A port where nothing listens.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	// A port that accepts and never answers: the connect timeout.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()

	for _, tc := range []struct {
		name, url string
		want      error
	}{
		{"down", "postgres://styrka@" + closed + "/styrka?sslmode=disable", postgres.ErrUnreachable},
		{"silent", "postgres://styrka@" + silent.Addr().String() + "/styrka?sslmode=disable", postgres.ErrUnreachable},
		{"unknown user", withPath(t, base, "nobody_here", ""), postgres.ErrAuth},
		{"unknown database", withPath(t, base, "", "no_such_database"), postgres.ErrUnknownDatabase},
		{"bad URL", "postgres://styrka:secret@[::1/x", postgres.ErrBadURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			db, err := postgres.Open(tc.url, postgres.Options{ConnectTimeout: 500 * time.Millisecond})
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			t.Log(err)
			if !errors.Is(err, tc.want) {
				t.Errorf("Open: %v, want %v", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "pgconn") {
				t.Errorf("the message %q shows a password or pgx's internals", err)
			}
			if time.Since(start) > 20*time.Second {
				t.Errorf("Open took %v", time.Since(start))
			}
		})
	}
}

func TestSchema(t *testing.T) {
	t.Run("created once", func(t *testing.T) {
		url := storetest.FreshPostgres(t)
		_, err := postgres.Open(url, postgres.Options{Existing: true})
		if !errors.Is(err, store.ErrNoDatabase) {
			t.Errorf("Existing on an empty database: %v", err)
		}
		a := openDB(t, url, postgres.Options{})
		b := openDB(t, url, postgres.Options{Existing: true}) // sees the schema a made
		if err := a.PutWorkshop(model.Workshop{ID: "w", Name: "W"}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Workshop("w"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("newer", func(t *testing.T) {
		url := storetest.FreshPostgres(t)
		openDB(t, url, postgres.Options{}).Close()
		exec(t, url, "UPDATE styrka_schema SET version = $1", postgres.SchemaVersion+1)
		_, err := postgres.Open(url, postgres.Options{})
		var se *store.SchemaError
		t.Log(err)
		if !errors.As(err, &se) || se.Found != postgres.SchemaVersion+1 || se.Supported != postgres.SchemaVersion {
			t.Errorf("Open of a newer schema: %v", err)
		}
	})
	t.Run("foreign", func(t *testing.T) {
		url := storetest.FreshPostgres(t)
		exec(t, url, "CREATE TABLE invoices (id int)")
		_, err := postgres.Open(url, postgres.Options{})
		t.Log(err)
		if !errors.Is(err, store.ErrNotStyrka) || !strings.Contains(err.Error(), "invoices") {
			t.Errorf("Open of another application's database: %v", err)
		}
	})
}

// A connection that breaks under a DB gives ErrConnLost, quickly, and the
// next operations connect again; nothing acknowledged is lost.
func TestLostConnection(t *testing.T) {
	url := storetest.FreshPostgres(t)
	db := openDB(t, url, postgres.Options{Timeout: 5 * time.Second})
	d := storetest.Dataset(2, 2)
	if err := db.Import(d, false); err != nil {
		t.Fatal(err)
	}
	exec(t, url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
	var ok bool
	for i := 0; i < 5 && !ok; i++ {
		err := db.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: d.Customers[0].ID, QuestionID: "after", Score: 3})
		switch {
		case err == nil:
			ok = true
		case !errors.Is(err, postgres.ErrConnLost):
			t.Fatalf("SaveAnswer after the connection broke: %v", err)
		}
	}
	if !ok {
		t.Fatal("no SaveAnswer succeeded after the connection broke")
	}
	got, err := db.Load(d.Workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Answers[d.Customers[0].ID]["after"].Score != 3 || len(got.Answers[d.Customers[1].ID]) != 2 {
		t.Errorf("answers after reconnecting: %v", got.Answers)
	}
}

func TestBackupErrors(t *testing.T) {
	db := openDB(t, storetest.FreshPostgres(t), postgres.Options{})
	path := t.TempDir() + "/missing/folder/copy.db"
	err := db.Backup(path)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != path || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Backup into a missing folder: %v", err)
	}
}
