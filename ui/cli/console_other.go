//go:build !windows

package cli

import "io"

// enableVirtualTerminal is needed on Windows only; terminals elsewhere
// read escape sequences as they are.
func enableVirtualTerminal(io.Writer) {}
