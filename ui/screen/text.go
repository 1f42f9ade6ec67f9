package screen

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Fit clips or pads s to exactly h lines of at most w cells, so a screen
// can never push the footer off or wrap in the terminal.
func Fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// PadRight pads s with spaces to w cells.
func PadRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// Truncate shortens s to w cells with an ellipsis.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// Cell truncates and pads s to exactly w cells.
func Cell(s string, w int) string { return PadRight(Truncate(s, w), w) }

// Align truncates s to w cells and pads it on the left (right aligned)
// or on the right.
func Align(s string, w int, right bool) string {
	s = Truncate(s, w)
	if right {
		if pad := w - ansi.StringWidth(s); pad > 0 {
			return strings.Repeat(" ", pad) + s
		}
		return s
	}
	return PadRight(s, w)
}

// Wrap word-wraps s to w cells, breaking words longer than a line.
func Wrap(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Hardwrap(ansi.Wordwrap(s, w, ""), w, true)
}

// ScrollWindow picks which of n rows to show in h lines so that the
// cursor row stays visible, moving as little as possible from offset.
func ScrollWindow(cursor, offset, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+h {
		offset = cursor - h + 1
	}
	return min(max(offset, 0), n-h)
}

// PlaceCenter centres a block in w×h.
func PlaceCenter(w, h int, block string) string {
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, block)
}

// Spread puts left and right on one line of w cells, left cut first when
// both do not fit.
func Spread(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return Truncate(right, w)
	}
	left = Truncate(left, w-rw-1)
	gap := max(w-ansi.StringWidth(left)-rw, 0)
	return left + strings.Repeat(" ", gap) + right
}

// Hanging wraps text after a prefix, indenting the following lines under
// the text.
func Hanging(prefix, text string, w int, pst, tst lipgloss.Style) []string {
	pw := ansi.StringWidth(prefix)
	if pw >= w/2 {
		// Too narrow for a hanging indent: the prefix gets its own line.
		return append([]string{pst.Render(Truncate(prefix, w))}, Styled(Wrap(text, w), tst)...)
	}
	lines := strings.Split(Wrap(text, w-pw), "\n")
	out := make([]string, len(lines))
	pad := strings.Repeat(" ", pw)
	for i, l := range lines {
		p := pad
		if i == 0 {
			p = pst.Render(prefix)
		}
		out[i] = p + tst.Render(l)
	}
	return out
}

// Styled renders every line of a wrapped text on its own, so that a style
// never spans a line break (the lines are cut and put side by side).
func Styled(text string, st lipgloss.Style) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = st.Render(l)
		}
	}
	return lines
}

// SideBySide lays two columns of lines next to each other.
func SideBySide(left, right []string, lw, gap int) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	for i := range n {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		if r == "" {
			out[i] = l
			continue
		}
		out[i] = PadRight(l, lw) + strings.Repeat(" ", gap) + r
	}
	return out
}
