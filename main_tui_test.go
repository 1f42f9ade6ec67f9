//go:build unix

package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

// term is a styrka running in a real terminal: a detached tmux session.
type term struct {
	t    *testing.T
	name string
}

// startTerm runs the built binary in a new tmux session of w×h cells with
// its own database and language.
func startTerm(t *testing.T, w, h int, db, lang string) *term {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; this test runs styrka in a real terminal through tmux")
	}
	name := fmt.Sprintf("styrka-e2e-%d", time.Now().UnixNano())
	cmd := fmt.Sprintf("exec env -i HOME=%s PATH=/usr/bin:/bin STYRKA_DB=%s LANG=%s TERM=xterm-256color %s",
		t.TempDir(), db, lang, binary)
	out, err := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), cmd).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux: %v: %s", err, out)
	}
	tm := &term{t: t, name: name}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", name).Run() })
	return tm
}

func (tm *term) screen() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", tm.name).Output()
	return string(out)
}

// waitFor waits until the screen shows every text, or fails with the
// screen as it is.
func (tm *term) waitFor(texts ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.screen()
		all := true
		for _, text := range texts {
			if !strings.Contains(s, text) {
				all = false
			}
		}
		if all {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q:\n%s", texts, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys sends tmux key names (Enter, Escape, C-c, Tab, …).
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if out, err := exec.Command("tmux", "send-keys", "-t", tm.name, k).CombinedOutput(); err != nil {
			tm.t.Fatalf("send-keys %s: %v %s", k, err, out)
		}
		time.Sleep(60 * time.Millisecond)
	}
}

// text types text literally.
func (tm *term) text(s string) {
	tm.t.Helper()
	if out, err := exec.Command("tmux", "send-keys", "-t", tm.name, "-l", s).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys -l: %v %s", err, out)
	}
	time.Sleep(100 * time.Millisecond)
}

func (tm *term) pid() int {
	out, err := exec.Command("tmux", "display-message", "-p", "-t", tm.name, "#{pane_pid}").Output()
	if err != nil {
		tm.t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		tm.t.Fatal(err)
	}
	return pid
}

// exited reports whether the program in the session has ended.
func (tm *term) waitExit() {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command("tmux", "has-session", "-t", tm.name).Run() == nil {
		if time.Now().After(deadline) {
			tm.t.Fatalf("styrka did not quit:\n%s", tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// answers reads the answers of the one customer with this name.
func answers(t *testing.T, db, customer string) map[string]model.Answer {
	t.Helper()
	s, err := store.Open(db, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if errs := s.Check(); len(errs) > 0 {
		t.Fatalf("database check: %v", errs)
	}
	ws, err := s.Workshops()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		d, err := s.Load(w.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Customers {
			if c.Name == customer {
				return d.Answers[c.ID]
			}
		}
	}
	t.Fatalf("no customer %q in the database", customer)
	return nil
}

func TestWorkshopInARealTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "styrka.db")
	tm := startTerm(t, 100, 30, db, "sv_SE.UTF-8")
	tm.waitFor("Välkommen till styrka")

	// Create a workshop.
	tm.keys("n")
	tm.waitFor("Ny workshop")
	tm.text("Höstworkshop")
	tm.keys("Enter", "Enter")
	tm.text("Vårt Bolag AB")
	tm.keys("Enter", "Enter", "Enter", "Enter")

	// The new workshop opens at once: add the customer.
	tm.waitFor("Höstworkshop", "Inga kunder än")
	tm.keys("n")
	tm.waitFor("Ny kund")
	tm.text("Åhléns Möbel AB")
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter")
	tm.waitFor("Åhléns Möbel AB", "0/10")

	// Answer every question of both sets: 4, no note, one key each. The
	// new customer is selected, so a answers it.
	tm.keys("a")
	for _, set := range []string{"A", "B"} {
		for i := 1; i <= 10; i++ {
			tm.waitFor(fmt.Sprintf("%s · %d/10", set, i), "inte besvarad än")
			tm.keys("4")
		}
	}
	tm.waitFor("Åhléns Möbel AB", "10/10")

	// On the map, then its brief.
	tm.keys("m")
	tm.waitFor("Åhléns Möbel AB", "ÖMSESIDIGT BEROENDE")
	tm.keys("Enter")
	tm.waitFor("Åhléns Möbel AB: förhandlingsunderlag", "Strategisk", "Kärnkund")
	tm.keys("C-c")
	tm.waitExit()

	got := answers(t, db, "Åhléns Möbel AB")
	if len(got) != 20 {
		t.Fatalf("%d answers saved, want 20", len(got))
	}
	for id, a := range got {
		if a.Score != 4 {
			t.Fatalf("answer to %s is %d, want 4", id, a.Score)
		}
	}

	// Start again: everything is there.
	tm = startTerm(t, 100, 30, db, "sv_SE.UTF-8")
	tm.waitFor("Höstworkshop")
	tm.keys("Enter")
	tm.waitFor("Åhléns Möbel AB", "10/10", "P1")
	tm.keys("C-c")
	tm.waitExit()
}

func TestKilledMidSetKeepsEveryAnswer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "styrka.db")
	tm := startTerm(t, 80, 24, db, "en_GB.UTF-8")
	tm.waitFor("Welcome to styrka")
	tm.keys("o")
	tm.waitFor("Mälarö Lyftteknik AB")
	tm.keys("n")
	tm.waitFor("New customer")
	tm.text("Killed Midway AB")
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter")
	tm.waitFor("Killed Midway AB")
	tm.keys("G", "a")
	tm.waitFor("Killed Midway AB", "A · 1/10")
	for i := 1; i <= 5; i++ {
		tm.keys(strconv.Itoa(i))
		tm.waitFor(fmt.Sprintf("A · %d/10", i+1), "not answered yet")
	}
	// The fifth answer's status says it is in the store; then kill.
	tm.waitFor("Saved 5 for A 5/10")
	if err := syscall.Kill(tm.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	tm.waitExit()

	got := answers(t, db, "Killed Midway AB")
	if len(got) < 5 {
		t.Fatalf("%d answers survived the kill, want at least 5", len(got))
	}
	scores := map[model.Score]bool{}
	for _, a := range got {
		scores[a.Score] = true
	}
	for s := model.Score(1); s <= 5; s++ {
		if !scores[s] {
			t.Fatalf("the answer scored %d was lost: %v", s, got)
		}
	}
}

// The app sets the window's title while it runs and gives the one before
// back when it ends.
func TestWindowTitleComesBack(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; this test runs styrka in a real terminal through tmux")
	}
	db := filepath.Join(t.TempDir(), "styrka.db")
	name := fmt.Sprintf("styrka-title-%d", time.Now().UnixNano())
	script := fmt.Sprintf(`printf '\033]2;Before styrka\007'; env -i HOME=%s PATH=/usr/bin:/bin STYRKA_DB=%s LANG=en_GB.UTF-8 TERM=xterm-256color %s; echo styrka-ended; sleep 60`,
		t.TempDir(), db, binary)
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", "sh", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", name).Run() })
	tm := &term{t: t, name: name}
	title := func() string {
		out, _ := exec.Command("tmux", "display-message", "-p", "-t", name, "#{pane_title}").Output()
		return strings.TrimSpace(string(out))
	}
	tm.waitFor("Welcome to styrka")
	if got := title(); got != "styrka" {
		t.Fatalf("while it runs the title is %q", got)
	}
	tm.keys("q")
	tm.waitFor("styrka-ended")
	if got := title(); got != "Before styrka" {
		t.Fatalf("after it ended the title is %q, want the one before", got)
	}
}
