//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// faultSink keeps the read below from being optimised away.
var faultSink byte

// TestGuardedTurnsAFaultIntoDamage reads a mapped file past its end, as a
// decoding goroutine would read a record of a database truncated under
// it: the memory fault is ErrDamaged on that goroutine, not a crash.
func TestGuardedTurnsAFaultIntoDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mapped")
	if err := os.WriteFile(path, make([]byte, 2*os.Getpagesize()), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := syscall.Mmap(int(f.Fd()), 0, 2*os.Getpagesize(), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(data)
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	var got error
	done := make(chan struct{})
	go func() {
		defer close(done)
		guarded(&got, func() { faultSink = data[os.Getpagesize()+1] })
	}()
	<-done
	if !errors.Is(got, ErrDamaged) || !strings.Contains(got.Error(), "could not be read") {
		t.Fatalf("err = %v, want ErrDamaged for a fault", got)
	}
}
