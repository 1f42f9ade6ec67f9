package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CleanText makes user text safe to store and to print on a terminal: it
// drops terminal escape sequences, control characters and bidirectional
// overrides, turns tabs and line breaks into spaces, collapses runs of
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
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b { // ESC: skip the whole sequence
			i += escapeLen(s[i:])
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
			space = false
			continue
		case r == '\r' && keepLines:
			continue
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		case unicode.IsControl(r) || isBidiControl(r) || r == utf8.RuneError:
			continue
		}
		space = false
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

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC): CSI, OSC, DCS and other string sequences, and
// two-byte escapes.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters then a final byte 0x40–0x7e
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: end at BEL or ST
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
