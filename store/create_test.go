package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"styrka/store"
)

func TestOpenCreatesOnlyWhereAllowed(t *testing.T) {
	tests := []struct {
		name    string
		opts    store.Options
		setup   func(dir string) string // returns the database path
		want    error                   // nil: opens
		created []string                // paths (relative to dir) that must exist afterwards
		absent  []string                // paths that must not exist afterwards
	}{
		{"existing, no file", store.Options{Existing: true},
			func(dir string) string { return filepath.Join(dir, "s.db") },
			store.ErrNoDatabase, nil, []string{"s.db", "s.db.lock"}},
		{"existing, missing folders", store.Options{Existing: true},
			func(dir string) string { return filepath.Join(dir, "a", "b", "s.db") },
			store.ErrNoDatabase, nil, []string{"a"}},
		{"existing, empty file", store.Options{Existing: true},
			func(dir string) string {
				p := filepath.Join(dir, "s.db")
				if err := os.WriteFile(p, nil, 0o600); err != nil {
					t.Fatal(err)
				}
				return p
			},
			store.ErrNoDatabase, []string{"s.db"}, []string{"s.db.lock"}},
		{"no folders, missing folder", store.Options{NoFolders: true},
			func(dir string) string { return filepath.Join(dir, "nonexist", "x", "s.db") },
			store.ErrNoFolder, nil, []string{"nonexist"}},
		{"no folders, folder exists", store.Options{NoFolders: true},
			func(dir string) string { return filepath.Join(dir, "s.db") },
			nil, []string{"s.db"}, nil},
		{"default makes folders", store.Options{},
			func(dir string) string { return filepath.Join(dir, "a", "b", "s.db") },
			nil, []string{"a/b/s.db"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(dir)
			tt.opts.NoAutoBackup = true
			db, err := store.Open(path, tt.opts)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				if probs := db.Check(); len(probs) > 0 {
					t.Errorf("Check: %v", probs)
				}
				db.Close()
			} else if !errors.Is(err, tt.want) {
				t.Fatalf("Open = %v, want %v", err, tt.want)
			}
			for _, p := range tt.created {
				if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
					t.Errorf("%s should exist: %v", p, err)
				}
			}
			for _, p := range tt.absent {
				if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
					t.Errorf("%s was created", p)
				}
			}
		})
	}
}

// An existing database opens with Existing and NoFolders as before.
func TestOpenExistingDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := store.Open(path, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(path, store.Options{NoAutoBackup: true, Existing: true, NoFolders: true})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	db.Close()
}
