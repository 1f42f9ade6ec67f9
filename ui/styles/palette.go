package styles

// QuadrantColour is one quadrant's colour in the tones each surface
// needs, hex RGB. The hue is the quadrant's, wherever the map is drawn.
type QuadrantColour struct {
	Ink  string // text and strokes on a light background (paper, a light terminal)
	Fill string // a bubble; text where the background is not known
	Tint string // the quadrant's background on paper
	Glow string // text on a dark background
}

// Palette is the colour of each quadrant in reading order: for the power
// view we dominate (amber), interdependence (green), independence
// (blue), the customer dominates (red). The TUI, `styrka map` and the
// SVG all take their quadrant colours from here.
func Palette() [4]QuadrantColour {
	return [4]QuadrantColour{
		{Ink: "#A8770F", Fill: "#E0A526", Tint: "#FDF6E3", Glow: "#F2C14E"},
		{Ink: "#23683C", Fill: "#3A9D5D", Tint: "#EEF7F0", Glow: "#7EDC8A"},
		{Ink: "#2F557E", Fill: "#4F7CAC", Tint: "#EEF3F8", Glow: "#8DB8E8"},
		{Ink: "#8E3422", Fill: "#C8553D", Tint: "#FBEFEC", Glow: "#FF8A70"},
	}
}
