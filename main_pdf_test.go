package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// TestReportPDF: the brief as a one-page PDF, the workshop report and the
// handout as PDFs of their own length, through the command line; a PDF is
// never written to the terminal.
func TestReportPDF(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			mustRun(t, db, l.locale, "demo")
			dir := t.TempDir()
			pages := func(path string) int {
				t.Helper()
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Fatalf("%s is not a PDF", path)
				}
				n, err := api.PageCount(bytes.NewReader(data), nil)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				return n
			}
			brief := filepath.Join(dir, "brief.pdf")
			mustRun(t, db, l.locale, "report", "-c", "Östervik Vagnfabrik AB", "--format", "pdf", "-o", brief)
			if n := pages(brief); n != 1 {
				t.Errorf("the brief has %d pages", n)
			}
			whole := filepath.Join(dir, "report.pdf")
			mustRun(t, db, l.locale, "report", "--format", "pdf", "-o", whole)
			if n := pages(whole); n < 2 {
				t.Errorf("the workshop report has %d pages", n)
			}
			hand := filepath.Join(dir, "handout.pdf")
			mustRun(t, db, l.locale, "report", "--format", "handout-pdf", "-c", "Östervik Vagnfabrik AB", "-o", hand)
			if n := pages(hand); n < 1 {
				t.Errorf("the handout has %d pages", n)
			}
			r := run(t, db, l.locale, "report", "-c", "Östervik Vagnfabrik AB", "--format", "pdf")
			if r.code == 0 || len(r.stdout) > 0 {
				t.Errorf("a PDF to the terminal: exit %d, %d bytes", r.code, len(r.stdout))
			}
			oneSentence(t, r.stderr)
		})
	}
}
