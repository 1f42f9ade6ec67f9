package store_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"styrka/model"
	"styrka/store"
)

const (
	envHelper = "STYRKA_STORE_TEST_HELPER"
	envHelpDB = "STYRKA_STORE_TEST_DB"
	envHelpW  = "STYRKA_STORE_TEST_WORKSHOP"
	envHelpC  = "STYRKA_STORE_TEST_CUSTOMER"
	envHelpQ  = "STYRKA_STORE_TEST_PREFIX"
)

// TestHelperProcess is not a test: the other tests run the test binary
// again with envHelper set, to get a second process on the database.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("helper process for TestLockedByOtherProcess and TestCrash")
	}
	db, err := store.Open(os.Getenv(envHelpDB), store.Options{NoAutoBackup: true})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	switch mode {
	case "lock":
		// Hold the database until stdin closes (or we are killed).
		fmt.Println("ready")
		_, _ = io.Copy(io.Discard, os.Stdin)
	case "crash":
		// Save answers until killed; "saved" is printed only after the
		// answer is committed.
		w, c, prefix := os.Getenv(envHelpW), os.Getenv(envHelpC), os.Getenv(envHelpQ)
		for i := 0; ; i++ {
			q := fmt.Sprintf("%s-%d", prefix, i)
			if err := db.SaveAnswer(w, model.Answer{CustomerID: c, QuestionID: q, Score: model.Score(i % 6), Note: strings.Repeat("n", i%300)}); err != nil {
				fmt.Println("error:", err)
				os.Exit(2)
			}
			fmt.Println("saved", q)
		}
	}
	_ = db.Close()
	os.Exit(0)
}

// helper starts the test binary as a helper process and returns its stdout
// lines.
func helper(t *testing.T, mode string, env ...string) (*exec.Cmd, io.WriteCloser, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), append([]string{envHelper + "=" + mode}, env...)...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	mustNoErr(t, err)
	stdout, err := cmd.StdoutPipe()
	mustNoErr(t, err)
	mustNoErr(t, cmd.Start())
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd, stdin, lines
}

func TestLockedByOtherProcess(t *testing.T) {
	path := dbPath(t)
	makeDB(t, path, dataset(2, 2))
	cmd, stdin, lines := helper(t, "lock", envHelpDB+"="+path)
	select {
	case line := <-lines:
		if line != "ready" {
			t.Fatalf("helper said %q", line)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("helper did not start")
	}

	start := time.Now()
	db, err := store.Open(path, store.Options{})
	elapsed := time.Since(start)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded while another process has the database")
	}
	var le *store.LockedError
	if !errors.As(err, &le) {
		t.Fatalf("Open = %v, want *LockedError", err)
	}
	if le.PID != cmd.Process.Pid || le.Started.IsZero() {
		t.Errorf("LockedError names pid %d (started %v), want %d", le.PID, le.Started, cmd.Process.Pid)
	}
	if elapsed > 2500*time.Millisecond {
		t.Errorf("Open took %v, want about a second", elapsed)
	}
	t.Logf("%v after %v", err, elapsed)

	// Once the other process is gone (killed: its side file stays behind),
	// the database opens.
	_ = stdin.Close()
	mustNoErr(t, cmd.Process.Kill())
	_ = cmd.Wait()
	db = openTest(t, path, store.Options{})
	mustNoErr(t, db.Close())
}

// TestCrash kills a writing process without warning (killHard: SIGKILL on
// Unix, TerminateProcess on Windows) at a random moment, 20 times, and
// reopens the database each time: it must open (with the full
// verification, since the killed process left no clean-close marker),
// check clean and hold every acknowledged answer exactly as it was saved.
func TestCrash(t *testing.T) {
	path := dbPath(t)
	d := dataset(3, 5)
	makeDB(t, path, d)
	w, c := d.Workshop.ID, d.Customers[1].ID

	// acked maps each acknowledged question to its answer's number i (the
	// helper saves score i%6 and a note of i%300 n's).
	acked := map[string]int{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	const rounds = 20
	for round := range rounds {
		cmd, _, lines := helper(t, "crash", envHelpDB+"="+path, envHelpW+"="+w, envHelpC+"="+c,
			fmt.Sprintf("%s=r%d", envHelpQ, round))
		ack := func(line string) {
			q, ok := strings.CutPrefix(line, "saved ")
			if !ok {
				t.Fatalf("round %d: helper said %q", round, line)
			}
			_, num, _ := strings.Cut(q, "-")
			i, err := strconv.Atoi(num)
			mustNoErr(t, err)
			acked[q] = i
		}
		// Kill it after a random number of acknowledged answers: at a
		// moment when it is writing the next one.
		wantAcks := 1 + rng.IntN(30)
		for n := 0; n < wantAcks; n++ {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("round %d: helper stopped", round)
				}
				ack(line)
			case <-time.After(20 * time.Second):
				t.Fatalf("round %d: helper did not save", round)
			}
		}
		mustNoErr(t, killHard(cmd.Process))
		_ = cmd.Wait()
		for line := range lines {
			ack(line)
		}
		if _, err := os.Stat(path + ".checked"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("round %d: a clean-close marker after a kill: %v", round, err)
		}

		// The kernel released the lock: the database opens, checks clean
		// and holds every acknowledged answer as it was saved.
		db, err := store.Open(path, store.Options{NoAutoBackup: true})
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if errs := db.Check(); len(errs) > 0 {
			t.Fatalf("round %d: Check: %v", round, errs)
		}
		got, err := db.Load(w)
		mustNoErr(t, err)
		for q, i := range acked {
			a, ok := got.Answers[c][q]
			switch {
			case !ok:
				t.Errorf("round %d: acknowledged answer %s is missing", round, q)
			case a.Score != model.Score(i%6) || a.Note != strings.Repeat("n", i%300) || a.At.IsZero():
				t.Errorf("round %d: answer %s is %+v, want score %d and a note of %d characters", round, q, a, i%6, i%300)
			}
		}
		for q, a := range d.Answers[c] {
			if got.Answers[c][q] != a {
				t.Errorf("round %d: the answer %s from before is %+v, want %+v", round, q, got.Answers[c][q], a)
			}
		}
		t.Logf("round %d: %d answers acknowledged in all, %d stored", round, len(acked), len(got.Answers[c]))
		mustNoErr(t, db.Close())
	}
}
