package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"styrka/store/storetest"
)

// oneLine checks that stderr is one line that says want.
func oneLine(t *testing.T, what string, r result, want string) {
	t.Helper()
	msg := strings.TrimSpace(r.stderr)
	if r.code != 1 || !strings.Contains(msg, want) || strings.Contains(msg, "\n") {
		t.Errorf("%s: exit %d, stderr %q; want exit 1 and one line saying %q", what, r.code, r.stderr, want)
	}
}

// TestPostgresEndToEnd runs the built styrka against a PostgreSQL
// database: an empty one is refused by the commands that read, demo
// creates the workshop there, map and check read it, backup writes a bbolt
// file that shows the same map, and import moves that file into another
// PostgreSQL database in one command.
func TestPostgresEndToEnd(t *testing.T) {
	url := storetest.FreshPostgres(t)
	const en = "en_GB.UTF-8"

	oneLine(t, "map of an empty database", run(t, url, en, "map"), "holds no styrka data yet")
	oneLine(t, "check of an empty database", run(t, url, en, "check"), "holds no styrka data yet")

	mustRun(t, url, en, "demo")
	want := mustRun(t, url, en, "map").stdout
	if !strings.Contains(want, "Demo") {
		t.Fatalf("map on PostgreSQL:\n%s", want)
	}
	if r := mustRun(t, url, en, "check"); !strings.Contains(r.stdout, "is OK") {
		t.Errorf("check: %q", r.stdout)
	}
	// --db wins over STYRKA_DB, as for a file.
	if r := mustRun(t, filepath.Join(t.TempDir(), "unused.db"), en, "--db", url, "map"); r.stdout != want {
		t.Errorf("--db %s map:\n%s\nwant:\n%s", url, r.stdout, want)
	}

	file := filepath.Join(t.TempDir(), "moved.db")
	mustRun(t, url, en, "backup", file)
	if got := mustRun(t, file, en, "map").stdout; got != want {
		t.Errorf("the backup's map:\n%s\nwant:\n%s", got, want)
	}
	mustRun(t, file, en, "check")

	other := storetest.FreshPostgres(t)
	r := mustRun(t, other, en, "import", file)
	if !strings.Contains(r.stdout, "Copied 1 workshop from the styrka database "+file) {
		t.Errorf("import said %q", r.stdout)
	}
	if got := mustRun(t, other, en, "map").stdout; got != want {
		t.Errorf("the imported map:\n%s\nwant:\n%s", got, want)
	}
	oneLine(t, "a second import", run(t, other, en, "import", file), "“Demo” is already in")
	mustRun(t, other, en, "import", "--replace", file)
	mustRun(t, other, en, "check")
}

// TestDatabaseURLErrors: a URL of a scheme styrka has no backend for is
// refused in one sentence and never becomes a folder; a server that is
// down, or one that accepts the connection and never answers, is one
// sentence within the connect timeout, not a hang. None needs a server.
func TestDatabaseURLErrors(t *testing.T) {
	dir := t.TempDir()
	for _, l := range []struct{ locale, scheme, down string }{
		{"en_GB.UTF-8", "styrka cannot keep its data in mysql://...", "Could not reach the PostgreSQL server at 127.0.0.1:"},
		{"sv_SE.UTF-8", "styrka kan inte spara sina data i mysql://...", "Kunde inte nå PostgreSQL-servern på 127.0.0.1:"},
	} {
		for _, args := range [][]string{{"map"}, {"demo"}, {"check"}} {
			r := runIn(t, dir, []string{"LANG=" + l.locale, "TERM=dumb"}, append([]string{"--db", "mysql://root:secret@localhost/styrka"}, args...)...)
			oneLine(t, "mysql:// "+args[0], r, l.scheme)
			if strings.Contains(r.stderr, "secret") {
				t.Errorf("the password is shown: %q", r.stderr)
			}
		}

		// A closed port: refused at once.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := ln.Addr().String()
		ln.Close()
		r := run(t, "postgres://styrka:secret@"+closed+"/styrka", l.locale, "map")
		oneLine(t, "a closed port", r, l.down)

		// A server that never answers: the connect timeout of the URL.
		silent := silentServer(t)
		start := time.Now()
		r = run(t, "postgres://styrka:secret@"+silent+"/styrka?connect_timeout=1", l.locale, "demo")
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("a silent server took %v to be given up", took)
		}
		oneLine(t, "a silent server", r, l.down+strings.Split(silent, ":")[1])
		if strings.Contains(r.stderr, "secret") {
			t.Errorf("the password is shown: %q", r.stderr)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("a URL left %s behind in the working folder", e.Name())
	}
}

// runIn is runEnv in the working folder dir.
func runIn(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(20*time.Second, func() { _ = cmd.Process.Kill() })
	defer timer.Stop()
	_ = cmd.Wait()
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}

// silentServer accepts connections and never answers, until the test
// ends; it returns its address.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				for _, c := range conns {
					c.Close()
				}
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	return ln.Addr().String()
}
