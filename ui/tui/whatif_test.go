package tui

import (
	"reflect"
	"strings"
	"testing"

	"styrka/assets"
)

// w in a brief opens the what-if: a changed answer moves the placement on
// the screen and nothing reaches the store; r takes the changes back.
func TestWhatIfMovesThePlacementWithoutSaving(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, b := openBrief(t, lang, cleanCustomer)
			db := m.ws.Store()
			before, err := db.Load(assets.DemoID)
			if err != nil {
				t.Fatal(err)
			}
			press(t, m, "w")
			s, ok := m.top().(*whatIfScreen)
			if !ok {
				t.Fatalf("w opened %T", m.top())
			}
			if s.customer.ID != b.id {
				t.Fatal("the what-if is about another customer")
			}
			now := s.placement(s.assess(false))
			// Every answer to 1: the customer must move.
			for range s.list {
				press(t, m, "1", "down")
			}
			after := s.placement(s.assess(true))
			if after == now {
				t.Fatalf("answers of 1 everywhere left the placement at %s", now)
			}
			goldenAt(t, m)
			if f := frameText(m); !strings.Contains(f, after) && !strings.Contains(f, strings.Split(after, " · ")[0]) {
				t.Fatalf("the screen does not show the new placement %q:\n%s", after, f)
			}
			got, _ := db.Load(assets.DemoID)
			if !reflect.DeepEqual(got.Answers, before.Answers) {
				t.Fatal("the what-if changed answers in the store")
			}
			press(t, m, "r")
			if s.placement(s.assess(true)) != now {
				t.Fatal("r did not take the changes back")
			}
			requireHelp(t, m)
		})
	}
}
