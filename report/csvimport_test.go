package report_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
)

// win1252 is "Åhléns" as Swedish Excel writes it.
const win1252 = "\xC5hl\xE9ns"

func utf16le(t *testing.T, s string) string {
	t.Helper()
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// row is what a test expects of an imported row.
type row struct {
	line                            int
	name, offering, currency, notes string
	revenue                         any // nil or float64
}

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		delim     rune
		enc       report.Encoding
		rows      []row
		bad       []int // lines of bad rows
		problems  []string
		ignored   []string
		fatal     string // CSVError problem
		fatalDesc string
	}{
		{name: "comma", data: "Name,Offering,Revenue,Currency,Notes\nAcme AB,Bolts,2500000,SEK,Big\nBeta AB,,,,\n",
			delim: ',', enc: report.UTF8, rows: []row{{2, "Acme AB", "Bolts", "SEK", "Big", 2500000.0}, {3, "Beta AB", "", "", "", nil}}},
		{name: "semicolon", data: "Namn;Erbjudande;Omsättning\nAcme AB;Bultar, muttrar;2,5\n",
			delim: ';', enc: report.UTF8, rows: []row{{2, "Acme AB", "Bultar, muttrar", "", "", 2.5}}},
		{name: "tab", data: "Kund\tOmsättning\tValuta\nAcme AB\t2 500 000\tsek\n\t\t\nBeta AB\t\t\n",
			delim: '\t', enc: report.UTF8, rows: []row{{2, "Acme AB", "", "SEK", "", 2500000.0}, {4, "Beta AB", "", "", "", nil}}},
		{name: "tab with an empty first field keeps its columns", data: "Notes\tName\n\tAcme AB\n",
			delim: '\t', enc: report.UTF8, rows: []row{{2, "Acme AB", "", "", "", nil}}},
		{name: "UTF-8 with a byte order mark", data: "\ufeffNamn;Omsättning\nÅhléns AB;1 000 kr\n",
			delim: ';', enc: report.UTF8, rows: []row{{2, "Åhléns AB", "", "SEK", "", 1000.0}}},
		{name: "Windows-1252", data: "Namn;Oms\xE4ttning;Anteckningar\n" + win1252 + " AB;2\xA0500\xA0000;K\xF6per via ram\xE4vtal\n",
			delim: ';', enc: report.Windows1252, rows: []row{{2, "Åhléns AB", "", "", "Köper via ramävtal", 2500000.0}}},
		{name: "Excel sep line", data: "sep=,\nName,Other;More;Still\n\"Acme; AB\",1;2;3\n",
			delim: ',', enc: report.UTF8, rows: []row{{3, "Acme; AB", "", "", "", nil}}, ignored: []string{"Other;More;Still"}},
		{name: "quoted delimiters, quotes and line breaks", data: "Name,Notes,Revenue\n\"Acme, \"\"The\"\" AB\",\"line one\nline two, still\",\"2,500,000.00\"\nBeta AB,,1\n",
			delim: ',', enc: report.UTF8, rows: []row{{2, "Acme, \"The\" AB", "", "", "line one\nline two, still", 2500000.0}, {4, "Beta AB", "", "", "", 1.0}}},
		{name: "a delimiter inside quotes in the header does not count", data: "\"Namn, fullständigt\";Erbjudande;Omsättning\nAcme;Bultar;1\n",
			fatal: "noname", fatalDesc: "Namn, fullständigt, Erbjudande, Omsättning"},
		{name: "headers in odd case, spacing and colons", data: "  NAMN :;Erbjudande:;OMSÄTTNING  (TKR);  valuta ;ANTECKNINGAR\nAcme AB; Bultar ;1,5;;  Ring  Anna  \n",
			delim: ';', enc: report.UTF8, rows: []row{{2, "Acme AB", "Bultar", "SEK", "Ring Anna", 1500.0}}},
		{name: "English synonyms", data: "Company Name,Annual revenue,Comments\nAcme Ltd,\"£1,200\",Hi\n",
			delim: ',', enc: report.UTF8, rows: []row{{2, "Acme Ltd", "", "GBP", "Hi", 1200.0}}},
		{name: "unknown and repeated columns are reported", data: "Företag;Säljare;Region;Namn\nAcme AB;Anna;Syd;Other\n",
			delim: ';', enc: report.UTF8, rows: []row{{2, "Acme AB", "", "", "", nil}}, ignored: []string{"Säljare", "Region", "Namn"}},
		{name: "columns without a header at the end may be missing", data: "Namn;Omsättning;;\nAcme;1\nBeta;2;;\nGamma;3;;;\nDelta\n",
			delim: ';', enc: report.UTF8, rows: []row{{2, "Acme", "", "", "", 1.0}, {3, "Beta", "", "", "", 2.0}, {4, "Gamma", "", "", "", 3.0}},
			bad: []int{5}, problems: []string{"fields"}},
		{name: "blank rows are skipped", data: "Namn;Omsättning\n;\n\nAcme;1\n;;\n",
			delim: ';', enc: report.UTF8, rows: []row{{4, "Acme", "", "", "", 1.0}}},
		{name: "escape sequences and control characters are stripped", data: "Name,Notes\n\"\x1b[31mRed\x1b[0m\u202e AB\x07\",\"\x1b]8;;http://x\x07link\x1b]8;;\x07\"\n",
			delim: ',', enc: report.UTF8, rows: []row{{2, "Red AB", "", "", "link", nil}}},
		{name: "names are NFC", data: "Name\nA\u030Ahl\u00E9ns\n",
			delim: 0, enc: report.UTF8, rows: []row{{2, "Åhléns", "", "", "", nil}}},
		{name: "a formula guard is taken off", data: "Name\n'=SUM(A1)\n'Quoted\n",
			delim: 0, enc: report.UTF8, rows: []row{{2, "=SUM(A1)", "", "", "", nil}, {3, "'Quoted", "", "", "", nil}}},
		{name: "bad rows", data: "Namn;Omsättning;Valuta\nAcme;1;SEK\nBeta;2;SEK;extra\nGamma;abc;SEK\n;5;SEK\nDelta;3\nEpsilon;4 EUR;SEK\nZeta;-5;SEK\nEta;6;SEK;;\n",
			delim: ';', enc: report.UTF8, rows: []row{{2, "Acme", "", "SEK", "", 1.0}, {9, "Eta", "", "SEK", "", 6.0}},
			bad: []int{3, 4, 5, 6, 7, 8}, problems: []string{"fields", "revenue", "name", "fields", "currency", "revenue"}},
		{name: "texts longer than the TUI takes are bad rows", data: "Namn;Erbjudande;Valuta;Anteckningar\n" +
			strings.Repeat("N", model.MaxCustomerNameLen) + ";" + strings.Repeat("o", model.MaxOfferingLen) + ";SEK;" + strings.Repeat("x", model.MaxCustomerNoteLen) + "\n" +
			strings.Repeat("N", model.MaxCustomerNameLen+1) + ";;;\nB;" + strings.Repeat("o", model.MaxOfferingLen+1) + ";;\nC;;kronor;\nD;;;" + strings.Repeat("å", model.MaxCustomerNoteLen+1) + "\n",
			delim: ';', enc: report.UTF8, rows: []row{{2, strings.Repeat("N", model.MaxCustomerNameLen), strings.Repeat("o", model.MaxOfferingLen), "SEK", strings.Repeat("x", model.MaxCustomerNoteLen), nil}},
			bad: []int{3, 4, 5, 6}, problems: []string{"toolong", "toolong", "toolong", "toolong"}},
		{name: "a stray quote is a bad row with its line; the rest is read", data: "Name,Notes\nA,\"x\"y\"\nB,ok\n",
			delim: ',', enc: report.UTF8, rows: []row{{3, "B", "", "", "ok", nil}}, bad: []int{2}, problems: []string{"quote"}},
		{name: "an unclosed quote at the end is a bad row", data: "Name,Notes\nA,ok\nB,\"never closed\nC,x\n",
			delim: ',', enc: report.UTF8, rows: []row{{2, "A", "", "", "ok", nil}}, bad: []int{3}, problems: []string{"quote"}},
		{name: "one column", data: "Customer\nAcme, Inc\nBeta; Gamma AB\n\"Quoted, Too\"\n",
			delim: 0, enc: report.UTF8, rows: []row{{2, "Acme, Inc", "", "", "", nil}, {3, "Beta; Gamma AB", "", "", "", nil}, {4, "Quoted, Too", "", "", "", nil}}},
		{name: "comma with too many fields", data: "Customer,Offering\nAcme, Inc,Bolts\n",
			delim: ',', enc: report.UTF8, bad: []int{2}, problems: []string{"fields"}},
		{name: "empty", data: "", fatal: "empty"},
		{name: "only a byte order mark and blanks", data: "\ufeff;;\n", fatal: "empty"},
		{name: "no name column", data: "Erbjudande;Omsättning\nBultar;1\n", fatal: "noname", fatalDesc: "Erbjudande, Omsättning"},
		{name: "a broken header", data: "Name,\"Notes\nA,b\n", fatal: "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := report.ParseCSV([]byte(tt.data))
			if tt.fatal != "" {
				var ce *report.CSVError
				if !errors.As(err, &ce) || ce.Problem != tt.fatal {
					t.Fatalf("err = %v, want a CSVError %q", err, tt.fatal)
				}
				if ce.Detail != tt.fatalDesc {
					t.Errorf("detail %q, want %q", ce.Detail, tt.fatalDesc)
				}
				if len(list.Rows) > 0 {
					t.Errorf("a fatal error with %d rows", len(list.Rows))
				}
				return
			}
			if len(tt.bad) == 0 && err != nil {
				t.Fatalf("err = %v", err)
			}
			if len(tt.bad) > 0 {
				var be *report.BadRowsError
				if !errors.As(err, &be) || len(be.Rows) != len(tt.bad) {
					t.Fatalf("err = %v, want %d bad rows", err, len(tt.bad))
				}
			}
			if list.Delimiter != tt.delim || list.Encoding != tt.enc {
				t.Errorf("read as %q in %s, want %q in %s", list.Delimiter, list.Encoding, tt.delim, tt.enc)
			}
			if strings.Join(list.Ignored, "|") != strings.Join(tt.ignored, "|") {
				t.Errorf("ignored %q, want %q", list.Ignored, tt.ignored)
			}
			if len(list.Rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(list.Rows), len(tt.rows), list.Rows)
			}
			for i, w := range tt.rows {
				got := list.Rows[i]
				c := got.Customer
				if got.Line != w.line || c.Name != w.name || c.Offering != w.offering || c.Currency != w.currency || c.Notes != w.notes {
					t.Errorf("row %d = line %d %q/%q/%q/%q, want line %d %q/%q/%q/%q", i, got.Line, c.Name, c.Offering, c.Currency, c.Notes, w.line, w.name, w.offering, w.currency, w.notes)
				}
				if deref(c.Revenue) != w.revenue {
					t.Errorf("row %d revenue %v, want %v", i, deref(c.Revenue), w.revenue)
				}
			}
			for i, line := range tt.bad {
				if list.Bad[i].Line != line || list.Bad[i].Problem != tt.problems[i] {
					t.Errorf("bad row %d = line %d %q, want line %d %q", i, list.Bad[i].Line, list.Bad[i].Problem, line, tt.problems[i])
				}
			}
		})
	}
}

