package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// TestBackupFailureIsAWarning: a daily backup that cannot be written (a
// file where the backups folder belongs) is one sentence on stderr that
// says where and why; the command itself works, check included.
func TestBackupFailureIsAWarning(t *testing.T) {
	for _, l := range []struct{ locale, want string }{
		{"en_GB.UTF-8", "The daily backup could not be written to %s because a file of that name is in the way; your work goes on"},
		{"sv_SE.UTF-8", "Den dagliga säkerhetskopian kunde inte skrivas till %s eftersom en fil med det namnet står i vägen; arbetet fortsätter"},
	} {
		dir := t.TempDir()
		db := filepath.Join(dir, "s.db")
		mustRun(t, db, l.locale, "demo", "--lang", "en")
		backups := filepath.Join(dir, "backups")
		if err := os.RemoveAll(backups); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(backups, []byte("in the way"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"customers", "-w", "Demo"}, {"check"}, {"backup", filepath.Join(t.TempDir(), "copy.db")}} {
			r := mustRun(t, db, l.locale, args...)
			want := strings.Replace(l.want, "%s", backups, 1)
			if !strings.Contains(r.stderr, want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("%s %v: stderr %q, want one sentence starting %q", l.locale, args, r.stderr, want)
			}
		}
	}
}

// TestDamagedAnswerIsNamed changes one byte of a stored answer: check
// (and any other command) refuses the file with a sentence that names the
// customer and the question, and leaves the file as it is.
func TestDamagedAnswerIsNamed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")

	bdb, err := bbolt.Open(db, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var rec []byte
	if err := bdb.View(func(tx *bbolt.Tx) error {
		k, v := tx.Bucket([]byte("answers")).Cursor().First()
		rec = append(append([]byte{}, k...), v...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, rec)
	if i < 0 {
		t.Fatal("the answer is not in the file")
	}
	data[i+len(rec)-6] ^= 0x01 // inside the value, before its checksum
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}

	for _, l := range []struct{ locale, read, check string }{
		{"en_GB.UTF-8", "is damaged: the answer of the customer “", "  Damaged: the answer of the customer “"},
		{"sv_SE.UTF-8", "är skadad: svaret för kunden ”", "  Skadad: svaret för kunden ”"},
	} {
		r := run(t, db, l.locale, "customers", "-w", "Demo")
		if r.code == 0 || !strings.Contains(r.stderr, l.read) || !strings.Contains(r.stderr, " to question ") && !strings.Contains(r.stderr, " på fråga ") {
			t.Errorf("%s customers: exit %d, stderr %q, want it to name the damaged answer", l.locale, r.code, r.stderr)
		}
		// check lists every problem, the damaged answer by name.
		r = run(t, db, l.locale, "check")
		if r.code == 0 || !strings.HasPrefix(r.stderr, l.check) || strings.Count(r.stderr, "\n") != 2 {
			t.Errorf("%s check: exit %d, stderr %q, want the damaged answer and the summary", l.locale, r.code, r.stderr)
		}
		t.Log(r.stderr)
	}
	if got, _ := os.ReadFile(db); !bytes.Equal(got, data) {
		t.Error("the damaged file was changed")
	}
}

// While another styrka has the database open, styrka backup says where to
// take the copy instead of failing with a lock.
func TestBackupWhileTheAppHasTheDatabase(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "s.db")
			mustRun(t, db, l.locale, "demo")
			open, err := store.Open(db, store.Options{NoAutoBackup: true})
			if err != nil {
				t.Fatal(err)
			}
			defer open.Close()
			r := run(t, db, l.locale, "backup", filepath.Join(dir, "copy.db"))
			want := map[string]string{"en": "take the backup there (x, then backup)", "sv": "ta säkerhetskopian där (x, sedan backup)"}[l.name]
			if r.code != 1 || !strings.Contains(r.stderr, want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}

// An export that holds answers to retired questions (history) imports
// again: their IDs are known, not refused.
func TestJSONWithHistoryImportsAgain(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	s, err := store.Open(db, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := s.Workshops()
	cs, _ := s.Customers(ws[0].ID)
	c := assets.MustBuiltin("en")
	if len(c.Retired) == 0 {
		s.Close()
		t.Skip("the content retires no question")
	}
	if err := s.SaveAnswer(ws[0].ID, model.Answer{CustomerID: cs[0].ID, QuestionID: c.Retired[0].ID, Score: 2, At: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	export := filepath.Join(dir, "all.json")
	mustRun(t, db, "en_GB.UTF-8", "report", "--format", "json", "-o", export)
	other := filepath.Join(dir, "other.db")
	mustRun(t, other, "en_GB.UTF-8", "import", export)
	out := mustRun(t, other, "en_GB.UTF-8", "report", "--format", "csv", "--answers").stdout
	if !strings.Contains(out, c.Retired[0].ID) {
		t.Fatalf("the history answer did not come along:\n%s", out[:min(len(out), 400)])
	}
}
