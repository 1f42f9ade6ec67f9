package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportBriefPDF: the brief's export offers the one-page brief as a
// PDF, named after the customer, written whole.
func TestExportBriefPDF(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	m, s := openDemo(t, "en")
	a, _ := s.selected()
	press(t, m, "b", "x")
	e, ok := m.top().(*exportScreen)
	if !ok {
		t.Fatalf("x in the brief opened %T", m.top())
	}
	if !strings.Contains(frameText(m), "the one-page brief for a negotiation (PDF)") {
		t.Fatalf("the brief's PDF is not offered:\n%s", frameText(m))
	}
	pickFormat(t, m, e, "pdf")
	if want := slug(a.Customer.Name) + "-brief.pdf"; e.fields.Path != want {
		t.Fatalf("default path %q, want %q", e.fields.Path, want)
	}
	pressSlow(t, m, "enter")
	requirePDF(t, filepath.Join(dir, e.fields.Path))
	if _, ok := m.top().(*briefScreen); !ok {
		t.Fatalf("after the export the top is %T", m.top())
	}
	if !strings.Contains(m.statusText(), "("+a.Customer.Name+")") {
		t.Errorf("status %q", m.statusText())
	}
}

// TestExportWorkshopDocuments: the workshop's export writes the report
// and the handout as PDFs and the portfolio as an SVG chart, each with
// its own default name and status.
func TestExportWorkshopDocuments(t *testing.T) {
	for _, c := range []struct{ format, file, status string }{
		{"pdf", "demo-2026-11-02.pdf", "(16 customers)"},
		{"handout-pdf", "demo-2026-11-02-handout.pdf", "the questions"},
		{"portfolio-svg", "demo-2026-11-02-portfolio.svg", "the portfolio chart"},
	} {
		t.Run(c.format, func(t *testing.T) {
			m, s, dir := startExport(t, "en")
			pickFormat(t, m, s, c.format)
			if s.fields.Path != c.file {
				t.Fatalf("default path %q, want %q", s.fields.Path, c.file)
			}
			pressSlow(t, m, "enter")
			path := filepath.Join(dir, c.file)
			if strings.HasSuffix(c.file, ".pdf") {
				requirePDF(t, path)
			} else if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data[:min(len(data), 200)]), "<svg") {
				t.Fatalf("not an SVG (%v): %.80q", err, data)
			}
			if !strings.Contains(m.statusText(), c.status) {
				t.Errorf("status %q", m.statusText())
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the folder holds %d files, want only the export", len(entries))
			}
		})
	}
}

// requirePDF fails unless path holds a whole PDF.
func requirePDF(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "%PDF") || !strings.Contains(string(data[max(len(data)-1024, 0):]), "%%EOF") {
		t.Fatalf("not a whole PDF: %.16q … (%d bytes)", data, len(data))
	}
}
