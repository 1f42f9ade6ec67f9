//go:build unix

package report_test

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"styrka/report"
)

// A named pipe (as /dev/null or /dev/stdout) is written to, not replaced
// by a file: renaming over it would put a file where the device was.
func TestWriteFileAtomicKeepsADevice(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(pipe)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	if err := report.WriteFileAtomic(pipe, []byte("hej")); err != nil {
		t.Fatal(err)
	}
	if b := <-got; string(b) != "hej" {
		t.Errorf("the pipe's reader got %q", b)
	}
	fi, err := os.Lstat(pipe)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced by %v", fi.Mode())
	}
	if err := report.WriteFileAtomic("/dev/null", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", fi.Mode(), err)
	}
}

// A link to a file keeps being a link: the file it names is replaced.
func TestWriteFileAtomicFollowsALink(t *testing.T) {
	dir := t.TempDir()
	file, link := filepath.Join(dir, "report.md"), filepath.Join(dir, "latest.md")
	if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, link); err != nil {
		t.Skip("no links here:", err)
	}
	if err := report.WriteFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(file); string(b) != "new" {
		t.Errorf("the linked file holds %q", b)
	}
}
