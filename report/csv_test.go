package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"styrka/model"
	"styrka/report"
)

func writeCSV(t testing.TB, in report.Input, opts report.CSVOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteCSV(&b, in, opts); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	return b.String()
}

// readableCSV is a CSV export as a golden keeps it: without the byte order
// mark and with plain line ends (both checked by TestCSVBytes).
func readableCSV(s string) string {
	return strings.ReplaceAll(strings.TrimPrefix(s, report.BOM), "\r\n", "\n")
}

func TestCSVGolden(t *testing.T) {
	for _, lang := range langs {
		for _, kind := range []struct {
			name    string
			answers bool
		}{{"customers", false}, {"answers", true}} {
			t.Run(lang+"/"+kind.name, func(t *testing.T) {
				golden.RequireEqual(t, readableCSV(writeCSV(t, demoInput(t, lang), report.CSVOptions{Answers: kind.answers})))
			})
		}
	}
}

// parseCSV reads an export back with encoding/csv.
func parseCSV(t testing.TB, s string, delim rune) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, report.BOM)))
	r.Comma = delim
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the export does not parse as CSV: %v", err)
	}
	return recs
}

func TestCSVBytes(t *testing.T) {
	tests := []struct {
		lang      string
		delim     rune
		wantDelim rune
		decimal   string
	}{
		{"sv", 0, ';', ","},
		{"en", 0, ',', "."},
		{"sv", ',', ',', "."},
		{"en", ';', ';', ","},
		{"sv", '\t', '\t', "."},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+string(tt.wantDelim), func(t *testing.T) {
			in := demoInput(t, tt.lang)
			out := writeCSV(t, in, report.CSVOptions{Delimiter: tt.delim})
			if !strings.HasPrefix(out, report.BOM) {
				t.Errorf("no byte order mark: Excel would read the file in its legacy code page")
			}
			if strings.Count(out, "\n") != strings.Count(out, "\r\n") {
				t.Errorf("line ends are not all CRLF")
			}
			recs := parseCSV(t, out, tt.wantDelim)
			if len(recs) != 1+len(in.Dataset.Customers) {
				t.Fatalf("%d records, want a header and %d customers", len(recs), len(in.Dataset.Customers))
			}
			header := recs[0]
			if header[1] != in.Content.T("col.customer") || header[3] != in.Content.T("col.revenue") {
				t.Errorf("header not in the language: %q", header[:4])
			}
			// The first ranked customer of the demo: revenue without
			// grouping, scores with the delimiter's decimal mark.
			first := recs[1]
			if first[1] != "Mälarö Lyftteknik AB" || first[3] != "38000000" || first[4] != "SEK" {
				t.Errorf("first row %q", first[:5])
			}
			if want := "4" + tt.decimal + "2"; first[5] != want {
				t.Errorf("profit impact %q, want %q", first[5], want)
			}
			if want := "-0" + tt.decimal + "47"; first[17] != want {
				t.Errorf("room to move %q, want %q", first[17], want)
			}
			for _, rec := range recs {
				if len(rec) != len(header) {
					t.Errorf("a row of %d fields under a header of %d", len(rec), len(header))
				}
			}
		})
	}
}

// TestCSVAnswers: one row per answer, "don't know" as an empty score and
// a flag, the time in UTC.
func TestCSVAnswers(t *testing.T) {
	in := demoInput(t, "en")
	recs := parseCSV(t, writeCSV(t, in, report.CSVOptions{Answers: true}), ',')
	n := 0
	for _, as := range in.Dataset.Answers {
		n += len(as)
	}
	if len(recs) != n+1 {
		t.Fatalf("%d rows, want %d answers and a header", len(recs)-1, n)
	}
	dontKnows := 0
	for _, rec := range recs[1:] {
		switch rec[6] {
		case "1":
			dontKnows++
			if rec[5] != "" {
				t.Errorf("a don't-know with the score %q", rec[5])
			}
		case "0":
			if len(rec[5]) != 1 || rec[5] < "1" || rec[5] > "5" {
				t.Errorf("score %q", rec[5])
			}
		default:
			t.Errorf("don't-know flag %q", rec[6])
		}
		if _, err := time.Parse(report.TimeLayout, rec[9]); err != nil {
			t.Errorf("time %q: %v", rec[9], err)
		}
	}
	if dontKnows == 0 {
		t.Error("the demo has don't-know answers, none found")
	}
}

