package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the output side of CleanText: what may reach a terminal or
// a text report. Names are cleaned when they are typed or imported, but a
// database can be crafted, a content file or a path can hold anything, so
// every outside string is made safe again where it leaves styrka. It lives
// in model, beside CleanText, so that one definition of "unsafe" (the
// escape parser and the invisible characters) serves the way in and the
// way out, and so every package (the command line, the reports, the
// terminal app, the SSH server) can call it without a new import path.

// Safe is s made safe to write to a terminal or a text report: terminal
// escape sequences (CSI, OSC including OSC 8 links, DCS, SOS, PM, APC and
// two-byte escapes), C0 and C1 control characters, DEL, bytes that are
// not UTF-8, bidirectional overrides and zero-width characters are taken
// out. Line breaks and tabs stay, and so does a carriage return before a
// line break (CSV's CRLF). Nothing else changes, and a string with
// nothing to take out is returned as it is, without allocating.
func Safe(s string) string { return safe(s, false, false) }

// SafeLine is Safe for text shown on one line (a cell of a table, a name
// in a sentence): line breaks and tabs become spaces.
func SafeLine(s string) string { return safe(s, true, false) }

// SafeStyled is Safe for a whole text of styrka's own output in which
// data has already been made safe: it keeps complete SGR sequences
// (styrka's colour and bold) and takes out every other sequence and
// control character. It is the last guard before the terminal, for a
// path that forgot Safe: a stray SGR can only colour text, every other
// sequence (a link, a title, a cursor move, a query) is gone.
func SafeStyled(s string) string { return safe(s, false, true) }

func safe(s string, line, keepSGR bool) string {
	i := firstUnsafe(s, line)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			// A run of printable ASCII, most of any text, is copied whole.
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f {
				j++
			}
			b.WriteString(s[i:j])
			prev, i = rune(s[j-1]), j
			continue
		}
		if c == 0x1b {
			n := EscapeLen(s[i:])
			if keepSGR && isSGR(s[i:i+n]) {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\n' || r == '\t':
			if line {
				r = ' '
			}
		case r == '\r':
			if line {
				r = ' '
			} else if i >= len(s) || s[i] != '\n' {
				continue
			}
		case r == utf8.RuneError && size == 1:
			continue
		case unicode.IsControl(r):
			continue
		case r == 0x2028 || r == 0x2029: // line and paragraph separators
			r = ' '
			if !line {
				r = '\n'
			}
		case invisible(prev, r, s[i:]):
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// firstUnsafe is the index of the first byte of s that safe would change,
// or len(s).
func firstUnsafe(s string, line bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == '\t':
				if line {
					return i
				}
			case c < 0x20 || c == 0x7f:
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unicode.IsControl(r) || r == 0x2028 || r == 0x2029 {
			return i
		}
		if r == 0x200d {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if invisible(prev, r, s[i+size:]) {
				return i
			}
		} else if invisible(0, r, "") {
			return i
		}
		i += size
	}
	return len(s)
}

// UnsafeRune reports whether Safe takes r out wherever it stands: a
// control character or an invisible format character. A zero-width
// joiner counts, though Safe keeps one between emoji. Writers of a format
// with its own escapes (JSON's \u) use it to escape what Safe would drop,
// so the data is kept and the terminal sees none of it.
func UnsafeRune(r rune) bool {
	return r == utf8.RuneError || unicode.IsControl(r) || invisible(0, r, "")
}

// invisible reports whether r is a character that shows nothing but can
// make two names that look the same differ, or reorder what is shown:
// the format characters (zero-width space, joiners, word joiner, byte
// order mark, soft hyphen, bidirectional controls, tags) and the Hangul
// fillers, letters that draw nothing. A zero-width
// joiner between two emoji stays: it joins them into one (👩‍👩‍👧). prev
// is the rune before r, rest the text after it.
func invisible(prev, r rune, rest string) bool {
	switch {
	case r < 0xad, r > 0xad && r < 0x600, r >= 0x2070 && r < 0x3164, r > 0x3164 && r < 0xfeff:
		// Most text, Swedish letters and box drawing among it: no
		// format character is here, and this is checked for every rune
		// of every screen.
		return false
	case !unicode.Is(unicode.Cf, r) && r != 0x180e && r != 0x3164 && r != 0xffa0 && (r < 0x115f || r > 0x1160):
		return false
	}
	if r == 0x200d { // zero-width joiner
		next, _ := utf8.DecodeRuneInString(rest)
		return !(emojiPart(prev) && next != utf8.RuneError && unicode.Is(unicode.So, next))
	}
	return true
}

// emojiPart reports whether r can end an emoji that a joiner continues:
// a symbol, a skin tone or the emoji variation selector.
func emojiPart(r rune) bool {
	return r != utf8.RuneError && unicode.Is(unicode.So, r) || (r >= 0x1f3fb && r <= 0x1f3ff) || r == 0xfe0f
}

// EscapeLen is the length of the escape sequence at the start of s, which
// starts with ESC. A sequence never runs past a line break or a new ESC,
// so a broken one in one name cannot swallow the rest of a report: CSI
// ends at its final byte or at the first byte that cannot be part of it;
// OSC, DCS, SOS, PM and APC end at BEL or ST; other escapes are ESC,
// intermediate bytes and a final byte.
func EscapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameter and intermediate bytes, then a final byte
		for j := 2; j < len(s); j++ {
			switch c := s[j]; {
			case c >= 0x40 && c <= 0x7e:
				return j + 1
			case c < 0x20 || c > 0x7e:
				return j
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_': // string sequences
		for j := 2; j < len(s); j++ {
			switch s[j] {
			case 0x07: // BEL
				return j + 1
			case 0x1b:
				if j+1 < len(s) && s[j+1] == '\\' { // ST
					return j + 2
				}
				return j
			case '\n':
				return j
			case 0xc2: // ST as the C1 character U+009C
				if j+1 < len(s) && s[j+1] == 0x9c {
					return j + 2
				}
			}
		}
		return len(s)
	}
	j := 1
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f { // intermediates
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	return j
}

// isSGR reports whether seq is one complete Select Graphic Rendition
// sequence: ESC [ digits and separators m.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for _, c := range []byte(seq[2 : len(seq)-1]) {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}
