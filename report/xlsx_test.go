package report_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"styrka/model"
	"styrka/report"
)

// openXLSX writes a workbook and opens it again with excelize.
func openXLSX(t *testing.T, in report.Input) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteXLSX(&b, in); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXReadBack(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := demoInput(t, lang)
			c := in.Content
			f := openXLSX(t, in)
			customers, answers := c.T("export.sheet.customers"), c.T("export.sheet.answers")
			if got := f.GetSheetList(); len(got) != 3 || got[0] != customers || got[1] != answers || got[2] != c.T("report.portfolio") {
				t.Fatalf("sheets %q, want %q and %q", got, customers, answers)
			}
			if f.GetActiveSheetIndex() != 0 {
				t.Errorf("the workbook opens on sheet %d, want the customers", f.GetActiveSheetIndex())
			}

			type want struct {
				cell  string
				value string
				typ   excelize.CellType
			}
			// B is the name, D the revenue, F–I the scores, J the known
			// answers, N the Kraljic class, Q the priority, R the room.
			checks := []want{
				{"A1", c.T("export.rank"), excelize.CellTypeSharedString},
				{"B1", c.T("col.customer"), excelize.CellTypeSharedString},
				{"D1", c.T("col.revenue"), excelize.CellTypeSharedString},
				{"F1", c.Dimensions[model.ProfitImpact].Name, excelize.CellTypeSharedString},
				{"A2", "1", excelize.CellTypeUnset},
				{"B2", "Mälarö Lyftteknik AB", excelize.CellTypeSharedString},
				{"D2", "38000000", excelize.CellTypeUnset},
				{"E2", "SEK", excelize.CellTypeSharedString},
				{"F2", "4.2", excelize.CellTypeUnset},
				{"J2", "5", excelize.CellTypeUnset},
				{"N2", c.Kraljic[model.Strategic].Name, excelize.CellTypeSharedString},
				{"Q2", "P1", excelize.CellTypeSharedString},
				{"R2", "-0.47", excelize.CellTypeUnset},
				{"B3", "Östervik Vagnfabrik AB", excelize.CellTypeSharedString},
				{"D3", "31000000", excelize.CellTypeUnset},
				{"B17", "Åkerlunds Järnhandel AB", excelize.CellTypeSharedString},
				{"D17", "400000", excelize.CellTypeUnset},
			}
			for _, w := range checks {
				got, err := f.GetCellValue(customers, w.cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if got != w.value {
					t.Errorf("%s = %q, want %q", w.cell, got, w.value)
				}
				typ, err := f.GetCellType(customers, w.cell)
				if err != nil {
					t.Fatal(err)
				}
				// A number is stored without a type attribute (Unset) or
				// as "n"; text as a shared string.
				if w.typ == excelize.CellTypeUnset {
					if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
						t.Errorf("%s has type %v, want a number", w.cell, typ)
					}
					if _, err := strconv.ParseFloat(got, 64); err != nil {
						t.Errorf("%s = %q is not a number", w.cell, got)
					}
				} else if typ != w.typ && typ != excelize.CellTypeInlineString {
					// Text is text whether shared or inline; the sheets are
					// streamed, and a stream writes it inline.
					t.Errorf("%s has type %v, want text (%v or %v)", w.cell, typ, w.typ, excelize.CellTypeInlineString)
				}
			}
			rows, err := f.GetRows(customers)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1+len(in.Dataset.Customers) {
				t.Errorf("%d rows, want a header and %d customers", len(rows), len(in.Dataset.Customers))
			}

			// The header is bold; the panes are frozen under it; the
			// columns are wide enough for their longest value.
			for _, sheet := range []string{customers, answers} {
				id, err := f.GetCellStyle(sheet, "B1")
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if st.Font == nil || !st.Font.Bold {
					t.Errorf("%s: header not bold", sheet)
				}
				panes, err := f.GetPanes(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
					t.Errorf("%s: panes %+v, want frozen under row 1", sheet, panes)
				}
			}
			w, err := f.GetColWidth(customers, "B")
			if err != nil {
				t.Fatal(err)
			}
			if w < float64(len("Lindqvist Maskinuthyrning AB")) || w > 60 {
				t.Errorf("the name column is %v wide", w)
			}

			// Answers: one row per answer, "don't know" as an empty score
			// and TRUE, the score a number, the time a date.
			arows, err := f.GetRows(answers)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, as := range in.Dataset.Answers {
				n += len(as)
			}
			if len(arows) != n+1 {
				t.Errorf("%d answer rows, want %d", len(arows)-1, n)
			}
			for r := 2; r <= len(arows); r++ {
				flag, _ := f.GetCellType(answers, fmt.Sprintf("G%d", r))
				if flag != excelize.CellTypeBool {
					t.Fatalf("G%d (don't know) has type %v, want a boolean", r, flag)
				}
				dk, _ := f.GetCellValue(answers, fmt.Sprintf("G%d", r), excelize.Options{RawCellValue: true})
				score, _ := f.GetCellValue(answers, fmt.Sprintf("F%d", r), excelize.Options{RawCellValue: true})
				if (dk == "1") != (score == "") {
					t.Errorf("row %d: don't know %q with score %q", r, dk, score)
				}
				when, _ := f.GetCellValue(answers, fmt.Sprintf("J%d", r), excelize.Options{RawCellValue: true})
				if v, err := strconv.ParseFloat(when, 64); err != nil || v < 46000 || v > 47000 {
					t.Fatalf("J%d = %q is not a date in 2026", r, when)
				}
			}
		})
	}
}