// TestCSVFormulaGuard: text a spreadsheet would run as a formula is
// written with a leading apostrophe, which the import takes off again.
func TestCSVFormulaGuard(t *testing.T) {
	in := demoInput(t, "en")
	in.Dataset.Customers = []model.Customer{
		{ID: "c1", Name: `=HYPERLINK("http://evil","click")`, Notes: "+46 8 123 45"},
		{ID: "c2", Name: "@SUM(A1)", Offering: "-minus"},
		{ID: "c3", Name: "Plain AB"},
	}
	out := writeCSV(t, in, report.CSVOptions{})
	recs := parseCSV(t, out, ',')
	for _, rec := range recs[1:] {
		for i, f := range rec {
			if f != "" && strings.ContainsRune("=+@", rune(f[0])) {
				t.Errorf("field %d %q starts like a formula", i, f)
			}
			if i == 2 && strings.HasPrefix(f, "-") {
				t.Errorf("offering %q starts like a formula", f)
			}
		}
	}
	list, err := report.ParseCSV([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range in.Dataset.Customers {
		got := list.Rows[i].Customer
		if got.Name != want.Name || got.Notes != want.Notes || got.Offering != want.Offering {
			t.Errorf("read back %+v, want %+v", got, want)
		}
	}
}

// TestCSVRoundTrip: exporting as CSV and importing the file into a new
// workshop gives the same customers, in both languages and delimiters.
func TestCSVRoundTrip(t *testing.T) {
	for _, lang := range langs {
		for _, delim := range []rune{0, ',', ';', '\t'} {
			t.Run(lang+"/"+string(delim), func(t *testing.T) {
				in := demoInput(t, lang)
				c := &in.Dataset.Customers[0]
				c.Notes = "Line one; with \"quotes\", commas\nand a second line"
				unknown := in.Dataset.Customers[1]
				unknown.Revenue = nil
				unknown.Currency = ""
				in.Dataset.Customers[1] = unknown
				in.Dataset.Customers[2].Revenue = ptr(1234567.89)
				in.Dataset.Customers[3].Currency = "EUR"
				out := writeCSV(t, in, report.CSVOptions{Delimiter: delim})
				list, err := report.ParseCSV([]byte(out))
				if err != nil {
					t.Fatalf("ParseCSV: %v", err)
				}
				if len(list.Ignored) > 0 {
					t.Errorf("styrka's own columns reported as unknown: %q", list.Ignored)
				}
				byName := map[string]model.Customer{}
				for _, r := range list.Rows {
					byName[r.Customer.Name] = r.Customer
				}
				if len(byName) != len(in.Dataset.Customers) {
					t.Fatalf("%d customers read back, want %d", len(byName), len(in.Dataset.Customers))
				}
				for _, want := range in.Dataset.Customers {
					got, ok := byName[want.Name]
					if !ok {
						t.Errorf("%q is missing", want.Name)
						continue
					}
					if got.Offering != want.Offering || got.Currency != want.Currency || got.Notes != want.Notes {
						t.Errorf("%s: got %q/%q/%q, want %q/%q/%q", want.Name, got.Offering, got.Currency, got.Notes, want.Offering, want.Currency, want.Notes)
					}
					if (got.Revenue == nil) != (want.Revenue == nil) || (got.Revenue != nil && *got.Revenue != *want.Revenue) {
						t.Errorf("%s: revenue %v, want %v", want.Name, deref(got.Revenue), deref(want.Revenue))
					}
				}
			})
		}
	}
}

func ptr[T any](v T) *T { return &v }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
