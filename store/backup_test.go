package store_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

func backupNames(t *testing.T, db *store.DB) []string {
	t.Helper()
	entries, err := os.ReadDir(db.BackupDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	mustNoErr(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// reopen closes db and opens its file again with the given clock.
func reopen(t *testing.T, db *store.DB, now func() store.Options) *store.DB {
	t.Helper()
	mustNoErr(t, db.Close())
	return openTest(t, db.Path(), now())
}

func at(n int) func() store.Options {
	return func() store.Options {
		return store.Options{Now: func() time.Time { return day(n) }}
	}
}

func TestDailyBackup(t *testing.T) {
	path := dbPath(t)
	db := openTest(t, path, at(0)())
	if want := filepath.Join(filepath.Dir(path), "backups"); db.BackupDir() != want {
		t.Errorf("BackupDir() = %q, want %q", db.BackupDir(), want)
	}

	// An empty database is not backed up.
	db = reopen(t, db, at(1))
	if names := backupNames(t, db); names != nil {
		t.Fatalf("backups of an empty database: %v", names)
	}

	mustNoErr(t, db.PutWorkshop(model.Workshop{Name: "W"}))
	db = reopen(t, db, at(1)) // same day as the last open, but the first backup
	if names := backupNames(t, db); !slices.Equal(names, []string{"styrka-20261128-031500.db"}) {
		t.Fatalf("after the first open with data: %v", names)
	}
	checkMode(t, db.BackupDir(), 0o700)
	checkMode(t, filepath.Join(db.BackupDir(), "styrka-20261128-031500.db"), 0o600)
	db = reopen(t, db, at(1)) // same day again: no new backup
	db = reopen(t, db, at(1))
	if names := backupNames(t, db); len(names) != 1 {
		t.Fatalf("several backups on one day: %v", names)
	}
	db = reopen(t, db, at(2))
	if names := backupNames(t, db); len(names) != 2 {
		t.Fatalf("next day: %v", names)
	}

	// NoAutoBackup turns it off.
	mustNoErr(t, db.Close())
	db = openTest(t, path, store.Options{Now: func() time.Time { return day(3) }, NoAutoBackup: true})
	if names := backupNames(t, db); len(names) != 2 {
		t.Fatalf("NoAutoBackup: %v", names)
	}
}

func TestBackupRotation(t *testing.T) {
	path := dbPath(t)
	makeDB(t, path, dataset(2, 2))
	db := openTest(t, path, at(0)())
	other := filepath.Join(db.BackupDir(), "my-notes.txt")
	mustNoErr(t, os.WriteFile(other, []byte("keep me"), 0o600))
	for n := 1; n <= 8; n++ {
		db = reopen(t, db, at(n))
	}
	names := backupNames(t, db)
	want := []string{"my-notes.txt",
		"styrka-20261201-031500.db", "styrka-20261202-031500.db", "styrka-20261203-031500.db",
		"styrka-20261204-031500.db", "styrka-20261205-031500.db"}
	if !slices.Equal(names, want) {
		t.Errorf("backups after 9 days:\n%v\nwant\n%v", names, want)
	}
}

func TestBackup(t *testing.T) {
	path := dbPath(t)
	d := dataset(25, 18)
	makeDB(t, path, d)
	db := openTest(t, path, store.Options{NoAutoBackup: true})

	copyPath := filepath.Join(t.TempDir(), "copy.db")
	mustNoErr(t, db.Backup(copyPath))
	checkMode(t, copyPath, 0o600)
	// The database stays usable, and the copy is a styrka database with the
	// same data.
	mustNoErr(t, db.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: d.Customers[0].ID, QuestionID: "later", Score: 1}))
	cp := openTest(t, copyPath, store.Options{NoAutoBackup: true})
	got, err := cp.Load(d.Workshop.ID)
	mustNoErr(t, err)
	assertDataset(t, got, d)

	// Overwriting an earlier backup is fine; the open database is not.
	mustNoErr(t, cp.Close())
	mustNoErr(t, db.Backup(copyPath))
	before := fileSHA(t, path)
	for _, p := range []string{path, filepath.Join(filepath.Dir(path), ".", "styrka.db")} {
		if err := db.Backup(p); err == nil {
			t.Errorf("Backup(%q) over the open database succeeded", p)
		}
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Logf("no symlink test: %v", err) // Windows without the privilege
	} else if err := db.Backup(link); err == nil {
		t.Errorf("Backup through a symlink to the open database succeeded")
	}
	if fileSHA(t, path) != before {
		t.Error("the database changed")
	}
}

// TestDailyBackupFailureIsAWarning: a backups folder that cannot be
// written does not keep anyone from their work: Open succeeds with a
// warning that names the folder and why, and check and a backup to
// another disk work.
func TestDailyBackupFailureIsAWarning(t *testing.T) {
	cases := []struct {
		name   string
		block  func(t *testing.T, dir string)
		reason string
	}{
		{"a file in the way", func(t *testing.T, dir string) {
			mustNoErr(t, os.WriteFile(dir, []byte("not a folder"), 0o600))
		}, "notdir"},
		{"a read-only folder", func(t *testing.T, dir string) {
			if runtime.GOOS == "windows" || os.Geteuid() == 0 {
				t.Skip("permission bits do not stop this user")
			}
			mustNoErr(t, os.MkdirAll(dir, 0o700))
			mustNoErr(t, os.Chmod(dir, 0o500))
			t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
		}, "permission"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := dbPath(t)
			d := dataset(3, 3)
			makeDB(t, path, d)
			dir := filepath.Join(filepath.Dir(path), "backups")
			c.block(t, dir)

			db := openTest(t, path, at(1)())
			var be *store.BackupError
			if !errors.As(db.Warning(), &be) || be.Dir != dir || be.Reason != c.reason {
				t.Fatalf("Warning() = %#v, want a BackupError for %s (%s)", db.Warning(), dir, c.reason)
			}
			if strings.Contains(be.Error(), ".tmp") || strings.Contains(be.Detail, dir) {
				t.Errorf("the warning names a temporary file or repeats the folder: %q / %q", be.Error(), be.Detail)
			}
			t.Log(be)
			if errs := db.Check(); len(errs) > 0 {
				t.Errorf("Check: %v", errs)
			}
			other := filepath.Join(t.TempDir(), "copy.db")
			mustNoErr(t, db.Backup(other))
			mustNoErr(t, db.SaveAnswer(d.Workshop.ID, model.Answer{CustomerID: d.Customers[0].ID, QuestionID: "after", Score: 2}))
		})
	}
	// A fresh database without a warning has none.
	db := openTest(t, dbPath(t), at(0)())
	if db.Warning() != nil {
		t.Errorf("Warning() of a new database = %v", db.Warning())
	}
}

func TestBackupErrorReasons(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "write", Path: "/x/.styrka-backup-1.tmp", Err: syscall.ENOSPC}, "full"},
		{&fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}, "permission"},
		{&fs.PathError{Op: "mkdir", Path: "/x", Err: syscall.ENOTDIR}, "notdir"},
		{errors.New("something else"), "other"},
	} {
		var be *store.BackupError
		if err := store.NewBackupErrorForTest("/x", c.err); !errors.As(err, &be) || be.Reason != c.want || strings.Contains(be.Detail, ".tmp") {
			t.Errorf("%v: %#v, want reason %s", c.err, err, c.want)
		}
	}
}
