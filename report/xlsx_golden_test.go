package report_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/xuri/excelize/v2"

	"styrka/model"
)

// TestXLSXGolden holds the workbook of the planned demo (every kind of
// sheet) as excelize reads it back: the sheets, the active one, the
// filters, the document properties and, sheet by sheet, the panes, the
// column widths, the row heights and every cell's type, raw value and
// style. Style numbers and how text is stored (shared or inline) are the
// writer's business and are left out; what a reader sees is kept.
func TestXLSXGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, _ := plannedInput(t, lang)
			golden.RequireEqual(t, dumpXLSX(t, openXLSX(t, in)))
		})
	}
}

// dumpXLSX writes out a workbook as TestXLSXGolden keeps it.
func dumpXLSX(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "sheets %q, active %d\n", f.GetSheetList(), f.GetActiveSheetIndex())
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "defined %s scope %s: %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "title %q, creator %q, last modified by %q, created %s, modified %s\n",
		props.Title, props.Creator, props.LastModifiedBy, props.Created, props.Modified)
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "application %q\n", app.Application)

	labels := map[string]string{} // a style's description → its label, st1, st2, … as met
	var legend []string
	label := func(id int) string {
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		d := describeStyle(st)
		if l, ok := labels[d]; ok {
			return l
		}
		l := "st" + strconv.Itoa(len(labels)+1)
		labels[d] = l
		legend = append(legend, l+" = "+d)
		return l
	}
	var sheets strings.Builder
	for _, name := range f.GetSheetList() {
		fmt.Fprintf(&sheets, "\nsheet %q\n", name)
		panes, err := f.GetPanes(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sheets, "panes frozen %v, x %d, y %d, top left %s, active %s\n",
			panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell, panes.ActivePane)
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			continue
		}
		cols := len(rows[0])
		var widths []string
		for c := 1; c <= cols; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(name, col)
			if err != nil {
				t.Fatal(err)
			}
			widths = append(widths, fmt.Sprintf("%s %v", col, w))
		}
		fmt.Fprintf(&sheets, "widths %s\n", strings.Join(widths, ", "))
		for r := 1; r <= len(rows); r++ {
			h, err := f.GetRowHeight(name, r)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&sheets, "row %d height %v\n", r, h)
			for c := 1; c <= cols; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				typ, err := f.GetCellType(name, cell)
				if err != nil {
					t.Fatal(err)
				}
				v, err := f.GetCellValue(name, cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				id, err := f.GetCellStyle(name, cell)
				if err != nil {
					t.Fatal(err)
				}
				kind := "empty"
				switch {
				case typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString:
					kind = "text"
				case typ == excelize.CellTypeBool:
					kind = "bool"
				case v != "":
					kind = "number"
				}
				fmt.Fprintf(&sheets, "  %s %s %s %q\n", cell, label(id), kind, v)
			}
		}
	}
	b.WriteString("\n" + strings.Join(legend, "\n") + "\n")
	b.WriteString(sheets.String())
	return b.String()
}

// describeStyle is what a reader sees of a cell style.
func describeStyle(st *excelize.Style) string {
	var parts []string
	if st.Font != nil && (st.Font.Bold || st.Font.Family != "" || st.Font.Size != 0) {
		parts = append(parts, fmt.Sprintf("font %q %v bold %v", st.Font.Family, st.Font.Size, st.Font.Bold))
	}
	if st.Fill.Type != "" && st.Fill.Pattern != 0 {
		parts = append(parts, fmt.Sprintf("fill %s %d %q", st.Fill.Type, st.Fill.Pattern, st.Fill.Color))
	}
	for _, br := range st.Border {
		parts = append(parts, fmt.Sprintf("border %s %d %s", br.Type, br.Style, br.Color))
	}
	if a := st.Alignment; a != nil {
		parts = append(parts, fmt.Sprintf("align %q %q wrap %v", a.Horizontal, a.Vertical, a.WrapText))
	}
	switch {
	case st.CustomNumFmt != nil:
		parts = append(parts, fmt.Sprintf("format %q", *st.CustomNumFmt))
	case st.NumFmt != 0:
		parts = append(parts, fmt.Sprintf("format %d", st.NumFmt))
	}
	if len(parts) == 0 {
		return "default"
	}
	return strings.Join(parts, "; ")
}

// TestXLSXText: text comes back as it was written, whatever it holds:
// markup, spaces at its ends, line breaks, what looks like the escape
// of a character (_x0041_), emoji; characters XML cannot hold become
// U+FFFD, and text longer than a cell holds (32,767 UTF-16 units) is cut
// there.
func TestXLSXText(t *testing.T) {
	long := strings.Repeat("å", 40000)
	wide := strings.Repeat("👍", 20000) // two UTF-16 units each
	cases := []struct{ in, want string }{
		{"<b>&amp;</b> \"quoted\" 'single'", "<b>&amp;</b> \"quoted\" 'single'"},
		{"  spaces at both ends  ", "  spaces at both ends  "},
		{"\tA tab first", "\tA tab first"},
		{"line\none\r\nand two\r", "line\none\r\nand two\r"},
		{"_x0041_ is not A", "_x0041_ is not A"},
		{"_x005F_ and _x00e5_", "_x005F_ and _x00e5_"},
		{"emoji 👍🏽, 漢字 and åäö", "emoji 👍🏽, 漢字 and åäö"},
		{"bell\x07 and nul\x00 and bad \xff byte", "bell\uFFFD and nul\uFFFD and bad \uFFFD byte"},
		{"=SUM(A1:A2)", "=SUM(A1:A2)"},
		{long, long[:2*32767]},
		{wide, wide[:4*16383]},
	}
	in := demoInput(t, "en")
	in.Dataset.Customers = in.Dataset.Customers[:0]
	for i, c := range cases {
		in.Dataset.Customers = append(in.Dataset.Customers, model.Customer{ID: fmt.Sprint(i), Name: fmt.Sprintf("K%02d", i), Notes: c.in})
	}
	in.Dataset.Answers = nil
	f := openXLSX(t, in)
	rows, err := f.GetRows(in.Content.T("export.sheet.customers"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, r := range rows[1:] {
		notes[r[1]] = r[len(rows[0])-1]
	}
	for i, c := range cases {
		if got := notes[fmt.Sprintf("K%02d", i)]; got != c.want {
			t.Errorf("%.40q came back as %.40q (%d bytes, want %d)", c.in, got, len(got), len(c.want))
		}
	}
}
