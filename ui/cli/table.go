package cli

import (
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/mapview"
)

// column describes a column of a table for fitting it to the terminal.
type column struct {
	Title string
	// Short is a narrower title used when the table does not fit.
	Short string
	// Min is the narrowest the column may be shortened to (with "…");
	// 0 means it is never shortened.
	Min int
	// Drop orders the columns left out when the table does not fit: 1
	// first. Below 10 they go before any column is shortened, from 10 on
	// after. 0 means never.
	Drop int
}

// table prints rows under a header, columns measured by display width;
// on a narrow terminal the widest columns are shortened.
func (a *App) table(header []string, rows [][]string) {
	cols := make([]column, len(header))
	for i, h := range header {
		cols[i] = column{Title: h, Min: 10}
	}
	a.fitTable(cols, rows)
}

// fitTable prints a table that fits the terminal's width when standard
// output is one; piped output is always whole, every column at full
// width.
func (a *App) fitTable(cols []column, rows [][]string) {
	width, _ := a.terminalSize()
	// Cells hold names from the database: safe for the terminal, and
	// measured as they will be shown.
	for i := range cols {
		cols[i].Title, cols[i].Short = model.SafeLine(cols[i].Title), model.SafeLine(cols[i].Short)
	}
	safeRows := make([][]string, len(rows))
	for i, r := range rows {
		safeRows[i] = safeCells(r)
	}
	rows = safeRows
	titles, widths := fitColumns(cols, rows, width)
	var keep []int
	for i, w := range widths {
		if w > 0 {
			keep = append(keep, i)
		}
	}
	cut := func(s string, i int) string {
		if mapview.Width(s) <= widths[i] {
			return s // most cells fit: measuring is cheaper than cutting
		}
		return ansi.Truncate(s, widths[i], "…")
	}

	header := make([]string, len(keep))
	for j, i := range keep {
		header[j] = cut(titles[i], i)
	}
	body := make([][]string, len(rows))
	for r, row := range rows {
		body[r] = make([]string, len(keep))
		for j, i := range keep {
			if i < len(row) {
				body[r][j] = cut(row[i], i)
			}
		}
	}
	out := renderTable(header, body)
	if width > 0 {
		// Whatever could not be fitted is cut at the window's edge
		// rather than wrapped onto the next line.
		lines := strings.Split(out, "\n")
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, width, "…")
		}
		out = strings.Join(lines, "\n")
	}
	a.println(out)
}

// safeCells is row with every cell made safe (model.SafeLine).
func safeCells(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = model.SafeLine(c)
	}
	return out
}

// fitColumns gives each column its title and width (0: left out) so the
// table is at most width cells wide; width 0 is no limit. A column takes
// its content's width plus a space each side, and columns are separated
// by one cell.
func fitColumns(cols []column, rows [][]string, width int) ([]string, []int) {
	titles := make([]string, len(cols))
	widths := make([]int, len(cols))
	natural := func(i int) int {
		w := mapview.Width(titles[i])
		for _, r := range rows {
			if i < len(r) {
				w = max(w, mapview.Width(r[i]))
			}
		}
		return w
	}
	for i, c := range cols {
		titles[i] = c.Title
		widths[i] = natural(i)
	}
	if width <= 0 {
		return titles, widths
	}
	total := func() int {
		t, n := 0, 0
		for _, w := range widths {
			if w > 0 {
				t += w + 2
				n++
			}
		}
		return t + max(n-1, 0)
	}
	drop := func(from, to int) {
		for rank := from; rank <= to && total() > width; rank++ {
			for i, c := range cols {
				if c.Drop == rank {
					widths[i] = 0
				}
			}
		}
	}
	drop(1, 9)
	// Short titles, then shorten the widest shortenable column, a cell
	// at a time, until the table fits or none can give more.
	for i, c := range cols {
		if total() <= width {
			break
		}
		if c.Short != "" && widths[i] > 0 {
			titles[i] = c.Short
			widths[i] = natural(i)
		}
	}
	for total() > width {
		best := -1
		for i, c := range cols {
			if c.Min > 0 && widths[i] > c.Min && (best < 0 || widths[i]-c.Min > widths[best]-cols[best].Min) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		widths[best]--
	}
	maxRank := 0
	for _, c := range cols {
		maxRank = max(maxRank, c.Drop)
	}
	drop(10, maxRank)
	return titles, widths
}

// renderTable draws a header and rows as lipgloss's table does with a
// column border only, one cell of padding each side and a bold header.
// Cells on one line are drawn here directly, cell by cell, since lipgloss
// styling every cell took 0.3 ms a row (30 s for 100,000 customers); a
// test holds the two equal. Text over more lines, with tabs or escapes,
// and rows of another length than the header still go through lipgloss.
func renderTable(header []string, body [][]string) string {
	plain := func(s string) bool { return !strings.ContainsAny(s, "\n\r\t\x1b") }
	widths := make([]int, len(header))
	simple := true
	measure := func(row []string) {
		// lipgloss draws a short row without its column borders.
		simple = simple && len(row) == len(header)
		for j := range widths {
			if j < len(row) {
				simple = simple && plain(row[j])
				widths[j] = max(widths[j], mapview.Width(row[j]))
			}
		}
	}
	measure(header)
	for _, row := range body {
		measure(row)
	}
	if !simple {
		return lipglossTable(header, body)
	}
	var b strings.Builder
	cell := func(s string, j int, bold bool) {
		if j > 0 {
			b.WriteString("│")
		}
		b.WriteByte(' ')
		if bold {
			b.WriteString("\x1b[1m" + s + "\x1b[m")
		} else {
			b.WriteString(s)
		}
		b.WriteString(strings.Repeat(" ", widths[j]-mapview.Width(s)+1))
	}
	for j, h := range header {
		cell(h, j, true)
	}
	b.WriteByte('\n')
	for j, w := range widths {
		if j > 0 {
			b.WriteString("┼")
		}
		b.WriteString(strings.Repeat("─", w+2))
	}
	for _, row := range body {
		b.WriteByte('\n')
		for j := range widths {
			s := ""
			if j < len(row) {
				s = row[j]
			}
			cell(s, j, false)
		}
	}
	return b.String()
}

// lipglossTable is the table renderTable draws, drawn by lipgloss.
func lipglossTable(header []string, body [][]string) string {
	return table.New().
		Border(lipgloss.NormalBorder()).
		BorderRow(false).BorderColumn(true).BorderLeft(false).BorderRight(false).BorderTop(false).BorderBottom(false).
		Headers(header...).Rows(body...).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Padding(0, 1)
			if row == table.HeaderRow {
				s = s.Bold(true)
			}
			return s
		}).String()
}
