//go:build unix

package report

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A new report follows the user's umask; a replaced one keeps its mode.
func TestWriteFileAtomicFollowsTheUmask(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o077, 0o600}, {0o002, 0o664}} {
		old := syscall.Umask(tc.umask)
		path := filepath.Join(dir, "r.md")
		os.Remove(path)
		err := WriteFileAtomic(path, []byte("# r\n"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != tc.want {
			t.Errorf("umask %o: mode %o, want %o", tc.umask, fi.Mode().Perm(), tc.want)
		}
	}
	path := filepath.Join(dir, "kept.md")
	if err := os.WriteFile(path, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("a replaced file's mode is %o, want 640", fi.Mode().Perm())
	}
}
