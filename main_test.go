package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"styrka/store"
)

// binary is the styrka built once for every end-to-end test.
var binary string

// demoCustomers is the number of customers `styrka demo` creates: one in
// each of the 16 cells.
const demoCustomers = 16

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "styrka-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "styrka")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	// A skipped test says why only with -v; say it once here too, so a
	// run without tmux does not look like a full pass.
	if _, err := exec.LookPath("tmux"); err != nil && runtime.GOOS != "windows" {
		fmt.Fprintln(os.Stderr, "styrka e2e: tmux is not installed, so the tests of the workshop app in a real terminal (main_tui_test.go) skip; install tmux to run them")
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// run starts the built binary with a clean environment: its own database
// and home, the given language, no colour preferences of the machine.
func run(t *testing.T, db, lang string, args ...string) result {
	t.Helper()
	return runEnv(t, []string{"STYRKA_DB=" + db, "LANG=" + lang, "TERM=dumb"}, args...)
}

// runEnv runs the binary with a minimal environment plus env.
func runEnv(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	home := t.TempDir()
	cmd.Env = append([]string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("styrka %v hung", args)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}

func mustRun(t *testing.T, db, lang string, args ...string) result {
	t.Helper()
	r := run(t, db, lang, args...)
	if r.code != 0 {
		t.Fatalf("styrka %v: exit %d\nstdout: %s\nstderr: %s", args, r.code, r.stdout, r.stderr)
	}
	return r
}

var langs = []struct{ name, locale string }{{"en", "en_GB.UTF-8"}, {"sv", "sv_SE.UTF-8"}}

func TestDemoIsIdempotent(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			first := mustRun(t, db, l.locale, "demo")
			if !strings.Contains(first.stdout, "Demo") {
				t.Fatalf("demo said %q", first.stdout)
			}
			second := mustRun(t, db, l.locale, "demo")
			if second.stdout == first.stdout {
				t.Fatalf("second demo run said the same as the first: %q", second.stdout)
			}
			cs := mustRun(t, db, l.locale, "customers", "-w", "Demo")
			rows := 0
			for _, line := range strings.Split(cs.stdout, "\n") {
				f := strings.Fields(line)
				if len(f) > 1 && f[0] != "#" && f[0][0] >= '1' && f[0][0] <= '9' {
					rows++
				}
			}
			if rows != demoCustomers {
				t.Fatalf("customers lists %d rows, want %d:\n%s", rows, demoCustomers, cs.stdout)
			}
		})
	}
}

func TestSwedishOutputIsSwedish(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "sv_SE.UTF-8", "demo")
	cs := mustRun(t, db, "sv_SE.UTF-8", "customers")
	for _, want := range []string{"Kund", "Prioritet", "Styrkeförhållande"} {
		if !strings.Contains(cs.stdout, want) {
			t.Errorf("Swedish customers table lacks %q:\n%s", want, cs.stdout)
		}
	}
	for _, english := range []string{"Customer", "Priority", "Interdependence", "Strategic"} {
		if strings.Contains(cs.stdout, english) {
			t.Errorf("Swedish customers table has the English %q:\n%s", english, cs.stdout)
		}
	}
	// --lang wins over the locale, STYRKA_LANG too.
	en := mustRun(t, db, "sv_SE.UTF-8", "--lang", "en", "workshops")
	if !strings.Contains(en.stdout, "Workshop") || strings.Contains(en.stdout, "Datum") {
		t.Errorf("--lang en gave:\n%s", en.stdout)
	}
}

func TestMapFitsTheWidthAndHasNoColourWhenPiped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	for _, view := range []string{"power", "kraljic", "preferencing"} {
		for _, w := range []int{30, 80, 160} {
			r := mustRun(t, db, "en_GB.UTF-8", "map", "--view", view, "--width", itoa(w), "--height", "30")
			if strings.Contains(r.stdout, "\x1b") {
				t.Fatalf("map has escape codes when piped")
			}
			for _, line := range strings.Split(r.stdout, "\n") {
				if ansi.StringWidth(line) > w {
					t.Fatalf("view %s width %d: line of %d cells: %q", view, w, ansi.StringWidth(line), line)
				}
			}
		}
	}
	r := mustRun(t, db, "en_GB.UTF-8", "map")
	for _, want := range []string{"INTERDEPENDENCE", "WE DOMINATE", "CUSTOMER DOMINATES", "INDEPENDENCE", "Supply risk", "Relative value"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("map lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	first := mustRun(t, db, "en_GB.UTF-8", "report", "-w", "Demo", "--format", "json")
	file := filepath.Join(t.TempDir(), "demo.json")
	if err := os.WriteFile(file, []byte(first.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	mustRun(t, empty, "en_GB.UTF-8", "import", file)
	second := mustRun(t, empty, "en_GB.UTF-8", "report", "-w", "Demo", "--format", "json")
	if first.stdout != second.stdout {
		t.Fatalf("export → import → export differs")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(first.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	// Importing again is refused without --replace, and allowed with it.
	again := run(t, empty, "en_GB.UTF-8", "import", file)
	if again.code == 0 || !strings.Contains(again.stderr, "--replace") {
		t.Fatalf("second import: exit %d, %q", again.code, again.stderr)
	}
	mustRun(t, empty, "en_GB.UTF-8", "import", "--replace", file)
}

func TestReports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "sv_SE.UTF-8", "demo")
	md := mustRun(t, db, "sv_SE.UTF-8", "report", "--format", "md")
	for _, want := range []string{"# Demo", "Ömsesidigt beroende", "Utveckla", "Sluta", "Starta", "```text"} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("Swedish report lacks %q", want)
		}
	}
	out := filepath.Join(t.TempDir(), "brief.md")
	r := mustRun(t, db, "en_GB.UTF-8", "report", "-c", "Åkerlunds", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("report -o wrote nothing: %v (%s)", err, r.stderr)
	}
	for _, want := range []string{"customer brief", "Scores", "Every answer", "Evidence"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("brief lacks %q:\n%s", want, data)
		}
	}
}

