package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/xuri/excelize/v2"

	"styrka/store"
)

// pressSlow presses a key whose commands read or write files, and waits
// for them as long as they take: drive gives up on a command after 200 ms,
// which rendering a workbook in a race-instrumented build can exceed.
// Cursor blinks, which never end while a field has the focus, are
// dropped.
func pressSlow(t *testing.T, m *Model, k string) {
	t.Helper()
	if c := clocks[m]; c != nil {
		c.Advance(time.Second)
	}
	queue := []any{keyMsg(k)}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("pressSlow: commands do not settle")
		}
		item := queue[0]
		queue = queue[1:]
		switch x := item.(type) {
		case nil:
		case tea.Cmd:
			if x == nil {
				continue
			}
			ch := make(chan tea.Msg, 1)
			go func() { ch <- x() }()
			select {
			case msg := <-ch:
				if msg != nil && !strings.Contains(strings.ToLower(reflect.TypeOf(msg).String()), "blink") {
					queue = append(queue, msg)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("pressSlow: a command did not return")
			}
		case tea.BatchMsg:
			for _, c := range x {
				queue = append(queue, c)
			}
		case tea.QuitMsg:
		default:
			if cmds, ok := sequence(x); ok {
				for _, c := range cmds {
					queue = append(queue, c)
				}
				continue
			}
			_, cmd := m.Update(x)
			queue = append(queue, cmd)
		}
	}
}

// startExport opens the demo in a fresh current folder and presses x.
func startExport(t *testing.T, lang string) (*Model, *exportScreen, string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	m, _ := openDemo(t, lang)
	press(t, m, "x")
	s, ok := m.top().(*exportScreen)
	if !ok {
		t.Fatalf("x on the customers opened %T", m.top())
	}
	return m, s, dir
}

// inPackage goes back to the package's folder, where the goldens are,
// from a test's temporary one.
func inPackage(t *testing.T) {
	t.Helper()
	if err := os.Chdir(packageDir); err != nil {
		t.Fatal(err)
	}
}

// packageDir is the folder the tests start in.
var packageDir, _ = os.Getwd()

// pickFormat moves the format list to format and chooses it.
func pickFormat(t *testing.T, m *Model, s *exportScreen, format string) {
	t.Helper()
	for i, f := range s.formats {
		if f == format {
			for range i {
				press(t, m, "down")
			}
			press(t, m, "enter")
			if s.stage != exportPath {
				t.Fatalf("choosing %s: stage %d\n%s", format, s.stage, frameText(m))
			}
			return
		}
	}
	t.Fatalf("no format %s in %v", format, s.formats)
}

func TestExportChooserGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _, _ := startExport(t, lang)
			inPackage(t)
			goldenAt(t, m)
		})
	}
}

func TestExportWorkshopXLSX(t *testing.T) {
	m, s, dir := startExport(t, "en")
	pickFormat(t, m, s, "xlsx")
	if s.fields.Path != "demo-2026-11-02.xlsx" {
		t.Fatalf("default path %q", s.fields.Path)
	}
	requireFits(t, m)
	pressSlow(t, m, "enter")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after the export the top is %T:\n%s", m.top(), frameText(m))
	}
	path := filepath.Join(dir, "demo-2026-11-02.xlsx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "PK") {
		t.Fatalf("not a zip: %q", data[:min(len(data), 8)])
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(m.c.T("export.sheet.customers"))
	if err != nil || len(rows) != 17 {
		t.Fatalf("customers sheet: %d rows, %v", len(rows), err)
	}
	if want := "Wrote " + path + " (16 customers)."; m.statusText() != want {
		t.Fatalf("status %q, want %q", m.statusText(), want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the folder holds %d files, want only the export", len(entries))
	}
}

func TestExportBriefMarkdown(t *testing.T) {
	t.Chdir(t.TempDir())
	m, s := openDemo(t, "sv")
	a, _ := s.selected()
	press(t, m, "b", "x")
	e, ok := m.top().(*exportScreen)
	if !ok {
		t.Fatalf("x in the brief opened %T", m.top())
	}
	if strings.Join(e.formats, " ") != "md json csv xlsx svg pdf" {
		t.Fatalf("formats for one customer: %v", e.formats)
	}
	if !strings.Contains(frameText(m), "underlaget på en sida") {
		t.Fatalf("md is not described as the brief:\n%s", frameText(m))
	}
	press(t, m, "enter")
	want := slug(a.Customer.Name) + "-brief.md"
	if e.fields.Path != want || want != "malaro-lyftteknik-ab-brief.md" {
		t.Fatalf("default path %q, want %q", e.fields.Path, want)
	}
	pressSlow(t, m, "enter")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), a.Customer.Name) {
		t.Fatalf("the brief lacks %q:\n%s", a.Customer.Name, data)
	}
	if _, ok := m.top().(*briefScreen); !ok {
		t.Fatalf("after the export the top is %T", m.top())
	}
	if !strings.Contains(m.statusText(), "("+a.Customer.Name+")") {
		t.Fatalf("status %q", m.statusText())
	}
}

