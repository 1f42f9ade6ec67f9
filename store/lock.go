package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// lockInfo is the side file <db>.lock that names the process holding the
// database, so that a second styrka can say who has it open. The lock
// itself is bbolt's flock on the database file; the side file is only
// information and may be stale after a crash. It is written a moment
// after the lock is taken (lockInfoDelay).
type lockInfo struct {
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

func lockInfoPath(path string) string { return path + ".lock" }

// lockInfoDelay is how long after taking the lock a process names itself
// in the side file. Only a process that has waited lockTimeout for the
// lock reads the file, so a holder it waited for has written it by then;
// and a short command (most take a few milliseconds) does not spend
// about 0.25 ms encoding, creating and removing it.
const lockInfoDelay = lockTimeout / 10

// nameHolder writes the side file lockInfoDelay from now, with now as
// the time the lock was taken, unless the database is closed by then.
func (db *DB) nameHolder() {
	li := lockInfo{PID: os.Getpid(), Started: time.Now()}
	db.named = time.AfterFunc(lockInfoDelay, func() { db.writeHolder(li) })
}

// writeHolder writes li to the side file unless the database is closed.
func (db *DB) writeHolder(li lockInfo) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if !db.closed {
		writeLockInfo(db.path, li)
	}
}

// writeLockInfo records li in the side file. It is best effort: a
// database in a read-only folder can still be used.
func writeLockInfo(path string, li lockInfo) {
	data, err := json.Marshal(li)
	if err != nil {
		return
	}
	// Write a temporary file and rename it, so that a reader never sees a
	// half-written one. CreateTemp makes it 0600.
	f, err := os.CreateTemp(filepath.Dir(path), ".styrka-lock-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), lockInfoPath(path))
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
}

func removeLockInfo(path string) { _ = os.Remove(lockInfoPath(path)) }

// lockedError names the process in the side file; PID 0 when it cannot be
// read or that process is gone (a stale side file left by a styrka that
// was killed: whoever holds the lock now is someone else). processAlive is
// per platform, in lock_unix.go and lock_windows.go.
func lockedError(path string) *LockedError {
	e := &LockedError{Path: path}
	data, err := os.ReadFile(lockInfoPath(path))
	if err != nil {
		return e
	}
	var li lockInfo
	if json.Unmarshal(data, &li) != nil || li.PID <= 0 || !processAlive(li.PID) {
		return e
	}
	e.PID, e.Started = li.PID, li.Started
	return e
}
