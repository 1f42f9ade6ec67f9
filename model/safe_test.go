package model_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	. "styrka/model"
)

func TestSafe(t *testing.T) {
	tests := []struct {
		name, in, want, line string
	}{
		{"plain", "Åhléns Möbel AB", "Åhléns Möbel AB", ""},
		{"lines and tabs kept", "a\tb\nc", "a\tb\nc", "a b c"},
		{"crlf kept, lone cr gone", "a\r\nb\rc", "a\r\nbc", "a  b c"},
		{"sgr", "\x1b[31mRöd\x1b[0m", "Röd", ""},
		{"clear screen", "\x1b[2J\x1b[HKund", "Kund", ""},
		{"title with bel", "\x1b]0;pwned\x07Kund", "Kund", ""},
		{"osc 8 link", "\x1b]8;;https://example.invalid/\x1b\\Länk\x1b]8;;\x1b\\", "Länk", ""},
		{"osc ended by c1 st", "\x1b]2;x\u009cKund", "Kund", ""},
		{"osc 52 clipboard", "\x1b]52;c;cm0gLXJmIH4=\x07ok", "ok", ""},
		{"dcs", "\x1bP1$qm\x1b\\ok", "ok", ""},
		{"apc", "\x1b_Gf=100;AAAA\x1b\\ok", "ok", ""},
		{"charset", "\x1b(0lqk\x1b(B", "lqk", ""},
		{"decaln", "\x1b#8ok", "ok", ""},
		{"unterminated osc stops at the line", "\x1b]0;title\nnext line", "\nnext line", " next line"},
		{"unterminated osc stops at a new escape", "\x1b]0;title\x1b[1mok", "ok", ""},
		{"broken csi stops at a control", "\x1b[12\nok", "\nok", " ok"},
		{"esc at the end", "ok\x1b", "ok", ""},
		{"c0", "a\x00b\x07c\x08d\x7fe", "abcde", ""},
		{"c1 csi", "a\u009b2Jb", "a2Jb", ""},
		{"next line", "a\u0085b", "ab", ""},
		{"raw c1 byte", "a\x9b2Jb", "a2Jb", ""},
		{"bidi override", "abc\u202eexe.txt\u202c", "abcexe.txt", ""},
		{"isolates and marks", "\u2066a\u2069\u200e\u200f\u061c", "a", ""},
		{"zero width", "Exist\u200bing\u2060 AB\ufeff\u00ad", "Existing AB", ""},
		{"tags", "a\U000E0041\U000E007Fb", "ab", ""},
		{"hangul filler", "a\u3164b", "ab", ""},
		{"line separator", "a\u2028b", "a\nb", "a b"},
		{"emoji joiner kept", "👩‍👩‍👧 ❤️‍🔥", "👩‍👩‍👧 ❤️‍🔥", ""},
		{"stray joiner", "a\u200db", "ab", ""},
		{"cjk", "東京商事", "東京商事", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Safe(tt.in); got != tt.want {
				t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.want)
			}
			line := tt.line
			if line == "" {
				line = tt.want
			}
			if got := SafeLine(tt.in); got != line {
				t.Errorf("SafeLine(%q) = %q, want %q", tt.in, got, line)
			}
		})
	}
}

func TestSafeStyledKeepsOnlySGR(t *testing.T) {
	in := "\x1b[1;31mstyrka:\x1b[m \x1b]8;;https://x.invalid\x07Link\x1b]8;;\x07 \x1b[2J\x1b[38:2::1:2:3mok\x1b[0m\u009b"
	want := "\x1b[1;31mstyrka:\x1b[m Link \x1b[38:2::1:2:3mok\x1b[0m"
	if got := SafeStyled(in); got != want {
		t.Errorf("SafeStyled = %q, want %q", got, want)
	}
}

func TestSafeReturnsCleanTextAsIs(t *testing.T) {
	s := strings.Repeat("Åhléns Möbel AB 👩‍👩‍👧\n", 100)
	if n := testing.AllocsPerRun(100, func() { _ = Safe(s) }); n != 0 {
		t.Errorf("Safe of clean text allocates %.0f times", n)
	}
	if Safe(s) != s {
		t.Error("Safe changed clean text")
	}
}

func TestCleanTextDropsZeroWidth(t *testing.T) {
	for _, in := range []string{"Exist\u200bing AB", "Existing\u200c AB", "\ufeffExisting AB", "Exis\u00adting AB", "Existing\u2060 AB", "Exist\u200ding AB"} {
		if got := CleanText(in); got != "Existing AB" {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, "Existing AB")
		}
	}
}

// FuzzSafe checks what Safe promises for any input: nothing a terminal
// acts on is left, and a second pass changes nothing.
func FuzzSafe(f *testing.F) {
	for _, s := range []string{"\x1b]8;;x\x1b\\a", "\x1b[2J", "a\u009bb", "\u202e", "\xff", "👩\u200d👩", "\x1b]0;\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Safe(s), SafeLine(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("Safe(%q) = %q is not UTF-8", s, out)
			}
			for i, r := range out {
				if r == '\n' || r == '\t' || (r == '\r' && strings.HasPrefix(out[i+1:], "\n")) {
					continue
				}
				if unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != 0x200d) {
					t.Fatalf("Safe(%q) = %q keeps %U", s, out, r)
				}
			}
			if Safe(out) != out && out == Safe(s) {
				t.Fatalf("Safe is not idempotent on %q", s)
			}
		}
		if got := SafeStyled(s); strings.Contains(got, "\x07") || strings.Contains(got, "\x1b]") {
			t.Fatalf("SafeStyled(%q) = %q keeps a string sequence", s, got)
		}
	})
}

func BenchmarkSafe(b *testing.B) {
	clean := strings.Repeat("Åhléns Möbel AB, Göteborg\n", 40)
	dirty := strings.Repeat("Åhléns \x1b[31mMöbel\x1b[0m AB\u200b, Göteborg\n", 40)
	b.Run("clean", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(clean)))
		for b.Loop() {
			_ = Safe(clean)
		}
	})
	b.Run("dirty", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(dirty)))
		for b.Loop() {
			_ = Safe(dirty)
		}
	})
}

// BenchmarkSafeStyledScreen is the guard on a whole styled screen of the
// terminal app, 200 columns by 50 lines with a styled cell every 20
// columns, as a View would pass it once a frame.
func BenchmarkSafeStyledScreen(b *testing.B) {
	var sb strings.Builder
	for range 50 {
		for range 10 {
			sb.WriteString("\x1b[1;38;2;200;120;40mÅhléns Möbel\x1b[m ")
			sb.WriteString("│ 3,4  ")
		}
		sb.WriteString("\n")
	}
	screen := sb.String()
	b.ReportAllocs()
	b.SetBytes(int64(len(screen)))
	for b.Loop() {
		_ = SafeStyled(screen)
	}
}
