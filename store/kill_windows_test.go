package store_test

import "os"

// killHard ends p at once, as a crash or a power cut would: on Windows
// Process.Kill is TerminateProcess, which gives it no chance to close the
// database.
func killHard(p *os.Process) error { return p.Kill() }
