package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CleanText makes user text safe to store and to print on a terminal: it
// drops terminal escape sequences, control characters, bidirectional
// overrides and zero-width characters (so "Exist\u200bing AB" is the
// same name as "Existing AB"), turns tabs and line breaks into spaces, collapses runs of
// spaces, trims the ends and normalises to NFC, so "Å" typed on one
// keyboard equals "Å" pasted from another.
func CleanText(s string) string {
	return cleanText(s, false)
}

// CleanNote is CleanText for multi-line text such as notes: line breaks
// are kept, trailing spaces on each line and blank lines at the ends are
// dropped.
func CleanNote(s string) string {
	return cleanText(s, true)
}

func cleanText(s string, keepLines bool) string {
	if plainText(s) {
		// Nothing to drop, collapse, trim or normalise; most names and
		// notes of an import are such, and cleaning 200,000 of them was a
		// tenth of reading a large export.
		return s
	}
	return cleanRunes(s, keepLines)
}

// cleanRunes is cleanText rune by rune.
func cleanRunes(s string, keepLines bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	var prev rune // the last rune kept, for a joiner between emoji
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b { // ESC: skip the whole sequence
			i += EscapeLen(s[i:])
			continue
		}
		i += size
		switch {
		case r == '\n' && keepLines:
			// Trim the spaces before a line break.
			out := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(out)
			b.WriteByte('\n')
			space, prev = false, '\n'
			continue
		case r == '\r' && keepLines:
			continue
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space, prev = true, ' '
			continue
		case unicode.IsControl(r) || invisible(prev, r, s[i:]) || r == utf8.RuneError:
			continue
		}
		space, prev = false, r
		b.WriteRune(r)
	}
	out := b.String()
	if keepLines {
		out = strings.Trim(out, " \n")
	} else {
		out = strings.TrimSpace(out)
	}
	return norm.NFC.String(out)
}

// plainText reports whether s is text that cleaning, with or without
// line breaks kept, gives back unchanged: printable characters below
// U+0600 (ASCII, the Latin, Greek and Cyrillic letters; no control,
// format character or space but ASCII's), no spaces at its ends or two in
// a row, in NFC.
func plainText(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	ascii := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c > '~' || c == ' ' && s[i+1] == ' ' { // the last byte is no space
				return false
			}
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		if r <= 0xa0 || r == 0xad || r >= 0x600 { // C1 controls, no-break space, soft hyphen; RuneError is past U+0600
			return false
		}
		i += size
	}
	return ascii || norm.NFC.IsNormalString(s)
}
