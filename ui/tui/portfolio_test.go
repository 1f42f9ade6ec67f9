package tui

import (
	"strings"
	"testing"
)

func TestPortfolioGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openDemo(t, lang)
			press(t, m, "O")
			if _, ok := m.top().(*portfolioScreen); !ok {
				t.Fatalf("O in the customer list opened %T", m.top())
			}
			requireHelp(t, m)
			goldenAt(t, m)
		})
	}
}

// TestPortfolioContent: the portfolio has every breakdown, the
// concentration with its reading and the effort, and scrolls to its end.
func TestPortfolioContent(t *testing.T) {
	m, _ := openDemo(t, "en")
	press(t, m, "O")
	s := m.top().(*portfolioScreen)
	text := strings.Join(s.lines, "\n")
	for _, want := range []string{"of our revenue sits where the customer dominates", "By power balance", "By how they class us",
		"By how we class them", "By priority", "Concentration", "The 5 largest customers hold", "Herfindahl–Hirschman index",
		"Effort against the priorities", "Mälarö Lyftteknik AB"} {
		if !strings.Contains(text, want) {
			t.Errorf("the portfolio lacks %q", want)
		}
	}
	press(t, m, "end")
	if !strings.Contains(frameText(m), "Effort against the priorities") {
		t.Errorf("end does not show the effort:\n%s", frameText(m))
	}
	requireFits(t, m)
}
