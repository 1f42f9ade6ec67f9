package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteErrorsSayWhatToDo: a report or a backup that cannot be
// written names the path given and what is in the way, never styrka's
// temporary file, and says what to do.
func TestWriteErrorsSayWhatToDo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	tests := []struct {
		name   string
		args   []string
		en, sv string
	}{
		{"report into a missing folder", []string{"report", "-o", filepath.Join(missing, "x.md")},
			"The folder " + missing + " does not exist, so " + filepath.Join(missing, "x.md") + " was not written; create the folder first",
			"Mappen " + missing + " finns inte, så " + filepath.Join(missing, "x.md") + " skrevs inte; skapa mappen först"},
		{"backup into a missing folder", []string{"backup", filepath.Join(missing, "dir", "x.db")},
			"The folder " + missing + " does not exist", "Mappen " + missing + " finns inte"},
		{"report under a file", []string{"report", "-o", filepath.Join(file, "x.md")},
			file + " is a file, not a folder", file + " är en fil, inte en mapp"},
		{"backup under a file", []string{"backup", filepath.Join(file, "x.db")},
			file + " is a file, not a folder", file + " är en fil, inte en mapp"},
		{"report onto a folder", []string{"report", "-o", dir}, dir + " is a folder; name a file in it", dir + " är en mapp; ange en fil i den"},
		{"backup onto a folder", []string{"backup", dir}, dir + " is a folder; name a file in it", dir + " är en mapp; ange en fil i den"},
	}
	for _, l := range langs {
		for _, tt := range tests {
			t.Run(l.name+"/"+tt.name, func(t *testing.T) {
				r := run(t, db, l.locale, tt.args...)
				want := tt.en
				if l.name == "sv" {
					want = tt.sv
				}
				if r.code != 1 || !strings.Contains(r.stderr, want) {
					t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, want)
				}
				if strings.Contains(r.stderr, ".styrka-") {
					t.Errorf("names a temporary file: %q", r.stderr)
				}
				oneSentence(t, r.stderr)
			})
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".styrka-") {
				t.Errorf("a temporary file was left behind: %s", e.Name())
			}
		}
	}
}
