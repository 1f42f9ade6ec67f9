package main

import (
	"bufio"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// TestServeWithoutATerminal runs `styrka serve` as a background process:
// it prints the command and the join code, a participant joins over SSH,
// the log says so, and ctrl+c (SIGINT) stops it cleanly.
func TestServeWithoutATerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")

	cmd := exec.Command(binary, "serve", "--listen", "127.0.0.1:0")
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "STYRKA_DB=" + db, "LANG=en_GB.UTF-8", "TERM=dumb"}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 100)
	var all strings.Builder
	var mu sync.Mutex
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			all.WriteString(sc.Text() + "\n")
			mu.Unlock()
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitLine := func(re *regexp.Regexp) []string {
		t.Helper()
		deadline := time.After(15 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					mu.Lock()
					defer mu.Unlock()
					t.Fatalf("serve ended before %s; it printed:\n%s", re, all.String())
				}
				if m := re.FindStringSubmatch(l); m != nil {
					return m
				}
			case <-deadline:
				mu.Lock()
				defer mu.Unlock()
				t.Fatalf("no line %s; serve printed:\n%s", re, all.String())
			}
		}
	}
	port := waitLine(regexp.MustCompile(`They type:\s+ssh -p (\d+) localhost`))[1]
	code := waitLine(regexp.MustCompile(`Join code:\s+([A-Z0-9]{3}-[A-Z0-9]{3})`))[1]
	waitLine(regexp.MustCompile(`Only this machine can connect`))
	if _, err := os.Stat(filepath.Join(dir, "ssh_host_ed25519_key")); err != nil {
		t.Errorf("no host key beside the database: %v", err)
	}

	// A client without an SSH key, as a laptop that never made one: it
	// gets in through keyboard-interactive with no questions.
	noKey := ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	conn, err := ssh.Dial("tcp", "127.0.0.1:"+port, &ssh.ClientConfig{User: "x", HostKeyCallback: ssh.InsecureIgnoreHostKey(),
		Timeout: 5 * time.Second, Auth: []ssh.AuthMethod{noKey}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 24, 80, ssh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	sessOut, _ := sess.StdoutPipe()
	go io.Copy(io.Discard, sessOut)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	// Language, join code and name, typed ahead as a fast typist would.
	io.WriteString(in, "\r"+strings.ToLower(code)+"\rTester\r")
	waitLine(regexp.MustCompile(`\d\d:\d\d:\d\d\s+Tester joined`))

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waitLine(regexp.MustCompile(`The server is stopped`))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
}

func TestServeRefusesBadAddresses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	r := run(t, db, "en_GB.UTF-8", "serve", "--listen", "2323")
	if r.code != 2 || !strings.Contains(r.stderr, "--listen wants a host and a port") {
		t.Errorf("--listen 2323: exit %d, %q", r.code, r.stderr)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	r = run(t, db, "sv_SE.UTF-8", "serve", "--listen", busy.Addr().String())
	if r.code != 1 || !strings.Contains(r.stderr, "lyssnar redan på "+busy.Addr().String()) {
		t.Errorf("a port in use: exit %d, %q", r.code, r.stderr)
	}
}
