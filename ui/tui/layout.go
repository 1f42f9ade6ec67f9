package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/charmbracelet/x/ansi"
)

// fit clips or pads s to exactly h lines of at most w cells, so a screen
// can never push the footer off or wrap in the terminal.
func fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
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

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// truncate shortens s to w cells with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// cell truncates and pads s to exactly w cells.
func cell(s string, w int) string { return padRight(truncate(s, w), w) }

// wrap word-wraps s to w cells, breaking words longer than a line.
func wrap(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Hardwrap(ansi.Wordwrap(s, w, ""), w, true)
}

// scrollWindow picks which of n rows to show in h lines so that the
// cursor row stays visible, moving as little as possible from offset.
func scrollWindow(cursor, offset, n, h int) int {
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

// placeCenter centres a block in w×h.
func placeCenter(w, h int, block string) string {
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, block)
}
