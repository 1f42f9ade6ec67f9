package styles

import (
	"image/color"
	"testing"

	"charm.land/lipgloss/v2"
)

// TestQuadrantsUseThePalette: every theme draws each quadrant in the
// palette's hue: ink on light, glow on dark and high contrast, fill for
// styrka map, whose background is not known.
func TestQuadrantsUseThePalette(t *testing.T) {
	same := func(a, b color.Color) bool {
		r1, g1, b1, a1 := a.RGBA()
		r2, g2, b2, a2 := b.RGBA()
		return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
	}
	for q, pc := range Palette() {
		for _, tc := range []struct {
			name string
			got  color.Color
			want string
		}{
			{"light", New(Light, false).Quadrant[q].GetForeground(), pc.Ink},
			{"dark", New(Dark, true).Quadrant[q].GetForeground(), pc.Glow},
			{"high contrast", New(HighContrast, true).Quadrant[q].GetForeground(), pc.Glow},
			{"styrka map", MapStyles().Quadrant[q].GetForeground(), pc.Fill},
		} {
			if !same(tc.got, lipgloss.Color(tc.want)) {
				t.Errorf("%s: quadrant %d is %v, want %s", tc.name, q, tc.got, tc.want)
			}
		}
	}
}
