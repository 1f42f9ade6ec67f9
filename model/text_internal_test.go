package model

import "testing"

// The short cut for plain text must give what cleaning rune by rune gives.
func TestPlainTextIsClean(t *testing.T) {
	for _, s := range []string{"", "A", "Customer 00001 AB", "a b c", "~!@#$%^&*()_+{}|:<>?`-=[]\\;',./\"",
		" A", "A ", "A  B", "A\tB", "A\nB", "Å", "\x7f", "\x1b[31m"} {
		checkPlain(t, s)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"", "Customer 00001 AB", "A  B", " x", "Å"} {
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
