package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Errors of Open's rules for creating a database (Options.Existing and
// Options.NoFolders).
var (
	// ErrNoDatabase: Options.Existing was set and there is no database at
	// the path (no file, an empty file, or a bbolt file without buckets).
	ErrNoDatabase = errors.New("there is no database")
	// ErrNoFolder: Options.NoFolders was set and the folder a new database
	// would go in does not exist.
	ErrNoFolder = errors.New("the folder does not exist")
)

// prepareNew is called by Open when path is missing: it refuses when the
// options say so, and otherwise makes the database's folder (mode 0700).
// A mistyped path must not leave folders or an empty database behind, so
// the caller decides whether creating them is wanted.
func prepareNew(path string, opts Options) error {
	if opts.Existing {
		return fmt.Errorf("open database %s: %w", path, ErrNoDatabase)
	}
	dir := filepath.Dir(path)
	if opts.NoFolders {
		// A folder that is a file never gets here: Open's Stat of the
		// path has already failed with "not a directory".
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("create database %s: %w", path, ErrNoFolder)
		} else if err != nil {
			return fmt.Errorf("create database %s: %w", path, err)
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create database folder: %w", err)
	}
	return nil
}