func TestParseCSVEncodings(t *testing.T) {
	want := "Åhléns Väst AB"
	for name, data := range map[string]string{
		"UTF-8":          "Namn\n" + want + "\n",
		"UTF-8 with BOM": "\ufeffNamn\n" + want + "\n",
		"Windows-1252":   "Namn\n" + win1252 + " V\xE4st AB\n",
		"UTF-16 LE":      utf16le(t, "Namn\t\n"+want+"\t\n"),
	} {
		t.Run(name, func(t *testing.T) {
			list, err := report.ParseCSV([]byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(list.Rows) != 1 || list.Rows[0].Customer.Name != want {
				t.Errorf("rows %+v, want %q", list.Rows, want)
			}
		})
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in       string
		want     any
		currency string
		ok       bool
	}{
		{"", nil, "", true},
		{"-", nil, "", true},
		{"–", nil, "", true},
		{"2500000", 2500000.0, "", true},
		{"2 500 000", 2500000.0, "", true},
		{"2\u00a0500\u00a0000", 2500000.0, "", true},
		{"2\u202f500", 2500.0, "", true},
		{"2,5", 2.5, "", true},
		{"2.5", 2.5, "", true},
		{"2,50", 2.5, "", true},
		{"0,500", 0.5, "", true},
		{"2,500", 2500.0, "", true},
		{"1.234", 1234.0, "", true},
		{"1234,567", 1234.567, "", true},
		{"2,500,000", 2500000.0, "", true},
		{"2,500,000.00", 2500000.0, "", true},
		{"1.234.567,89", 1234567.89, "", true},
		{"1 234 567,89", 1234567.89, "", true},
		{"1'234'567.89", 1234567.89, "", true},
		{"2 500 000 kr", 2500000.0, "SEK", true},
		{"2 500 000 SEK", 2500000.0, "SEK", true},
		{"SEK 2 500 000", 2500000.0, "SEK", true},
		{"2 500 000:-", 2500000.0, "SEK", true},
		{"2 500 000,-", 2500000.0, "", true},
		{"2,5 Mkr", 2500000.0, "SEK", true},
		{"2,500 MSEK", 2500000.0, "SEK", true},
		{"150 tkr", 150000.0, "SEK", true},
		{"€1.200,50", 1200.5, "EUR", true},
		{"$2,500", 2500.0, "USD", true},
		{"12 eur", 12.0, "EUR", true},
		{"+1", 1.0, "", true},
		{"abc", nil, "", false},
		{"12 apples", nil, "", false},
		{"-5", nil, "", false},
		{"−5", nil, "", false},
		{"1,2,3", nil, "", false},
		{"1.234,567.8", nil, "", false},
		{"1,234.567,8", nil, "", false},
		{"12,34,567", nil, "", false},
		{"1e9", nil, "", false},
		{"NaN", nil, "", false},
		{"Inf", nil, "", false},
		{"1..2", nil, "", false},
		{"5 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 Mkr", nil, "", false},
	}
	for _, tt := range tests {
		v, cur, ok := report.ParseAmount(tt.in)
		if ok != tt.ok || deref(v) != tt.want || cur != tt.currency {
			t.Errorf("ParseAmount(%q) = %v, %q, %v; want %v, %q, %v", tt.in, deref(v), cur, ok, tt.want, tt.currency, tt.ok)
		}
	}
}

func TestPlanImport(t *testing.T) {
	data := "Namn;Omsättning\nÅhléns AB;1\nNy AB;2\nny ab;3\nTrasig;x\nA\u030Ahléns  ab;4\nNY AB;5\nSist AB;6\n"
	list, err := report.ParseCSV([]byte(data))
	var be *report.BadRowsError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want bad rows", err)
	}
	existing := []model.Customer{{ID: "1", Name: "ÅHLÉNS AB"}}
	plan := report.PlanImport(list, existing)
	want := []struct {
		line   int
		status report.ImportStatus
		first  int
	}{
		{2, report.StatusExists, 0},
		{3, report.StatusNew, 0},
		{4, report.StatusDuplicate, 3},
		{5, report.StatusBad, 0},
		{6, report.StatusExists, 0},
		{7, report.StatusDuplicate, 3},
		{8, report.StatusNew, 0},
	}
	if len(plan.Rows) != len(want) {
		t.Fatalf("%d planned rows, want %d: %+v", len(plan.Rows), len(want), plan.Rows)
	}
	for i, w := range want {
		r := plan.Rows[i]
		if r.Line != w.line || r.Status != w.status || r.First != w.first {
			t.Errorf("row %d = line %d %s (first %d), want line %d %s (first %d)", i, r.Line, r.Status, r.First, w.line, w.status, w.first)
		}
	}
	if plan.New != 2 || plan.Existing != 2 || plan.Duplicates != 2 || plan.Bad != 1 {
		t.Errorf("counts %d new, %d existing, %d duplicates, %d bad", plan.New, plan.Existing, plan.Duplicates, plan.Bad)
	}

	// Never half a file without asking: bad rows refuse the import.
	if cs, err := plan.Accept(false); !errors.Is(err, report.ErrBadRows) || cs != nil {
		t.Errorf("Accept(false) = %d customers, %v; want ErrBadRows", len(cs), err)
	}
	cs, err := plan.Accept(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Name != "Ny AB" || cs[1].Name != "Sist AB" {
		t.Errorf("Accept(true) = %+v", cs)
	}
}

func TestTooLongTextSaysWhichColumn(t *testing.T) {
	data := "Namn (kund/företag);Omsättning\n" + strings.Repeat("Å", model.MaxCustomerNameLen+1) + ";1\n"
	list, err := report.ParseCSV([]byte(data))
	if err == nil || len(list.Bad) != 1 {
		t.Fatalf("ParseCSV = %+v, %v; want one bad row", list, err)
	}
	p := list.Bad[0]
	if p.Problem != "toolong" || p.Detail != "Namn (kund/företag)/101/100" {
		t.Fatalf("problem %q %q", p.Problem, p.Detail)
	}
	for lang, want := range map[string]string{
		"en": "bad: the “Namn (kund/företag)” text has 101 characters, at most 100 fit",
		"sv": "felaktig: texten i ”Namn (kund/företag)” har 101 tecken, högst 100 får plats",
	} {
		if got := report.ProblemText(assets.MustBuiltin(lang), &p); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// Customer lists as the tools people use write them.
func TestParseCSVFromOtherTools(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   string
		names  []string
		rev    []float64 // -1: unknown
		footer int
		bad    []string // the problems of the bad rows
		left   []string // columns left out
	}{
		{name: "pipedrive", data: "Organization - Name,Organization - Annual revenue,Organization - Owner\nAcme AB,2500000,Eva\nBeta AB,,Eva\n",
			names: []string{"Acme AB", "Beta AB"}, rev: []float64{2500000, -1}, left: []string{"Organization - Owner"}},
		{name: "salesforce fields", data: "ACCOUNT NAME,ANNUALREVENUE\nAcme AB,1000\n", names: []string{"Acme AB"}, rev: []float64{1000}},
		{name: "salesforce report with a footer", data: "\"Account Name\",\"Annual Revenue\"\n\"Acme AB\",\"1000\"\n\"Beta AB\",\"2000\"\n\n\n\"Grand Totals (2 records)\"\n\n\"Confidential Information - Do Not Distribute\"\n\"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\n\"Generated By:  Eva Ek  2024-11-02 10:00\"\n",
			names: []string{"Acme AB", "Beta AB"}, rev: []float64{1000, 2000}, footer: 4},
		{name: "years: the latest counts", data: "Bolag;Omsättning 2023;Omsättning 2024;Oms. i år\nAcme AB;1 000;2 000;3 000\n",
			names: []string{"Acme AB"}, rev: []float64{2000}, left: []string{"Omsättning 2023", "Oms. i år"}},
		{name: "sales with a year", data: "Kundens namn,Sales 2024\nAcme AB,5\n", names: []string{"Acme AB"}, rev: []float64{5}},
		{name: "organisation", data: "Organisation;Försäljning\nAcme AB;7\n", names: []string{"Acme AB"}, rev: []float64{7}},
		{name: "classic mac line endings", data: "Name,Revenue\rAcme AB,1\rBeta AB,2\r", names: []string{"Acme AB", "Beta AB"}, rev: []float64{1, 2}},
		{name: "spreadsheet errors", data: "Name,Revenue\n#NAME?,1\n#REF!,2\nAcme AB,3\n", names: []string{"Acme AB"}, rev: []float64{3}, bad: []string{"errorcell", "errorcell"}},
		{name: "one unit wins", data: "Namn;Omsättning (tkr)\nAcme AB;2,5 Mkr\nBeta AB;150 tkr\nGamma AB;150\n",
			names: []string{"Beta AB", "Gamma AB"}, rev: []float64{150000, 150000}, bad: []string{"revenue"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := report.ParseCSV([]byte(tc.data))
			var bad []string
			for _, b := range list.Bad {
				bad = append(bad, b.Problem)
			}
			if !slices.Equal(bad, tc.bad) || (err != nil) != (len(tc.bad) > 0) {
				t.Fatalf("bad rows %v (err %v), want %v", bad, err, tc.bad)
			}
			var names []string
			for i, r := range list.Rows {
				names = append(names, r.Customer.Name)
				want := tc.rev[i]
				switch {
				case want < 0 && r.Customer.Revenue != nil, want >= 0 && (r.Customer.Revenue == nil || *r.Customer.Revenue != want):
					t.Errorf("%s: revenue %v, want %v", r.Customer.Name, r.Customer.Revenue, want)
				}
			}
			if !slices.Equal(names, tc.names) {
				t.Fatalf("names %v, want %v", names, tc.names)
			}
			if list.Footer != tc.footer {
				t.Errorf("footer %d lines, want %d", list.Footer, tc.footer)
			}
			if !slices.Equal(list.Ignored, tc.left) {
				t.Errorf("left out %v, want %v", list.Ignored, tc.left)
			}
		})
	}
}
