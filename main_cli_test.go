//go:build unix

// End-to-end tests of the command line on a real terminal (a pseudo-
// terminal), in both languages: what it prints there, and that it never
// asks the terminal anything. Unix only: Windows has no pseudo-terminals
// of this kind.

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"styrka/assets"
)

// runTerminal runs the built binary with its standard input, output and
// error on a terminal of cols×rows cells that never answers a query, and
// returns everything written to the terminal and the exit status.
func runTerminal(t *testing.T, cols, rows int, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color"}, env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		t.Skipf("this machine gives no pseudo-terminal (%v), which the test runs styrka in", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	var out bytes.Buffer
	read := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, tty)
		read <- err
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("styrka %v hung on a terminal", args)
	}
	// The terminal reads EIO once the last process holding it has gone.
	if err := <-read; err != nil && !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	return out.String(), cmd.ProcessState.ExitCode()
}

// queries are the escape sequences that ask a terminal something and wait
// for its answer: OSC colour queries (10, 11, 4 with "?"), device
// attributes, cursor position and other status reports.
var queries = regexp.MustCompile(`\x1b\][0-9;]*\?|\x1b\[[>=]?[0-9;]*c|\x1b\[\??[0-9;]*n|\x1bP\+q`)

func TestTerminalIsNeverAsked(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			dir := t.TempDir()
			db := dir + "/s.db"
			mustRun(t, db, l.locale, "demo")
			env := []string{"STYRKA_DB=" + db, "LANG=" + l.locale}
			for _, tt := range []struct {
				name string
				args []string
				code int
			}{
				{"usage error", []string{"map", "--colour"}, 2},
				{"error", []string{"--db", dir + "/typo.db", "check"}, 1},
				{"help", []string{"--help"}, 0},
				{"help of a command", []string{"report", "--help"}, 0},
				{"customers", []string{"customers"}, 0},
			} {
				t.Run(tt.name, func(t *testing.T) {
					start := time.Now()
					out, code := runTerminal(t, 100, 30, env, tt.args...)
					t.Logf("styrka %v on a terminal took %v", tt.args, time.Since(start))
					if code != tt.code {
						t.Errorf("exit %d, want %d:\n%s", code, tt.code, out)
					}
					if q := queries.FindString(out); q != "" {
						t.Errorf("styrka %v asked the terminal %q:\n%q", tt.args, q, out)
					}
					text := ansi.Strip(out)
					if strings.TrimSpace(text) == "" {
						t.Errorf("styrka %v printed nothing", tt.args)
					}
					// An error is one line, which the terminal wraps; help and
					// tables are laid out to the terminal's width.
					for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
						if w := ansi.StringWidth(line); w > 100 && tt.code == 0 {
							t.Errorf("styrka %v: a line of %d cells on a terminal of 100: %q", tt.args, w, line)
						}
					}
				})
			}
		})
	}
}

func TestCustomersFitTheTerminal(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			db := t.TempDir() + "/s.db"
			mustRun(t, db, l.locale, "demo")
			c := assets.MustBuiltin(l.name)
			piped := mustRun(t, db, l.locale, "customers").stdout
			widest := 0
			for _, line := range strings.Split(piped, "\n") {
				widest = max(widest, ansi.StringWidth(line))
			}
			if widest <= 100 || !strings.Contains(piped, c.T("col.room")) {
				t.Fatalf("piped customers should be whole (%d columns wide):\n%s", widest, piped)
			}
			for _, cols := range []int{40, 60, 80, 100} {
				out, code := runTerminal(t, cols, 40, []string{"STYRKA_DB=" + db, "LANG=" + l.locale}, "customers")
				if code != 0 {
					t.Fatalf("exit %d:\n%s", code, out)
				}
				text := ansi.Strip(strings.ReplaceAll(out, "\r\n", "\n"))
				for _, line := range strings.Split(text, "\n") {
					if w := ansi.StringWidth(line); w > cols {
						t.Errorf("%d columns: a line of %d cells: %q", cols, w, line)
					}
				}
				// What matters most stays: the rank, the name, the
				// priority and the power balance.
				for _, want := range []string{"Åkerlunds", "P1"} {
					if !strings.Contains(text, want) {
						t.Errorf("%d columns: %q is missing:\n%s", cols, want, text)
					}
				}
				if cols >= 80 && !strings.Contains(text, c.T("col.regime")) {
					t.Errorf("%d columns: the power balance column is missing:\n%s", cols, text)
				}
				if cols == 80 {
					t.Logf("customers at 80 columns:\n%s", text)
				}
			}
		})
	}
}
