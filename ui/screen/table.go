package screen

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/styles"
)

// Column is a table column. A column with Width sizes itself to its
// content, its title included, up to Width; the flexible columns (Width
// 0, such as a name) share what the others leave.
type Column struct {
	Title string
	Width int
	// Right aligns the column's cells to the right.
	Right bool
}

// Row is one table row; Styles colours single cells (nil = plain).
type Row struct {
	Cells  []string
	Styles []*lipgloss.Style
}

// ListKeys are the keys that move a list's cursor.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// Table is a scrolling list of rows with a highlighted cursor row.
type Table struct {
	// Styles is the look in use, asked for at every draw.
	Styles func() *styles.Styles
	Cols   []Column
	Rows   []Row
	Cursor int
	Offset int
	// Empty is shown when there are no rows.
	Empty  string
	width  int
	height int
	// widest is each column's widest cell, title included, measured when
	// the rows are set rather than at every draw.
	widest []int
}

// SetSize sizes the table, its header line included.
func (t *Table) SetSize(w, h int) { t.width, t.height = w, h }

// SetRows replaces the rows, keeping the cursor in range.
func (t *Table) SetRows(rows []Row) {
	// Widths are measured on what is shown: data carries no escapes.
	for i := range rows {
		for j, c := range rows[i].Cells {
			rows[i].Cells[j] = model.SafeLine(c)
		}
	}
	t.Rows = rows
	t.Cursor = min(max(t.Cursor, 0), max(len(rows)-1, 0))
	t.widest = make([]int, len(t.Cols))
	for i, c := range t.Cols {
		t.widest[i] = ansi.StringWidth(c.Title)
	}
	for _, r := range rows {
		for i := range min(len(r.Cells), len(t.Cols)) {
			t.widest[i] = max(t.widest[i], ansi.StringWidth(r.Cells[i]))
		}
	}
}

// Move handles the cursor keys; it reports whether the key was one.
func (t *Table) Move(msg tea.KeyPressMsg, k ListKeys) bool {
	n := len(t.Rows)
	to, ok := Step(msg, k, t.Cursor, n-1, max(t.height-2, 1))
	if !ok {
		return false
	}
	t.Cursor = min(max(to, 0), max(n-1, 0))
	return true
}

// Step is where the list keys move a position (a cursor, or a scroll
// offset) that runs from 0 to last, a page being page lines; ok is false
// for any other key. The caller clamps the result.
func Step(msg tea.KeyPressMsg, k ListKeys, at, last, page int) (to int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return at - 1, true
	case key.Matches(msg, k.Down):
		return at + 1, true
	case key.Matches(msg, k.PageUp):
		return at - page, true
	case key.Matches(msg, k.PageDown):
		return at + page, true
	case key.Matches(msg, k.Home):
		return 0, true
	case key.Matches(msg, k.End):
		return last, true
	}
	return at, false
}

// MinFlex is the narrowest a flexible column (a name) may get before
// columns on the right are dropped.
const MinFlex = 24

// natural is the width column i's content asks for, at most its Width.
func (t *Table) natural(i int) int {
	w := ansi.StringWidth(t.Cols[i].Title)
	if i < len(t.widest) {
		w = t.widest[i]
	}
	return min(w, t.Cols[i].Width)
}

// Widths gives every column its width for the current table width: the
// sized columns as wide as their content, the flexible ones the rest, and
// columns dropped from the right (width 0) when the window is narrow.
func (t *Table) Widths() []int {
	ws := make([]int, len(t.Cols))
	fixed, flex := 0, 0
	for i, c := range t.Cols {
		if c.Width > 0 {
			ws[i] = max(t.natural(i), 1)
			fixed += ws[i] + 1
		} else {
			flex++
		}
	}
	avail := t.width - 2 - fixed // two cells for the cursor marker
	for i := len(t.Cols) - 1; avail < MinFlex*flex && i > 0; i-- {
		if t.Cols[i].Width > 0 && ws[i] > 0 {
			avail += ws[i] + 1
			ws[i] = 0
		}
	}
	for i, c := range t.Cols {
		if c.Width == 0 && flex > 0 {
			ws[i] = max(avail-1, 4) / flex
		}
	}
	return ws
}

// View draws the header line and the rows that fit.
func (t *Table) View() string {
	s := t.Styles()
	if len(t.Rows) == 0 {
		return s.Muted.Render(Wrap(t.Empty, t.width))
	}
	ws := t.Widths()
	var b strings.Builder
	b.WriteString("  ")
	for i, c := range t.Cols {
		if ws[i] == 0 {
			continue
		}
		b.WriteString(s.Muted.Bold(true).Render(Align(c.Title, ws[i], c.Right)) + " ")
	}
	b.WriteByte('\n')
	h := max(t.height-1, 1)
	t.Offset = ScrollWindow(t.Cursor, t.Offset, len(t.Rows), h)
	end := min(t.Offset+h, len(t.Rows))
	for r := t.Offset; r < end; r++ {
		row := t.Rows[r]
		sel := r == t.Cursor
		marker := "  "
		if sel {
			marker = s.Cursor.Render("▸ ")
		}
		b.WriteString(marker)
		for i, c := range t.Cols {
			if ws[i] == 0 {
				continue
			}
			text := ""
			if i < len(row.Cells) {
				text = row.Cells[i]
			}
			st := s.Text
			if i < len(row.Styles) && row.Styles[i] != nil {
				st = *row.Styles[i]
			}
			if sel {
				st = st.Inherit(s.Selected).Background(s.Selected.GetBackground()).Bold(true)
				if s.Theme == styles.HighContrast {
					st = st.Reverse(true)
				}
			}
			b.WriteString(st.Render(Align(text, ws[i], c.Right)))
			if sel {
				b.WriteString(s.Selected.Render(" "))
			} else {
				b.WriteString(" ")
			}
		}
		if r < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
