package main

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// End-to-end tests of the exports and the CSV import, run on the built
// binary (see TestMain in main_test.go).

const bom = "\ufeff"

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// oneSentence checks that stderr is a single line, not a stack trace.
func oneSentence(t *testing.T, stderr string) {
	t.Helper()
	if strings.Contains(stderr, "goroutine") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
		t.Errorf("not one sentence: %q", stderr)
	}
}

func TestExportFormats(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			mustRun(t, db, l.locale, "demo")
			sv := l.name == "sv"
			pick := func(s, e string) string {
				if sv {
					return s
				}
				return e
			}

			// md and json are covered by TestReports and TestJSONRoundTrip;
			// here, that every format answers on standard output.
			for _, format := range []string{"md", "json", "csv", "svg", "handout"} {
				r := mustRun(t, db, l.locale, "report", "--format", format)
				if len(r.stdout) < 500 {
					t.Errorf("%s: only %d bytes", format, len(r.stdout))
				}
			}

			c := mustRun(t, db, l.locale, "report", "--format", "csv").stdout
			if !strings.HasPrefix(c, bom) {
				t.Error("csv: no byte order mark")
			}
			delim := pick(";", ",")
			if first := strings.SplitN(c, "\r\n", 2)[0]; !strings.HasPrefix(first, bom+pick("Nr;Kund;Erbjudande;Årsomsättning", "No.,Customer,Offering,Annual revenue")) {
				t.Errorf("csv header %q", first)
			}
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(c, bom)))
			r.Comma = rune(delim[0])
			recs, err := r.ReadAll()
			if err != nil || len(recs) != 1+demoCustomers {
				t.Fatalf("csv: %d records, %v", len(recs), err)
			}
			if recs[1][1] != "Mälarö Lyftteknik AB" || recs[1][3] != "38000000" || recs[1][5] != pick("4,2", "4.2") {
				t.Errorf("csv first row %q", recs[1][:6])
			}
			answers := mustRun(t, db, l.locale, "report", "--format", "csv", "--answers", "--delimiter", "tab").stdout
			if !strings.HasPrefix(answers, bom+pick("Kund\tFrågedel", "Customer\tQuestion set")) || strings.Count(answers, "\r\n") != 1+20*demoCustomers {
				t.Errorf("csv --answers: %q…, %d lines", answers[:min(len(answers), 60)], strings.Count(answers, "\r\n"))
			}

			svg := mustRun(t, db, l.locale, "report", "--format", "svg").stdout
			dec := xml.NewDecoder(strings.NewReader(svg))
			for {
				if _, err := dec.Token(); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					t.Fatalf("svg is not XML: %v", err)
				}
			}
			for _, want := range []string{`viewBox="0 0 1600 900"`, pick("ÖMSESIDIGT BEROENDE", "INTERDEPENDENCE"), "Åkerlunds Järnhandel AB"} {
				if !strings.Contains(svg, want) {
					t.Errorf("svg lacks %q", want)
				}
			}

			h := mustRun(t, db, l.locale, "report", "--format", "handout", "-c", "Gränsö").stdout
			for _, want := range []string{pick("Vet ej", "Don't know"), "- [ ] **5**", "**Gränsö Marin AB**"} {
				if !strings.Contains(h, want) {
					t.Errorf("handout lacks %q", want)
				}
			}

			// Files: written whole, the binary one too.
			dir := t.TempDir()
			for _, f := range []string{"w.xlsx", "w.csv", "w.svg", "w.md"} {
				out := filepath.Join(dir, f)
				r := mustRun(t, db, l.locale, "report", "--format", strings.TrimPrefix(filepath.Ext(f), "."), "-o", out)
				if r.stdout != "" {
					t.Errorf("%s: wrote to stdout too", f)
				}
				data, err := os.ReadFile(out)
				if err != nil || len(data) < 500 {
					t.Fatalf("%s: %d bytes, %v", f, len(data), err)
				}
				if f == "w.xlsx" && !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
					t.Errorf("the workbook is not a zip file")
				}
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".styrka-*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestExportMistakes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	tests := []struct {
		name, lang string
		args       []string
		expect     string
	}{
		{"xlsx without -o", "en_GB.UTF-8", []string{"report", "--format", "xlsx"}, "-o"},
		{"xlsx to stdout", "sv_SE.UTF-8", []string{"report", "--format", "xlsx", "-o", "-"}, "kan inte skrivas till terminalen"},
		{"--answers with svg", "en_GB.UTF-8", []string{"report", "--format", "svg", "--answers"}, "only to --format csv"},
		{"bad delimiter", "en_GB.UTF-8", []string{"report", "--format", "csv", "--delimiter", "x"}, "There is no delimiter “x”"},
		{"unknown format names the formats", "en_GB.UTF-8", []string{"report", "--format", "docx"}, "md, json, csv, xlsx, svg, handout, pdf, handout-pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, db, tt.lang, tt.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("wrote %d bytes to stdout", len(r.stdout))
			}
			if !strings.Contains(r.stderr, tt.expect) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.expect)
			}
			oneSentence(t, r.stderr)
		})
	}
}

