// Package styles holds the terminal UI's look: one Styles value with
// semantic names, built for a theme (dark, light or high contrast for
// projectors).
package styles

import (
	"fmt"
	"image/color"

	"charm.land/lipgloss/v2"

	"styrka/ui/mapview"
)

// Theme names a look.
type Theme string

const (
	Auto         Theme = "auto"
	Dark         Theme = "dark"
	Light        Theme = "light"
	HighContrast Theme = "high-contrast"
)

// Themes lists the themes --theme accepts.
var Themes = []Theme{Auto, Dark, Light, HighContrast}

// ParseTheme accepts a theme's name.
func ParseTheme(s string) (Theme, error) {
	for _, t := range Themes {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown theme %q", s)
}

// Styles is every style the UI uses, by meaning.
type Styles struct {
	Theme  Theme
	IsDark bool

	App        lipgloss.Style
	Header     lipgloss.Style // the top bar
	HeaderDim  lipgloss.Style
	Title      lipgloss.Style // a screen's heading
	Heading    lipgloss.Style // a section heading inside a screen
	Text       lipgloss.Style
	Muted      lipgloss.Style
	Selected   lipgloss.Style // the highlighted row
	Cursor     lipgloss.Style // the marker in front of the highlighted row
	Error      lipgloss.Style
	Warning    lipgloss.Style
	OK         lipgloss.Style
	Status     lipgloss.Style // the transient message above the footer
	Panel      lipgloss.Style // a bordered box
	Dialog     lipgloss.Style // a confirmation box
	Key        lipgloss.Style
	KeyDesc    lipgloss.Style
	BarFull    lipgloss.Style
	BarEmpty   lipgloss.Style
	Priority   [5]lipgloss.Style // index 1–4 for P1–P4, 0 for none
	Quadrant   [4]lipgloss.Style // map quadrants in reading order
	Accent     color.Color
	Background color.Color
	Map        *mapview.Styles
}

// New builds the styles of a theme; isDark is the terminal's background
// when the theme is Auto.
func New(t Theme, isDark bool) *Styles {
	switch t {
	case Dark:
		isDark = true
	case Light:
		isDark = false
	case HighContrast:
		return highContrast()
	}
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#9D8CFF"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E8E8E8"))
	muted := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF7A70"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#FFC15E"))
	green := ld(lipgloss.Color("#1E6B2E"), lipgloss.Color("#7EDC8A"))
	cyan := ld(lipgloss.Color("#0B5F73"), lipgloss.Color("#6FD3EA"))
	selBg := ld(lipgloss.Color("#E4DEFF"), lipgloss.Color("#3B3266"))

	s := &Styles{Theme: t, IsDark: isDark, Accent: accent}
	s.App = lipgloss.NewStyle().Foreground(text)
	s.Header = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(accent).Padding(0, 1)
	s.HeaderDim = lipgloss.NewStyle().Foreground(muted)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Heading = lipgloss.NewStyle().Bold(true).Foreground(text)
	s.Text = lipgloss.NewStyle().Foreground(text)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(text).Background(selBg)
	s.Cursor = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Error = lipgloss.NewStyle().Bold(true).Foreground(red)
	s.Warning = lipgloss.NewStyle().Foreground(amber)
	s.OK = lipgloss.NewStyle().Foreground(green)
	s.Status = lipgloss.NewStyle().Foreground(green)
	s.Panel = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).Padding(0, 1)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(red).Padding(1, 2)
	s.Key = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.KeyDesc = lipgloss.NewStyle().Foreground(muted)
	s.BarFull = lipgloss.NewStyle().Foreground(accent)
	s.BarEmpty = lipgloss.NewStyle().Foreground(muted)
	s.Priority = [5]lipgloss.Style{
		lipgloss.NewStyle().Foreground(muted),
		lipgloss.NewStyle().Bold(true).Foreground(red),
		lipgloss.NewStyle().Bold(true).Foreground(amber),
		lipgloss.NewStyle().Foreground(cyan),
		lipgloss.NewStyle().Foreground(muted),
	}
	// Quadrants in reading order, in the palette the SVG shares.
	for q, pc := range Palette() {
		s.Quadrant[q] = lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color(pc.Ink), lipgloss.Color(pc.Glow)))
	}
	s.Map = mapview.NewStyles(lipgloss.NewStyle().Foreground(muted), lipgloss.NewStyle().Foreground(muted),
		lipgloss.NewStyle().Bold(true).Reverse(true), s.Quadrant)
	return s
}

// highContrast is for projectors: bright basic colours, bold text, and
// reverse video for the selection, so the room can read it from the back.
func highContrast() *Styles {
	bold := lipgloss.NewStyle().Bold(true)
	s := &Styles{Theme: HighContrast, IsDark: true, Accent: lipgloss.BrightYellow}
	s.App = lipgloss.NewStyle()
	s.Header = bold.Reverse(true).Padding(0, 1)
	s.HeaderDim = bold
	s.Title = bold.Foreground(lipgloss.BrightYellow).Underline(true)
	s.Heading = bold.Underline(true)
	s.Text = lipgloss.NewStyle()
	s.Muted = lipgloss.NewStyle()
	s.Selected = bold.Reverse(true)
	s.Cursor = bold.Foreground(lipgloss.BrightYellow)
	s.Error = bold.Foreground(lipgloss.BrightRed)
	s.Warning = bold.Foreground(lipgloss.BrightYellow)
	s.OK = bold.Foreground(lipgloss.BrightGreen)
	s.Status = bold.Foreground(lipgloss.BrightGreen)
	s.Panel = lipgloss.NewStyle().Border(lipgloss.ThickBorder()).Padding(0, 1)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).Padding(1, 2)
	s.Key = bold.Foreground(lipgloss.BrightYellow)
	s.KeyDesc = lipgloss.NewStyle()
	s.BarFull = bold.Foreground(lipgloss.BrightWhite)
	s.BarEmpty = lipgloss.NewStyle()
	s.Priority = [5]lipgloss.Style{
		lipgloss.NewStyle(),
		bold.Reverse(true),
		bold.Foreground(lipgloss.BrightYellow),
		bold,
		lipgloss.NewStyle(),
	}
	// The palette's bright tones, which a 16-colour projector turns into
	// its nearest basic colours.
	for q, pc := range Palette() {
		s.Quadrant[q] = bold.Foreground(lipgloss.Color(pc.Glow))
	}
	s.Map = mapview.NewStyles(bold, bold, bold.Reverse(true), s.Quadrant)
	return s
}

// MapStyles colour a map where the terminal's background is not known
// (`styrka map`): the palette's middle tones, which read on dark and light.
func MapStyles() *mapview.Styles {
	var q [4]lipgloss.Style
	for i, pc := range Palette() {
		q[i] = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color(pc.Fill))
	}
	return mapview.NewStyles(lipgloss.NewStyle().Faint(true), lipgloss.NewStyle().Faint(true), lipgloss.NewStyle().Reverse(true), q)
}

// PriorityStyle is the style of a priority (0 for none).
func (s *Styles) PriorityStyle(p int) lipgloss.Style {
	if p < 0 || p >= len(s.Priority) {
		return s.Priority[0]
	}
	return s.Priority[p]
}
