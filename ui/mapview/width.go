package mapview

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Measuring names through ansi (grapheme segmentation, then a width per
// grapheme) was half of a map's time with a thousand customers. Most
// names are printable ASCII or precomposed Latin letters (Swedish å, ä, ö
// among them): one rune is one cell and one grapheme there, so such text
// is measured and cut by counting runes; anything else goes through ansi.

// narrowRune is a rune that takes one cell and forms a grapheme of its
// own next to any other narrow rune: printable ASCII, the Latin-1 and
// Latin Extended-A letters (but not the soft hyphen, U+00AD, which ansi
// gives no width), the dashes, quotes and ellipsis of General
// Punctuation and the arrows, which styrka's tables and maps use.
func narrowRune(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f:
		return true
	case r >= 0xa0 && r <= 0x17f:
		return r != 0xad
	case r >= 0x2010 && r <= 0x2027, r >= 0x2190 && r <= 0x21ff:
		return true
	}
	return false
}

// isNarrow reports whether every rune of s is a narrowRune.
func isNarrow(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || b < 0x20 || b == 0x7f {
			for _, r := range s[i:] {
				if !narrowRune(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

// Width is the display width of s in cells: ansi.StringWidth, counting
// runes for narrow text. Reports measuring many cells use it too.
func Width(s string) int { return textWidth(s) }

// textWidth is ansi.StringWidth, counting runes for narrow text.
func textWidth(s string) int {
	if isNarrow(s) {
		return utf8.RuneCountInString(s)
	}
	return ansi.StringWidth(s)
}

// truncate cuts s to at most w cells, without a tail: ansi.Truncate,
// counting runes for narrow text.
func truncate(s string, w int) string {
	if !isNarrow(s) {
		return ansi.Truncate(s, w, "")
	}
	n := 0
	for i := range s {
		if n == w {
			return s[:i]
		}
		n++
	}
	return s
}
