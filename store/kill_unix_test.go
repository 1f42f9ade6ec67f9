//go:build unix

package store_test

import (
	"os"
	"syscall"
)

// killHard ends p at once, as a crash or a power cut would: SIGKILL gives
// it no chance to close the database.
func killHard(p *os.Process) error { return p.Signal(syscall.SIGKILL) }
