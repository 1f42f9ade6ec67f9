package report

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"

	"styrka/ui/mapview"
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
	// The fastest deflate: at the default level compressing was a third
	// of a large workbook's time (10,000 customers: 4.1 s and 8.7 MB at
	// the default level, 3.3 s and 13.8 MB at this one).
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	styles, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	in = in.scoredOnce() // the customers, rounds and portfolio sheets read the scores
	sheets := append([]sheet{customerSheet(in), answerSheet(in)}, planSheets(in)...)
	sheets = append(sheets, accountSheets(in)...)
	// Every sheet is made and the first made active before any is
	// streamed: excelize reads each sheet back to mark the active one.
	names := make([]string, len(sheets))
	used := map[string]bool{}
	for i, s := range sheets {
		names[i] = sheetName(s.Name, used)
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), names[i]); err != nil {
				return fmt.Errorf("sheet %q: %w", names[i], err)
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return fmt.Errorf("sheet %q: %w", names[i], err)
		}
	}
	f.SetActiveSheet(0)
	for i, s := range sheets {
		if err := writeXLSXSheet(f, names[i], s, styles); err != nil {
			return fmt.Errorf("sheet %q: %w", names[i], err)
		}
		sheets[i] = sheet{} // its rows are written: let them go before the zip
	}
	today := in.Today
	if today.IsZero() {
		today = time.Now()
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          in.t("report.title", in.Dataset.Workshop.Name),
		Creator:        "styrka",
		LastModifiedBy: "styrka",
		Created:        today.UTC().Format(time.RFC3339),
		Modified:       today.UTC().Format(time.RFC3339),
	}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "styrka"}); err != nil {
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
		Font:      &excelize.Font{Bold: true, Family: "Calibri", Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	if err != nil {
		return s, err
	}
	score, signed, when, day := "0.00", "+0.00;-0.00;0.00", "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd"
	for kind, st := range map[colKind]*excelize.Style{
		colText:    {Alignment: &excelize.Alignment{Vertical: "top"}},
		colWrapped: {Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		colInt:     {NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}}, // 0
		colMoney:   {NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "top"}}, // #,##0
		colScore:   {CustomNumFmt: &score, Alignment: &excelize.Alignment{Vertical: "top"}},
		colSigned:  {CustomNumFmt: &signed, Alignment: &excelize.Alignment{Vertical: "top"}},
		colFlag:    {Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}},
		colTime:    {CustomNumFmt: &when, Alignment: &excelize.Alignment{Vertical: "top"}},
		colDate:    {CustomNumFmt: &day, Alignment: &excelize.Alignment{Vertical: "top"}},
	} {
		if s.kinds[kind], err = f.NewStyle(st); err != nil {
			return s, err
		}
	}
	return s, nil
}

