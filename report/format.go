package report

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"styrka/assets"
	"styrka/model"
)

// Number formats v with the given decimals the way lang writes numbers
// ("3,4" and "12 500 000" in Swedish, "3.4" and "12,500,000" in English).
func Number(lang string, v float64, decimals int) string {
	tag := language.English
	if lang == "sv" {
		tag = language.Swedish
	}
	p := message.NewPrinter(tag)
	switch decimals {
	case 0:
		return p.Sprintf("%.0f", v)
	case 1:
		return p.Sprintf("%.1f", v)
	}
	return p.Sprintf("%.2f", v)
}

// Rate writes an exchange rate with up to four decimals and no trailing
// zeros: 11.5, 0.0871, 1.
func Rate(lang string, v float64) string {
	s := message.NewPrinter(language.English).Sprintf("%.4f", v)
	if lang == "sv" {
		s = message.NewPrinter(language.Swedish).Sprintf("%.4f", v)
	}
	dec := "."
	if lang == "sv" {
		dec = ","
	}
	if strings.Contains(s, dec) {
		s = strings.TrimRight(strings.TrimRight(s, "0"), dec)
	}
	return s
}

// Signed is Number with an explicit sign for positive values.
func Signed(lang string, v float64, decimals int) string {
	s := Number(lang, v, decimals)
	if strings.Trim(s, "0.,−-") == "" {
		// Rounds to zero: no sign.
		return Number(lang, 0, decimals)
	}
	if v > 0 && !strings.HasPrefix(s, "+") {
		s = "+" + s
	}
	return s
}

// Revenue formats a customer's annual revenue, or "" when unknown.
func Revenue(lang string, c model.Customer) string {
	if c.Revenue == nil {
		return ""
	}
	s := Number(lang, *c.Revenue, 0)
	if c.Currency != "" {
		s += " " + c.Currency
	}
	return s
}

// Bar draws a score on 1–5 as a bar of width cells.
func Bar(v float64, width int) string {
	if width <= 0 {
		return ""
	}
	eighths := int(v/float64(model.Levels)*float64(width*8) + 0.5)
	eighths = min(max(eighths, 0), width*8)
	var b strings.Builder
	full := eighths / 8
	b.WriteString(strings.Repeat("█", full))
	if rest := eighths % 8; rest > 0 {
		b.WriteRune([]rune(" ▏▎▍▌▋▊▉")[rest])
		full++
	}
	b.WriteString(strings.Repeat("░", width-full))
	return b.String()
}

// Labels gives the names of an assessment's classes, regime, priority and
// room in the content's language; "–" where not placed. Stance says when it
// is only indicative (outside strategic items). OnLine names, when the
// customer is on the line, the dimensions and what it could also be; it is
// "" otherwise.
type Labels struct {
	Kraljic, Preferencing, Regime, Priority, Room, Stance string
	OnLine                                                string
}

// LabelsOf names an assessment's placement.
func LabelsOf(c *assets.Content, lang string, a model.Assessment) Labels {
	dash := "–"
	l := Labels{Kraljic: dash, Preferencing: dash, Regime: dash, Priority: a.Priority.String(), Room: dash, Stance: dash}
	if a.Kraljic != "" {
		l.Kraljic = c.Kraljic[a.Kraljic].Name
	}
	if a.Pref != "" {
		l.Preferencing = c.Preferencing[a.Pref].Name
	}
	if a.Regime != "" {
		l.Regime = c.Regimes[a.Regime].Name
	}
	if a.Room.Placed {
		l.Room = c.Rooms[a.Room.Level].Name + " (" + Signed(lang, a.Room.Value, 1) + ")"
		l.Stance = StanceName(c, a.Room)
	}
	l.OnLine = OtherPlacements(c, a)
	return l
}
