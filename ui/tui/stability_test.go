package tui

import (
	"strings"
	"testing"
)

// L lists the customers least stable first, and enter opens the brief of
// the one selected.
func TestStabilityListsLeastStableFirst(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openDemo(t, lang)
			press(t, m, "L")
			s, ok := m.top().(*stabilityScreen)
			if !ok {
				t.Fatalf("L opened %T", m.top())
			}
			if !s.loaded || len(s.list) != len(m.ws.Data().Customers) {
				t.Fatalf("loaded %v, %d of %d customers", s.loaded, len(s.list), len(m.ws.Data().Customers))
			}
			for i := 1; i < len(s.list); i++ {
				if s.list[i].Stability.Share < s.list[i-1].Stability.Share {
					t.Fatalf("row %d (%.2f) is less stable than row %d (%.2f)", i, s.list[i].Stability.Share, i-1, s.list[i-1].Stability.Share)
				}
			}
			if s.list[0].Stability.Share >= 1 {
				t.Fatalf("the demo's least stable customer always holds its class")
			}
			goldenAt(t, m)
			first := s.list[0].Assessment.Customer
			if !strings.Contains(frameText(m), first.Name) {
				t.Fatalf("the list does not show %s:\n%s", first.Name, frameText(m))
			}
			press(t, m, "enter")
			if b, ok := m.top().(*briefScreen); !ok || b.id != first.ID {
				t.Fatalf("enter opened %T", m.top())
			}
			press(t, m, "esc")
			requireHelp(t, m)
		})
	}
}
