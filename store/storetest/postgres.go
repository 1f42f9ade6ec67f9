package storetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// EnvPostgres names the PostgreSQL server the tests may use: a URL of a
// database on it whose user may create databases. .ci/postgres starts
// one and prints it.
const EnvPostgres = "STYRKA_TEST_POSTGRES"

// FreshPostgres creates an empty database on the test server for one test
// and returns its URL; the database is dropped at the test's cleanup.
// Without STYRKA_TEST_POSTGRES the test is skipped.
func FreshPostgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("%s is not set: no PostgreSQL server to test against (.ci/postgres starts one)", EnvPostgres)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	name := "styrka_t_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:20]
	admin := func(sql string) error {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := admin(fmt.Sprintf("CREATE DATABASE %s", name)); err != nil {
		t.Fatalf("create a test database: %v", err)
	}
	t.Cleanup(func() {
		if err := admin(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("drop the test database: %v", err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
