package postgres

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// Backup writes every workshop, as one snapshot of the database, to a
// bbolt file at path (mode 0600) that store.Open reads: moving from
// PostgreSQL to a file is one backup, and back one import. The file is
// built in a temporary folder next to path and renamed into place, so
// path never holds half a copy.
func (db *DB) Backup(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(abs), ".styrka-backup-*")
	if err != nil {
		// Name the file asked for, not the temporary folder.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = &fs.PathError{Op: "create", Path: abs, Err: pe.Err}
		}
		return fmt.Errorf("backup: %w", err)
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	file, err := store.Open(filepath.Join(tmp, "styrka.db"), store.Options{NoAutoBackup: true, NoFolders: true, Now: db.now})
	if err != nil {
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	defer func() { _ = file.Close() }()

	ctx, cancel := db.bulk()
	defer cancel()
	err = db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT id FROM workshops ORDER BY id")
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		for _, id := range ids {
			var d model.Dataset
			if d, err = loadDataset(ctx, tx, id); err != nil {
				return err
			}
			if err := file.Import(d, false); err != nil {
				return fmt.Errorf("workshop %s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	if err := file.Backup(abs); err != nil {
		return err
	}
	return file.Close()
}
