//go:build windows

package cli

import (
	"io"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/windows"
)

// enableVirtualTerminal turns on escape-sequence processing for a Windows
// console, so colour shows as colour on older Windows 10 consoles instead
// of as raw codes. Errors are ignored: the output is then plain.
func enableVirtualTerminal(w io.Writer) {
	f, ok := w.(term.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return
	}
	var mode uint32
	if windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) != nil {
		return
	}
	_ = windows.SetConsoleMode(windows.Handle(f.Fd()), mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING)
}
