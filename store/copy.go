package store

import "fmt"

// CopyAll imports every workshop of src into dst, each in one
// transaction, and returns how many it copied: how a bbolt file moves into
// PostgreSQL (and, with Backup, back), whichever backend each is. A
// workshop dst has already is ErrExists unless replace is true; the
// workshops copied before it stay.
func CopyAll(dst, src Store, replace bool) (int, error) {
	ws, err := src.Workshops()
	if err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	for i, w := range ws {
		d, err := src.Load(w.ID)
		if err != nil {
			return i, fmt.Errorf("copy: %w", err)
		}
		if err := dst.Import(d, replace); err != nil {
			return i, fmt.Errorf("copy workshop %q: %w", w.Name, err)
		}
	}
	return len(ws), nil
}
