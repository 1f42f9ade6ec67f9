package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/adrg/xdg"
)

// reloadMu serialises xdg.Reload, which rewrites the library's package
// variables.
var reloadMu sync.Mutex

// DefaultPath is where the database lives unless --db or STYRKA_DB say
// otherwise: styrka/styrka.db in the user's data folder as
// github.com/adrg/xdg finds it (its DataHome), with the automatic backups
// in backups/ beside it:
//
//   - Linux and other Unix: $XDG_DATA_HOME, else ~/.local/share;
//   - macOS: ~/Library/Application Support;
//   - Windows: the Local AppData known folder (%LOCALAPPDATA%), which
//     stays on the machine rather than roaming with the profile.
//
// An absolute XDG_DATA_HOME wins on every platform; a relative one is
// ignored, as the XDG base directory specification asks. The environment
// is read afresh on every call.
func DefaultPath() (string, error) {
	// Without a home folder the library would fall back to "/" on Unix;
	// say so instead of writing there.
	if !filepath.IsAbs(os.Getenv("XDG_DATA_HOME")) {
		if _, err := os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("finding the default database folder: %w", err)
		}
	}
	reloadMu.Lock()
	xdg.Reload()
	dir := xdg.DataHome
	reloadMu.Unlock()
	if !filepath.IsAbs(dir) {
		return "", fmt.Errorf("finding the default database folder: no absolute data folder (got %q)", dir)
	}
	return filepath.Join(dir, "styrka", "styrka.db"), nil
}
