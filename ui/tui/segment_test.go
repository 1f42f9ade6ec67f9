package tui

import (
	"fmt"
	"strings"
	"styrka/ui/screen"
	"testing"

	"styrka/model"
	"styrka/ui/mapview"
)

func TestSegmentGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, s := openMap(t, lang)
			for q := range 4 {
				t.Run(fmt.Sprintf("power%d", q+1), func(t *testing.T) {
					press(t, m, fmt.Sprint(q+1))
					goldenAt(t, m)
					press(t, m, "esc")
				})
			}
			// The Kraljic view's top right: the Strategic class.
			press(t, m, "v")
			t.Run("strategic", func(t *testing.T) {
				press(t, m, "2")
				goldenAt(t, m)
				press(t, m, "esc")
			})
			if m.top() != Screen(s) {
				t.Fatalf("back on %T, not the map", m.top())
			}
		})
	}
}

func TestSegmentFitsEverySize(t *testing.T) {
	m, _ := openMap(t, "sv")
	for _, v := range []string{"", "v", "v"} {
		if v != "" {
			press(t, m, v)
		}
		for q := range 4 {
			press(t, m, fmt.Sprint(q+1))
			for _, sz := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {160, 50}} {
				resize(t, m, sz[0], sz[1])
				requireFits(t, m)
				press(t, m, "end")
				requireFits(t, m)
			}
			press(t, m, "esc")
		}
	}
}

func TestSegmentScrollsAndOpensCustomers(t *testing.T) {
	m, _ := openMap(t, "en")
	press(t, m, "2")
	s := m.top().(*segmentScreen)
	c := m.c.Content
	rt := c.Regimes[model.Interdependence]
	if len(s.members) < 2 {
		t.Fatalf("interdependence has %d customers in the demo", len(s.members))
	}
	out := frameText(m)
	for _, want := range []string{strings.ToUpper(rt.Name), c.T("tui.segment.customers"), s.ranked[s.members[0]].Customer.Name} {
		if !strings.Contains(out, want) {
			t.Fatalf("segment lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, firstLine(rt.Negotiation)) {
		t.Fatalf("the negotiation advice should be below the fold at 80×24:\n%s", out)
	}
	press(t, m, "pgdown")
	if s.offset == 0 {
		t.Fatal("pgdown did not scroll")
	}
	press(t, m, "end")
	if out := frameText(m); !strings.Contains(out, c.T("label.negotiation")) {
		t.Fatalf("end does not show the negotiation advice:\n%s", out)
	}
	press(t, m, "home")
	if s.offset != 0 {
		t.Fatal("home did not go back to the top")
	}
	// Ranked by priority: the ranks shown ascend.
	for j := 1; j < len(s.members); j++ {
		if s.members[j] <= s.members[j-1] {
			t.Fatal("customers are not in rank order")
		}
	}
	press(t, m, "tab")
	want := s.ranked[s.members[1]].Customer.Name
	press(t, m, "enter")
	if got := m.top().Title(); got != want {
		t.Fatalf("enter opened %q, want %q", got, want)
	}
	press(t, m, "esc")
	if m.top() != Screen(s) || s.cursor != 1 {
		t.Fatal("esc from the brief did not come back to the segment with its cursor")
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(screen.Wrap(s, 70), "\n")
	return s
}

func TestSegmentDigits(t *testing.T) {
	m, _ := openMap(t, "en")
	c := m.c.Content
	// In a power segment, a digit switches segment; esc still goes back
	// to the map.
	press(t, m, "1", "3")
	if got := m.top().Title(); got != c.Regimes[model.Independence].Name {
		t.Fatalf("3 in a segment opened %q", got)
	}
	press(t, m, "esc")
	if _, ok := m.top().(*mapScreen); !ok {
		t.Fatalf("esc went to %T", m.top())
	}
	// In a class, it opens the power regime its customers fall in, with
	// the class below it.
	press(t, m, "v", "2")
	out := frameText(m)
	if !strings.Contains(out, c.T("tui.segment.regimes")) || !strings.Contains(out, c.T("tui.segment.behaviour.kraljic")) {
		t.Fatalf("the Strategic class lacks its sections:\n%s", out)
	}
	press(t, m, "end")
	if !strings.Contains(frameText(m), c.T("tui.segment.pointer", 2)) {
		t.Fatalf("the Strategic class does not point to interdependence:\n%s", frameText(m))
	}
	press(t, m, "2")
	if got := m.top().Title(); got != c.Regimes[model.Interdependence].Name {
		t.Fatalf("2 in the Strategic class opened %q", got)
	}
	press(t, m, "esc")
	if got := m.top().Title(); got != c.Kraljic[model.Strategic].Name {
		t.Fatalf("esc went back to %q", got)
	}
}

func TestSegmentWithoutCustomers(t *testing.T) {
	m, _ := newTestModel(t, "sv", false)
	ds := syntheticWorkshop(3, nil, 1) // no questions: nobody placed
	m.own.Open(&ds, "")
	drive(t, m, screen.PushMsg{Screen: newSegment(m.c, m.ws, mapview.Power, 1)})
	out := frameText(m)
	if !strings.Contains(out, m.c.T("report.regime.none")) {
		t.Fatalf("an empty segment does not say so:\n%s", out)
	}
	press(t, m, "enter", "tab", "down", "pgdown")
	requireFits(t, m)
}