func TestImportCSV(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	list := writeFile(t, "crm.csv", []byte("Customer Name,Offering,Revenue,Currency,Notes,Owner\n"+
		"Acme AB,Bolts,\"2,500,000\",SEK,\"Met at the fair, twice\nSecond line\",Anna\n"+
		"Beta AB,,1.5,EUR,,Olle\n"+
		"ACME ab,,,,,Anna\n"+
		"\x1b]0;pwned\x07\x1b[31mGamma AB\x1b[0m,,,,,\n"+
		"Åkerlunds Järnhandel AB,,,,,\n"))

	// A dry run says what would happen and changes nothing.
	before := sum(t, db)
	dry := mustRun(t, db, "en_GB.UTF-8", "import", list, "-w", "Spring 2027", "--dry-run")
	for _, want := range []string{"Dry run: new 4, already in the workshop 0, repeated in the file 1, bad 0", "repeats line 2", "would be created", "Gamma AB"} {
		if !strings.Contains(dry.stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, dry.stdout)
		}
	}
	if !strings.Contains(dry.stderr, "Owner") {
		t.Errorf("the unknown column is not reported: %q", dry.stderr)
	}
	if strings.Contains(dry.stdout+dry.stderr, "\x1b") {
		t.Error("an escape sequence from the file reached the terminal")
	}
	if sum(t, db) != before {
		t.Fatal("the dry run changed the database")
	}
	if r := run(t, db, "en_GB.UTF-8", "customers", "-w", "Spring 2027"); r.code == 0 {
		t.Fatal("the dry run created the workshop")
	}

	// The real thing: the workshop is created, duplicates left out.
	r := mustRun(t, db, "en_GB.UTF-8", "import", list, "-w", "Spring 2027")
	for _, want := range []string{"Created the workshop “Spring 2027”", "Imported 4 customers into “Spring 2027”", "repeated in the file 1"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("import lacks %q:\n%s", want, r.stdout)
		}
	}
	cs := mustRun(t, db, "en_GB.UTF-8", "customers", "-w", "Spring 2027").stdout
	for _, want := range []string{"Acme AB", "Beta AB", "Gamma AB", "Åkerlunds Järnhandel AB"} {
		if !strings.Contains(cs, want) {
			t.Errorf("customers lack %q:\n%s", want, cs)
		}
	}
	if strings.Contains(cs, "ACME ab") {
		t.Error("a duplicate was imported")
	}

	// Again: everyone is there already; nothing is added.
	again := mustRun(t, db, "en_GB.UTF-8", "import", list, "-w", "spring 2027")
	if !strings.Contains(again.stdout, "nothing new") {
		t.Errorf("second import said %q", again.stdout)
	}
	out := mustRun(t, db, "en_GB.UTF-8", "report", "-w", "Spring 2027", "--format", "csv").stdout
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, bom))).ReadAll()
	if err != nil || len(recs) != 5 {
		t.Errorf("after two imports the workshop has %d customers, want 4 (%v)", len(recs)-1, err)
	}
	for _, rec := range recs[1:] {
		if rec[1] == "Acme AB" && (rec[3] != "2500000" || rec[len(rec)-1] != "Met at the fair, twice\nSecond line") {
			t.Errorf("Acme AB: %q", rec)
		}
	}
}

