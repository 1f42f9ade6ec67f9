package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"styrka/assets"
	"styrka/store"
	"styrka/store/backend"
	"styrka/store/postgres"
)

// TestNotWritten: a file that could not be written gets a sentence that
// says what was in the way and what to do, in both languages, and names
// only the path given and its folders.
func TestNotWritten(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	temp := filepath.Join(dir, ".styrka-123")
	tests := []struct {
		name, path string
		err        error
		en, sv     string
	}{
		{"missing folder", filepath.Join(dir, "a", "b", "x.md"), &fs.PathError{Op: "open", Path: temp, Err: syscall.ENOENT},
			"The folder " + filepath.Join(dir, "a") + " does not exist", "Mappen " + filepath.Join(dir, "a") + " finns inte"},
		{"a file in the way", filepath.Join(file, "x.md"), &fs.PathError{Op: "open", Path: temp, Err: syscall.ENOTDIR},
			file + " is a file, not a folder", file + " är en fil, inte en mapp"},
		{"full", filepath.Join(dir, "x.md"), &fs.PathError{Op: "write", Path: temp, Err: syscall.ENOSPC},
			"The disk is full", "Disken är full"},
		{"read-only", filepath.Join(dir, "x.md"), &fs.PathError{Op: "open", Path: temp, Err: syscall.EROFS},
			"may not write in the folder " + dir, "får inte skriva i mappen " + dir},
		{"a folder", dir, &fs.PathError{Op: "write", Path: dir, Err: syscall.EISDIR},
			dir + " is a folder", dir + " är en mapp"},
		{"other", filepath.Join(dir, "x.md"), &fs.PathError{Op: "write", Path: temp, Err: syscall.EIO},
			"could not be written (" + syscall.EIO.Error() + ")", "kunde inte skrivas (" + syscall.EIO.Error() + ")"},
	}
	for _, lang := range []string{"en", "sv"} {
		a := &App{Lang: lang, Content: assets.MustBuiltin(lang)}
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				got := a.describe(a.notWritten(tt.path, tt.err))
				want := tt.en
				if lang == "sv" {
					want = tt.sv
				}
				if !strings.Contains(got, want) {
					t.Errorf("got %q, want it to say %q", got, want)
				}
				if strings.Contains(got, ".styrka-") {
					t.Errorf("%q names the temporary file", got)
				}
			})
		}
	}
}

// TestTMakesEveryArgumentSafe: a name, a path or an error put in a
// sentence loses its escape sequences and line breaks; numbers are kept.
func TestTMakesEveryArgumentSafe(t *testing.T) {
	a := &App{Lang: "en", Content: assets.MustBuiltin("en")}
	got := a.T("import.done", "\x1b]8;;https://evil.invalid/\x1b\\Demo\x1b]8;;\x1b\\\nsecond", 3, 12)
	if !strings.Contains(got, "Demo second") || !strings.Contains(got, "3") || strings.ContainsAny(got, "\x1b\n") {
		t.Errorf("T = %q", got)
	}
	a.Content.UI["quote"] = "\x1b]0;title\x07“%s”"
	if got := a.quote("x\u009b2J"); got != "“x2J”" {
		t.Errorf("a content file's text is not made safe: %q", got)
	}
}

// TestPostgresErrorsAreOneSentence: each way a PostgreSQL database can
// fail gets its own sentence in both languages, saying where and what to
// do, and never the password of the URL.
func TestPostgresErrorsAreOneSentence(t *testing.T) {
	const url = "postgres://anna:hemligt@db.example.com:5433/styrka?sslmode=disable"
	server := postgres.SafeURL(url)
	pg := func(kind error) error {
		return fmt.Errorf("open: %w", &postgres.Error{Kind: kind, Server: server, Err: errors.New("dial tcp: connection refused")})
	}
	tests := []struct {
		name   string
		err    error
		en, sv string
	}{
		{"down", pg(postgres.ErrUnreachable), "Could not reach the PostgreSQL server at db.example.com:5433", "Kunde inte nå PostgreSQL-servern på db.example.com:5433"},
		{"password", pg(postgres.ErrAuth), "refused the user anna", "godtog inte användaren anna"},
		{"no database", pg(postgres.ErrUnknownDatabase), "has no database styrka; create it (createdb styrka)", "har ingen databas styrka; skapa den (createdb styrka)"},
		{"lost", pg(postgres.ErrConnLost), "connection to the PostgreSQL server at db.example.com:5433 was lost", "Anslutningen till PostgreSQL-servern på db.example.com:5433 bröts"},
		{"bad url", &postgres.Error{Kind: postgres.ErrBadURL, Server: "postgres://anna:xxxxx@db:x/styrka", Err: errors.New("invalid port")}, "cannot be read (invalid port)", "går inte att läsa (invalid port)"},
		{"no schema", fmt.Errorf("open %s: %w", server, store.ErrNoDatabase), "holds no styrka data yet", "har inga styrka-data än"},
		{"foreign", fmt.Errorf("open: %w", &postgres.ForeignError{Table: "invoices"}), "another application's tables (invoices", "ett annat programs tabeller (invoices"},
		{"newer", &store.SchemaError{Found: 9, Supported: 1}, "newer styrka", "nyare styrka"},
		{"scheme", fmt.Errorf("open database: %w", backend.ErrScheme), "cannot keep its data in postgres://anna@db.example.com:5433/styrka", "kan inte spara sina data i postgres://anna@db.example.com:5433/styrka"},
	}
	for _, lang := range []string{"en", "sv"} {
		a := &App{Lang: lang, Content: assets.MustBuiltin(lang), dbFlag: url}
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				got := a.describe(tt.err)
				want := tt.en
				if lang == "sv" {
					want = tt.sv
				}
				if !strings.Contains(got, want) {
					t.Errorf("got %q, want it to say %q", got, want)
				}
				if strings.Contains(got, "hemligt") {
					t.Errorf("%q shows the password", got)
				}
				if strings.Count(got, ". ") > 0 || strings.Contains(got, "\n") {
					t.Errorf("%q is more than one sentence", got)
				}
			})
		}
	}
}