// TestXLSXUnplacedAndText: a customer without answers has empty cells,
// not zeros or dashes; text that looks like a formula stays text.
func TestXLSXUnplacedAndText(t *testing.T) {
	in := demoInput(t, "en")
	in.Dataset.Customers = []model.Customer{{ID: "x", Name: "=1+1"}}
	in.Dataset.Answers = nil
	f := openXLSX(t, in)
	sheet := in.Content.T("export.sheet.customers")
	for _, cell := range []string{"D2", "F2", "N2", "Q2", "R2"} {
		if v, _ := f.GetCellValue(sheet, cell); v != "" {
			t.Errorf("%s = %q, want empty", cell, v)
		}
	}
	if formula, _ := f.GetCellFormula(sheet, "B2"); formula != "" {
		t.Errorf("the name became the formula %q", formula)
	}
	if v, _ := f.GetCellValue(sheet, "B2"); v != "=1+1" {
		t.Errorf("B2 = %q", v)
	}
	if rows, _ := f.GetRows(in.Content.T("export.sheet.answers")); len(rows) != 1 {
		t.Errorf("answers sheet has %d rows, want the header only", len(rows))
	}
}

// TestXLSXRowHeights: a row whose notes wrap is tall enough to show every
// line of them at the width of their column; a row of short cells keeps
// the default height; the header is tall enough for its wrapped titles.
func TestXLSXRowHeights(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := demoInput(t, lang)
			long := strings.Repeat("Ramavtal till 2028, förhandlas om i höst med inköpschefen. ", 12)
			in.Dataset.Customers[0].Notes = long + "\nRad två.\nRad tre."
			in.Dataset.Customers[1].Notes = ""
			f := openXLSX(t, in)
			sheet := in.Content.T("export.sheet.customers")
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			notesCol := len(rows[0]) // notes are the last column
			colName, _ := excelize.ColumnNumberToName(notesCol)
			w, err := f.GetColWidth(sheet, colName)
			if err != nil {
				t.Fatal(err)
			}
			// The notes of the first customer (row 2, Mälarö) wrap into
			// at least this many lines at that width: each line holds at
			// most w characters.
			wantLines := 2 + (len([]rune(long))+int(w)-1)/int(w)
			h, err := f.GetRowHeight(sheet, 2)
			if err != nil {
				t.Fatal(err)
			}
			if h < float64(wantLines)*15 {
				t.Errorf("row 2 is %v points tall for notes of at least %d lines at width %v", h, wantLines, w)
			}
			var short int
			for r := 2; r <= len(rows); r++ {
				if v, _ := f.GetCellValue(sheet, fmt.Sprintf("B%d", r)); v == in.Dataset.Customers[1].Name {
					short = r
				}
			}
			if h, _ := f.GetRowHeight(sheet, short); h != 15 {
				t.Errorf("the row of %s, with no long text, is %v points tall", in.Dataset.Customers[1].Name, h)
			}
			// The header: every title fits its column (less the filter
			// button) in the lines the row has.
			hh, _ := f.GetRowHeight(sheet, 1)
			for i, title := range rows[0] {
				name, _ := excelize.ColumnNumberToName(i + 1)
				cw, _ := f.GetColWidth(sheet, name)
				if need := float64(len([]rune(title))) / (cw - 3); need > hh/15+0.001 && !strings.Contains(title, "\n") {
					t.Errorf("the header %q needs %.1f lines at width %v, the row holds %v", title, need, cw, hh/15)
				}
			}
		})
	}
}