func TestImportCSVBadRows(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	list := writeFile(t, "list.csv", []byte("Namn;Omsättning\nBra AB;1\nTrasig AB;mycket\nOckså bra AB;2\nFör;många;fält\n"))
	for _, l := range langs {
		r := run(t, db, l.locale, "import", list, "-w", "Höst")
		if r.code != 1 {
			t.Fatalf("%s: exit %d, want 1; %q", l.name, r.code, r.stderr)
		}
		want := map[string][]string{
			"en": {"line 3: bad: the revenue “mycket” is not an amount", "line 5: bad: 3 fields where the header has 2", "nothing was imported", "--skip-bad"},
			"sv": {"rad 3: felaktig: omsättningen ”mycket” är inget belopp", "rad 5: felaktig: 3 fält där rubrikraden har 2", "ingenting importerades", "--skip-bad"},
		}[l.name]
		for _, w := range want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", l.name, w, r.stderr)
			}
		}
	}
	if r := run(t, db, "en_GB.UTF-8", "customers", "-w", "Höst"); r.code == 0 {
		t.Fatal("a refused import created the workshop")
	}
	r := mustRun(t, db, "en_GB.UTF-8", "import", list, "-w", "Höst", "--skip-bad")
	if !strings.Contains(r.stdout, "Imported 2 customers") || !strings.Contains(r.stdout, "bad rows 2") {
		t.Errorf("--skip-bad said %q", r.stdout)
	}
}

func TestImportCSVWindows1252(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	// As Swedish Excel saves "CSV (semikolonavgränsad)": Windows-1252,
	// semicolons, CRLF, spaces in numbers and a decimal comma.
	data := []byte("Namn;Erbjudande;Oms\xe4ttning;Valuta\r\n" +
		"\xc5hl\xe9ns AB;Hydraulik;2 500 000;SEK\r\n" +
		"K\xf6pmangatan \xd6rebro AB;Lager;1,5 Mkr;\r\n")
	list := writeFile(t, "kunder.csv", data)
	r := mustRun(t, db, "sv_SE.UTF-8", "import", list, "-w", "Kunder från Excel")
	if !strings.Contains(r.stdout, "Windows-1252") || !strings.Contains(r.stdout, "semikolon") {
		t.Errorf("import said %q", r.stdout)
	}
	out := mustRun(t, db, "sv_SE.UTF-8", "report", "-w", "Kunder från Excel", "--format", "csv").stdout
	for _, want := range []string{"Åhléns AB;Hydraulik;2500000;SEK", "Köpmangatan Örebro AB;Lager;1500000;SEK"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
}

// TestCSVRoundTripThroughTheBinary: the demo exported as CSV and imported
// into a new workshop has the same customers.
func TestCSVRoundTripThroughTheBinary(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			mustRun(t, db, l.locale, "demo")
			file := filepath.Join(t.TempDir(), "demo.csv")
			mustRun(t, db, l.locale, "report", "-w", "Demo", "--format", "csv", "-o", file)
			r := mustRun(t, db, l.locale, "import", file, "-w", "Copy")
			if r.stderr != "" {
				t.Errorf("importing an export warned: %q", r.stderr)
			}
			customers := func(name string) []string {
				out := mustRun(t, db, l.locale, "report", "-w", name, "--format", "csv", "--delimiter", "tab").stdout
				var rows []string
				for _, line := range strings.Split(strings.TrimPrefix(out, bom), "\r\n")[1:] {
					f := strings.Split(line, "\t")
					if len(f) > 5 {
						// name, offering, revenue, currency, notes
						rows = append(rows, strings.Join([]string{f[1], f[2], f[3], f[4], f[len(f)-1]}, "|"))
					}
				}
				return rows
			}
			orig, cp := customers("Demo"), customers("Copy")
			if len(orig) != demoCustomers {
				t.Fatalf("%d demo customers", len(orig))
			}
			// The copy has no answers, so it ranks by revenue: compare as
			// sets.
			seen := map[string]bool{}
			for _, r := range cp {
				seen[r] = true
			}
			for _, r := range orig {
				if !seen[r] {
					t.Errorf("%q did not survive the round trip", r)
				}
			}
		})
	}
}

