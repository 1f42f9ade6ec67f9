package store

import (
	"encoding/json"
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
