//go:build unix

// The end-to-end tests of where styrka keeps its data. Unix only: they
// steer the data folder with HOME, which Windows does not use (there it is
// the Local AppData known folder).

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// dataHome is the data folder styrka should choose under home.
func dataHome(home string) string {
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support")
	}
	return filepath.Join(home, ".local", "share")
}

// TestDataFolderWithSpacesAndSwedishLetters runs styrka without STYRKA_DB
// for a seller whose home folder is "Åsa Öberg", and with XDG_DATA_HOME in
// a folder named like a shared drive.
func TestDataFolderWithSpacesAndSwedishLetters(t *testing.T) {
	tests := []struct {
		name string
		env  func(home string) []string
		want func(home string) string // the data folder
	}{
		{"home folder", func(string) []string { return nil }, dataHome},
		{"XDG_DATA_HOME", func(home string) []string {
			return []string{"XDG_DATA_HOME=" + filepath.Join(home, "Delad data", "Östergården")}
		}, func(home string) string { return filepath.Join(home, "Delad data", "Östergården") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := filepath.Join(t.TempDir(), "Åsa Öberg")
			if err := os.Mkdir(home, 0o700); err != nil {
				t.Fatal(err)
			}
			// runEnv gives the binary its own HOME; this later one wins.
			env := append([]string{"HOME=" + home, "LANG=en_GB.UTF-8", "TERM=dumb"}, tt.env(home)...)
			styrka := func(args ...string) result {
				t.Helper()
				r := runEnv(t, env, args...)
				if r.code != 0 {
					t.Fatalf("styrka %v: exit %d\nstdout: %s\nstderr: %s", args, r.code, r.stdout, r.stderr)
				}
				return r
			}
			db := filepath.Join(tt.want(home), "styrka", "styrka.db")

			styrka("demo")
			if _, err := os.Stat(db); err != nil {
				t.Fatalf("demo did not create the database in the data folder: %v", err)
			}
			if r := styrka("map"); !strings.Contains(r.stdout, "Åkerlunds Järnhandel AB") {
				t.Errorf("the map lacks the demo:\n%s", r.stdout)
			}
			if r := styrka("check"); !strings.Contains(r.stdout, db) || !strings.Contains(r.stdout, "OK") {
				t.Errorf("check said %q, want OK for %s", r.stdout, db)
			}
			// Opening a database with workshops takes the day's backup,
			// beside the database.
			if backups, err := os.ReadDir(filepath.Join(filepath.Dir(db), "backups")); err != nil || len(backups) == 0 {
				t.Errorf("no backup beside the database: %v", err)
			}
		})
	}
}

// TestVersionSaysVersionCommitAndDate: the test binary is built with plain
// go build, with or without VCS information (.ci/run turns it off), so
// either the values or "unknown" are printed, never nothing.
func TestVersionSaysVersionCommitAndDate(t *testing.T) {
	r := runEnv(t, []string{"LANG=en_GB.UTF-8", "TERM=dumb"}, "--version")
	if r.code != 0 || !regexp.MustCompile(`^styrka version \S+ \(commit \S+, (\S+|date unknown)\)\n$`).MatchString(r.stdout) {
		t.Errorf("--version: exit %d, %q", r.code, r.stdout)
	}
}
