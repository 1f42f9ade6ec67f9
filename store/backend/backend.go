// Package backend opens the store a --db value (or STYRKA_DB) names: a
// postgres:// or postgresql:// URL is a PostgreSQL database
// (store/postgres), anything else a bbolt file path (store). It is the one
// place that knows both backends; the rest of the program holds a
// store.Store.
package backend

import (
	"errors"
	"fmt"
	"strings"

	"styrka/store"
	"styrka/store/postgres"
)

// ErrScheme: the value is a URL of a scheme styrka has no backend for.
var ErrScheme = errors.New("styrka stores its data in a file or in PostgreSQL (postgres://...)")

// Kind is the backend a --db value selects.
type Kind int

const (
	// Bolt is a bbolt file: the default.
	Bolt Kind = iota
	// Postgres is a PostgreSQL database.
	Postgres
)

// urlLike reports whether s starts with a URL scheme and "://"
// (^[A-Za-z][A-Za-z0-9+.-]*://); a Windows path (C:\...) does not. It is
// written out rather than a regexp because every open asks, and a
// regexp's first match in a process costs more than the rest of
// Classify.
func urlLike(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	if !ok || scheme == "" {
		return false
	}
	for i, c := range []byte(scheme) {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// Classify tells which backend target selects. A URL of another scheme
// (mysql://, file://, ...) is ErrScheme, never a file name; so is
// "postgres:" without "//", which would otherwise be a folder named
// "postgres:".
func Classify(target string) (Kind, error) {
	t := strings.TrimSpace(target)
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		return Postgres, nil
	case strings.HasPrefix(lower, "postgres:"), strings.HasPrefix(lower, "postgresql:"):
		return 0, fmt.Errorf("%q: %w; a PostgreSQL URL starts with postgres://", target, ErrScheme)
	case urlLike(t):
		return 0, fmt.Errorf("%q: %w", schemeOf(t), ErrScheme)
	}
	return Bolt, nil
}

// schemeOf is the scheme of a URL, so that an error names it without the
// rest (which may hold a password).
func schemeOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		return u[:i+3] + "..."
	}
	return u
}

// Location is target as it is safe to show before it is open: a file
// path as given, a PostgreSQL URL without its password, and only the
// scheme of a URL styrka has no backend for.
func Location(target string) string {
	switch kind, err := Classify(target); {
	case err != nil:
		t := strings.TrimSpace(target)
		if !strings.Contains(t, "://") {
			// "postgres:user:secret@host": the part after the first colon
			// may hold a password.
			if i := strings.Index(t, ":"); i >= 0 {
				return t[:i+1] + "..."
			}
		}
		return schemeOf(t)
	case kind == Postgres:
		return postgres.SafeURL(strings.TrimSpace(target))
	}
	return target
}

// Open opens the store target names. For bbolt it is store.Open(target,
// opts); for PostgreSQL postgres.Open with opts.Now and opts.Existing
// (the other options are about files). Errors are those of the backend:
// *store.LockedError, store.ErrNoDatabase, postgres.ErrUnreachable,
// postgres.ErrAuth, *store.SchemaError, ...
func Open(target string, opts store.Options) (store.Store, error) {
	kind, err := Classify(target)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if kind == Postgres {
		db, err := postgres.Open(strings.TrimSpace(target), postgres.Options{Now: opts.Now, Existing: opts.Existing})
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := store.Open(target, opts)
	if err != nil {
		return nil, err
	}
	return db, nil
}
