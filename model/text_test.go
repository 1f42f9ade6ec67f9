package model_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	. "styrka/model"
)

func TestCleanText(t *testing.T) {
	decomposed := norm.NFD.String("Åhléns Möbel AB")
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Åhléns Möbel AB", "Åhléns Möbel AB"},
		{"nfc", decomposed, "Åhléns Möbel AB"},
		{"trim and collapse", "  Bergström \t  Verkstad\n", "Bergström Verkstad"},
		{"colour escape", "\x1b[31mRöd\x1b[0m AB", "Röd AB"},
		{"title escape", "\x1b]0;pwned\x07Kund", "Kund"},
		{"osc with st", "\x1b]8;;http://x\x1b\\Länk\x1b]8;;\x1b\\", "Länk"},
		{"c0 and c1 controls", "A\x00B\x07C\u009bD", "ABCD"},
		{"next line is a break", "A\u0085B", "A B"},
		{"bidi override", "abc\u202eexe.txt", "abcexe.txt"},
		{"emoji zwj kept", "👩‍👩‍👧 AB", "👩‍👩‍👧 AB"},
		{"cjk", "東京商事", "東京商事"},
		{"invalid utf8", "Bad\xff\xfeName", "BadName"},
		{"only controls", "\x1b[2J\x00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanNoteKeepsLines(t *testing.T) {
	in := "Rad ett  \r\nRad\ttvå\x1b[1m fet\x1b[0m\n\n"
	want := "Rad ett\nRad två fet"
	if got := CleanNote(in); got != want {
		t.Errorf("CleanNote(%q) = %q, want %q", in, got, want)
	}
}
