package tui

import (
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/mapview"
)

// TestMapTargetsGolden: with a target set for Rydéns (Nuisance for us,
// the target Core), T on the map draws the way from its position to
// where Core lies, and the heading says what the marks mean; T again
// hides it.
func TestMapTargetsGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, db := newTestModel(t, lang, true)
			press(t, m, "enter")
			cid := customerID(t, m, dontKnowCustomer)
			if err := db.PutTarget(model.Target{WorkshopID: assets.DemoID, CustomerID: cid, Pref: model.Core}); err != nil {
				t.Fatal(err)
			}
			drive(t, m, m.ws.Load(assets.DemoID, nil))
			press(t, m, "m")
			s, ok := m.top().(*mapScreen)
			if !ok {
				t.Fatalf("m opened %T", m.top())
			}
			if strings.Contains(frameText(m), mapview.TargetMarker) {
				t.Fatalf("a target shows before T:\n%s", frameText(m))
			}
			press(t, m, "T")
			if !s.targets || len(s.targetsFor()) != 1 || !strings.Contains(frameText(m), mapview.TargetMarker) {
				t.Fatalf("T: %v, %d ways:\n%s", s.targets, len(s.targetsFor()), frameText(m))
			}
			requireNoSharedKeys(t, m)
			goldenAt(t, m)
			press(t, m, "T")
			if strings.Contains(frameText(m), mapview.TargetMarker) {
				t.Errorf("T again leaves the way:\n%s", frameText(m))
			}
		})
	}
}
