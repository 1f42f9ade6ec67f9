package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"
)

// Column widths of the workbook, in Excel's units (about one character).
const (
	minColWidth = 6
	maxColWidth = 60
)

// WriteXLSX writes the workshop as an Excel workbook: a sheet of
// customers in priority order, a sheet of every answer, and sheets of the
// actions and the closed rounds when there are any, named in the
// content's language, with a bold header row frozen above the data, a
// filter on it, numbers stored as numbers and columns sized to their
// contents. A workbook is binary; write it to a file, not a terminal.
func WriteXLSX(w io.Writer, in Input) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	first := f.GetSheetName(0)
	used := map[string]bool{}
	for i, s := range append([]sheet{customerSheet(in), answerSheet(in)}, planSheets(in)...) {
		name := sheetName(s.Name, used)
		if i == 0 {
			if err := f.SetSheetName(first, name); err != nil {
				return fmt.Errorf("sheet %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
		if err := writeXLSXSheet(f, name, s, styles); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   in.t("report.title", in.Dataset.Workshop.Name),
		Creator: "styrka",
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// sheetName makes a name Excel accepts: at most 31 characters, none of
// []:*?/\, not empty and not used before.
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	name = strings.Trim(name, "'")
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet"
	}
	base := name
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" %d", n)
		r := []rune(base)
		name = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// xlsxStyles are the cell styles of a workbook, by column kind.
type xlsxStyles struct {
	header int
	kinds  map[colKind]int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	s := xlsxStyles{kinds: map[colKind]int{}}
	var err error
	s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	if err != nil {
		return s, err
	}
	score, signed, when := "0.00", "+0.00;-0.00;0.00", "yyyy-mm-dd hh:mm:ss"
	for kind, st := range map[colKind]*excelize.Style{
		colText:    {Alignment: &excelize.Alignment{Vertical: "top"}},
		colWrapped: {Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		colInt:     {NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}}, // 0
		colMoney:   {NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "top"}}, // #,##0
		colScore:   {CustomNumFmt: &score, Alignment: &excelize.Alignment{Vertical: "top"}},
		colSigned:  {CustomNumFmt: &signed, Alignment: &excelize.Alignment{Vertical: "top"}},
		colFlag:    {Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}},
		colTime:    {CustomNumFmt: &when, Alignment: &excelize.Alignment{Vertical: "top"}},
	} {
		if s.kinds[kind], err = f.NewStyle(st); err != nil {
			return s, err
		}
	}
	return s, nil
}

func writeXLSXSheet(f *excelize.File, name string, s sheet, st xlsxStyles) error {
	n := len(s.Columns)
	if n == 0 {
		return nil
	}
	widths := make([]int, n)
	header := make([]any, n)
	for i, col := range s.Columns {
		header[i] = col.Header
		// A header may wrap onto two lines.
		widths[i] = (ansi.StringWidth(col.Header) + 1) / 2
		for _, word := range strings.Fields(col.Header) {
			widths[i] = max(widths[i], ansi.StringWidth(word))
		}
	}
	if err := f.SetSheetRow(name, "A1", &header); err != nil {
		return err
	}
	for r, row := range s.Rows {
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		vals := make([]any, n)
		for i, v := range row {
			switch v := v.(type) {
			case float64, int, bool:
				vals[i] = v
			case time.Time:
				vals[i] = v.UTC()
			case string:
				vals[i] = v
				widths[i] = max(widths[i], longestLine(v))
				continue
			case nil:
				continue
			}
			widths[i] = max(widths[i], ansi.StringWidth(csvValue(v, "."))+2)
		}
		if err := f.SetSheetRow(name, cell, &vals); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(n, 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", last, st.header); err != nil {
		return err
	}
	for i, col := range s.Columns {
		letter, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if len(s.Rows) > 0 {
			if err := f.SetCellStyle(name, letter+"2", fmt.Sprintf("%s%d", letter, len(s.Rows)+1), st.kinds[col.Kind]); err != nil {
				return err
			}
		}
		wd := min(max(widths[i]+1, minColWidth), maxColWidth)
		if err := f.SetColWidth(name, letter, letter, float64(wd)); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	lastCell, err := excelize.CoordinatesToCellName(n, len(s.Rows)+1)
	if err != nil {
		return err
	}
	return f.AutoFilter(name, "A1:"+lastCell, nil)
}

// longestLine is the display width of the widest line of s.
func longestLine(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}