func TestBadInputGetsOneClearSentence(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	tests := []struct {
		name   string
		lang   string
		args   []string
		code   int
		expect string
	}{
		{"unknown flag", "en_GB.UTF-8", []string{"map", "--colour"}, 2, "There is no flag --colour"},
		{"unknown flag sv", "sv_SE.UTF-8", []string{"map", "--colour"}, 2, "Flaggan --colour finns inte"},
		{"unknown command", "en_GB.UTF-8", []string{"mapp"}, 2, "There is no command"},
		{"bad language", "en_GB.UTF-8", []string{"--lang", "de", "workshops"}, 2, "sv and en"},
		{"bad view", "en_GB.UTF-8", []string{"map", "--view", "kralic"}, 2, "kralic"},
		{"unknown workshop", "sv_SE.UTF-8", []string{"customers", "-w", "Nope"}, 1, "Workshoppen ”Nope” finns inte"},
		{"unknown customer", "en_GB.UTF-8", []string{"report", "-c", "Nobody"}, 1, "There is no customer"},
		{"bad format", "en_GB.UTF-8", []string{"report", "--format", "pdf"}, 2, "pdf"},
		{"missing import file", "en_GB.UTF-8", []string{"import", filepath.Join(dir, "none.json")}, 1, "There is no file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, db, tt.lang, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.expect) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.expect)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("not one sentence: %q", r.stderr)
			}
		})
	}
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestForeignAndDamagedFilesAreLeftAlone(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	mustRun(t, good, "en_GB.UTF-8", "demo")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"text.db":      []byte("this is a shopping list, not a database\n"),
		"truncated.db": data[:len(data)/2],
		"tiny.db":      data[:100],
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			before := sum(t, path)
			r := run(t, path, "en_GB.UTF-8", "workshops")
			if r.code == 0 {
				t.Fatalf("opened a broken file: %q", r.stdout)
			}
			if !strings.Contains(r.stderr, "left untouched") {
				t.Errorf("stderr %q does not say the file was left alone", r.stderr)
			}
			if sum(t, path) != before {
				t.Fatal("the file was changed")
			}
		})
	}
}

func TestSecondCopyIsToldWhoHasTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	held, err := store.Open(db, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	r := run(t, db, "en_GB.UTF-8", "workshops")
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the second copy took %v to give up", took)
	}
	if r.code == 0 {
		t.Fatal("a second copy opened a database in use")
	}
	if !strings.Contains(r.stderr, "process "+itoa(os.Getpid())) {
		t.Errorf("stderr %q does not name the process holding the database", r.stderr)
	}
}

func TestCheckBackupAndVersion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	if r := mustRun(t, db, "en_GB.UTF-8", "check"); !strings.Contains(r.stdout, "OK") {
		t.Errorf("check said %q", r.stdout)
	}
	copyPath := filepath.Join(dir, "copy.db")
	mustRun(t, db, "en_GB.UTF-8", "backup", copyPath)
	if r := mustRun(t, copyPath, "en_GB.UTF-8", "customers"); !strings.Contains(r.stdout, "Åkerlunds Järnhandel AB") {
		t.Errorf("the backup does not hold the demo:\n%s", r.stdout)
	}
	if r := run(t, db, "en_GB.UTF-8", "backup", copyPath); r.code == 0 {
		t.Error("backup overwrote an existing file")
	}
	if r := mustRun(t, db, "en_GB.UTF-8", "--version"); strings.TrimSpace(r.stdout) == "" {
		t.Error("--version printed nothing")
	}
}

func TestOwnContent(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	bad := filepath.Join(dir, "mine.yaml")
	content := "sets:\n  - id: them\n    title: T\n    intro: I\n    questions:\n      - id: q1\n        dimension: impact\n        wieght: 2\n"
	if err := os.WriteFile(bad, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, db, "en_GB.UTF-8", "--content", bad, "workshops")
	if r.code == 0 || !strings.Contains(r.stderr, "mine.yaml, line 8") || !strings.Contains(r.stderr, "wieght") {
		t.Errorf("bad content: exit %d, %q", r.code, r.stderr)
	}
	dump := mustRun(t, db, "sv_SE.UTF-8", "content")
	own := filepath.Join(dir, "own.yaml")
	if err := os.WriteFile(own, []byte(dump.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "sv_SE.UTF-8", "--content", own, "demo")
}

func TestHelpSpeaksTheLanguage(t *testing.T) {
	r := mustRun(t, filepath.Join(t.TempDir(), "s.db"), "sv_SE.UTF-8", "--help")
	if !strings.Contains(r.stdout, "Kontrollera att databasen är hel") || !strings.Contains(r.stdout, "Visa hjälp") {
		t.Errorf("Swedish help:\n%s", r.stdout)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestAppNeedsATerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	r := runEnv(t, []string{"STYRKA_DB=" + db, "LANG=sv_SE.UTF-8", "TERM=xterm-256color"})
	if r.code != 1 || !strings.Contains(r.stderr, "behöver en terminal") {
		t.Fatalf("styrka without a terminal: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("styrka without a terminal made a database")
	}
}
