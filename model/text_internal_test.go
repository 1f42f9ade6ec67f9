package model

import "testing"

// The short cut for plain text must give what cleaning rune by rune gives.
func TestPlainTextIsClean(t *testing.T) {
	for _, s := range []string{"", "A", "Customer 00001 AB", "a b c", "~!@#$%^&*()_+{}|:<>?`-=[]\\;',./\"",
		" A", "A ", "A  B", "A\tB", "A\nB", "Å", "\x7f", "\x1b[31m",
		"Underlag från mötet i oktober.", "Åhléns Möbel AB", "A\u00adB", "A\u00a0B", "A\u0085B", "A\u0300", "\u0391\u0416", "Bad\xffName", "東京"} {
		checkPlain(t, s)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"", "Customer 00001 AB", "A  B", " x", "Å", "Mötet i oktober", "A\u0301", "\u00ad"} {
		f.Add(s)
	}
	f.Fuzz(checkPlain)
}

func checkPlain(t *testing.T, s string) {
	if !plainText(s) {
		return
	}
	for _, keep := range []bool{false, true} {
		if got := cleanRunes(s, keep); got != s {
			t.Errorf("plainText(%q), but cleaning (lines kept: %v) gives %q", s, keep, got)
		}
	}
}

func TestPlainTextTakesShortCut(t *testing.T) {
	for _, s := range []string{"Customer 00001 AB", "Underlag från mötet i oktober.", "Åhléns Möbel AB", "Ελλάδα", "Москва"} {
		if !plainText(s) {
			t.Errorf("plainText(%q) is false", s)
		}
	}
	for _, s := range []string{" A", "A  B", "A\u00adB", "A\u00a0B", "A\u0085B", "A\u0301", "Bad\xffName", "東京", "A\u200bB"} {
		if plainText(s) {
			t.Errorf("plainText(%q) is true", s)
		}
	}
}