func TestImportCSVMistakes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	json := writeFile(t, "demo.json", []byte(mustRun(t, db, "en_GB.UTF-8", "report", "--format", "json").stdout))
	good := writeFile(t, "list.csv", []byte("Name\nAcme AB\n"))
	tests := []struct {
		name, lang string
		args       []string
		code       int
		expect     string
	}{
		{"no name column", "en_GB.UTF-8", []string{"import", writeFile(t, "x.csv", []byte("Offering;Revenue\nBolts;1\n")), "-w", "X"}, 1, "has no column with the customers' names (its columns: Offering, Revenue)"},
		{"no name column sv", "sv_SE.UTF-8", []string{"import", writeFile(t, "x.csv", []byte("Erbjudande;Omsättning\nBultar;1\n")), "-w", "X"}, 1, "döp den kolumnen till Namn eller Name"},
		{"empty file", "en_GB.UTF-8", []string{"import", writeFile(t, "e.csv", nil), "-w", "X"}, 1, "is empty"},
		{"no workshop named", "en_GB.UTF-8", []string{"import", good}, 2, "-w NAME"},
		{"--replace with a list", "en_GB.UTF-8", []string{"import", good, "-w", "X", "--replace"}, 2, "--replace is for JSON"},
		{"-w with JSON", "sv_SE.UTF-8", []string{"import", json, "-w", "X"}, 2, "en JSON-export återställer sin egen workshop"},
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
			oneSentence(t, r.stderr)
		})
	}
	if r := run(t, db, "en_GB.UTF-8", "customers", "-w", "X"); r.code == 0 {
		t.Error("a refused import created the workshop")
	}
}

// --update fills in and changes the fields of customers already in the
// workshop; its dry run shows each change as before → after and changes
// nothing.
func TestImportUpdateExistingCustomers(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "s.db")
			mustRun(t, db, l.locale, "demo")
			csvPath := filepath.Join(dir, "oms.csv")
			if err := os.WriteFile(csvPath, []byte("Bolag;Omsättning 2024;Anteckningar\nMälarö Lyftteknik AB;9 999 000;Ny ramavtalsperiod\nHelt Ny AB;100;\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(db)
			dry := mustRun(t, db, l.locale, "import", csvPath, "-w", "Demo", "--update", "--dry-run")
			if !strings.Contains(dry.stdout, "→ 9999000") || !strings.Contains(dry.stdout, "→ Ny ramavtalsperiod") {
				t.Fatalf("the dry run does not show the changes:\n%s", dry.stdout)
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
				t.Fatal("the dry run changed the database")
			}
			mustRun(t, db, l.locale, "import", csvPath, "-w", "Demo", "--update")
			out := mustRun(t, db, l.locale, "report", "--format", "csv").stdout
			if !strings.Contains(out, "Helt Ny AB") || !strings.Contains(out, "Ny ramavtalsperiod") {
				t.Fatalf("the report lacks the new customer or the updated notes:\n%s", out)
			}
			// Without --update, a name already there is left alone.
			if err := os.WriteFile(csvPath, []byte("Bolag;Anteckningar\nMälarö Lyftteknik AB;Skrivs inte\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			mustRun(t, db, l.locale, "import", csvPath, "-w", "Demo")
			if out := mustRun(t, db, l.locale, "report", "--format", "csv").stdout; strings.Contains(out, "Skrivs inte") {
				t.Fatal("an import without --update changed an existing customer")
			}
		})
	}
}

// Pointing styrka at an Excel workbook reads it as the list it is, the
// first sheet or the one --sheet names.
func TestImportXLSX(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "s.db")
			f := excelize.NewFile()
			f.SetSheetName("Sheet1", "Info")
			f.SetCellValue("Info", "A1", "Exported from the CRM")
			f.NewSheet("Kunder")
			f.SetSheetRow("Kunder", "A1", &[]any{"Bolag", "Omsättning (tkr)"})
			f.SetSheetRow("Kunder", "A2", &[]any{"Excelbolaget AB", 1500})
			path := filepath.Join(dir, "kunder.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			f.Close()
			r := run(t, db, l.locale, "import", path, "-w", "Excel", "--sheet", "Nope")
			if r.code != 1 || !strings.Contains(r.stderr, "Kunder") {
				t.Fatalf("an unknown sheet: exit %d, %q", r.code, r.stderr)
			}
			out := mustRun(t, db, l.locale, "import", path, "-w", "Excel", "--sheet", "Kunder").stdout
			if !strings.Contains(out, "Kunder") {
				t.Fatalf("the import does not say which sheet it read:\n%s", out)
			}
			csv := mustRun(t, db, l.locale, "report", "-w", "Excel", "--format", "csv").stdout
			if !strings.Contains(csv, "Excelbolaget AB") || !strings.Contains(csv, "1500000") {
				t.Fatalf("the workshop after the import:\n%s", csv)
			}
		})
	}
}
