package cli

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRenderTableIsLipgloss: the table drawn cell by cell is byte for
// byte the one lipgloss draws, for tables of every shape: empty cells
// and columns, wide and narrow letters, rows shorter than the header, no
// rows at all, and text on more lines (which goes through lipgloss).
func TestRenderTableIsLipgloss(t *testing.T) {
	words := []string{"", "1", "Mälarö Lyftteknik AB", "P1", "東京商事", "–", "10/10", "Nordbygg 🚧", "a\u0308b", "Ölands", "x y", "multi\\nline"}
	r := rand.New(rand.NewPCG(13, 14))
	for round := range 300 {
		cols := 1 + r.IntN(6)
		pick := func() string {
			w := words[r.IntN(len(words))]
			if round%3 != 0 {
				w = strings.ReplaceAll(w, "\\n", " ")
			}
			return strings.ReplaceAll(w, "\\n", "\n")
		}
		header := make([]string, cols)
		for j := range header {
			header[j] = pick()
		}
		body := make([][]string, r.IntN(5))
		for i := range body {
			n := cols
			if r.IntN(4) == 0 {
				n = r.IntN(cols + 1)
			}
			body[i] = make([]string, n)
			for j := range body[i] {
				body[i][j] = pick()
			}
		}
		t.Run(fmt.Sprint(round), func(t *testing.T) {
			if got, want := renderTable(header, body), lipglossTable(header, body); got != want {
				t.Fatalf("header %q, rows %q:\ngot  %q\nwant %q", header, body, got, want)
			}
		})
	}
}

// BenchmarkRenderTable10000 draws the customers' table of 10,000 rows.
func BenchmarkRenderTable10000(b *testing.B) {
	header := []string{"#", "Kund", "Prioritet", "Maktbalans", "Del A", "Del B", "Hur de ser oss", "Hur vi ser dem", "Spelrum", "På gränsen"}
	body := make([][]string, 10000)
	for i := range body {
		body[i] = []string{fmt.Sprint(i + 1), fmt.Sprintf("Åkeri Söderström %d AB", i), "P2", "Ömsesidigt beroende", "10/10", "8/10", "Strategisk", "Kärnkund", "+0,4", "–"}
	}
	b.ReportAllocs()
	for b.Loop() {
		renderTable(header, body)
	}
}

// BenchmarkLipglossTable10000 is the same table drawn by lipgloss, as it
// was before.
func BenchmarkLipglossTable10000(b *testing.B) {
	header := []string{"#", "Kund", "Prioritet", "Maktbalans", "Del A", "Del B", "Hur de ser oss", "Hur vi ser dem", "Spelrum", "På gränsen"}
	body := make([][]string, 10000)
	for i := range body {
		body[i] = []string{fmt.Sprint(i + 1), fmt.Sprintf("Åkeri Söderström %d AB", i), "P2", "Ömsesidigt beroende", "10/10", "8/10", "Strategisk", "Kärnkund", "+0,4", "–"}
	}
	b.ReportAllocs()
	for b.Loop() {
		lipglossTable(header, body)
	}
}
