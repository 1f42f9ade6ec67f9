package cli

import (
	"errors"
	"os"
	"path/filepath"

	"styrka/store"
)

// importDatabase copies every workshop of the styrka database file at path
// (data is its content) into the database --db names, whichever backend
// that is: `styrka --db postgres://... import old.db` moves a file into
// PostgreSQL in one command.
func (a *App) importDatabase(path string, data []byte, f importFlags) error {
	if f.workshop != "" || f.dryRun || f.skipBad || f.update || f.sheet != "" {
		return &usageError{a.T("err.import.dbflags")}
	}
	// The file is read from a private copy: opening a database may
	// migrate an older one and writes beside it, and the file imported
	// from stays exactly as it was (it may be open in another styrka, or
	// be the backup of last resort).
	dir, err := os.MkdirTemp("", "styrka-import-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	copyPath := filepath.Join(dir, "import.db")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		return err
	}
	src, err := store.Open(copyPath, store.Options{Existing: true, NoAutoBackup: true, NoFolders: true, ExpectedSize: int64(len(data))})
	if err != nil {
		return a.importSourceError(path, err)
	}
	defer func() { _ = src.Close() }()
	ws, err := src.Workshops()
	if err != nil {
		return a.importSourceError(path, err)
	}
	if len(ws) == 0 {
		return a.errorf("err.import.dbempty", path)
	}
	dst, err := a.CreateDB()
	if err != nil {
		return err
	}
	n, err := store.CopyAll(dst, src, f.replace)
	if err != nil {
		if errors.Is(err, store.ErrExists) && n == 0 {
			return a.errorf("err.import.dbexists.first", ws[0].Name, a.dbShown())
		}
		if errors.Is(err, store.ErrExists) && n < len(ws) {
			return a.errorf("err.import.dbexists", ws[n].Name, a.dbShown(), n)
		}
		return err
	}
	key := "import.db.done"
	if n == 1 {
		key = "import.db.done.one"
	}
	a.println(a.T(key, n, path, a.dbShown()))
	return nil
}

// importSourceError is the sentence for a database file that cannot be
// imported, naming that file rather than the one --db names.
func (a *App) importSourceError(path string, err error) error {
	var schema *store.SchemaError
	switch {
	case errors.As(err, &schema):
		return a.errorf("err.import.dbnewer", path, schema.Found, schema.Supported)
	case errors.Is(err, store.ErrNoDatabase):
		return a.errorf("err.import.dbempty", path)
	case errors.Is(err, store.ErrNotStyrka):
		return a.errorf("err.import.notdb", path)
	case errors.Is(err, store.ErrDamaged):
		return a.errorf("err.import.dbdamaged", path)
	}
	return err
}
