package store

// NewBackupErrorForTest lets the external tests classify errors.
func NewBackupErrorForTest(dir string, err error) error { return newBackupError(dir, err) }
