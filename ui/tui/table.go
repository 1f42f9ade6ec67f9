package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"styrka/ui/keys"
)

// column is a table column: a fixed width, or flexible (Width 0) to take
// what the fixed ones leave.
type column struct {
	Title string
	Width int
	// Right aligns the column's cells to the right.
	Right bool
}

// row is one table row; Style colours single cells (nil = plain).
type row struct {
	Cells  []string
	Styles []*lipgloss.Style
}

// table is a scrolling list of rows with a highlighted cursor row.
type table struct {
	c      *Common
	cols   []column
	rows   []row
	cursor int
	offset int
	width  int
	height int
	// empty is shown when there are no rows.
	empty string
}

func (t *table) SetSize(w, h int) { t.width, t.height = w, h }

func (t *table) SetRows(rows []row) {
	t.rows = rows
	t.cursor = min(max(t.cursor, 0), max(len(rows)-1, 0))
}

// move handles the cursor keys; it reports whether the key was one.
func (t *table) move(msg tea.KeyPressMsg, k keys.KeyMap) bool {
	n := len(t.rows)
	page := max(t.height-2, 1)
	switch {
	case key.Matches(msg, k.Up):
		t.cursor--
	case key.Matches(msg, k.Down):
		t.cursor++
	case key.Matches(msg, k.PageUp):
		t.cursor -= page
	case key.Matches(msg, k.PageDown):
		t.cursor += page
	case key.Matches(msg, k.Home):
		t.cursor = 0
	case key.Matches(msg, k.End):
		t.cursor = n - 1
	default:
		return false
	}
	t.cursor = min(max(t.cursor, 0), max(n-1, 0))
	return true
}

// minFlex is the narrowest a flexible column (a name) may get before
// columns on the right are dropped.
const minFlex = 24

// widths gives every column its width for the current table width.
func (t *table) widths() []int {
	ws := make([]int, len(t.cols))
	fixed, flex := 0, 0
	for i, c := range t.cols {
		if c.Width > 0 {
			ws[i] = c.Width
			fixed += c.Width + 1
		} else {
			flex++
		}
	}
	avail := t.width - 2 - fixed // two cells for the cursor marker
	// Drop fixed columns from the right when the window is narrow, keeping
	// the flexible ones at least minFlex wide.
	for i := len(t.cols) - 1; avail < minFlex*flex && i > 0; i-- {
		if t.cols[i].Width > 0 && ws[i] > 0 {
			avail += ws[i] + 1
			ws[i] = 0
		}
	}
	for i, c := range t.cols {
		if c.Width == 0 && flex > 0 {
			ws[i] = max(avail-1, 4) / flex
		}
	}
	return ws
}

func (t *table) View() string {
	s := t.c.Styles
	if len(t.rows) == 0 {
		return s.Muted.Render(wrap(t.empty, t.width))
	}
	ws := t.widths()
	var b strings.Builder
	b.WriteString("  ")
	for i, c := range t.cols {
		if ws[i] == 0 {
			continue
		}
		b.WriteString(s.Muted.Bold(true).Render(align(c.Title, ws[i], c.Right)) + " ")
	}
	b.WriteByte('\n')
	h := max(t.height-1, 1)
	t.offset = scrollWindow(t.cursor, t.offset, len(t.rows), h)
	end := min(t.offset+h, len(t.rows))
	for r := t.offset; r < end; r++ {
		row := t.rows[r]
		sel := r == t.cursor
		marker := "  "
		if sel {
			marker = s.Cursor.Render("▸ ")
		}
		b.WriteString(marker)
		for i, c := range t.cols {
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
				if t.c.Theme == "high-contrast" {
					st = st.Reverse(true)
				}
			}
			b.WriteString(st.Render(align(text, ws[i], c.Right)))
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

func align(s string, w int, right bool) string {
	s = truncate(s, w)
	if right {
		pad := w - lipgloss.Width(s)
		if pad > 0 {
			return strings.Repeat(" ", pad) + s
		}
		return s
	}
	return padRight(s, w)
}