// writeXLSXSheet streams a sheet (excelize's StreamWriter): its rows go
// straight to XML instead of into excelize's model of every cell, which
// for 10,000 customers took most of 15 s and 1.5 GiB. A stream is written
// in order, so the column widths are measured over all rows first and the
// filter, panes and widths are set before the first row. Text is stored
// as inline strings, which is how a stream writes it.
func writeXLSXSheet(f *excelize.File, name string, s sheet, st xlsxStyles) error {
	n := len(s.Columns)
	if n == 0 {
		return nil
	}
	widths := make([]int, n)
	for i, col := range s.Columns {
		// A header may wrap onto two lines.
		widths[i] = (ansi.StringWidth(col.Header) + 1) / 2
		for _, word := range strings.Fields(col.Header) {
			widths[i] = max(widths[i], ansi.StringWidth(word))
		}
	}
	rows := 0
	for row := range s.Rows {
		rows++
		for i, v := range row {
			switch v := v.(type) {
			case string:
				widths[i] = max(widths[i], longestLine(v))
			case float64, int, bool, time.Time, dateValue:
				widths[i] = max(widths[i], len(csvValue(v, "."))+2)
			}
		}
	}
	lastCell, err := excelize.CoordinatesToCellName(n, rows+1)
	if err != nil {
		return err
	}
	// Before the stream: the filter is kept in the sheet the stream
	// writes out at its end.
	if err := f.AutoFilter(name, "A1:"+lastCell, nil); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	colW := make([]int, n)
	for i := range s.Columns {
		// Room for the header's filter button beside its text.
		colW[i] = min(max(widths[i]+3, minColWidth), maxColWidth)
		if err := sw.SetColWidth(i+1, i+1, float64(colW[i])); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	vals := make([]any, n)
	for i, col := range s.Columns {
		vals[i] = excelize.Cell{StyleID: st.header, Value: col.Header}
	}
	// The header wraps beside its filter button.
	headerLines := 1
	for i, col := range s.Columns {
		headerLines = max(headerLines, wrappedLines(col.Header, colW[i]-3))
	}
	if err := sw.SetRow("A1", vals, rowHeight(headerLines)...); err != nil {
		return err
	}
	// One row of cells, reused: SetRow writes a row out before it returns,
	// and pointers to these cells box nothing, where a Cell per value
	// allocated a hundred megabytes for 10,000 customers.
	cells := make([]excelize.Cell, n)
	for i := range cells {
		vals[i] = &cells[i]
	}
	// Questions repeat on every answer's row: their lines are counted once.
	wrapped := lineCounts{}
	r := 0
	for row := range s.Rows {
		r++
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		lines := 1
		for i, col := range s.Columns {
			// Every cell carries its column's style, an empty one too, as
			// a styled range did.
			c := excelize.Cell{StyleID: st.kinds[col.Kind]}
			if text, ok := cellText(row, i); ok && col.Kind == colWrapped {
				lines = max(lines, wrapped.lines(text, colW[i]))
			}
			if i < len(row) {
				switch v := row[i].(type) {
				case float64, int, bool, string:
					c.Value = v
				case time.Time:
					c.Value = v.UTC()
				case dateValue:
					c.Value = time.Time(v)
				}
			}
			cells[i] = c
		}
		if err := sw.SetRow(cell, vals, rowHeight(lines)...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cellText is the text of a row's i-th value, if it is text.
func cellText(row []any, i int) (string, bool) {
	if i >= len(row) {
		return "", false
	}
	s, ok := row[i].(string)
	return s, ok
}

// Excel shows the rows of a written workbook at the height the file
// gives (the default, one line, when it gives none), however much their
// text wraps; so each row is made as tall as its widest-wrapping cell:
// xlsxLineHeight points a line (Calibri 11), at most Excel's 409 points.
const (
	xlsxLineHeight = 15.0
	maxRowHeight   = 409.0
)

// rowHeight is the height option of a row of lines, none for one line.
func rowHeight(lines int) []excelize.RowOpts {
	if lines <= 1 {
		return nil
	}
	return []excelize.RowOpts{{Height: min(float64(lines)*xlsxLineHeight, maxRowHeight)}}
}

// lineCounts remembers wrappedLines of texts that need wrapping, by text
// and width.
type lineCounts map[lineKey]int

type lineKey struct {
	text  string
	width int
}

func (lc lineCounts) lines(text string, width int) int {
	if !strings.Contains(text, "\n") && mapview.Width(text) < width {
		return 1
	}
	k := lineKey{text, width}
	n, ok := lc[k]
	if !ok {
		n = wrappedLines(text, width)
		lc[k] = n
	}
	return n
}

// wrappedLines counts the lines text takes wrapped at word boundaries in
// a column width wide (Excel's width is about one character, and a
// narrow cell pads it by one).
func wrappedLines(text string, width int) int {
	width = max(width-1, 1)
	lines := 0
	for l := range strings.SplitSeq(text, "\n") {
		if mapview.Width(l) <= width {
			lines++
			continue
		}
		lines += strings.Count(ansi.Hardwrap(ansi.Wordwrap(l, width, ""), width, true), "\n") + 1
	}
	return max(lines, 1)
}

// longestLine is the display width of the widest line of s.
func longestLine(s string) int {
	w := 0
	for l := range strings.SplitSeq(s, "\n") {
		w = max(w, mapview.Width(l))
	}
	return w
}
