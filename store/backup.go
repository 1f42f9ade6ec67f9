package store

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"

	"go.etcd.io/bbolt"
)

// KeepBackups is how many automatic backups are kept in BackupDir.
const KeepBackups = 5

// backupName matches the automatic backups: styrka-YYYYMMDD-HHMMSS.db, with
// -N before .db when two are taken within a second.
var backupName = regexp.MustCompile(`^styrka-(\d{8})-(\d{6})(?:-(\d+))?\.db$`)

// Backup writes a consistent copy of the database to path (mode 0600)
// while it stays open. The copy is written to a temporary file next to
// path and renamed into place, so path never holds half a copy. It refuses
// to overwrite the open database.
func (db *DB) Backup(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if abs == db.path || abs == lockInfoPath(db.path) {
		return fmt.Errorf("backup: refusing to overwrite the open database %s", db.path)
	}
	if a, err := os.Stat(abs); err == nil {
		if b, err := os.Stat(db.path); err == nil && os.SameFile(a, b) {
			return fmt.Errorf("backup: refusing to overwrite the open database %s", db.path)
		}
	}
	if err := db.view(func(tx *bbolt.Tx) error { return writeCopy(tx, abs) }); err != nil {
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	return nil
}

// writeCopy is tx.CopyFile made durable: write a temporary file, fsync it,
// rename it over path, fsync the folder.
func writeCopy(tx *bbolt.Tx, path string) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".styrka-backup-*.tmp") // mode 0600
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return &fs.PathError{Op: "create", Path: path, Err: pe.Err}
		}
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
			// Errors name the file the user asked for, never the
			// temporary one.
			var pe *fs.PathError
			var le *os.LinkError
			switch {
			case errors.As(err, &pe) && pe.Path == f.Name():
				err = &fs.PathError{Op: pe.Op, Path: path, Err: pe.Err}
			case errors.As(err, &le): // the rename names both files
				err = &fs.PathError{Op: "write", Path: path, Err: le.Err}
			}
		}
	}()
	if _, err = tx.WriteTo(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

type backupFile struct {
	name, stamp string // stamp is YYYYMMDD-HHMMSS
	n           int
}

// backups lists the automatic backups, oldest first.
func (db *DB) backups() ([]backupFile, error) {
	entries, err := os.ReadDir(db.BackupDir())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []backupFile
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		n, _ := strconv.Atoi(m[3])
		out = append(out, backupFile{name: e.Name(), stamp: m[1] + "-" + m[2], n: n})
	}
	slices.SortFunc(out, func(a, b backupFile) int {
		return cmp.Or(cmp.Compare(a.stamp, b.stamp), cmp.Compare(a.n, b.n))
	})
	return out, nil
}

// dailyBackup takes an automatic backup unless one was taken today.
func (db *DB) dailyBackup() error {
	list, err := db.backups()
	if err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	today := db.now().Format("20060102")
	for _, b := range list {
		if b.stamp[:8] == today {
			return nil
		}
	}
	if err := db.autoBackup(); err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	return nil
}

// autoBackup writes a backup into BackupDir and deletes all but the newest
// KeepBackups.
func (db *DB) autoBackup() error {
	dir := db.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	list, err := db.backups()
	if err != nil {
		return err
	}
	// Within one second, number the backups after the newest one with the
	// same stamp (not into a gap left by rotation: that would sort first).
	stamp := db.now().Format("20060102-150405")
	n := 0 // no suffix
	for _, b := range list {
		if b.stamp == stamp {
			n = max(n, b.n+1)
		}
	}
	name := func(n int) string {
		if n == 0 {
			return filepath.Join(dir, "styrka-"+stamp+".db")
		}
		return filepath.Join(dir, fmt.Sprintf("styrka-%s-%d.db", stamp, n))
	}
	for exists(name(n)) {
		n++
	}
	path := name(n)
	if err := db.view(func(tx *bbolt.Tx) error { return writeCopy(tx, path) }); err != nil {
		return err
	}
	if list, err = db.backups(); err != nil {
		return err
	}
	for len(list) > KeepBackups {
		if err := os.Remove(filepath.Join(dir, list[0].name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		list = list[1:]
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// BackupError is an automatic backup that could not be written: Dir is
// the backups folder, Reason "full" (no space left), "permission" (the
// folder is read-only or not the user's), "notdir" (a file is in the way)
// or "other", and Err the cause. A daily backup's BackupError does not
// stop Open: it is the DB's Warning.
type BackupError struct {
	Dir    string
	Reason string
	// Detail is the system's reason, without the name of any temporary
	// file.
	Detail string
	Err    error
}

func newBackupError(dir string, err error) *BackupError {
	detail := err.Error()
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		detail = pe.Err.Error()
	case errors.As(err, &le):
		detail = le.Err.Error()
	}
	return &BackupError{Dir: dir, Reason: backupReason(err), Detail: detail, Err: err}
}

func (e *BackupError) Error() string {
	return fmt.Sprintf("the automatic backup to %s could not be written: %s", e.Dir, e.Detail)
}

func (e *BackupError) Unwrap() error { return e.Err }

// backupReason classifies why a backup could not be written.
func backupReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		return "full"
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		return "permission"
	case errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EEXIST):
		return "notdir"
	}
	return "other"
}
