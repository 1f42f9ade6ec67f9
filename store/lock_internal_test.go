package store

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLockedErrorNamesOnlyALiveProcess: the side file may be stale after a
// crash, and then the error must not name the dead process.
func TestLockedErrorNamesOnlyALiveProcess(t *testing.T) {
	// A process that has certainly ended: the test binary, running no tests.
	gone := exec.Command(os.Args[0], "-test.run=^$")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	started := time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)
	side := func(pid int) string {
		data, err := json.Marshal(lockInfo{PID: pid, Started: started})
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	tests := []struct {
		name    string
		side    string // "" writes no side file
		wantPID int
	}{
		{"a running process", side(os.Getpid()), os.Getpid()},
		{"a process that is gone", side(gone.Process.Pid), 0},
		{"no side file", "", 0},
		{"not JSON", "{pid", 0},
		{"no pid", side(0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "Åsa Öberg", "styrka.db")
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if tt.side != "" {
				if err := os.WriteFile(lockInfoPath(path), []byte(tt.side), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			e := lockedError(path)
			if e.PID != tt.wantPID || e.Path != path {
				t.Fatalf("lockedError = %+v, want pid %d", e, tt.wantPID)
			}
			msg := e.Error()
			if named := strings.Contains(msg, "process "+strconv.Itoa(tt.wantPID)); named != (tt.wantPID != 0) {
				t.Errorf("message %q", msg)
			}
			if tt.wantPID != 0 && !e.Started.Equal(started) {
				t.Errorf("Started = %v, want %v", e.Started, started)
			}
		})
	}
}

// TestLockInfoIsWrittenLater: the side file names the holder from a
// moment after Open, with the time Open took the lock, until Close; a
// database closed before that moment never writes it.
func TestLockInfoIsWrittenLater(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	before := time.Now()
	db, err := Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	var li lockInfo
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		data, err := os.ReadFile(lockInfoPath(path))
		if err == nil && json.Unmarshal(data, &li) == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no side file: %v", err)
		}
	}
	if li.PID != os.Getpid() || li.Started.Before(before) || li.Started.After(time.Now()) {
		t.Errorf("side file %+v, want pid %d, started after %v", li, os.Getpid(), before)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lockInfoPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("side file after Close: %v", err)
	}

	// A timer that fires after Close writes nothing.
	db, err = Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db.writeHolder(lockInfo{PID: os.Getpid(), Started: time.Now()})
	if _, err := os.Stat(lockInfoPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a side file after Close: %v", err)
	}
}