func TestExportAsksBeforeReplacing(t *testing.T) {
	m, s, dir := startExport(t, "en")
	path := filepath.Join(dir, "demo-2026-11-02.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	pickFormat(t, m, s, "md")
	pressSlow(t, m, "enter")
	if ok := m.stack.Dialog() != nil; !ok {
		t.Fatalf("an existing file: the top is %T", m.top())
	}
	if frame := frameText(m); !strings.Contains(frame, "demo-2026-11-02.md already exists") {
		t.Fatalf("the question does not name the file:\n%s", frame)
	}
	press(t, m, "n")
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Fatalf("n replaced the file: %q", data)
	}
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after n the top is %T", m.top())
	}

	press(t, m, "x")
	pickFormat(t, m, m.top().(*exportScreen), "md")
	pressSlow(t, m, "enter")
	pressSlow(t, m, "y")
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# ") || !strings.Contains(string(data), "Demo") {
		t.Fatalf("y did not replace the file: %q", data[:min(len(data), 40)])
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("the replaced file's mode is %v, want that of the old one", fi.Mode().Perm())
	}
}

func TestExportBadFolder(t *testing.T) {
	m, s, dir := startExport(t, "en")
	pickFormat(t, m, s, "csv")
	press(t, m, "ctrl+u")
	typeText(t, m, "no/a")
	pressSlow(t, m, "enter")
	if m.top() != Screen(s) || s.stage != exportPath {
		t.Fatalf("a missing folder: top %T, stage %d", m.top(), s.stage)
	}
	frame := frameText(m)
	missing := filepath.Join(dir, "no")
	if !strings.Contains(strings.ReplaceAll(frame, "\n", " "), "The folder") || !strings.Contains(s.problem, missing+" does not exist") {
		t.Fatalf("no sentence about the folder:\n%s", frame)
	}
	if strings.Count(s.problem, ".") != 1+strings.Count(missing, ".") {
		t.Fatalf("not one sentence: %q", s.problem)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("something was written: %v", entries)
	}
	requireFits(t, m)

	// Fixing the path clears the problem; the extension is added.
	press(t, m, "ctrl+u")
	if s.problem != "" {
		t.Fatalf("typing kept the problem %q", s.problem)
	}
	typeText(t, m, "ut")
	pressSlow(t, m, "enter")
	if _, err := os.Stat(filepath.Join(dir, "ut.csv")); err != nil {
		t.Fatalf("ut.csv: %v\n%s", err, frameText(m))
	}
}

func TestExportBackAndCancel(t *testing.T) {
	m, s, dir := startExport(t, "en")
	pickFormat(t, m, s, "svg")
	press(t, m, "shift+tab")
	if s.stage != exportFormat {
		t.Fatalf("shift+tab: stage %d", s.stage)
	}
	press(t, m, "down", "enter")
	if s.fields.Format != "handout" || s.fields.Path != "demo-2026-11-02-handout.md" {
		t.Fatalf("after going back: %q %q", s.fields.Format, s.fields.Path)
	}
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("esc: the top is %T", m.top())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("esc wrote %v", entries)
	}
}

func TestExportFromMapAndSegment(t *testing.T) {
	m, _ := openDemo(t, "en")
	press(t, m, "m", "x")
	if s, ok := m.top().(*exportScreen); !ok || s.customerID != "" {
		t.Fatalf("x on the map opened %T", m.top())
	}
	press(t, m, "esc", "1", "x")
	if s, ok := m.top().(*exportScreen); !ok || s.customerID != "" {
		t.Fatalf("x in a segment opened %T", m.top())
	}
	requireHelp(t, m)
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Skogsviks Bruk AB", "skogsviks-bruk-ab"},
		{"Åhléns Möbel & Co.", "ahlens-mobel-co"},
		{"  Demo  ", "demo"},
		{"Ørsted/Ærø", "orsted-aero"},
		{"日本", ""},
		{"a\x1b[31mb", "ab"},
		{strings.Repeat("ab ", 40), strings.TrimRight(strings.Repeat("ab-", 20), "-")},
	} {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithExtension(t *testing.T) {
	for _, tt := range []struct{ path, format, want string }{
		{"a", "xlsx", "a.xlsx"},
		{"a.XLSX", "xlsx", "a.XLSX"},
		{"a.md", "handout", "a.md"},
		{"a.csv", "json", "a.csv.json"},
		{"dir.v2/a", "svg", "dir.v2/a.svg"},
	} {
		if got := withExtension(tt.path, tt.format); got != tt.want {
			t.Errorf("withExtension(%q, %s) = %q, want %q", tt.path, tt.format, got, tt.want)
		}
	}
}

// The app takes a backup of the whole database while it has it open:
// styrka backup cannot, since the database is locked.
func TestExportBackupCopiesTheDatabase(t *testing.T) {
	m, s, dir := startExport(t, "en")
	pickFormat(t, m, s, formatBackup)
	want := filepath.Join(dir, "styrka-backup-"+time.Now().Format(time.DateOnly)+".db")
	pressSlow(t, m, "enter")
	if !strings.Contains(m.statusText(), "Backed up the whole database to "+want) {
		t.Fatalf("status %q", m.statusText())
	}
	copy, err := store.Open(want, store.Options{NoAutoBackup: true, Existing: true})
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer copy.Close()
	ws, err := copy.Workshops()
	if err != nil || len(ws) != 1 || ws[0].ID != m.ws.Data().Workshop.ID {
		t.Fatalf("the backup holds %v, %v", ws, err)
	}
}
