package screen

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"styrka/ui/styles"
)

// helpEntry is one line of the help screen: a key and what it does, or a
// blank between groups when both are empty.
type helpEntry struct{ key, desc string }

// helpEntries lists the enabled bindings of the groups, each group
// followed by a blank.
func helpEntries(groups [][]key.Binding) []helpEntry {
	var out []helpEntry
	for _, g := range groups {
		for _, k := range g {
			if k.Enabled() {
				out = append(out, helpEntry{k.Help().Key, k.Help().Desc})
			}
		}
		out = append(out, helpEntry{})
	}
	return out
}

// helpGap is the room between two columns of keys.
const helpGap = 3

// helpColumns lays the entries out in as many columns of at most h lines
// as they need, of even length, never wider than w.
func helpColumns(s *styles.Styles, entries []helpEntry, w, h int) string {
	for len(entries) > 0 && entries[len(entries)-1] == (helpEntry{}) {
		entries = entries[:len(entries)-1]
	}
	h = max(h, 1)
	n := len(entries)
	k := (n + h - 1) / h
	per := (n + k - 1) / k
	var cols [][]helpEntry
	for i := 0; i < n; i += per {
		col := entries[i:min(i+per, n)]
		// A blank at the top or bottom of a column is wasted.
		for len(col) > 0 && col[0] == (helpEntry{}) {
			col = col[1:]
		}
		for len(col) > 0 && col[len(col)-1] == (helpEntry{}) {
			col = col[:len(col)-1]
		}
		cols = append(cols, col)
	}
	keyW := 0
	for _, e := range entries {
		keyW = max(keyW, ansi.StringWidth(e.key))
	}
	colW := max((w-2-(len(cols)-1)*helpGap)/len(cols), 1)
	descW := colW - keyW - 2
	rows := 0
	for _, c := range cols {
		rows = max(rows, len(c))
	}
	lines := make([]string, rows)
	for i := range lines {
		var b strings.Builder
		b.WriteString("  ")
		for j, c := range cols {
			if j > 0 {
				b.WriteString(strings.Repeat(" ", helpGap))
			}
			cellText := ""
			if i < len(c) && c[i] != (helpEntry{}) {
				cellText = s.Key.Render(PadRight(c[i].key, keyW)) + "  " + s.Text.Render(Truncate(c[i].desc, descW))
			}
			if j < len(cols)-1 {
				cellText = PadRight(cellText, colW)
			}
			b.WriteString(cellText)
		}
		lines[i] = strings.TrimRight(b.String(), " ")
	}
	return strings.Join(lines, "\n")
}
